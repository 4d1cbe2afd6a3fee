"""The containers' health checks (Dockerfile, docker-compose.yml).

    python scripts/healthcheck.py web    gunicorn answers /healthz with "ok"
    python scripts/healthcheck.py beat   celery beat saved its schedule lately

Exit 0 when healthy, 1 (with the reason on stderr) when not. Only the
standard library: it runs every few seconds and must not load Django.

web: asks http://127.0.0.1:8000/healthz (HEALTHCHECK_URL), which checks the
database, with the Host header of the first of ALLOWED_HOSTS, so Django
accepts it; /healthz is exempt from the redirect to HTTPS.

beat: celery beat writes its schedule file (BEAT_SCHEDULE, the path given to
`celery beat --schedule`; dbm may add a suffix) when it starts and, after
sending a task, whenever three minutes have passed since it last did. The
site's beat sends tasks every five minutes, so a file untouched for
BEAT_MAX_AGE seconds (600) means beat has stopped sending them.
"""

import glob
import os
import sys
import time
import urllib.error
import urllib.request


def _host():
    for host in os.environ.get("ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def web():
    url = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz")
    request = urllib.request.Request(url, headers={"Host": _host()})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            body = response.read(100).decode(errors="replace").strip()
            status = response.status
    except urllib.error.HTTPError as error:
        return f"{url} answered {error.code}"
    except OSError as error:
        return f"{url} did not answer: {error}"
    if status != 200 or body != "ok":
        return f"{url} answered {status} {body!r}"
    return None


def beat():
    path = os.environ.get("BEAT_SCHEDULE", "/app/var/beat/celerybeat-schedule")
    max_age = int(os.environ.get("BEAT_MAX_AGE", "600"))
    files = glob.glob(glob.escape(path) + "*")
    if not files:
        return f"no schedule file at {path}"
    age = time.time() - max(os.path.getmtime(f) for f in files)
    if age > max_age:
        return f"{path} last saved {age:.0f} s ago (more than {max_age} s)"
    return None


def main(argv):
    checks = {"web": web, "beat": beat}
    if len(argv) != 2 or argv[1] not in checks:
        print(f"usage: {argv[0]} {'|'.join(checks)}", file=sys.stderr)
        return 2
    problem = checks[argv[1]]()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

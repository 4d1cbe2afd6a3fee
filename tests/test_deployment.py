"""Settings fail loudly in production, and the deployment is hardened
(issue 23): docker-compose.yml is valid and puts Caddy in front of a
gunicorn nobody else can reach, web and worker share one media volume,
every service has a health check, the image is built without local state,
with WeasyPrint's libraries, static files collected, as a user who is not
root; Caddy sets the forwarded headers itself, whatever a client sends.

There is no docker engine here: what cannot be built or run is checked in
the files, and what can run (Caddy, the health checks, gunicorn's /healthz,
celery beat and a worker) is run for real."""

import contextlib
import fnmatch
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from django.conf import settings as django_settings

from tests.conftest import service_missing

ROOT = Path(__file__).resolve().parent.parent


def _import_settings(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")
    }
    return subprocess.run(
        [sys.executable, "-c", "import hwbb.settings"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_the_default_secret_key():
    result = _import_settings(DEBUG="0", ALLOWED_HOSTS="hwbb.example.org")
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set SECRET_KEY" in result.stderr


def test_production_refuses_empty_allowed_hosts():
    result = _import_settings(DEBUG="0", SECRET_KEY="a-real-secret")
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set ALLOWED_HOSTS" in result.stderr


def test_production_starts_when_configured():
    result = _import_settings(
        DEBUG="0", SECRET_KEY="a-real-secret", ALLOWED_HOSTS="hwbb.example.org"
    )
    assert result.returncode == 0, result.stderr


def test_embedded_default_is_sqlite_eager_celery_and_console_email():
    code = (
        "from hwbb import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER,"
        " s.EMAIL_BACKEND, s.TIME_ZONE, s.LANGUAGE_CODE)"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "EMAIL_HOST")
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DEBUG": "1"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.console.EmailBackend",
        "Europe/London",
        "en-gb",
    ]


def _cache_prefix(database_url):
    code = "from hwbb import settings as s; print(s.CACHES['default']['KEY_PREFIX'])"
    env = {**os.environ, "DEBUG": "1", "CACHE_URL": "redis://127.0.0.1:6379/0"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_two_databases_sharing_a_redis_keep_their_cache_apart():
    """A bench's one-year and ten-year datasets (or two sites) on one Redis
    read neither each other's judgements nor each other's pages."""
    one = _cache_prefix("postgres://postgres@127.0.0.1:5432/hwbb_bench1")
    ten = _cache_prefix("postgres://postgres@127.0.0.1:5432/hwbb_bench10")
    other_host = _cache_prefix("postgres://postgres@10.0.0.2:5432/hwbb_bench1")
    assert len({one, ten, other_host}) == 3
    assert one == _cache_prefix("postgres://postgres@127.0.0.1:5432/hwbb_bench1")


def _compose_command():
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    service_missing(
        "neither `docker compose` nor docker-compose (make system-deps installs it)"
    )


COMPOSE_ENV = {
    "SECRET_KEY": "x",
    "ALLOWED_HOSTS": "hwbb.example.org",
    "POSTGRES_PASSWORD": "x",
    "SITE_DOMAIN": "hwbb.example.org",
}


def _compose_config(*args, **env):
    return subprocess.run(
        [*_compose_command(), "-f", "docker-compose.yml", "config", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


def test_docker_compose_file_parses():
    result = _compose_config("-q", **COMPOSE_ENV)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("missing", sorted(COMPOSE_ENV))
def test_docker_compose_refuses_to_start_without_its_settings(missing):
    env = {k: v for k, v in COMPOSE_ENV.items() if k != missing}
    clean = {k: v for k, v in os.environ.items() if k not in COMPOSE_ENV}
    result = subprocess.run(
        [*_compose_command(), "-f", "docker-compose.yml", "config", "-q"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert f"set {missing}" in result.stderr


@pytest.fixture(scope="module")
def compose():
    """docker-compose.yml as compose resolves it (anchors merged, variables
    filled in)."""
    result = _compose_config(**COMPOSE_ENV)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def _ports(service):
    """(published, target) of each port, from the short or the long form
    (docker-compose v1 and the compose plugin print them differently)."""
    ports = []
    for port in service.get("ports", []):
        if isinstance(port, dict):
            ports.append((str(port.get("published")), str(port["target"])))
        else:
            published, _, target = str(port).rpartition(":")
            ports.append((published, target.split("/")[0]))
    return ports


def _mounts(service):
    """(kind, source, target) of each mount, from the short or the long form."""
    mounts = []
    for volume in service.get("volumes", []):
        if isinstance(volume, dict):
            mounts.append((volume["type"], volume.get("source"), volume["target"]))
        else:
            source, target = volume.split(":")[:2]
            kind = "bind" if source.startswith(("/", ".")) else "volume"
            mounts.append((kind, source, target))
    return mounts


def _command(service):
    """A service's command as one string (the compose plugin prints a list)."""
    command = service.get("command", "")
    return command if isinstance(command, str) else " ".join(command)


def test_only_the_proxy_publishes_ports(compose):
    services = compose["services"]
    publishing = {name for name, service in services.items() if _ports(service)}
    assert publishing == {"proxy"}
    assert {target for _, target in _ports(services["proxy"])} == {"80", "443"}
    # gunicorn is reachable on the compose network only
    assert [str(port) for port in services["web"]["expose"]] == ["8000"]
    assert "0.0.0.0:8000" in _command(services["web"])


def test_the_app_trusts_forwarded_headers_because_caddy_sets_them(compose):
    for name in ("web", "worker", "beat"):
        environment = compose["services"][name]["environment"]
        assert environment["TRUSTED_PROXY"] == "1"
        assert environment["API_NUM_PROXIES"] == "1"
        assert environment["DEBUG"] == "0"
    assert compose["services"]["proxy"]["environment"]["SITE_DOMAIN"]


def test_the_database_and_redis_are_out_of_the_proxys_reach(compose):
    services = compose["services"]
    assert compose["networks"]["backend"]["internal"] is True
    for name in ("postgres", "redis"):
        assert set(services[name]["networks"]) == {"backend"}
    assert "backend" not in services["proxy"]["networks"]


def test_web_and_worker_share_one_media_volume_at_media_root(compose):
    services = compose["services"]
    media_root = services["web"]["environment"]["MEDIA_ROOT"]
    assert media_root == "/app/media"
    for name in ("web", "worker"):
        assert services[name]["environment"]["MEDIA_ROOT"] == media_root
        assert ("volume", "media", media_root) in _mounts(services[name])
    assert "media" in compose["volumes"]
    # the image makes the directory its user's, so a new volume is too
    dockerfile = _dockerfile()
    assert "ENV MEDIA_ROOT=/app/media" in dockerfile
    assert re.search(r"chown hwbb:hwbb /app/media\b", dockerfile)


def test_beat_keeps_its_schedule_in_a_volume_not_tmp(compose):
    beat = compose["services"]["beat"]
    schedule = re.search(r"--schedule\s+(\S+)", _command(beat)).group(1)
    assert not schedule.startswith("/tmp")
    mounted = {target: source for kind, source, target in _mounts(beat)}
    assert os.path.dirname(schedule) in mounted
    assert mounted[os.path.dirname(schedule)] in compose["volumes"]
    # the same path the beat health check reads
    assert schedule == "/app/var/beat/celerybeat-schedule"
    assert "chown hwbb:hwbb /app/media /app/var/beat" in _dockerfile()


def test_every_service_has_a_health_check(compose):
    for name, service in compose["services"].items():
        check = service.get("healthcheck", {})
        assert not check.get("disable"), name
        assert check.get("test") and check["test"][0] in ("CMD", "CMD-SHELL"), name
    services = compose["services"]
    assert services["web"]["healthcheck"]["test"][-2:] == [
        "scripts/healthcheck.py",
        "web",
    ]
    assert services["beat"]["healthcheck"]["test"][-2:] == [
        "scripts/healthcheck.py",
        "beat",
    ]
    assert "inspect ping" in services["worker"]["healthcheck"]["test"][1]


def test_the_app_runs_without_privileges(compose):
    for name in ("web", "worker", "beat"):
        service = compose["services"][name]
        assert service["cap_drop"] == ["ALL"]
        assert "no-new-privileges:true" in service["security_opt"]
        assert "user" not in service  # the image's own: hwbb


# -- The image ------------------------------------------------------------------


def _dockerfile():
    return (ROOT / "Dockerfile").read_text()


def _stages():
    """Each stage's name and its instructions, continuation lines joined."""
    text = re.sub(r"\\\n", " ", _dockerfile())
    stages = {}
    current = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, rest = line.partition(" ")
        if instruction.upper() == "FROM":
            current = rest.split(" AS ")[-1].strip() if " AS " in rest else rest
            stages[current] = [("FROM", rest.split(" AS ")[0].strip())]
        else:
            stages[current].append((instruction.upper(), rest.strip()))
    return stages


def test_the_app_image_runs_as_a_user_who_is_not_root():
    app = _stages()["app"]
    assert app[0] == ("FROM", "python:3.11-slim-bookworm")
    users = [rest for instruction, rest in app if instruction == "USER"]
    assert users and users[-1] not in ("root", "0", "0:0")
    # by number, the uid and gid the image gives user hwbb
    assert users[-1] == "10001:10001"
    runs = " ".join(rest for instruction, rest in app if instruction == "RUN")
    assert "groupadd --system --gid 10001 hwbb" in runs
    assert "useradd --system --uid 10001 --gid hwbb" in runs
    assert any(instruction == "HEALTHCHECK" for instruction, _ in app)


WEASYPRINT_PACKAGES = ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"]


def _apt_installed():
    runs = [rest for instruction, rest in _stages()["app"] if instruction == "RUN"]
    apt = next(run for run in runs if "apt-get install" in run)
    command = apt.split("apt-get install", 1)[1].split("&&")[0]
    return [word for word in command.split() if not word.startswith("-")]


def test_the_image_installs_what_weasyprint_needs():
    """WeasyPrint's wheel needs Pango, its FreeType backend and HarfBuzz's
    subsetter from the system, and a font: the slim image has none."""
    packages = _apt_installed()
    for package in WEASYPRINT_PACKAGES:
        assert package in packages
    assert any(package.startswith("fonts-") for package in packages)


def test_the_packages_exist_in_debian_bookworm():
    """The image is Debian bookworm's, as this machine is: each package the
    Dockerfile installs has a candidate here."""
    if not shutil.which("apt-cache"):
        pytest.skip("no apt-cache: not a Debian machine")
    release = Path("/etc/os-release").read_text()
    if "VERSION_CODENAME=bookworm" not in release:
        pytest.skip("this machine is not Debian bookworm")
    result = subprocess.run(
        ["apt-cache", "policy", *_apt_installed()], capture_output=True, text=True
    )
    for package in _apt_installed():
        block = result.stdout.split(f"{package}:", 1)[1]
        candidate = re.search(r"Candidate: (\S+)", block).group(1)
        assert candidate != "(none)", package


def _collectstatic_command():
    runs = [rest for instruction, rest in _stages()["app"] if instruction == "RUN"]
    run = next(run for run in runs if "collectstatic" in run)
    return run.split("&&")[0].strip()


def test_static_files_are_collected_when_the_image_is_built(compose):
    command = _collectstatic_command()
    assert "manage.py collectstatic --noinput" in command
    # not each time a container starts
    for service in compose["services"].values():
        assert "collectstatic" not in _command(service)
    # the proxy image serves what the app stage collected
    proxy = _stages()["proxy"]
    assert ("COPY", "--from=app /app/staticfiles /srv/static") in proxy
    assert ("COPY", "deploy/Caddyfile /etc/caddy/Caddyfile") in proxy


def test_the_build_time_collectstatic_loads_the_production_settings():
    """The Dockerfile's own command, with its throwaway key and host, as a
    dry run (nothing written): the settings accept them."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
    }
    path = f"{Path(sys.executable).parent}{os.pathsep}{clean.get('PATH', '')}"
    result = subprocess.run(
        ["sh", "-c", _collectstatic_command() + " --dry-run"],
        cwd=ROOT,
        env={**clean, "PATH": path},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "static files copied" in result.stdout


def _ignored(path, patterns):
    """Whether .dockerignore's patterns keep `path` out of the build context:
    a pattern matches the path or a directory it is in."""
    parts = path.split("/")
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        for depth in range(1, len(parts) + 1):
            candidate = "/".join(parts[:depth])
            if fnmatch.fnmatch(candidate, pattern):
                return True
            if pattern.startswith("**/") and (
                fnmatch.fnmatch(parts[depth - 1], pattern[3:])
            ):
                return True
    return False


def test_dockerignore_keeps_local_state_out_of_the_image():
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in lines if line.strip() and line[0] != "#"]
    assert not any(pattern.startswith("!") for pattern in patterns)
    for path in (
        ".venv/bin/python",
        ".git/HEAD",
        "media/papers/2019/report.pdf",
        "db.sqlite3",
        ".env",
        "staticfiles/css/council.css",
        "test-artifacts/home.png",
        "hwbb/__pycache__/settings.cpython-311.pyc",
        "node_modules/govuk-frontend/package.json",
        "bench/results/load-10y.json",
    ):
        assert _ignored(path, patterns), path
    # what the image needs stays in
    for path in (
        "manage.py",
        "pyproject.toml",
        "hwbb/settings.py",
        "meetings/models/__init__.py",
        "templates/base.html",
        "static/css/council.css",
        "scripts/healthcheck.py",
        "deploy/Caddyfile",
    ):
        assert not _ignored(path, patterns), path
        assert (ROOT / path).exists(), path


# -- Caddy ------------------------------------------------------------------------

CADDYFILE = ROOT / "deploy" / "Caddyfile"


def _caddy():
    caddy = shutil.which("caddy")
    if not caddy:
        service_missing("caddy is not installed (make system-deps installs Debian's)")
    return caddy


def _caddy_env(tmp_path, **env):
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        **env,
    }


def test_the_caddyfile_is_valid_for_the_site(tmp_path):
    result = subprocess.run(
        [_caddy(), "adapt", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
        env=_caddy_env(tmp_path, SITE_DOMAIN="hwbb.example.org"),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert '"level":"warn"' not in result.stderr, result.stderr
    config = json.loads(result.stdout)
    server = next(iter(config["apps"]["http"]["servers"].values()))
    assert server["listen"] == [":443"]  # HTTPS, with HTTP redirected to it
    assert server["routes"][0]["match"] == [{"host": ["hwbb.example.org"]}]
    text = json.dumps(config)
    assert '"dial": "web:8000"' in text
    assert "trusted_proxies" not in text
    assert "/media" not in text  # media is Django's to serve


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Upstream(http.server.BaseHTTPRequestHandler):
    """Answers every request with the path and headers it was sent, as JSON."""

    seen = []

    def do_GET(self):
        body = json.dumps({"path": self.path, "headers": dict(self.headers)}).encode()
        self.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _listening(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


@contextlib.contextmanager
def _running(command, *, env, log, ready, cwd=ROOT):
    """A real process, its output in `log`, until `ready()` says it is up."""
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 120
        while not ready():
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"{command[0]} did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def _caddy_before(tmp_path, upstream_port):
    """deploy/Caddyfile run by a real Caddy on plain HTTP on a free port (the
    site's address is all that differs from production), in front of
    `upstream_port`, with a static file of its own."""
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "council.css").write_text("body { color: #0b0c0c; }\n")
    port, admin = _free_port(), _free_port()
    env = _caddy_env(
        tmp_path,
        SITE_DOMAIN=f"http://127.0.0.1:{port}",
        UPSTREAM=f"127.0.0.1:{upstream_port}",
        STATIC_ROOT=str(static),
        CADDY_ADMIN=f"127.0.0.1:{admin}",
    )
    command = [_caddy(), "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"]
    with _running(
        command, env=env, log=tmp_path / "caddy.log", ready=lambda: _listening(port)
    ):
        yield {"url": f"http://127.0.0.1:{port}", "admin": admin, "port": port}


@pytest.fixture
def caddy_in_front(tmp_path):
    """Caddy in front of a tiny upstream that says what it was sent."""
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    try:
        with _caddy_before(tmp_path, upstream.server_address[1]) as caddy:
            _Upstream.seen = []
            yield caddy
    finally:
        upstream.shutdown()
        upstream.server_close()


def _get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def test_caddy_overwrites_forwarded_headers_a_client_sends(caddy_in_front):
    """A client reaching Caddy over plain HTTP cannot claim HTTPS, another
    address or another host: the app (TRUSTED_PROXY=1) believes these."""
    status, _, body = _get(
        caddy_in_front["url"] + "/meetings/",
        {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "203.0.113.9",
            "X-Forwarded-Host": "evil.example",
            "Forwarded": "for=203.0.113.9;proto=https",
        },
    )
    assert status == 200
    seen = json.loads(body)
    headers = {name.lower(): value for name, value in seen["headers"].items()}
    assert seen["path"] == "/meetings/"
    assert headers["x-forwarded-proto"] == "http"
    assert headers["x-forwarded-for"] == "127.0.0.1"
    assert headers["x-forwarded-host"] == f"127.0.0.1:{caddy_in_front['port']}"
    assert headers["host"] == f"127.0.0.1:{caddy_in_front['port']}"
    assert "forwarded" not in headers


def test_caddy_serves_static_files_and_sends_media_to_django(caddy_in_front):
    status, headers, body = _get(caddy_in_front["url"] + "/static/css/council.css")
    assert status == 200
    assert body == b"body { color: #0b0c0c; }\n"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Server" not in headers
    assert _Upstream.seen == []
    # papers are served by views that check who may read them
    status, _, body = _get(caddy_in_front["url"] + "/media/papers/exempt.pdf")
    assert json.loads(body)["path"] == "/media/papers/exempt.pdf"
    assert _Upstream.seen == ["/media/papers/exempt.pdf"]


def test_caddys_health_check_address_answers(caddy_in_front):
    """The proxy's health check asks the admin endpoint's /config/."""
    check = _stages()["proxy"][-1][1]
    assert "http://127.0.0.1:2019/config/" in check
    status, _, _ = _get(f"http://127.0.0.1:{caddy_in_front['admin']}/config/")
    assert status == 200


# -- Trusting the proxy -----------------------------------------------------------


def _production_settings(*names, **env):
    code = (
        "from hwbb import settings as s;"
        f"print(repr([getattr(s, n, None) for n in {names!r}]),"
        " s.REST_FRAMEWORK['NUM_PROXIES'], s.ALLAUTH_TRUSTED_PROXY_COUNT)"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "TRUSTED_PROXY", "API_NUM_PROXIES")
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **clean,
            "DEBUG": "0",
            "SECRET_KEY": "a-real-secret",
            "ALLOWED_HOSTS": "hwbb.example.org",
            **env,
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_forwarded_headers_are_ignored_without_a_trusted_proxy():
    """gunicorn reached directly: X-Forwarded-Proto and -For are the
    client's own word, so nobody can claim HTTPS or another address."""
    assert _production_settings("SECURE_PROXY_SSL_HEADER") == "[None] None 0"


def test_forwarded_headers_are_believed_behind_a_trusted_proxy():
    assert (
        _production_settings("SECURE_PROXY_SSL_HEADER", TRUSTED_PROXY="1")
        == "[('HTTP_X_FORWARDED_PROTO', 'https')] 1 1"
    )
    assert (
        _production_settings(
            "SECURE_PROXY_SSL_HEADER", TRUSTED_PROXY="1", API_NUM_PROXIES="2"
        )
        == "[('HTTP_X_FORWARDED_PROTO', 'https')] 2 2"
    )


def test_a_client_claiming_https_is_still_redirected(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = None  # no TRUSTED_PROXY
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200


# -- Health checks ---------------------------------------------------------------


def test_healthz_answers_ok_after_asking_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_healthz_is_not_redirected_to_https_but_pages_are(client, db, settings):
    """The container's check asks gunicorn over plain HTTP."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz/").status_code == 301
    assert client.get("/").status_code == 301


def _healthcheck(*args, **env):
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "healthcheck.py"), *args],
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_web_health_check_asks_healthz_as_an_allowed_host(live_server, settings):
    settings.SECURE_SSL_REDIRECT = True
    url = live_server.url + "/healthz"
    result = _healthcheck(
        "web", HEALTHCHECK_URL=url, ALLOWED_HOSTS=",".join(settings.ALLOWED_HOSTS)
    )
    assert result.returncode == 0, result.stderr
    # a host Django refuses is a failed check, said so
    result = _healthcheck(
        "web", HEALTHCHECK_URL=url, ALLOWED_HOSTS="not-allowed.example"
    )
    assert result.returncode == 1
    assert "answered 400" in result.stderr
    # and so is nothing listening
    result = _healthcheck(
        "web", HEALTHCHECK_URL=f"http://127.0.0.1:{_free_port()}/healthz"
    )
    assert result.returncode == 1
    assert "did not answer" in result.stderr


def _celery_env(tmp_path, redis_url):
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    return {
        **clean,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "CELERY_BROKER_URL": redis_url,
        "CACHE_DIR": str(tmp_path / "cache"),
    }


def test_the_beat_health_check_reads_the_schedule_beat_writes(tmp_path, redis_url):
    """A real celery beat, started as docker-compose.yml starts it but with
    its schedule here: the check passes once beat has saved it, and fails
    when it has not been saved for BEAT_MAX_AGE seconds."""
    schedule = tmp_path / "beat" / "celerybeat-schedule"
    schedule.parent.mkdir()
    result = _healthcheck("beat", BEAT_SCHEDULE=str(schedule))
    assert result.returncode == 1
    assert "no schedule file" in result.stderr
    command = [
        *[sys.executable, "-m", "celery", "-A", "hwbb", "beat"],
        *["--loglevel=info", "--schedule", str(schedule)],
    ]
    # ready when the check passes: beat saves its schedule as it starts
    with _running(
        command,
        env=_celery_env(tmp_path, redis_url),
        log=tmp_path / "beat.log",
        ready=lambda: _healthcheck("beat", BEAT_SCHEDULE=str(schedule)).returncode == 0,
    ):
        assert list(schedule.parent.iterdir())
    long_ago = time.time() - 3600
    for path in schedule.parent.iterdir():
        os.utime(path, (long_ago, long_ago))
    result = _healthcheck("beat", BEAT_SCHEDULE=str(schedule))
    assert result.returncode == 1
    assert "more than 600 s" in result.stderr


def test_the_worker_health_check_pings_its_own_worker(tmp_path, redis_url, compose):
    """docker-compose.yml's worker check, run as the container's shell runs
    it (HOSTNAME is the container's), against a real worker named as the
    worker container's is (celery@<hostname>), then against none."""
    check = compose["services"]["worker"]["healthcheck"]["test"]
    assert check[0] == "CMD-SHELL"
    command = check[1].replace("$$", "$")  # compose's escape for a literal $
    hostname = f"hwbb-test-{os.getpid()}"
    env = _celery_env(tmp_path, redis_url)
    path = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env = {**env, "PATH": path, "HOSTNAME": hostname}
    command_line = [
        *[sys.executable, "-m", "celery", "-A", "hwbb", "worker"],
        *["--pool", "solo", "--hostname", f"celery@{hostname}", "--queues"],
        f"health-{os.getpid()}",  # takes none of the other tests' tasks
    ]
    answers = []

    def answered():
        answers.append(
            subprocess.run(
                ["sh", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True
            )
        )
        return answers[-1].returncode == 0

    with _running(command_line, env=env, log=tmp_path / "worker.log", ready=answered):
        assert "pong" in answers[-1].stdout
    # another container's name gets no answer
    env["HOSTNAME"] = f"hwbb-gone-{os.getpid()}"
    result = subprocess.run(
        ["sh", "-c", command.replace("--timeout 10", "--timeout 1")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0


# -- The whole way: Caddy in front of gunicorn ---------------------------------


@pytest.fixture
def gunicorn(tmp_path, transactional_db):
    """gunicorn as docker-compose.yml's web service runs it (DEBUG off,
    TRUSTED_PROXY on, HTTPS redirect on), on the test database."""
    db = django_settings.DATABASES["default"]
    port = _free_port()
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT", "DEBUG")
    }
    env = {
        **clean,
        "DEBUG": "0",
        "SECRET_KEY": "deployment-test-secret-key-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "TRUSTED_PROXY": "1",
        "DATABASE_URL": (
            f"postgres://{quote(db['USER'] or '')}:{quote(db['PASSWORD'] or '')}"
            f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "CACHE_DIR": str(tmp_path / "cache"),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    command = [sys.executable, "-m", "gunicorn", "hwbb.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1"]
    with _running(
        command, env=env, log=tmp_path / "gunicorn.log", ready=lambda: _listening(port)
    ):
        yield port


def _get_status(url, headers=None):
    """(status, Location) without following a redirect."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {})) as r:
            return r.status, r.headers.get("Location")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location")


def test_a_client_cannot_claim_https_through_caddy(tmp_path, gunicorn):
    """Over plain HTTP through Caddy, a page is sent to HTTPS even when the
    client says it came by HTTPS; gunicorn itself, told so by the proxy (as
    Caddy does after terminating TLS), serves it with HSTS."""
    with _caddy_before(tmp_path, gunicorn) as caddy:
        status, location = _get_status(
            caddy["url"] + "/accounts/login/", {"X-Forwarded-Proto": "https"}
        )
        assert status == 301
        assert location == f"https://127.0.0.1:{caddy['port']}/accounts/login/"
        # the health check's address answers through the proxy too
        status, _, body = _get(caddy["url"] + "/healthz")
        assert (status, body) == (200, b"ok\n")
    status, headers, _ = _get(
        f"http://127.0.0.1:{gunicorn}/accounts/login/", {"X-Forwarded-Proto": "https"}
    )
    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")

# syntax=docker/dockerfile:1
# Two images from one build; docker-compose.yml builds both:
#   app    gunicorn, the Celery worker and beat      (docker build --target app)
#   proxy  Caddy, holding the static files collected in "app" (--target proxy)
# The proxy's static files are copied from the same build as the code, so the
# two never disagree after an upgrade (as a shared volume, filled once, would).

FROM python:3.11-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's libraries, as its documentation lists them for Debian (Pango,
# Pango's FreeType backend, HarfBuzz's subsetter; its wheel brings the rest),
# and fonts, of which the slim image has none: Liberation Sans has Arial's
# metrics (the packs ask for Arial), DejaVu covers what else a paper holds.
# postgresql-client (15 in bookworm, as the compose database) gives
# `manage.py backup` and `restore` their pg_dump, pg_restore and psql.
# Not pinned to versions: bookworm's updates are security fixes, and a pinned
# version disappears from the mirror when it is superseded.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-liberation2 \
        fonts-dejavu-core \
        postgresql-client \
    && rm -rf /var/lib/apt/lists/*

# The user every app process runs as. It owns only where the app writes,
# and its home (gunicorn keeps a control socket there, fontconfig a cache).
RUN groupadd --system --gid 10001 hwbb \
    && useradd --system --uid 10001 --gid hwbb --create-home --home-dir /home/hwbb hwbb

WORKDIR /app

# The pinned dependencies, read from pyproject.toml alone, so a change to the
# code does not install them again.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The code (.dockerignore keeps out the virtualenv, databases, media, .git).
COPY . .

# Static files, collected now into /app/staticfiles (STATIC_ROOT) rather than
# each time a container starts. The settings refuse to load without a key
# and a host when DEBUG is off: these are only for this step and not kept.
RUN DEBUG=0 SECRET_KEY=collectstatic-at-build-time-only ALLOWED_HOSTS=build.invalid \
        DATABASE_URL=sqlite:////tmp/build.sqlite3 \
        python manage.py collectstatic --noinput \
    && rm -f /tmp/build.sqlite3

# Where the app writes: papers uploaded and packs built (MEDIA_ROOT, the
# "media" volume shared by web and worker) and beat's schedule (the
# "beat-schedule" volume). A new named volume takes this ownership. The code
# and the static files stay root's: the app cannot change them.
RUN mkdir -p /app/media /app/var/beat \
    && chown hwbb:hwbb /app/media /app/var/beat
ENV MEDIA_ROOT=/app/media

# hwbb, by number, so an orchestrator can see it is not root (runAsNonRoot).
USER 10001:10001
EXPOSE 8000
# scripts/healthcheck.py: gunicorn answers /healthz, which checks the database.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "scripts/healthcheck.py", "web"]
CMD ["gunicorn", "hwbb.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]


FROM caddy:2.10-alpine AS proxy
COPY deploy/Caddyfile /etc/caddy/Caddyfile
COPY --from=app /app/staticfiles /srv/static
# Caddy's admin endpoint answers (on the container's loopback only) once
# the configuration is loaded.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:2019/config/"]

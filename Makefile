# The single entry point. `make run` serves the demo; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
export DATABASE_URL_TEST ?= postgres://postgres@127.0.0.1:5432/hwbb
export TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: install run demo test lint system-deps bench bench-load clean

$(STAMP): pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

# Embedded default: SQLite, console email, eager Celery. No other service needed.
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo_data
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

demo: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo_data --reset

# Debian packages the tests need: chromium for the browser tests (Playwright's own
# download does not work here), redis-server for the test that stops a Redis of
# its own while an agenda is published, postgresql-client for pg_dump, pg_restore and
# psql (the backup round trip), caddy to run deploy/Caddyfile in front of a test
# upstream, and, where no compose plugin is found, Debian's docker-compose (it
# needs no Docker engine) to validate docker-compose.yml.
APT_NEEDS = $(if $(shell command -v chromium),,chromium) \
	$(if $(shell command -v redis-server),,redis-server) \
	$(if $(shell command -v pg_dump),,postgresql-client) \
	$(if $(shell command -v caddy),,caddy) \
	$(if $(shell docker compose version 2>/dev/null || command -v docker-compose),,docker-compose)
system-deps:
	@if [ -n "$(strip $(APT_NEEDS))" ]; then \
		echo "Installing Debian packages for the tests: $(APT_NEEDS)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_NEEDS); \
	fi

# The whole suite on PostgreSQL, Redis with a real Celery worker, and Chromium.
test: install system-deps
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/pack.py
	$(BIN)/python bench/fingertips_import.py
	$(BIN)/python bench/reminders.py
	$(BIN)/python bench/import_pack.py
	$(BIN)/python bench/search.py
	$(MAKE) bench-load

# The key pages on a board's ten years (bench/dataset.py), served by gunicorn
# as docker-compose.yml runs it and loaded with wrk (Debian's), beside bare
# views in the same run. BENCH_LOAD_ARGS="--years 10 --pages search" narrows it.
bench-load: install
	@command -v wrk >/dev/null || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk; }
	$(BIN)/python bench/load.py --reuse $(BENCH_LOAD_ARGS)

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache test-artifacts

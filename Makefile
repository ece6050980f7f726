# Puente: `make run` serves the site, `make test` checks everything. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup lint check-i18n messages pytest typecheck migrate-forward clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed
	$(PY) scripts/compile_messages.py
	$(MANAGE) migrate --noinput
	$(MANAGE) update_translation_fields >/dev/null
	$(MANAGE) load_demo_data

run: setup
	$(MANAGE) runserver $(HOST):$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check-i18n: $(VENV)/.installed
	$(PY) scripts/check_messages.py
	$(PY) scripts/compile_messages.py

# Re-extract strings into locale/es/LC_MESSAGES/django.po after changing code.
messages: $(VENV)/.installed
	$(MANAGE) makemessages -l es --no-location --no-obsolete --ignore=tests/* --ignore=scripts/*

# Compiles the translations first: a fresh checkout has no .mo files (they are not
# committed), and the tests read Spanish pages.
pytest: $(VENV)/.installed
	$(PY) scripts/compile_messages.py
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# A database made by the previous layout's `make run` migrates to this code with every
# row kept (scripts/check_migrate_forward.py; .ci/run runs it on SQLite and PostgreSQL).
migrate-forward: $(VENV)/.installed
	$(PY) scripts/check_migrate_forward.py $(FORWARD_ARGS)

# mypy with django-stubs over the service layers ([tool.mypy] in pyproject.toml).
typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy

test: setup lint check-i18n typecheck
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/pytest $(PYTEST_ARGS) --ignore=tests/browser
# The browser journeys truncate tables (live server): after the rest of the suite in one
# process, serialized_rollback leaves them without Wagtail's rows, so they get their own
# process, as in .ci/run. Exit code 5 = every test deselected (e.g. -m 'not slow').
	$(VENV)/bin/pytest $(PYTEST_ARGS) tests/browser || test $$? -eq 5

# Benchmark (docs/performance.md): fresh SQLite and PostgreSQL bench databases, seeded,
# served by gunicorn and loaded with wrk; prints one table, writes artifacts/bench/*.json.
# Not part of `make test`. E.g. make bench BENCH_ARGS="--size small --databases sqlite"
BENCH_ARGS ?=
.PHONY: bench
bench: $(VENV)/.installed
	command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	$(PY) scripts/compile_messages.py
	$(PY) scripts/bench/run.py $(BENCH_ARGS)

# Cohort-start burst (docs/performance.md): 300 learners through a load balancer, two
# gunicorn servers, PostgreSQL (puente_burst), Redis db 13 and one worker; locust
# (installed here only, never in requirements) drives them. Not part of `make test`.
# E.g. make bench-burst BURST_ARGS="--learners 60 --ramp 20"
BURST_ARGS ?=
.PHONY: bench-burst
bench-burst: $(VENV)/.installed
	$(VENV)/bin/python -c "import locust" 2>/dev/null || $(PY) -m pip install --quiet locust
	$(PY) scripts/compile_messages.py
	$(PY) scripts/bench/burst.py $(BURST_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media .test-media staticfiles .pytest_cache .mypy_cache

# Production (see docs/deployment.md). Needs DJANGO_SECRET_KEY, DATABASE_URL, REDIS_URL...
PROD_SETTINGS ?= lms.settings.production
PROD := DJANGO_SETTINGS_MODULE=$(PROD_SETTINGS)
BACKUP_DIR ?= ../puente-backups/$(shell date -u +%Y%m%dT%H%M%SZ)

.PHONY: serve-prod worker backup restore

# One app server: compile translations, hashed static files, migrate, then gunicorn.
serve-prod: $(VENV)/.installed
	$(PY) scripts/compile_messages.py
	$(PROD) $(MANAGE) collectstatic --noinput
	$(PROD) $(MANAGE) migrate --noinput
	$(PROD) $(MANAGE) update_translation_fields >/dev/null
	$(PROD) $(VENV)/bin/gunicorn -c gunicorn.conf.py

# One background-task worker (run as many as the queue needs).
worker: $(VENV)/.installed
	$(PY) scripts/compile_messages.py
	$(PROD) $(MANAGE) db_worker $(WORKER_ARGS)

backup: $(VENV)/.installed
	$(PROD) $(MANAGE) backup_data $(BACKUP_DIR)

# make restore BACKUP_DIR=../puente-backups/<stamp>   (into an empty database only)
restore: $(VENV)/.installed
	test -n "$(BACKUP_DIR)" && test -f "$(BACKUP_DIR)/manifest.json"
	$(PROD) $(MANAGE) restore_data $(BACKUP_DIR)

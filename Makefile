# Puente: `make run` serves the site, `make test` checks everything. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup lint check-i18n messages pytest clean

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

pytest: $(VENV)/.installed
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: setup lint check-i18n
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media .test-media staticfiles .pytest_cache

# Học Vụ Số: every routine task is one make target. Needs Python 3.11 and make.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# The services a full run uses (already running on the CI machine).
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS ?= redis://127.0.0.1:6379
SERVICES_ENV := DATABASE_URL=$(PG_URL) CACHE_URL=$(REDIS)/1 CELERY_BROKER_URL=$(REDIS)/2 \
	CELERY_RESULT_BACKEND=$(REDIS)/3
CHROMIUM ?= /usr/bin/chromium

.PHONY: help install translations demo serve test test-future test-services test-e2e \
	test-e2e-services lint format migrations-check messages messages-check ci browser bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed ## Create the virtual environment from the lock file

translations: install ## Compile the translation catalogues (no gettext needed)
	$(MANAGE) compiletranslations -v0

demo: translations ## Migrate, seed demo content and serve http://127.0.0.1:8000
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) seed_demo
	$(MANAGE) runserver $(HOST):$(PORT)

test: translations ## Run the whole suite on the embedded defaults (SQLite, eager tasks)
	$(PY) -m pytest -m "not services and not e2e" -p no:cacheprovider $(PYTEST_ARGS)

test-future: translations ## The SQLite suite again with the clock a year ahead (no date bombs)
	HOCVUSO_TEST_CLOCK_AHEAD_DAYS=366 $(PY) -m pytest -m "not services and not e2e" \
		-p no:cacheprovider $(PYTEST_ARGS)

test-services: translations ## The suite again on PostgreSQL, Redis and a real Celery worker
	$(SERVICES_ENV) $(PY) -m pytest -m "not e2e" -p no:cacheprovider $(PYTEST_ARGS)

browser: ## Install Debian's Chromium for the browser tests if it is missing
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium >/dev/null; }

test-e2e: translations ## Browser tests with Playwright and axe-core in Chromium
	PLAYWRIGHT_CHROMIUM_EXECUTABLE=$(CHROMIUM) $(PY) -m pytest -m e2e -p no:cacheprovider $(PYTEST_ARGS)

test-e2e-services: translations ## The browser tests again on PostgreSQL and Redis
	$(SERVICES_ENV) PLAYWRIGHT_CHROMIUM_EXECUTABLE=$(CHROMIUM) $(PY) -m pytest -m e2e \
		-p no:cacheprovider $(PYTEST_ARGS)

lint: install ## ruff check and format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install ## Apply ruff's fixes and formatting
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

migrations-check: install ## Fail if a model change has no migration
	$(MANAGE) makemigrations --check --dry-run

messages: install ## Extract translatable strings into the .po catalogues (needs GNU gettext)
	$(MANAGE) makemessages --locale vi --no-obsolete --no-location --ignore '.venv/*' \
		--ignore 'staticfiles/*' --ignore 'tests/*'
	$(MANAGE) makemessages --locale vi --domain djangojs --no-obsolete --no-location \
		--ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'tests/*'

messages-check: ## Fail if a translatable string is missing from the catalogues
	@command -v xgettext >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq gettext >/dev/null; }
	$(MAKE) messages
	$(PY) -m pytest -p no:cacheprovider -q tests/cms/test_translations.py

bench: translations ## Measure pages against their baselines (PostgreSQL, Redis, gunicorn, wrk); writes BENCHMARKS.md
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq wrk >/dev/null; }
	$(PY) -m bench $(BENCH_ARGS)

# Each suite runs in one process on one core: CI runs two at a time on the two cores, each
# one's output kept together (they share no database, cache prefix, port or folder).
ci: install lint migrations-check messages-check browser ## What CI runs
	$(MAKE) --no-print-directory -j2 --output-sync=target test test-future
	$(MAKE) --no-print-directory -j2 --output-sync=target test-services test-e2e
	$(MAKE) --no-print-directory test-e2e-services

clean: ## Remove the virtual environment, databases and generated files
	rm -rf $(VENV) db.sqlite3* staticfiles .test-media .test-private-media
	find . -name '*.mo' -not -path './.venv/*' -delete

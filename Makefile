# Common Ground — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/commonground

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Translations: compiled with polib (no GNU gettext needed); the .mo files are never committed.
commonground/locale/.compiled: $(BIN)/.installed .env $(wildcard commonground/locale/*/LC_MESSAGES/*.po)
	$(MANAGE) compile_translations
	touch $@

frontend/build/.built: node_modules/.installed frontend/build.mjs $(shell find frontend/scss frontend/js -type f)
	npm run --silent build
	touch $@

.env:
	cp .env.example .env

install: $(BIN)/.installed .env commonground/locale/.compiled frontend/build/.built ## Install Python and npm dependencies, compile translations, build the static files

setup: install ## Install, migrate the database, load places and the demo dataset
	@mkdir -p var
	$(MANAGE) migrate --no-input
	$(MANAGE) load_places
	$(MANAGE) import_postcodes reference_data/greater-manchester/postcodes_sample.csv

run: setup ## Set up, then serve at http://127.0.0.1:8000 with a background worker
	$(MANAGE) load_demo
	@trap 'kill 0' EXIT; \
	while true; do $(MANAGE) run_worker; echo "The worker stopped; starting it again in 2 seconds"; sleep 2; done & \
	$(MANAGE) runserver 127.0.0.1:8000

otp: ## Print a demo account's current two-factor code: make otp ACCOUNT=coordinator
	@$(MANAGE) demo_code $(ACCOUNT)

# The suites run in TEST_WORKERS processes (pytest-xdist; each has its own test database, caches and
# files), in a random order (pytest-randomly). Replay an order with PYTEST_ARGS=--randomly-seed=N
# (and TEST_WORKERS=0 to run it in one process). Style is checked once, by `make lint`.
TEST_WORKERS ?= 2
PYTEST_ARGS ?=
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

test: install pdf-deps ## Run the whole test suite (SQLite); `make lint` checks the style
	$(PYTEST)

test-postgres: install pdf-deps ## Run the suite against PostgreSQL (PG_URL, default the local server)
	DATABASE_URL=$(PG_URL) $(PYTEST)

browser-deps: ## Install Debian's Chromium for the browser tests (needs apt and root)
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core)

pdf-deps: ## Install Pango, which WeasyPrint needs to render PDFs (needs apt and root)
	@dpkg -s libpango-1.0-0 libpangoft2-1.0-0 >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0)

test-browser: install browser-deps ## Run the browser tests: journeys and accessibility checks in Chromium
	$(PYTEST) -m browser

bench: install ## Run the benchmarks and print the figures
	$(BIN)/python -m benchmarks

messages: install ## Update the Urdu and Polish catalogues from the code (needs GNU gettext's xgettext)
	$(MANAGE) makemessages -l ur -l pl --ignore=.venv --ignore=node_modules --ignore=tests --ignore=benchmarks --ignore=frontend --ignore=var --ignore=test-results
	$(MANAGE) compile_translations --check

lint: install ## Check style (ruff), types (mypy) and import contracts (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

format: install ## Fix style with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock: ## Re-lock the Python dependencies from pyproject.toml (needs network)
	$(PYTHON) -m pip install --quiet --user uv==0.13.9
	$(PYTHON) -m uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements/base.txt
	$(PYTHON) -m uv pip compile pyproject.toml --group dev --generate-hashes --python-version 3.11 -o requirements/dev.txt

serve-production: install ## Start as production would (gunicorn + whitenoise); needs SECRET_KEY, ALLOWED_HOSTS
	DEBUG=false $(MANAGE) collectstatic --no-input
	DEBUG=false $(MANAGE) migrate --no-input
	DEBUG=false $(BIN)/gunicorn config.wsgi -c config/gunicorn.conf.py

clean: ## Remove the virtual environment, node modules, built files and the SQLite database
	rm -rf $(VENV) node_modules frontend/build var

.PHONY: help install setup run otp test test-postgres browser-deps pdf-deps test-browser bench messages lint format lock serve-production clean

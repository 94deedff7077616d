# WeGO website. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/wego
# The load and fault tests drop and recreate this database for each scenario: one of their own.
LOAD_PG_URL ?= $(PG_URL)_load
# The second run of the suite uses Redis as its cache; the suite empties this database between tests.
REDIS_URL ?= redis://127.0.0.1:6379/15
LOCAL := DJANGO_SETTINGS_MODULE=wego_site.settings.local
TESTS := DJANGO_SETTINGS_MODULE=wego_site.settings.test
MANAGE := $(BIN)/python manage.py

# $(call ensure,COMMAND,DEBIAN-PACKAGE): install a missing system tool, or say which package to install.
define ensure
	@if ! command -v $(1) >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing $(2) (for $(1))..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	  else \
	    echo "'$(1)' is missing: install the Debian package '$(2)' (sudo apt-get install $(2)), then run make again." >&2; \
	    exit 1; \
	  fi; \
	fi
endef

.PHONY: help
help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime-installed

.PHONY: install
install: $(VENV)/.runtime-installed ## Create .venv and install the runtime requirements

.PHONY: system-deps
system-deps: ## Install the system tools the site needs (gettext)
	$(call ensure,msgfmt,gettext)

.PHONY: test-system-deps
test-system-deps: system-deps ## Install the system tools the tests need (Chromium, Java for the HTML checker, wrk)
	$(call ensure,chromium,chromium)
	$(call ensure,java,default-jre-headless)
	$(call ensure,wrk,wrk)

MAKEMESSAGES := makemessages --ignore=.venv --ignore=tests --ignore=tools --ignore=staticfiles --ignore=var --ignore=docs \
	--no-obsolete --add-location=file -l ko -l ru -l es -l zh_Hans

.PHONY: messages-update
messages-update: $(VENV)/.dev-installed system-deps ## Collect new interface strings into locale/*/django.po
	$(TESTS) $(MANAGE) $(MAKEMESSAGES)

.PHONY: messages
messages: ## Compile the translation catalogues
	@if [ -d locale ]; then $(LOCAL) $(MANAGE) compilemessages -v0; fi

.PHONY: setup
setup: install system-deps messages ## Migrate, load all seed content and collect static files
	$(LOCAL) $(MANAGE) migrate --noinput
	$(LOCAL) $(MANAGE) load_site_content
	$(LOCAL) $(MANAGE) collectstatic --noinput -v0

# The web server and the task worker (e-mails, reminders) as one command: Ctrl-C, or either one
# stopping, stops both (tools/run.py).
.PHONY: run
run: setup ## Set up and serve the site as visitors see it on http://127.0.0.1:8000, with the task worker
	@echo "Serving the WeGO website on http://127.0.0.1:$(PORT)/ (admin: /admin/), the task worker beside it; Ctrl-C stops both"
	$(LOCAL) GUNICORN_BIND=127.0.0.1:$(PORT) WEB_CONCURRENCY=$${WEB_CONCURRENCY:-2} \
	  $(BIN)/python -m tools.run "$(MANAGE) db_worker" "$(BIN)/gunicorn -c gunicorn.conf.py"

.PHONY: dev
dev: setup ## The autoreloading development server with DEBUG on, and the task worker (reloading too)
	DJANGO_SETTINGS_MODULE=wego_site.settings.dev \
	  $(BIN)/python -m tools.run "$(MANAGE) db_worker --reload" "$(MANAGE) runserver 127.0.0.1:$(PORT)"

.PHONY: serve
serve: install system-deps messages ## gunicorn with settings from the environment, for deployment
	$(MANAGE) collectstatic --noinput -v0
	$(BIN)/gunicorn -c gunicorn.conf.py

.PHONY: lint
lint: $(VENV)/.dev-installed ## ruff check and format check; the import contract of the layers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

.PHONY: format
format: $(VENV)/.dev-installed ## Fix what ruff can fix, and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

.PHONY: checks
checks: $(VENV)/.dev-installed messages
	$(TESTS) DATABASE_URL=sqlite://:memory: $(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=wego_site.settings.production DEBUG=off ALLOWED_HOSTS=www.example.org TRUSTED_PROXY_COUNT=1 \
	  SITE_URL=https://www.example.org \
	  SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	  $(MANAGE) check --deploy --fail-level WARNING

.PHONY: postgres
postgres: $(VENV)/.dev-installed
	@$(BIN)/python -m tools.postgres_ready "$(PG_URL)"

.PHONY: redis
redis: $(VENV)/.dev-installed
	@$(BIN)/python -m tools.redis_ready "$(REDIS_URL)"

# The SQLite pass is the embedded default's own paths (search's fallback, set-up, the seeded site's
# every page and admin screen, the sitemap); the whole suite runs on PostgreSQL with Redis, as in
# production. The README says why, with the figures.
SQLITE_TESTS := tests/search tests/test_setup.py tests/test_site.py tests/test_crawl_snapshot.py tests/test_layers.py
PYTEST := $(BIN)/pytest -q -n 2

.PHONY: test
test: $(VENV)/.dev-installed test-system-deps lint checks ## The whole suite: lint, checks, SQLite, PostgreSQL with Redis, browser
	@echo "== pytest on SQLite: the embedded default's paths"
	$(PYTEST) -m "not browser" $(SQLITE_TESTS)
	@echo "== pytest on PostgreSQL ($(PG_URL)) with the Redis cache ($(REDIS_URL))"
	@$(MAKE) --no-print-directory postgres redis
	DATABASE_URL=$(PG_URL) TEST_CACHE_URL=$(REDIS_URL) $(PYTEST) -m "not browser"
	@echo "== browser tests (Chromium)"
	$(PYTEST) -m browser
	@echo "== benchmark, smoke mode (a few requests; no figures asserted)"
	$(BIN)/python tools/benchmark.py --smoke
	@echo "== load and fault tests, small (make loadtest runs 500 submissions)"
	PG_URL=$(LOAD_PG_URL) $(BIN)/python tools/faults.py --count 50

.PHONY: check
check: $(VENV)/.dev-installed system-deps lint messages ## The fast inner loop: lint, migrations check, the suite on SQLite without browser or HTML checker
	$(TESTS) DATABASE_URL=sqlite://:memory: $(MANAGE) makemigrations --check --dry-run
	$(PYTEST) -m "not browser and not htmlcheck"

.PHONY: bench
bench: $(VENV)/.dev-installed messages ## Benchmark every kind of public page against a static file; writes docs/benchmark.md
	$(call ensure,wrk,wrk)
	$(BIN)/python tools/benchmark.py

.PHONY: loadtest
loadtest: $(VENV)/.dev-installed messages ## Load and fault tests of the message desk (gunicorn + PostgreSQL, loopback)
	@$(MAKE) --no-print-directory postgres
	PG_URL=$(LOAD_PG_URL) $(BIN)/python tools/faults.py --count $${COUNT:-500}

.PHONY: clean
clean: ## Remove the virtualenv, collected static files and the local database
	rm -rf $(VENV) staticfiles var

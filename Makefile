# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
# The demo's printed links and its emails follow the port (SITE_URL defaults to it).
export PORT
MANAGE := $(PY) manage.py
# The suite runs on every core (pytest-xdist); PYTEST_ARGS= runs it in one process. loadgroup keeps the tests
# marked xdist_group on one worker (a module-wide set-up done once), the rest are spread test by test.
PYTEST_ARGS ?= -n auto --dist loadgroup

.PHONY: demo test deps dev-deps system-packages messages migrate lint stack clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.deps: requirements.txt $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements-dev.txt requirements.txt $(VENV)/.deps
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

# axe-core for the accessibility tests (npm registry; no browser download).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	 else echo "npm not found: the accessibility tests will be skipped (install nodejs and npm, see above)"; fi

# Debian packages the tests need besides Python (WeasyPrint's libraries;
# chromium and chromium-driver, which gives the programs chromium and
# chromedriver for the browser tests; gettext's msgfmt; nodejs and npm):
# installed when run as root on Debian, otherwise the command to run is
# printed and those tests skip. The same script installs them in CI (.ci/run).
system-packages:
	@PYTHON=$(PYTHON) bash .ci/system-packages.sh

deps: $(VENV)/.deps
dev-deps: $(VENV)/.dev-deps

# Compile translations when gettext is installed and there is a locale folder
# (compilemessages fails without one); the compiled .mo files are committed
# too, so a machine without gettext still shows Danish.
messages:
	@if command -v msgfmt >/dev/null 2>&1 && [ -n "$$(find . -path ./$(VENV) -prune -o -type d -name locale -print -quit)" ]; then \
		$(MANAGE) compilemessages -v0 --ignore=$(VENV); fi

migrate: deps
	$(MANAGE) migrate --noinput -v1

## make demo: virtualenv, dependencies, migrations, Danish demo data, server on :8000
demo: deps messages migrate
	$(MANAGE) load_demo
	@echo "Serving http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## make test: the whole suite; PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set
# The system packages come first: the virtualenv may need python3-venv,
# compiling messages gettext, and axe-core npm.
test:
	@$(MAKE) --no-print-directory system-packages
	@$(MAKE) --no-print-directory dev-deps
	@$(MAKE) --no-print-directory messages node_modules/.installed
	$(VENV)/bin/pytest $(PYTEST_ARGS)

## make stack: the full stack (gunicorn, Celery worker, Celery beat) on PostgreSQL and Redis
STACK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/netvaerk
STACK_REDIS_URL ?= redis://127.0.0.1:6379/0
stack: dev-deps messages
	@psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='netvaerk'" | grep -q 1 \
	  || psql -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE netvaerk"
	DATABASE_URL=$(STACK_DATABASE_URL) REDIS_URL=$(STACK_REDIS_URL) DEBUG=0 $(MANAGE) migrate --noinput -v1
	DATABASE_URL=$(STACK_DATABASE_URL) REDIS_URL=$(STACK_REDIS_URL) DEBUG=0 $(MANAGE) collectstatic --noinput -v0
	DATABASE_URL=$(STACK_DATABASE_URL) REDIS_URL=$(STACK_REDIS_URL) DEBUG=0 $(MANAGE) load_demo
	@echo "Serving http://127.0.0.1:$(PORT)/ with a Celery worker and beat (Ctrl-C stops all three)"
	DATABASE_URL=$(STACK_DATABASE_URL) REDIS_URL=$(STACK_REDIS_URL) DEBUG=0 PORT=$(PORT) $(VENV)/bin/honcho start

## make lint: ruff, and import-linter's layer contract (pyproject.toml)
lint: dev-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache

# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
MANAGE := $(PY) manage.py

.PHONY: demo test setup venv deps dev-deps messages migrate serve lint bench stack clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.deps: requirements.txt $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements-dev.txt requirements.txt $(VENV)/.deps
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

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
test: dev-deps messages
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: dev-deps
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache

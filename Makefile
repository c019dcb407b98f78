# Passerelles — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
# `make demo PORT=8001`: links in pages and e-mails follow (SITE_URL).
PORT ?= 8000

.PHONY: demo node install migrate load-demo serve test test-sqlite test-postgres test-redis lint check-deploy messages bench clean

# Reinstall only when pyproject.toml changes (a second `make demo` starts in seconds).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

# axe-core and the Nu Html Checker for the browser tests; skipped (and said) without npm.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm not found: accessibility and HTML checks of the browser tests will be skipped"; fi

node: $(NODE_STAMP)

# Regenerate and compile the catalogues (needs GNU gettext); the compiled .mo files are committed.
messages: $(STAMP)
	$(MANAGE) makemessages -l fr -l en --ignore=.venv --ignore=var --ignore=node_modules \
		--ignore=bench --ignore=tests --no-obsolete
	msgen --no-wrap locale/fr/LC_MESSAGES/django.po -o locale/fr/LC_MESSAGES/django.po
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --verbosity 0

migrate: install
	$(MANAGE) migrate --no-input
	$(MANAGE) setup_schedules

load-demo: migrate
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(MANAGE) load_demo

# Web server and task worker together; Ctrl-C stops both.
serve: install
	@SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(MANAGE) serve $(HOST):$(PORT)

demo: load-demo serve

# The whole suite on the database named by DATABASE_URL (SQLite by default).
test: install node
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: install node
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/passerelles} $(BIN)/python -m pytest $(PYTEST_ARGS)

test-redis: install
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} $(BIN)/python -m pytest -m redis $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check . || true

check-deploy: install
	SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-value-for-the-check-only-xxxxxxxx \
	DJANGO_SETTINGS_MODULE=hub.settings.production $(MANAGE) check --deploy --fail-level WARNING

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

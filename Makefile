# Passerelles — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Exact versions (with hashes) of everything `make install` puts in .venv; `make lock` rewrites it.
LOCK := requirements/lock.txt
# uv installs the lock (pip only fetches uv itself, so python3 with pip is all a machine needs).
UV_VERSION := 0.13.9
UV := $(BIN)/uv
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
# `make demo PORT=8001`: links in pages and e-mails follow (SITE_URL).
PORT ?= 8000

.PHONY: demo node install lock migrate load-demo serve test test-sqlite test-postgres test-redis lint check-deploy messages bench screenshots clean

$(UV):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"

# Reinstall only when the lock or pyproject.toml changes (a second `make demo` starts in seconds).
# `sync` makes .venv hold exactly the lock (a package installed by hand is removed); `check`
# fails when pyproject.toml asks for a package the lock lacks.
$(STAMP): $(LOCK) pyproject.toml $(UV)
	$(UV) pip sync --quiet --python $(BIN)/python $(LOCK)
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	@$(UV) pip check --quiet --python $(BIN)/python \
		|| { echo "pyproject.toml and $(LOCK) disagree: run make lock"; exit 1; }
	@touch $(STAMP)

install: $(STAMP)

# After editing the dependencies in pyproject.toml: pins stay where they are unless a bound moves
# them; `make lock UPGRADE=1` takes the newest releases the bounds allow.
lock: $(UV)
	$(UV) pip compile --quiet pyproject.toml --extra dev --universal --python-version 3.11 \
		--generate-hashes $(if $(UPGRADE),--upgrade) -o $(LOCK)

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
	# French is the source language: every French msgstr is its msgid (a changed msgid is not fuzzy).
	msgattrib --no-wrap --clear-fuzzy --empty locale/fr/LC_MESSAGES/django.po -o locale/fr/LC_MESSAGES/django.po
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

# Tests run on two worker processes (pytest-xdist); `make test PYTEST_ARGS="-n 0"` runs them in
# one process (the later -n wins), e.g. to use --pdb.
WORKERS ?= 2

# The whole suite on the database named by DATABASE_URL (SQLite by default).
test: install node
	$(BIN)/python -m pytest -n $(WORKERS) $(PYTEST_ARGS)

test-postgres: install node
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/passerelles} $(BIN)/python -m pytest -n $(WORKERS) $(PYTEST_ARGS)

# One process: the workers would share the Redis database (cache and task queue).
test-redis: install
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} $(BIN)/python -m pytest -n 0 -m redis $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check . || true

# A fresh random 50-character key, as production would have one: the check judges the key too.
check-deploy: install
	@SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(48)[:50])") \
	DJANGO_SETTINGS_MODULE=hub.settings.production $(MANAGE) check --deploy --fail-level WARNING

# Regenerate the images of docs/screenshots/ (README): the browser tests, saving what they show.
screenshots: install node
	SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser -q $(PYTEST_ARGS)

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

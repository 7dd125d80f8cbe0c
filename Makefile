# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
DEV_ENV := DEBUG=true
HOST ?= 127.0.0.1:8000

.PHONY: run setup test lint check pytest messages bench vnu search-eval lighthouse clean parts-out lock

# Installs exactly what the lock names, pip itself too (every version pinned, every file's hash checked).
$(BIN)/.installed: requirements.lock requirements-dev.lock
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	touch $@

# After changing requirements.txt or requirements-dev.txt: pin what they pull in (options in
# pyproject.toml, [tool.pip-tools]). The versions already locked stay unless a pin needs
# another; `make lock LOCK_ARGS=--upgrade` takes the newest. The dev lock keeps the site's versions.
lock: $(BIN)/.installed
	$(BIN)/pip-compile $(LOCK_ARGS) --output-file=requirements.lock requirements.txt
	$(BIN)/pip-compile $(LOCK_ARGS) --constraint=requirements.lock --output-file=requirements-dev.lock requirements-dev.txt

setup: $(BIN)/.installed
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	@if command -v msgfmt >/dev/null; then $(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv -v0; \
	else echo "msgfmt not found: using the committed .mo files"; fi
	$(DEV_ENV) $(BIN)/python manage.py load_demo

# The mail worker runs next to the server and stops with it (Ctrl-C or any exit).
run: setup
	@$(DEV_ENV) $(BIN)/python manage.py send_mail_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST)

# ruff (RUF100: no noqa that suppresses nothing) and vulture: dead code, with Django's
# conventions in pyproject.toml and what only templates or settings read in vulture_allowlist.py.
lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/vulture

check: $(BIN)/.installed
	SECRET_KEY=check ALLOWED_HOSTS=localhost $(BIN)/python manage.py check
	SECRET_KEY=check ALLOWED_HOSTS=localhost $(BIN)/python manage.py makemigrations --check --dry-run

# pytest-xdist: two workers (each its own test database, live server and Chromium) keep both cores busy
# while the other waits on a browser or a server. PYTEST_WORKERS=0 runs everything in one process.
PYTEST_WORKERS ?= 2
pytest: $(BIN)/.installed
	$(BIN)/python -m pytest --create-db -n $(PYTEST_WORKERS) --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

test: lint check pytest

parts-out: $(BIN)/.installed
	PYTHON=$(BIN)/python .ci/parts-out

messages: $(BIN)/.installed
	$(DEV_ENV) $(BIN)/python manage.py makemessages -l nl -l en --ignore=.venv --ignore=staticfiles --no-obsolete
	$(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv

bench: $(BIN)/.installed
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/search.py

# The W3C Nu Html Checker on every public page and every kind of mail (needs Java and npm).
# The jar goes to .tools/ (not in git); the checked files and vnu.json stay in .tools/vnu-out/.
VNU_JAR := .tools/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR):
	mkdir -p .tools && cd .tools && npm install --no-audit --no-fund --silent vnu-jar

vnu: $(BIN)/.installed $(VNU_JAR)
	VNU_JAR=$(CURDIR)/$(VNU_JAR) VNU_OUT=$(CURDIR)/.tools/vnu-out $(BIN)/python -m pytest tests/core/test_vnu.py -q -rs
	@cat .tools/vnu-out/summary.txt

# Search quality (recall@3, MRR, share without result per kind of query) on the demo content.
EVAL_DB := bench/tmp/search-eval.sqlite3
search-eval: $(BIN)/.installed
	mkdir -p bench/tmp && rm -f $(EVAL_DB)
	$(DEV_ENV) DATABASE_URL=sqlite:///$(CURDIR)/$(EVAL_DB) PAGE_CACHE_SECONDS=0 $(BIN)/python manage.py migrate --noinput -v0
	$(DEV_ENV) DATABASE_URL=sqlite:///$(CURDIR)/$(EVAL_DB) $(BIN)/python manage.py load_demo >/dev/null
	$(DEV_ENV) DATABASE_URL=sqlite:///$(CURDIR)/$(EVAL_DB) $(BIN)/python manage.py search_eval $(EVAL_ARGS)

lighthouse: $(BIN)/.installed
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .coverage

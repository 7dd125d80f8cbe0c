# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
DEV_ENV := DEBUG=true
HOST ?= 127.0.0.1:8000

.PHONY: run setup test lint check pytest messages bench lighthouse clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(BIN)/.installed
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	@if command -v msgfmt >/dev/null; then $(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv -v0; \
	else echo "msgfmt not found: using the committed .mo files"; fi
	$(DEV_ENV) $(BIN)/python manage.py load_demo

run: setup
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(BIN)/.installed
	SECRET_KEY=check ALLOWED_HOSTS=localhost $(BIN)/python manage.py check
	SECRET_KEY=check ALLOWED_HOSTS=localhost $(BIN)/python manage.py makemigrations --check --dry-run

pytest: $(BIN)/.installed
	$(BIN)/python -m pytest --create-db --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

test: lint check pytest

messages: $(BIN)/.installed
	$(DEV_ENV) $(BIN)/python manage.py makemessages -l nl -l en --ignore=.venv --ignore=staticfiles --no-obsolete
	$(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv

bench: $(BIN)/.installed
	$(BIN)/python bench/run.py

lighthouse: $(BIN)/.installed
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .coverage

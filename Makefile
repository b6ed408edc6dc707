# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export THIDUA_DATA_DIR ?= $(CURDIR)/var
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test test-sqlite test-postgres test-e2e lint fmt typecheck bench install install-dev demo messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements/base.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt requirements/base.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	DJANGO_SETTINGS_MODULE=thidua.settings.prod $(BIN)/python manage.py migrate --noinput -v0
	DJANGO_SETTINGS_MODULE=thidua.settings.prod $(BIN)/python manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=thidua.settings.prod $(BIN)/python manage.py create_demo_data --once
	@echo ""
	@echo "Thi đua – Khen thưởng: http://127.0.0.1:$(PORT)/"
	@DJANGO_SETTINGS_MODULE=thidua.settings.prod $(BIN)/python manage.py demo_accounts
	DJANGO_SETTINGS_MODULE=thidua.settings.prod $(BIN)/gunicorn thidua.wsgi:application \
		--bind 127.0.0.1:$(PORT) --workers 2 --threads 4 --timeout 300 \
		--access-logfile - --log-level warning

demo: install
	DJANGO_SETTINGS_MODULE=thidua.settings.prod $(BIN)/python manage.py create_demo_data --once

# The whole suite: lint, types, SQLite, PostgreSQL, browser. With CI=true the PostgreSQL pass and
# the browser tests are required; otherwise they skip with a printed reason when unavailable.
test: install-dev
	@bash scripts/test.sh

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: install-dev
	$(BIN)/mypy thidua

bench: install-dev
	$(BIN)/python bench/run.py

messages: install-dev
	$(BIN)/python scripts/compile_messages.py

clean:
	rm -rf $(VENV) var .coverage htmlcov

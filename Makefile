# The two commands: `make run` serves the app at http://127.0.0.1:5000,
# `make test` runs the whole test suite. Both set up everything first:
# Debian packages (scripts/system-deps.sh), .venv, requirements.
SHELL := /bin/bash
.NOTPARALLEL:
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
STAMP := $(VENV)/.requirements-installed
HOST ?= 127.0.0.1
PORT ?= 5000
# Extra pytest arguments, e.g. `make test PYTEST_ARGS="-x tests/register"`.
PYTEST_ARGS ?=

.PHONY: help run test bench setup setup-test db system-deps-run system-deps-test guide

help:
	@echo "make run    - set up, create/upgrade the database, load demo data when empty, serve at http://$(HOST):$(PORT)"
	@echo "make test   - set up (incl. Chromium for browser tests), run the whole test suite"
	@echo "make bench  - run every bench/*.py and print its numbers"
	@echo "make guide  - retake the user guide's screenshots from the demo into docs/guide/images"

run: system-deps-run $(STAMP) db
	@HOST=$(HOST) PORT=$(PORT) scripts/serve.sh

test: system-deps-test $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

bench: system-deps-run $(STAMP)
	$(BIN)/python bench/run_all.py

# --- guide (issue 13, R-22): the browser walk rewrites the tracked pictures; `make test` never does
guide: system-deps-test $(STAMP)
	$(BIN)/python scripts/build_guide.py
# --- end guide ---

setup: system-deps-run $(STAMP)
setup-test: system-deps-test $(STAMP)

db: $(STAMP)
	$(FLASK) init-db
	$(FLASK) seed-demo --if-empty

system-deps-run:
	@scripts/system-deps.sh run

system-deps-test:
	@scripts/system-deps.sh test

# The virtual environment, re-synced whenever requirements.txt changes.
$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is required ($(PYTHON))" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -r requirements.txt
	@touch $@

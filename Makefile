# Lianxin: `make demo` serves the demo county, `make test` runs the whole suite. Nothing is installed by hand.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PO := locale/zh_Hans/LC_MESSAGES/django.po
MO := locale/zh_Hans/LC_MESSAGES/django.mo

# The tests, the benchmarks and the development commands run with DEBUG on (generated secrets in var/). The
# demo (demo, serve) is served as production serves, DEBUG off, with LIANXIN_DEMO on for this machine: secrets
# generated in var/, plain HTTP on 127.0.0.1, the published demo accounts. A real deployment sets its own
# environment and does not use make (docs/operations.md).
export DEBUG ?= true
demo serve: export DEBUG = false
demo serve: export LIANXIN_DEMO = true

.PHONY: setup demo serve test matrix lint format bench messages clean

setup: $(STAMP) $(MO)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Lianxin needs Python 3.11; set PYTHON=/path/to/python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(MO): $(PO) $(STAMP)
	$(BIN)/python manage.py compile_catalogue

demo: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py load_demo
	scripts/serve.sh

serve: setup
	scripts/serve.sh

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The full authorization matrix (every route x every demo role, ~30 s): CI runs it; `make test` runs only the
# check that every route is declared.
matrix: setup
	$(BIN)/python -m pytest -m matrix tests/test_authorization_matrix.py $(PYTEST_ARGS)

# lint-imports holds the layers (.importlinter, docs/architecture.md 分层与依赖): core imports no app, domain
# apps import no adapter.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The benchmarks run on their own database (made once, reused): var/bench/bench.sqlite3 unless
# BENCH_DATABASE_URL says otherwise; BENCH_CASES sets how many cases it holds (default 1,000,000).
BENCH_DATABASE_URL ?= sqlite:///$(CURDIR)/var/bench/bench.sqlite3
bench: setup
	mkdir -p var/bench
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python -m bench

messages: setup
	$(BIN)/python manage.py makemessages -l zh_Hans --ignore=.venv --ignore=var --no-obsolete
	$(BIN)/python manage.py compile_catalogue

clean:
	rm -rf $(VENV) var $(MO)

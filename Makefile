# rightstrack — the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATABASE_URL_PG ?= postgres://postgres@127.0.0.1:5432/rightstrack
PYTEST_ARGS ?=

.PHONY: install demo serve lint test test-postgres clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## demo: install, initialise ./rightstrack-data, load the demo dataset, print a login, serve on :8000
demo: $(STAMP)
	$(BIN)/rightstrack demo
	$(BIN)/rightstrack serve --host 127.0.0.1 --port 8000

serve: $(STAMP)
	$(BIN)/rightstrack serve

## lint: ruff (rules and formatting) and the direction of imports between the apps
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

## test: lint, then the whole suite on the embedded SQLite database (a throw-away data directory)
test: lint
	RIGHTSTRACK_HOME=$$(mktemp -d) $(BIN)/pytest $(PYTEST_ARGS)

## test-postgres: the same suite against PostgreSQL ($(DATABASE_URL_PG))
test-postgres: $(STAMP)
	RIGHTSTRACK_HOME=$$(mktemp -d) DATABASE_URL=$(DATABASE_URL_PG) $(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info

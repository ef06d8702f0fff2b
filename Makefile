# Two commands: `make demo` and `make test`. Everything else is a convenience.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest clean venv

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PY) >/dev/null 2>&1 || { echo "error: $(PY) not found; set PY=/path/to/python3.11" >&2; exit 1; }
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	rm -f demo.duckdb demo.duckdb.wal
	$(BIN)/brinkwatch ingest corpus/demo --db demo.duckdb
	$(BIN)/brinkwatch report --db demo.duckdb -o report.html
	$(BIN)/brinkwatch summary --db demo.duckdb --report report.html

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	bash scripts/install-browser.sh
	$(BIN)/pytest

test: lint typecheck pytest

clean:
	rm -rf $(VENV) demo.duckdb demo.duckdb.wal report.html .pytest_cache .mypy_cache .ruff_cache

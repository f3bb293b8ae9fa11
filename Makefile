# Two commands for a newcomer: `make demo` and `make test`. Each sets up .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SECONDS ?= 60

.PHONY: demo test lint typecheck layers unit setup clean schema

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/cadre demo

test: $(STAMP) lint typecheck layers unit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/pytest

schema: $(STAMP)
	$(BIN)/cadre schema --out src/cadre/interchange/scenario.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis cadre.db cadre.db-*

.PHONY: bench-capacity
bench-capacity: $(STAMP)
	$(BIN)/python bench/capacity.py

.PHONY: bench-force
bench-force: $(STAMP)
	$(BIN)/python bench/force.py

.PHONY: bench-timetable
bench-timetable: $(STAMP)
	$(BIN)/python bench/timetable.py --seconds $(SECONDS)

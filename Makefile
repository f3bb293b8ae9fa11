# Two commands for a newcomer: `make demo` and `make test`. Each sets up .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
BROWSER_STAMP := $(VENV)/.chromium-stamp
SECONDS ?= 60

.PHONY: demo test lint typecheck layers unit setup clean schema ralph

# Setting up takes a few minutes the first time: pip says what it fetches and installs, and the
# timetabling core is compiled once into numba's cache so that no solve pays for it later.
# WeasyPrint draws the certificates through Pango and the system's DejaVu fonts (the Arabic
# shaped by HarfBuzz); a fresh Debian machine gets them from apt, none are kept in the repo.
$(STAMP): pyproject.toml
	@echo "Setting up $(VENV): Python packages first (a few minutes the first time)…"
	dpkg -s fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 >/dev/null 2>&1 || \
		(apt-get update && apt-get install -y fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --progress-bar off --upgrade pip
	$(BIN)/python -m pip install --progress-bar off -e '.[dev]'
	@echo "Compiling the timetabling core once (numba; about a minute)…"
	$(BIN)/cadre itc2007 warm
	touch $(STAMP)

setup: $(STAMP)

# The browser tests drive Debian's Chromium (never a browser Playwright downloads); the
# machine runs as root, CI on the same kind of machine. DejaVu Sans draws the Arabic pages.
$(BROWSER_STAMP): | $(STAMP)
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium fonts-dejavu-core)
	touch $(BROWSER_STAMP)

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

unit: $(STAMP) $(BROWSER_STAMP) ralph
	$(BIN)/pytest

# Ralph, the LRS the xAPI tests send statements to, in a venv of its own under /tmp.
ralph:
	bash tests/lrs/setup_ralph.sh

schema: $(STAMP)
	$(BIN)/cadre schema --out src/cadre/interchange/scenario.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis cadre.db cadre.db-*

.PHONY: bench-timetable
bench-timetable: $(STAMP)
	$(BIN)/python bench/timetable.py --seconds $(SECONDS)

.PHONY: bench-capacity
bench-capacity: $(STAMP)
	$(BIN)/python bench/capacity.py

.PHONY: bench-sweep
bench-sweep: $(STAMP)
	$(BIN)/python bench/sweep.py --samples $(or $(SAMPLES),200)

.PHONY: bench-force
bench-force: $(STAMP)
	$(BIN)/python bench/force.py

.PHONY: bench-jobs bench-queues
bench-jobs: $(STAMP)
	$(BIN)/python bench/jobs.py

bench-queues: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python bench/queue_engines.py

.PHONY: bench-web screenshots messages
bench-web: $(STAMP)
	$(BIN)/python bench/web.py

# Screenshots of every page of the web app in English and Arabic (docs/screenshots/).
screenshots: $(STAMP) $(BROWSER_STAMP)
	$(BIN)/python bench/screenshots.py

# Extract the web app's texts into messages.pot and merge them into the Arabic catalogue;
# translate what is new in src/cadre/web/locale/ar/LC_MESSAGES/messages.po.
messages: $(STAMP)
	$(BIN)/pybabel extract --no-location --omit-header -F src/cadre/web/babel.cfg -o src/cadre/web/locale/messages.pot src/cadre/web
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i src/cadre/web/locale/messages.pot -d src/cadre/web/locale -l ar

# The service's API: Schemathesis over the OpenAPI document, at least 2,000 requests on each of
# SQLite and PostgreSQL (`make test` runs a shorter pass of the same test); and the load
# benchmark on PostgreSQL (50 users; p50/p95/p99 latency and requests per second).
.PHONY: fuzz bench-api
fuzz: $(STAMP)
	CADRE_FUZZ_EXAMPLES=20 CADRE_FUZZ_MIN_REQUESTS=2000 $(BIN)/pytest -s -p no:cacheprovider tests/integration/test_api_fuzz.py

bench-api: $(STAMP)
	$(BIN)/python -m bench.api --seconds $(SECONDS)

# The mission timetabler: one year, 300 runs, 150 instructors from 25 nations, 12 sites and 40
# cohorts; then one nation withdraws and the timetable is re-planned (targets: 60 s and 10 s).
.PHONY: bench-mission
bench-mission: $(STAMP)
	$(BIN)/python -m bench.mission_timetable

# The coordination register: 50,000 activities imported from HXL and gaps computed (target 30 s),
# then the map page served warm as a NATO planner (target 300 ms).
.PHONY: bench-coordination house
bench-coordination: $(STAMP)
	$(BIN)/python bench/coordination.py

house: $(STAMP)
	$(BIN)/python bench/house.py

# The command line's start-up (`cadre --help`, `cadre validate`; targets 0.3 s and 1 s) and the
# wall time of `cadre itc2007 solve comp01.ctt --seconds 60` (target 61 s). QUICK=1: 10 s.
.PHONY: bench-cli
bench-cli: $(STAMP)
	$(BIN)/python -m bench.cli $(if $(QUICK),--quick)

# The generated leak test, larger than the one in `make test`: every role at six nations over
# three draws of random labels, every API GET route, web page, export and job kind; prints
# principals, requests, surfaces walked, leaks, oracles and 5xx (docs/security.md).
.PHONY: leak-test
leak-test: $(STAMP)
	$(BIN)/python -m bench.leaks --rounds 3

# Schemathesis over the whole API as every role (the demo's mission, in process): prints the
# requests, the answers by status and the server errors, which must be 0 (docs/security.md).
.PHONY: schemathesis
schemathesis: $(STAMP)
	$(BIN)/python -m bench.schemathesis_api --examples 3

# Trainees: 20,000 imported from one CSV with likely duplicates flagged (target 60 s), then a
# name searched in another spelling.
.PHONY: bench-training
bench-training: $(STAMP)
	$(BIN)/python bench/training.py

bench-xapi: $(STAMP)
	$(BIN)/python bench/xapi.py

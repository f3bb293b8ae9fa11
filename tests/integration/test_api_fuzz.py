"""Schemathesis against the OpenAPI document, authenticated: every operation with generated
requests, valid and invalid; no server error, and every response as the document says.

`make test` runs a short pass; `make fuzz` the full one (at least 2,000 requests per database):
CADRE_FUZZ_EXAMPLES sets the examples per operation and mode, CADRE_FUZZ_MIN_REQUESTS the floor.
Each operation is driven through its Hypothesis strategy (Schemathesis' pytest plugin does not
run under pytest 9 yet), with Schemathesis' own checks on every response.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.python import asgi

from cadre.access.labels import Classification
from cadre.server import create_app
from cadre.services.scenario import operations as scenarios
from cadre.services.system.database import open_database
from cadre.services.system.settings import Settings
from cadre.services.unit_of_work import UnitOfWork
from tests.conftest import EXAMPLES
from tests.service_support import person

EXAMPLES_PER_OPERATION = int(os.environ.get("CADRE_FUZZ_EXAMPLES", "2"))
MIN_REQUESTS = int(os.environ.get("CADRE_FUZZ_MIN_REQUESTS", "200"))
ROLES = ["mission_planner", "force_generation_officer", "auditor", "administrator"]

# Steer part of the requests to what exists (the mission, its codes, job kinds), so that the
# deeper paths run as well as the refusals; everything else is generated freely.
CONFIG = schemathesis.Config.from_dict(
    {
        "dictionaries": {
            "missions": {"values": ["TINY"]},
            "keys": {
                "values": [
                    "TAJI",
                    "BESMAYA",
                    "CIED-101",
                    "CIED-TTT",
                    "P-CAN-1",
                    "P-SWE-1",
                    "T-CAN-01",
                    "IRQ",
                    "CAN",
                    "SWE-1",
                    "IA-9DIV-ENG",
                    "SOR-001",
                    "CIED",
                ]
            },
            "jobs": {"values": ["capacity", "force"]},
        },
        "parameters": {
            "path.mission": {"dictionary": "missions", "probability": 0.8},
            "path.key": {"dictionary": "keys", "probability": 0.6},
            "body.kind": {"dictionary": "jobs", "probability": 0.3},
        },
        "checks": {
            # The schema gives each record's shape; the mission's rules (known references,
            # sizes that fit) are checked beyond it and answer 422, as for an import.
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "3xx", "401", "403", "404", "409", "422", "429"]
            },
            # Query values are text and pydantic reads "12" as the whole number 12, so some
            # requests the schema calls invalid are rightly understood. Invalid requests are
            # still sent, and every other check (no server error, responses as documented)
            # holds on them.
            "negative_data_rejection": {"enabled": False},
        },
    }
)


def test_every_operation_answers_as_its_schema_says(db_url: str) -> None:
    with open_database(db_url) as engine:
        scenarios.import_file(UnitOfWork(engine), EXAMPLES / "tiny.yaml")
        credentials = person(engine, "NATO", ROLES, Classification.NATO_SECRET)
    app = create_app(Settings(database_url=db_url, start_jobs=False))
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app, config=CONFIG)
    statuses: Counter[int] = Counter()
    try:
        for result in schema.get_all_operations():
            operation = result.ok()
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

                @given(case=operation.as_strategy(generation_mode=mode))
                @settings(
                    max_examples=EXAMPLES_PER_OPERATION,
                    deadline=None,
                    database=None,
                    suppress_health_check=list(HealthCheck),
                )
                def exchange(case: schemathesis.Case) -> None:
                    response = case.call_and_validate(headers=credentials)
                    statuses[response.status_code] += 1

                exchange()
    finally:
        asgi.shutdown_lifespans()  # close the app's database before its schema is dropped
    total = sum(statuses.values())
    print(f"\nschemathesis on {db_url.split(':')[0]}: {total} requests, {dict(statuses)}")
    assert total >= MIN_REQUESTS
    assert not [s for s in statuses if s >= 500]


pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")

"""Schemathesis over the whole API with authenticated principals: the demo's mission (NATO
Mission Iraq) in a fresh SQLite database, a token per role, every operation of the OpenAPI
document with generated requests (valid and invalid) as each role, in process (ASGI). Prints
the requests sent, the answers by status and the server errors (there must be none).

    python -m bench.schemathesis_api [--examples 3] [--database URL]
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile
import warnings
from collections import Counter

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import NonInteractiveExampleWarning
from schemathesis import GenerationMode
from schemathesis.python import asgi

from cadre.access.labels import Classification
from cadre.access.policy import Role
from cadre.server import create_app
from cadre.services.scenario import demo
from cadre.services.system.database import open_database
from cadre.services.system.settings import Settings

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.service_support import person  # noqa: E402

KEYS = ["TAJI", "BESMAYA", "CIED", "CIED-INS", "P-CAN-CIED", "CAN", "IRQ", "SOR-001", "X-1"]
CONFIG = schemathesis.Config.from_dict(
    {
        "dictionaries": {
            "missions": {"values": ["NMI"]},
            "keys": {"values": KEYS},
            "jobs": {"values": ["capacity", "force", "timetable"]},
        },
        "parameters": {
            "path.mission": {"dictionary": "missions", "probability": 0.8},
            "path.key": {"dictionary": "keys", "probability": 0.6},
            "body.kind": {"dictionary": "jobs", "probability": 0.3},
        },
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "3xx", "401", "403", "404", "409", "422", "429"]
            },
            "negative_data_rejection": {"enabled": False},  # see tests/integration/test_api_fuzz.py
        },
    }
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=3, help="per operation, mode and role")
    parser.add_argument("--database", default=None)
    args = parser.parse_args()
    warnings.simplefilter("ignore", NonInteractiveExampleWarning)
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{pathlib.Path(folder) / 'demo.db'}"
        demo.prepare(url=url)
        with open_database(url) as engine:
            tokens = {
                role.value: person(engine, _nation(role), [role.value], Classification.NATO_SECRET)
                for role in Role
            }
        app = create_app(Settings(database_url=url, start_jobs=False))
        schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app, config=CONFIG)
        statuses: Counter[int] = Counter()
        errors: list[str] = []
        failures: Counter[str] = Counter()
        try:
            for result in schema.get_all_operations():
                operation = result.ok()
                for role, headers in tokens.items():
                    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                        exchange = _exchange(operation, mode, headers, args.examples, statuses)
                        try:
                            exchange(role, errors)
                        except Exception as failure:  # a check failed: count it, go on
                            failures[type(failure).__name__] += 1
        finally:
            asgi.shutdown_lifespans()
    total = sum(statuses.values())
    server = sum(n for s, n in statuses.items() if s >= 500)
    print(
        f"schemathesis: {len(tokens)} roles, {total} requests, "
        f"statuses {dict(sorted(statuses.items()))}, server errors {server}, "
        f"other check failures {sum(failures.values())}"
    )
    for line in errors[:20]:
        print("  ", line)
    return 1 if server else 0


def _nation(role: Role) -> str:
    """Each role at a nation it would hold it for: the host's liaison at the host."""
    return {Role.HOST_NATION_LIAISON: "IRQ", Role.NATIONAL_CONTRIBUTOR: "CAN"}.get(role, "NATO")


def _exchange(operation, mode, headers, examples, statuses):  # type: ignore[no-untyped-def]
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def exchange(role: str, errors: list[str], case: schemathesis.Case) -> None:
        response = case.call(headers=headers)
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            errors.append(f"{role} {case.method} {case.formatted_path}: {response.status_code}")
        else:
            case.validate_response(response)

    return exchange


if __name__ == "__main__":
    raise SystemExit(main())

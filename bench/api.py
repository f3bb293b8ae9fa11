"""Load benchmark of the service's read endpoints on PostgreSQL (the issue's target: p95 at
most 200 ms with 50 concurrent users).

Run with `make bench-api` (or `.venv/bin/python -m bench.api --help`). It builds a schema of
its own on the PostgreSQL server, imports the NATO Mission Iraq example, keeps 20 capacity and
20 force plan versions, adds 50 users of several nations and roles with tokens, starts
`cadre serve`, runs Locust (50 users, headless) on record lists, single records, the mission
summary and plan-version listings, and prints p50, p95 and p99 latency and requests per
second, overall and per endpoint. The schema is dropped at the end.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import httpx2
import psycopg

from cadre.access.labels import Classification
from cadre.services.access import users
from cadre.services.capacity.operations import plan_capacity
from cadre.services.force import operations as force
from cadre.services.scenario import operations as scenarios
from cadre.services.system.database import open_database
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import plans
from cadre.storage.database import transaction

ROOT = pathlib.Path(__file__).resolve().parents[1]
SERVER = os.environ.get("CADRE_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
PEOPLE = [  # (nation or organisation, roles), cycled over the 50 users
    ("NATO", ["mission_planner"]),
    ("NATO", ["force_generation_officer"]),
    ("USA", ["national_contributor"]),
    ("GBR", ["national_contributor"]),
    ("AUS", ["national_contributor"]),
    ("IRQ", ["host_nation_liaison"]),
    ("NATO", ["school_staff"]),
    ("NATO", ["auditor"]),
]


def prepare(url: str, users_count: int) -> tuple[list[str], list[str]]:
    """The example, plan versions and users with tokens; the tokens and the pledge codes."""
    with open_database(url) as engine:
        scenarios.import_file(UnitOfWork(engine), ROOT / "examples" / "nmi-2018.yaml")
        print("planning once for real (capacity and force), then keeping 20 versions of each")
        plan_capacity(UnitOfWork(engine), mission="NMI", seconds=60, adopt=True)
        force.picture(UnitOfWork(engine), "NMI", adopt=True)
        with transaction(engine) as session:
            for kind in ("capacity", "force"):
                row = plans.plan_version(session, "NMI", kind)
                for _ in range(19):
                    plans.save_plan_version(
                        session,
                        "NMI",
                        kind,
                        status=row.status,
                        parameters=dict(row.parameters),
                        scenario_fingerprint=row.scenario_fingerprint,
                        scenario_snapshot=dict(row.scenario_snapshot),
                        summary=dict(row.summary),
                        result=dict(row.result),
                    )
        tokens = []
        for i in range(users_count):
            nation, roles = PEOPLE[i % len(PEOPLE)]
            name = f"bench{i:02d}"
            users.add_user(
                UnitOfWork(engine, actor="bench"),
                username=name,
                affiliation=nation,
                roles=roles,
                clearance=Classification.NATO_RESTRICTED.value,
                oidc_subject=f"bench-{name}",
            )
            tokens.append(users.issue_token(UnitOfWork(engine, actor="bench"), name))
        pledges = [p.code for p in scenarios.load(UnitOfWork(engine), "NMI").pledges]
    return tokens, pledges


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    cadre = pathlib.Path(sys.executable).with_name("cadre")
    server = subprocess.Popen(
        [str(cadre), "serve", "--port", str(port), "--workers", str(workers)],
        env=os.environ | {"CADRE_DATABASE_URL": url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=2).is_success:
                return server
        except httpx2.TransportError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("the service did not start within a minute")


def warm_up(port: int, tokens: list[str], rounds: int = 40) -> float:
    """Load the scenario into each server process's cache, as a service that has been up for
    a while has it; returns the slowest of these first answers (the cold start), in ms."""
    slowest = 0.0
    with httpx2.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        for i in range(rounds):
            started = time.perf_counter()
            client.get(
                "/api/v1/missions/NMI/plans/capacity",
                headers={"Authorization": f"Bearer {tokens[i % len(tokens)]}"},
            )
            slowest = max(slowest, (time.perf_counter() - started) * 1000)
    return slowest


def load(
    port: int, args: argparse.Namespace, env: dict[str, str], think: float
) -> list[dict[str, str]]:
    out = pathlib.Path(tempfile.mkdtemp(prefix="cadre-bench-"))
    locust = pathlib.Path(sys.executable).with_name("locust")
    subprocess.run(
        [
            str(locust),
            "-f",
            str(ROOT / "bench" / "api_locustfile.py"),
            "--headless",
            "-u",
            str(args.users),
            "-r",
            str(args.users),
            "-t",
            f"{args.seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(out / "run"),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env=env | {"CADRE_BENCH_THINK": str(think)},
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with (out / "run_stats.csv").open(encoding="utf-8") as fd:
        rows = list(csv.DictReader(fd))
    shutil.rmtree(out)
    return rows


def report(title: str, rows: list[dict[str, str]]) -> dict[str, float]:
    print(f"\n{title}")
    print(
        f"{'endpoint':40} {'requests':>9} {'fails':>6} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'req/s':>7}"
    )
    total: dict[str, float] = {}
    for r in rows:
        name = r["Name"] if r["Name"] != "Aggregated" else "all"
        print(
            f"{name:40} {r['Request Count']:>9} {r['Failure Count']:>6} {r['50%']:>7} "
            f"{r['95%']:>7} {r['99%']:>7} {float(r['Requests/s']):>7.1f}"
        )
        if r["Name"] == "Aggregated" and r["Request Count"] != "0":
            total = {k: float(r[k]) for k in ("50%", "95%", "99%", "Requests/s", "Failure Count")}
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between requests")
    parser.add_argument("--no-saturation", action="store_true", help="skip the no-pause run")
    args = parser.parse_args()
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    url = f"{SERVER}?options=-csearch_path%3D{schema}"
    try:
        tokens, pledges = prepare(url, args.users)
        port = free_port()
        server = serve(url, port, args.workers)
        env = os.environ | {
            "CADRE_BENCH_TOKENS": json.dumps(tokens),
            "CADRE_BENCH_PLEDGES": json.dumps(pledges),
        }
        try:
            cold = warm_up(port, tokens)
            print(
                f"\n{args.users} users, {args.seconds} s per run, {args.workers} server "
                f"processes, PostgreSQL at {SERVER} (schema {schema}), {os.cpu_count()} cores; "
                f"slowest answer while warming up (cold cache): {cold:.0f} ms"
            )
            paced = report(
                f"Staff at work: a pause of {args.think:g} s on average between requests",
                load(port, args, env, args.think),
            )
            if not args.no_saturation:
                report("Saturation: no pause at all", load(port, args, env, 0.0))
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        with psycopg.connect(SERVER, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    verdict = "met" if paced.get("95%", 1e9) <= 200 else "NOT met"
    print(
        f"\ntarget p95 <= 200 ms with {args.users} users at work: {verdict} "
        f"(p95 {paced.get('95%')} ms)"
    )


if __name__ == "__main__":
    main()

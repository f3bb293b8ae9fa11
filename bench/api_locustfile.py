"""Locust users for `make bench-api`: staff reading the mission's records and plan versions.

Each simulated user holds its own bearer token (from CADRE_BENCH_TOKENS, written by
bench/api.py), so the releasability filter works for a mix of nations and roles.
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import FastHttpUser, between, constant, task

TOKENS = json.loads(os.environ.get("CADRE_BENCH_TOKENS", "[]"))
MISSION = os.environ.get("CADRE_BENCH_MISSION", "NMI")
PLEDGES = json.loads(os.environ.get("CADRE_BENCH_PLEDGES", "[]"))
THINK = float(os.environ.get("CADRE_BENCH_THINK", "1.0"))
_next = itertools.count()


class StaffOfficer(FastHttpUser):  # geventhttpclient: leaves the cores to the server
    # A person at a desk reads a page, then the next; THINK is the mean pause in seconds.
    wait_time = between(THINK / 2, THINK * 1.5) if THINK > 0 else constant(0)

    def on_start(self) -> None:
        token = TOKENS[next(_next) % len(TOKENS)]
        self.auth = {"Authorization": f"Bearer {token}"}

    def _get(self, path: str, name: str) -> None:
        with self.client.get(path, name=name, headers=self.auth, catch_response=True) as response:
            # 403: a role that does not read the kind; 404: a record hidden from this nation.
            # Both are right answers, and as fast to give as any other.
            if response.status_code in (200, 403, 404):
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")

    @task(4)
    def list_records(self) -> None:
        kind = random.choice(["sites", "courses", "pledges", "trainers", "cohorts", "contributors"])
        self._get(f"/api/v1/missions/{MISSION}/{kind}?limit=50", "GET /missions/{m}/{kind}")

    @task(2)
    def read_record(self) -> None:
        pledge = random.choice(PLEDGES)
        self._get(f"/api/v1/missions/{MISSION}/pledges/{pledge}", "GET /missions/{m}/pledges/{p}")

    @task(1)
    def mission(self) -> None:
        self._get(f"/api/v1/missions/{MISSION}", "GET /missions/{m}")

    @task(3)
    def plan_versions(self) -> None:
        kind = random.choice(["capacity", "force"])
        self._get(
            f"/api/v1/missions/{MISSION}/plans/{kind}?limit=20", "GET /missions/{m}/plans/{k}"
        )

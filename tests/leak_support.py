"""The generated leak test's machinery, shared by the test in `make test`
(tests/integration/test_leaks.py) and its larger run (`make leak-test`, bench/leaks.py).

A mission is planned end to end (capacity in check mode, force, a timetable, a re-plan after a
pledge withdraws, queued jobs of every kind), every named record carries a unique marker in its
name, and the records get random releasability labels. Then each principal (a role, a nation,
a clearance) walks every GET route of the OpenAPI document, every web page, every export
(workbooks unzipped, calendars read) and every job kind, and each answer is searched for the
codes and markers of the records that principal may not see. What it may see is computed here
from the rule's definition (`expected_visible`), sharing no code with the service's filter.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from cadre.access.communities import EU_MEMBERS, NATO_MEMBERS
from cadre.access.labels import Classification, default_label
from cadre.access.policy import Role, Verb, reach
from cadre.domain.capacity.problem import PlanMode
from cadre.domain.timetable.changes import change_from
from cadre.interchange.record_kinds import KINDS
from cadre.services.access.scope import mission_data
from cadre.services.capacity import operations as capacity
from cadre.services.force import operations as force
from cadre.services.scenario import operations as scenarios
from cadre.services.timetable import operations as timetable
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.database import transaction
from cadre.storage.labels import StoredLabel, put_label
from cadre.storage.service_models import RecordLabelRow
from cadre.web.routes import router as web_router
from tests.conftest import EXAMPLES
from tests.service_support import engine_of, person
from tests.web_support import log_in

MISSION, HOST = "TINY", "IRQ"
PARTICIPANTS = frozenset({"IRQ", "CAN", "SWE", "NATO"})
AFFILIATIONS = ["IRQ", "CAN", "SWE", "NATO", "AUS", "UN"]
LEVELS = list(Classification)
ENTRIES = [*AFFILIATIONS, "NATO", "EU", "HOST", "MISSION"]
MISSING = "ZZ-NO-SUCH-9"  # a code no record has: hidden ones must answer as this one does
_NAMED = {
    "contributors": ("name",),
    "sites": ("name",),
    "disciplines": ("name",),
    "qualifications": ("name",),
    "courses": ("title",),
    "trainers": ("name",),
    "cohorts": ("unit", "name.latin"),
    "requirements": ("title",),
}


def expected_visible(
    affiliation: str, roles: set[Role], clearance: Classification, kind: str, label: dict[str, Any]
) -> bool:
    """The rule, from its definition: a role reads the kind, the clearance covers the level,
    and the nation is the owner or in a community the record is released to."""
    communities = {
        "NATO": NATO_MEMBERS | {"NATO"},
        "EU": EU_MEMBERS | {"EU"},
        "HOST": {HOST},
        "MISSION": PARTICIPANTS,
    }
    audience = {label["owner"]}
    for entry in label["releasable_to"]:
        audience |= communities.get(entry, {entry})
    return (
        any(reach([r], Verb.READ, kind) is not None for r in roles)
        and LEVELS.index(Classification(label["classification"])) <= LEVELS.index(clearance)
        and affiliation in audience
    )


def marked_scenario() -> str:
    """The tiny example with a unique marker in every name, so a name can be looked for."""
    document = yaml.safe_load((EXAMPLES / "tiny.yaml").read_text(encoding="utf-8"))
    for kind, fields in _NAMED.items():
        for number, record in enumerate(document.get(kind, [])):
            for path in fields:
                *parents, last = path.split(".")
                target = record
                for step in parents:
                    target = target[step]
                target[last] = f"Qx{kind[:4]}{number}mark"
    # Listed runs, so the timetable places some (the plans' own runs there are host-led and
    # the tiny example has no host instructor).
    document["runs"] = [
        {"code": "R-01", "course": "CIED-101", "site": "TAJI", "cohort": "IA-9DIV-ENG",
         "earliest": "2019-02-03", "latest": "2019-04-30"},
        {"code": "R-02", "course": "CIED-101", "site": "BESMAYA",
         "earliest": "2019-04-07", "latest": "2019-06-30"},
    ]  # fmt: skip
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@dataclass
class World:
    """The planned mission: its records (kind -> key -> document), plans and jobs."""

    client: TestClient
    records: dict[str, dict[str, dict[str, Any]]]
    jobs: list[int]
    plans: dict[str, list[int]]

    @property
    def engine(self) -> Engine:
        return engine_of(self.client)


def build_world(client: TestClient, tmp: Any) -> World:
    engine = engine_of(client)
    path = tmp / "tiny-marked.yaml"
    path.write_text(marked_scenario(), encoding="utf-8")
    uow = UnitOfWork(engine)
    scenarios.import_file(uow, path)
    capacity.plan_capacity(uow, mission=MISSION, seconds=20, adopt=True)
    capacity.plan_capacity(uow, mission=MISSION, seconds=20, mode=PlanMode.CHECK)
    force.picture(uow, MISSION, adopt=True)
    made = timetable.schedule(uow, mission=MISSION, months=12, seconds=5, workers=1, adopt=True)
    assert made.adoption is not None
    assert made.adoption.done, made.adoption  # the pages read the adopted timetable
    change = change_from(withdraw_pledge="P-SWE-1")
    assert change is not None
    timetable.replan(uow, change, mission=MISSION, seconds=5, workers=1)
    planner = person(engine, "NATO", ["mission_planner"], Classification.NATO_SECRET)
    jobs = []
    for kind, parameters in (
        ("capacity", {"seconds": 5}),
        ("force", {}),
        ("timetable", {"withdraw_pledge": "P-CAN-1", "seconds": 5}),
        ("timetable", {"close_room": "TAJI-CR1", "room_site": "TAJI", "seconds": 5}),
    ):
        answer = client.post(
            f"/api/v1/missions/{MISSION}/jobs",
            headers=planner,
            json={"kind": kind, "parameters": parameters},
        )
        assert answer.status_code == 202, answer.text
        jobs.append(answer.json()["id"])
    with transaction(engine) as session:
        data = mission_data(session, MISSION)
        records = {k: {KINDS[k].key_of(d): d for d in data.documents[k]} for k in KINDS}
    plans = {
        kind: [
            p["number"]
            for p in client.get(
                f"/api/v1/missions/{MISSION}/plans/{kind}?limit=500", headers=planner
            ).json()["items"]
        ]
        for kind in ("capacity", "force", "timetable")
    }
    return World(client, records, jobs, plans)


def random_labels(
    world: World, rng: random.Random, share: float
) -> dict[tuple[str, str], dict[str, Any]]:
    """Store random labels on about `share` of the records; each record's label, as stored or
    the default of its kind."""
    chosen: dict[tuple[str, str], dict[str, Any]] = {}
    for kind, items in world.records.items():
        for key in items:
            if rng.random() < share:
                chosen[kind, key] = {
                    "classification": rng.choice(LEVELS).value,
                    "owner": rng.choice(AFFILIATIONS),
                    "releasable_to": rng.sample(ENTRIES, rng.randint(0, 3)),
                }
    with transaction(world.engine) as session:
        session.query(RecordLabelRow).delete()
        mission_id = mission_data(session, MISSION).stamp.mission_id
        for (kind, key), label in chosen.items():
            stored = StoredLabel(label["classification"], label["owner"], label["releasable_to"])
            put_label(session, mission_id, kind, key, stored, dt.datetime.now(dt.UTC))
    labels = {}
    for kind, items in world.records.items():
        for key, document in items.items():
            default = default_label(kind, host=HOST, nation=document.get(KINDS[kind].nation or ""))
            labels[kind, key] = chosen.get(
                (kind, key),
                {
                    "classification": default.classification.value,
                    "owner": default.owner,
                    "releasable_to": sorted(default.releasable_to),
                },
            )
    return labels


@dataclass(frozen=True)
class Principal:
    affiliation: str
    roles: frozenset[Role]
    clearance: Classification

    def __str__(self) -> str:
        roles = "+".join(sorted(r.value for r in self.roles))
        return f"{roles}@{self.affiliation}/{self.clearance.value}"


def principals(rng: random.Random, count: int | None) -> list[Principal]:
    """Every role (the administrator with and without another) at every nation, each with a
    random clearance; `count` of them drawn at random, or all."""
    every = [
        Principal(a, frozenset({r}), rng.choice(LEVELS)) for r in Role for a in AFFILIATIONS
    ] + [
        Principal(a, frozenset({Role.ADMINISTRATOR, Role.AUDITOR}), rng.choice(LEVELS))
        for a in AFFILIATIONS
    ]
    return every if count is None else rng.sample(every, count)


@dataclass
class Tally:
    principals: int = 0
    requests: int = 0
    surfaces: set[str] = field(default_factory=set)
    statuses: Counter[int] = field(default_factory=Counter)
    leaks: list[str] = field(default_factory=list)
    oracles: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"principals {self.principals}, requests {self.requests}, surfaces walked "
            f"{len(self.surfaces)}, leaks {len(self.leaks)}, oracles {len(self.oracles)}, "
            f"5xx {len(self.server_errors)}"
        )


@dataclass(frozen=True)
class Needles:
    codes: frozenset[str]
    markers: frozenset[str]
    pattern: re.Pattern[str] | None

    def found(self, text: str) -> set[str]:
        hits = {m for m in self.markers if m in text}
        if self.pattern is not None:
            hits |= set(self.pattern.findall(text))
        return hits


def needles(
    world: World, labels: dict[tuple[str, str], dict[str, Any]], who: Principal
) -> tuple[Needles, dict[str, set[str]]]:
    """What `who` must never meet (codes of hidden records, besides nations, which every label
    names; markers of every hidden name), and the keys it sees by kind."""
    seen: dict[str, set[str]] = {k: set() for k in world.records}
    hidden_codes: set[str] = set()
    markers: set[str] = set()
    for (kind, key), label in labels.items():
        document = world.records[kind][key]
        if expected_visible(who.affiliation, set(who.roles), who.clearance, kind, label):
            seen[kind].add(key)
            continue
        markers |= set(re.findall(r"Qx\w+?mark", str(document)))
        if kind != "contributors":
            hidden_codes.add(key)
            hidden_codes |= {r["code"] for r in document.get("rooms", [])}
    visible_codes = {key for keys in seen.values() for key in keys} | {MISSION}
    for key in seen["sites"]:
        visible_codes |= {r["code"] for r in world.records["sites"][key].get("rooms", [])}
    codes = frozenset(hidden_codes - visible_codes)
    pattern = (
        re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(codes))) + r")(?![\w-])")
        if codes
        else None
    )
    return Needles(codes, frozenset(markers), pattern), seen


def readable(response: Any) -> str:
    """The answer as text: a workbook unzipped (every sheet and the shared strings)."""
    if response.content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(response.content)) as book:
            return "\n".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    return response.content.decode("utf-8", "replace")


def _fill(
    path: str, values: dict[str, list[str]], keys: dict[str, list[str]], kind: str = ""
) -> Iterator[str]:
    """The path with its parameters filled every way: a record's key with every key of the
    kind chosen before it (and a missing one), the others from `values`."""
    names = re.findall(r"{(\w+)(?::\w+)?}", path)
    if not names:
        yield path
        return
    name = names[0]
    choices = keys.get(kind, [MISSING]) if name == "key" else values.get(name, [])
    for value in choices:
        filled = re.sub(r"{" + name + r"(?::\w+)?}", value, path, count=1)
        yield from _fill(filled, values, keys, value if name == "kind" else kind)


def api_paths(client: TestClient) -> list[str]:
    schema = client.get("/api/v1/openapi.json").json()
    return sorted(p for p, ops in schema["paths"].items() if "get" in ops)


def web_paths() -> list[str]:
    """Every page's path, from the web app's router (each area's router included in it)."""
    found = set()

    def collect(routes: Iterable[Any]) -> None:
        for route in routes:
            inner = getattr(route, "original_router", None)
            if inner is not None:
                collect(inner.routes)
            elif "GET" in (getattr(route, "methods", None) or set()):
                found.add(route.path)

    collect(web_router.routes)
    return sorted(found)


def _queries(path: str, world: World, seen: dict[str, set[str]]) -> list[str]:
    """The query strings worth sending to a page: each subject of a calendar, each version."""
    everyone = {k: sorted(world.records[k]) for k in ("sites", "trainers", "cohorts")}
    if path.endswith(("/timetable", "/timetable.ics")):
        found = [
            f"?by={by}&key={key}"
            for by, kind in (("site", "sites"), ("instructor", "trainers"), ("cohort", "cohorts"))
            for key in everyone[kind]
        ]
        versions = [f"?version={n}" for n in world.plans["timetable"]]
        return (["?view=month", *versions] if path.endswith("/timetable") else []) + found
    if path.endswith("/force/workbook"):
        return [
            f"?nation={n}&format={f}"
            for n in world.records["contributors"]
            for f in ("xlsx", "csv")
        ]
    if path.endswith("/force"):
        return ["", *(f"?nation={n}" for n in world.records["contributors"])]
    if path.endswith("/capacity"):
        return ["", *(f"?version={n}" for n in world.plans["capacity"])]
    if path.endswith("/capacity/compare"):
        numbers = world.plans["capacity"]
        return [f"?a={numbers[0]}&b={numbers[-1]}"] if numbers else []
    if path.endswith("/timetable.xlsx"):
        return ["", *(f"?version={n}" for n in world.plans["timetable"])]
    if "{" not in path and path.count("/") <= 3 and "missions/" in path:
        return ["", "?limit=500"]
    return [""]


def walk(
    world: World, labels: dict[tuple[str, str], dict[str, Any]], who: Principal, tally: Tally
) -> None:
    """One principal over every surface: the API with its token, the web with a session."""
    client = world.client
    found, seen = needles(world, labels, who)
    roles = sorted(r.value for r in who.roles)
    headers = person(world.engine, who.affiliation, roles, who.clearance)
    values = {
        "mission": [MISSION],
        "kind": [*KINDS, "capacity", "force", "timetable"],
        "number": [str(n) for ns in world.plans.values() for n in ns] + ["999"],
        "job_id": [str(j) for j in world.jobs],
        "name": ["training-force", "graduates-vs-demand", "handover-timeline",
                 "required-vs-pledged", "fill-by-qualification"],
        "table": ["activities", "overlaps", "gaps"],
    }  # fmt: skip
    keys = {kind: [*sorted(items), MISSING] for kind, items in world.records.items()}
    tally.principals += 1

    def look(surface: str, url: str, response: Any) -> None:
        tally.requests += 1
        tally.surfaces.add(surface)
        tally.statuses[response.status_code] += 1
        if response.status_code >= 500:
            tally.server_errors.append(f"{who} {url}: {response.status_code}")
        # What the request itself named comes back in a refusal: that tells nothing new.
        asked = set(re.split(r"[/?&=]", url))
        hits = found.found(readable(response)) - asked
        if hits:
            tally.leaks.append(f"{who} {url}: {sorted(hits)[:5]}")

    client.cookies.clear()
    for path in api_paths(client):
        if path.endswith("/openapi.json") or "oidc" in path:
            continue
        for url in _fill(path, values, keys):
            look(f"api {path}", url, client.get(url + _limit(url), headers=headers))
    _oracles_api(world, who, headers, seen, tally)
    log_in(client, who.affiliation, roles)  # a web session for the same kind of principal
    for path in web_paths():
        if path in ("/login",) or path.startswith("/oidc"):
            continue
        for url in _fill(path, values, keys):
            for query in _queries(path, world, seen):
                look(f"web {path}", url + query, client.get(url + query))
    client.cookies.clear()


def _limit(url: str) -> str:
    last = url.rstrip("/").split("/")[-1]
    return "?limit=500" if last in KINDS or last in ("jobs", "audit") else ""


def _same(a: Any, b: Any, hidden: str) -> bool:
    """Two answers alike once the codes asked for are set aside."""
    return a.status_code == b.status_code and a.text.replace(hidden, MISSING) == b.text


def _oracles_api(
    world: World, who: Principal, headers: dict[str, str], seen: dict[str, set[str]], tally: Tally
) -> None:
    """Hidden and missing targets answer alike: a record, a job's target."""
    client = world.client
    for kind, items in world.records.items():
        for key in sorted(set(items) - seen[kind]):
            for path in (f"/api/v1/missions/{MISSION}/{kind}/{{}}",):
                hidden = client.get(path.format(key), headers=headers)
                missing = client.get(path.format(MISSING), headers=headers)
                tally.requests += 2
                if not _same(hidden, missing, key):
                    tally.oracles.append(
                        f"{who} {path.format(key)}: {hidden.status_code} vs {missing.status_code}"
                    )
    targets = [
        ("withdraw_pledge", k) for k in sorted(set(world.records["pledges"]) - seen["pledges"])
    ]
    targets += [
        ("withdraw", k) for k in sorted(set(world.records["contributors"]) - seen["contributors"])
    ]
    targets += [
        ("close_room", room["code"])
        for site in sorted(set(world.records["sites"]) - seen["sites"])
        for room in world.records["sites"][site].get("rooms", [])
    ]
    for name, key in targets:
        answers = [
            client.post(
                f"/api/v1/missions/{MISSION}/jobs",
                headers=headers,
                json={"kind": "timetable", "parameters": {name: value, "seconds": 1}},
            )
            for value in (key, MISSING)
        ]
        tally.requests += 2
        tally.surfaces.add("api POST /missions/{mission}/jobs (targets)")
        if answers[0].status_code == 202 or not _same(answers[0], answers[1], key):
            tally.oracles.append(
                f"{who} job {name}={key}: {answers[0].status_code} {answers[0].text[:120]}"
                f" vs {answers[1].status_code}"
            )


def run(world: World, rounds: int, per_round: int | None, seed: int, share: float = 0.4) -> Tally:
    """`rounds` draws of labels, each walked by `per_round` principals (None: all of them)."""
    rng = random.Random(seed)
    tally = Tally()
    for _ in range(rounds):
        labels = random_labels(world, rng, share)
        for who in principals(rng, per_round):
            walk(world, labels, who, tally)
    return tally


def unique(items: Iterable[str]) -> list[str]:
    return sorted(set(items))

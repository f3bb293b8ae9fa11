"""Sourcing use cases: send a nation its pledge workbook, read its offers back all or nothing,
decide offers in a sourcing round, and read or edit the statement of requirements."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from cadre.domain.catalogue import DeliveryMode
from cadre.domain.errors import InvalidInput, NotFound, Problem
from cadre.domain.fingerprint import canonical
from cadre.domain.force.eligibility import caveat_bars_line
from cadre.domain.force.offers import Offer, OfferState, StateChange, decide
from cadre.domain.force.validation import line_problems
from cadre.domain.ranks import RankBand
from cadre.domain.requirements import Criticality, LineEvent, RequirementLine
from cadre.domain.scenario import Scenario
from cadre.interchange.pledge_csv import read_csv_pledges, write_csv_template
from cadre.interchange.pledge_template import write_template as write_xlsx_template
from cadre.interchange.pledge_workbook import read_pledges
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import force_lines, force_offers
from cadre.storage.scenarios import find_mission, load_scenario

FIRST_ROUND = "FSC-1"


@dataclass(frozen=True)
class OfferImport:
    nation: str
    round: str
    created: tuple[str, ...]
    revised: tuple[str, ...]
    withdrawn: tuple[str, ...]
    unchanged: tuple[str, ...]


def lines_open_to(
    scenario: Scenario, nation: str, lines: Sequence[RequirementLine]
) -> list[RequirementLine]:
    """The lines none of the nation's caveats bars (by place or mode)."""
    regions = {s.code: s.region for s in scenario.sites}
    caveats = [c for c in scenario.caveats if c.nation == nation]
    open_lines = []
    for line in lines:
        region = regions.get(line.site, "") if line.site else (line.region or "")
        sites = frozenset(k for k, v in regions.items() if v == region)
        if all(caveat_bars_line(c, line, region, sites) is None for c in caveats):
            open_lines.append(line)
    return open_lines


def write_template(
    uow: UnitOfWork, nation: str, out: pathlib.Path, mission: str | None = None
) -> int:
    """Write the nation's pledge workbook (.xlsx) or file (.csv); how many lines it lists."""
    with uow.transaction() as session:
        scenario = load_scenario(session, mission)
        lines = force_lines.load_lines(session, find_mission(session, scenario.mission.code).id)
    if nation not in {c.code for c in scenario.contributors if c.role.sends_trainers}:
        raise InvalidInput(f"{nation} is not an ally or partner of mission {scenario.mission.code}")
    listed = lines_open_to(scenario, nation, lines)
    try:
        if out.suffix.lower() == ".csv":
            write_csv_template(out, nation, listed)
        elif out.suffix.lower() == ".xlsx":
            write_xlsx_template(out, scenario, nation, listed, dt.datetime.now(dt.UTC))
        else:
            raise InvalidInput(f"{out}: a pledge template is written as .xlsx or .csv")
    except OSError as err:
        raise InvalidInput(
            [Problem(f"cannot write the file: {err.strerror}", file=str(out))]
        ) from err
    return len(listed)


def import_offers(
    uow: UnitOfWork,
    path: pathlib.Path,
    mission: str | None = None,
    round_code: str | None = None,
    today: dt.date | None = None,
) -> OfferImport:
    """Store a nation's offers from its workbook, as its whole bid for the round: new rows
    are offered, changed rows revised, open offers missing from it withdrawn. Any problem,
    in any row, and nothing is stored."""
    on = today or dt.date.today()
    reader = {".xlsx": read_pledges, ".xlsm": read_pledges, ".csv": read_csv_pledges}.get(
        path.suffix.lower()
    )
    if reader is None:
        raise InvalidInput(
            [
                Problem(
                    "a pledge file is an .xlsx workbook or a .csv file",
                    file=path.name,
                    code="pledge.file_kind",
                )
            ]
        )
    now = dt.datetime.now(dt.UTC)
    with uow.transaction() as session:
        scenario = load_scenario(session, mission)
        mission_id = find_mission(session, scenario.mission.code).id
        lines = {x.number: x for x in force_lines.load_lines(session, mission_id)}
        latest = force_offers.latest_round(session, mission_id)
        code = round_code or (latest.code if latest else FIRST_ROUND)
        force_offers.ensure_round(session, mission_id, code, on)
        nation, offers = reader(path, scenario, lines, code, on)
        existing = force_offers.load_offers(session, mission_id)
        created, revised, unchanged, problems = [], [], [], []
        for offer in offers:
            old = existing.get(offer.code, (None, None))[0]
            if old is None:
                created.append(offer)
            elif old.same_terms(offer):
                unchanged.append(offer.code)
            elif old.is_open:
                note = f"revised from {path.name}"
                change = StateChange(OfferState.OFFERED, on, code, note)
                revised.append(dataclasses.replace(offer, history=(*old.history, change)))
            else:
                problems.append(
                    Problem(
                        f"offer {offer.code} is {old.state.value}; its terms cannot change: give "
                        "the row a new reference to make a new offer",
                        field=f"your reference {offer.reference}",
                        file=path.name,
                        code="offer.terms_fixed",
                        params={"offer": offer.code, "state": old.state.value},
                    )
                )
        if problems:
            raise InvalidInput(problems)
        kept = {o.code for o in offers}
        withdrawn = [
            decide(old, OfferState.WITHDRAWN, on, code, f"not in {path.name}")
            for old, made_in in existing.values()
            if old.nation == nation and made_in == code and old.is_open and old.code not in kept
        ]
        for offer in (*created, *revised, *withdrawn):
            force_offers.store_offer(session, mission_id, offer, code, path.name, now)
        uow.audit(
            session,
            "pledge import",
            mission=scenario.mission.code,
            key=nation,
            after={
                "file": path.name,
                "round": code,
                "created": [o.code for o in created],
                "revised": [o.code for o in revised],
                "withdrawn": [o.code for o in withdrawn],
            },
        )
    return OfferImport(
        nation,
        code,
        tuple(o.code for o in created),
        tuple(o.code for o in revised),
        tuple(o.code for o in withdrawn),
        tuple(unchanged),
    )


def decide_offers(
    uow: UnitOfWork,
    codes: Sequence[str],
    state: OfferState,
    mission: str | None = None,
    round_code: str | None = None,
    note: str = "",
    on: dt.date | None = None,
) -> tuple[Offer, ...]:
    """Move offers to `state` together: all of them, or (on any refusal) none."""
    day = on or dt.date.today()
    with uow.transaction() as session:
        scenario = load_scenario(session, mission)
        mission_id = find_mission(session, scenario.mission.code).id
        latest = force_offers.latest_round(session, mission_id)
        code = round_code or (latest.code if latest else FIRST_ROUND)
        force_offers.ensure_round(session, mission_id, code, day)
        existing = force_offers.load_offers(session, mission_id)
        pledges = {p.code for p in scenario.pledges}
        decided = []
        for offer_code in codes:
            if offer_code not in existing:
                where = (
                    "a pledge of the scenario; change it in the scenario file"
                    if (offer_code in pledges)
                    else "not known"
                )
                raise NotFound(f"offer {offer_code} is {where}")
            offer = decide(existing[offer_code][0], state, day, code, note)
            force_offers.store_offer(session, mission_id, offer, code, "", dt.datetime.now(dt.UTC))
            decided.append(offer)
        uow.audit(
            session,
            "offer decide",
            mission=scenario.mission.code,
            key=",".join(codes),
            after={"state": state.value, "round": code, "note": note},
        )
    return tuple(decided)


def statement(uow: UnitOfWork, mission: str | None = None) -> tuple[RequirementLine, ...]:
    with uow.transaction() as session:
        return force_lines.load_lines(session, find_mission(session, mission).id)


def line_history(uow: UnitOfWork, number: str, mission: str | None = None) -> tuple[LineEvent, ...]:
    with uow.transaction() as session:
        return force_lines.line_history(session, find_mission(session, mission).id, number)


EDITABLE = (
    "title",
    "count",
    "start",
    "end",
    "criticality",
    "site",
    "region",
    "rank_band",
    "mode",
    "qualification",
)


def edit_line(
    uow: UnitOfWork,
    number: str,
    changes: Mapping[str, str],
    mission: str | None = None,
    revision: int | None = None,
    note: str = "edited",
) -> RequirementLine:
    """Change fields of a line (text as typed); every change is kept in the line's history."""
    with uow.transaction() as session:
        scenario = load_scenario(session, mission)
        mission_id = find_mission(session, scenario.mission.code).id
        lines = {x.number: x for x in force_lines.load_lines(session, mission_id)}
        if number not in lines:
            raise NotFound(f"requirement line {number} is not in the statement")
        edited = _apply(lines[number], changes)
        found = list(line_problems(edited, scenario, {**lines, number: edited}))
        if found:
            raise InvalidInput([Problem(message, field=f) for f, message in found])
        kept = force_lines.edit_line(
            session, mission_id, edited, revision, dt.datetime.now(dt.UTC), note
        )
        uow.audit(
            session,
            "requirement edit",
            mission=scenario.mission.code,
            kind="requirements",
            key=number,
            before=canonical(lines[number]),
            after=canonical(kept),
        )
        return kept


def _apply(line: RequirementLine, changes: Mapping[str, str]) -> RequirementLine:
    parse: dict[str, Callable[[str], object]] = {
        "count": int,
        "start": dt.date.fromisoformat,
        "end": dt.date.fromisoformat,
        "criticality": Criticality,
        "rank_band": RankBand.parse,
        "mode": DeliveryMode,
        "site": lambda v: v or None,
        "region": lambda v: v or None,
    }
    values: dict[str, object] = {}
    problems = []
    for name, value in changes.items():
        if name not in EDITABLE:
            problems.append(
                Problem(f"{name} cannot be edited; one of {', '.join(EDITABLE)}", field=name)
            )
            continue
        try:
            values[name] = parse.get(name, str)(value)
        except ValueError as err:
            problems.append(Problem(f"{value!r} is not a valid {name}: {err}", field=name))
    if problems:
        raise InvalidInput(problems)
    return dataclasses.replace(line, **values)  # type: ignore[arg-type]

"""Changing the register: an HXL table of activities, or of the host's needs, imported all
or nothing. The table is read and judged whole (the file's own rules, then the reader's
rights: the markings it may give, the organisations it may report for); any problem refuses
the whole table with every problem located, and nothing is stored. The change and its audit
entry are written in one transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from cadre.access.labels import ACTIVITIES, Classification
from cadre.access.policy import Principal, Reach
from cadre.domain.coordination.activities import Activity, Need
from cadre.domain.errors import InvalidInput, NotFound, Problem
from cadre.domain.phases import Phase, reading
from cadre.interchange.coordination.hxl_read import read_table
from cadre.interchange.coordination.hxl_table import ReadActivity, ReadNeed, Where
from cadre.services.coordination.release import Sight, sight
from cadre.services.scenario.demo import REPOSITORY
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import coordination as store
from cadre.storage.mission_scope import lock_mission


@dataclass(frozen=True)
class ImportOutcome:
    mission: str
    activities: int  # lines stored (new or replacing a line of the same code)
    needs: int
    kept: tuple[str, ...]  # hashtags of columns kept as written, not read
    ours: int  # lines of the mission's own runs in the table: they come from the timetable


READ = 0.4  # the bar's share for reading the table, before its lines are checked
CHECKED_EVERY = 1000


def _problem(file: str, where: Where, reason: str, code: str) -> Problem:
    return Problem(
        reason, field=where.tag, file=file, line=where.line, column=where.column, code=code
    )


class _Judge:
    """The reader's rights over each line, every breach collected."""

    def __init__(self, seen: Sight, file: str, owners: Mapping[str, str]) -> None:
        self.seen, self.file, self.owners = seen, file, owners
        self.reach = seen.write_reach()
        self.problems: list[Problem] = []

    def marking(self, read: ReadActivity | ReadNeed, classification: str, owner: str) -> None:
        at = read.where("classification")
        try:
            level = Classification(classification)
        except ValueError:
            levels = ", ".join(c.value for c in Classification)
            self.fail(
                at, f"{classification!r} is not a classification; one of: {levels}", "bad_marking"
            )
            return
        principal = self.seen.principal
        if principal is not None and not principal.clearance.covers(level):
            self.fail(at, f"you may not mark a line {level.value}", "above_clearance")
        if self.reach is Reach.OWN and principal is not None and owner != principal.affiliation:
            self.fail(
                read.where("organisation"),
                f"the line is {owner}'s; you may report only {principal.affiliation}'s lines",
                "not_yours",
            )

    def activity(self, read: ReadActivity) -> None:
        a = read.activity
        self.marking(read, a.classification, a.organisation)
        stored = self.owners.get(a.code)
        if stored is not None and stored != a.organisation and self.reach is Reach.OWN:
            self.fail(
                read.where("code"),
                f"the activity code {a.code} is {stored}'s line; choose another code",
                "code_taken",
            )

    def need(self, read: ReadNeed) -> None:
        self.marking(read, read.need.classification, read.need.organisation)

    def fail(self, where: Where, reason: str, code: str) -> None:
        self.problems.append(_problem(self.file, where, reason, f"coordination.{code}"))


def _released(release: tuple[str, ...], owner: str, importer: str) -> tuple[str, ...]:
    """A line released to nobody named goes to its owner and whoever reported it."""
    return release or tuple(sorted({owner, importer}))


def import_table(
    uow: UnitOfWork,
    principal: Principal | None,
    data: bytes,
    file: str,
    mission: str | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> ImportOutcome:
    """Store the activities, or the host's needs, of an HXL table: all lines or none.
    `progress(message, share)` hears the table read, then (off SQLite, whose one writer this
    transaction is) the lines checked; run as a job, the job closes with the import."""
    say = progress or (lambda _what, _share: None)
    say(reading(file), 0.0)
    table = read_table(data, file)
    lines = len(table.activities) + len(table.needs)
    say(Phase("import.storing_lines", "checking and storing %(count)s lines", count=lines), READ)
    at = dt.datetime.now(dt.UTC)
    with uow.transaction() as session:
        inside = say if session.get_bind().dialect.name != "sqlite" else None
        seen = sight(session, principal, mission)
        lock_mission(session, seen.mission)
        codes = [r.activity.code for r in table.activities]
        judge = _Judge(seen, file, store.stored_owners(session, seen.mission_id, codes))
        activities: list[Activity] = []
        for done, read in enumerate(table.activities):
            if inside is not None and done % CHECKED_EVERY == 0:
                said = Phase(
                    "import.lines_checked",
                    "checked %(done)s of %(total)s lines",
                    done=done,
                    total=lines,
                )
                inside(said, READ + (1 - READ) * done / lines)
            judge.activity(read)
            a = read.activity
            if not a.releasable_to:
                release = _released(a.releasable_to, a.organisation, seen.importer)
                a = dataclasses.replace(a, releasable_to=release)
            activities.append(a)
        needs: list[Need] = []
        for read_need in table.needs:
            need = read_need.need
            owner = need.organisation or seen.host
            need = dataclasses.replace(
                need,
                organisation=owner,
                releasable_to=_released(need.releasable_to, owner, seen.importer),
            )
            judge.need(dataclasses.replace(read_need, need=need))
            needs.append(need)
        if judge.problems:
            raise InvalidInput(judge.problems, code="coordination.table_refused", file=file)
        store.put_activities(session, seen.mission_id, activities, at)
        store.put_needs(session, seen.mission_id, needs)
        uow.audit(
            session,
            "coordination import",
            mission=seen.mission,
            kind=ACTIVITIES,
            key=file,
            after={
                "activities": len(activities),
                "needs": len(needs),
                "sha256": hashlib.sha256(data).hexdigest(),
            },
        )
        outcome = ImportOutcome(seen.mission, len(activities), len(needs), table.kept, table.ours)
        uow.import_kept(session, {"file": file, **vars(outcome), "kept": list(table.kept)})
    return outcome


def may_import(session: Session, principal: Principal | None, mission: str | None) -> str:
    """The mission whose register `principal` may import lines into; refused otherwise
    (each line's owner and marking are judged when the table is read)."""
    seen = sight(session, principal, mission)
    seen.write_reach()
    return seen.mission


EXAMPLE_TABLES = ("register-2019.csv", "needs-2019.csv")


def load_example(uow: UnitOfWork, mission: str | None = None) -> list[ImportOutcome]:
    """The shipped example register and the host's needs (examples/coordination), imported
    as any table is; for the demo."""
    folder = REPOSITORY / "examples" / "coordination"
    found = []
    for name in EXAMPLE_TABLES:
        path = folder / name
        if not path.is_file():
            raise NotFound(f"the example table {path} is missing", code="coordination.no_example")
        found.append(import_table(uow, None, path.read_bytes(), name, mission))
    return found

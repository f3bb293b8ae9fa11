"""A table of trainees imported at once: every row, or none. Twenty thousand rows take some
seconds to check and more to compare for likely duplicates, so the import says how far it has
come, and when it runs as a job it closes the job with its report in its own transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cadre.access.labels import TRAINEES
from cadre.access.policy import Principal
from cadre.domain.phases import Phase
from cadre.domain.training.duplicates import Candidate
from cadre.interchange.trainees import read_trainee_file
from cadre.services.training.operations import flag, store_trainee, writing
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import training_rows as rows

Progress = Callable[[str, float], None]
# Shares of the bar, by where an import of twenty thousand spends its time (measured):
CHECKED, STORED = 0.3, 0.45  # checking the rows, then storing them; comparing takes the rest


@dataclass(frozen=True)
class ImportOutcome:
    mission: str
    created: int
    updated: int
    duplicates: int  # likely duplicates flagged by this import


def import_trainees(
    uow: UnitOfWork,
    principal: Principal | None,
    data: bytes,
    file: str,
    mission: str | None = None,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Store a table of trainees: every row, or none. A row whose service and number are
    already stored replaces that trainee's fields. Every problem is located by row, column
    and field; likely duplicates among the rows and with those stored are flagged.
    `progress(message, share)` hears the rows checked, stored and compared."""
    say = progress or (lambda _what, _share: None)

    def checked(done: int, total: int) -> None:
        said = Phase(
            "import.rows_checked", "checked %(done)s of %(total)s rows", done=done, total=total
        )
        say(said, CHECKED * done / max(total, 1))

    table = read_trainee_file(data, file, today=dt.date.today(), checked=checked)
    say(Phase("import.storing_trainees", "storing %(count)s trainees", count=len(table)), CHECKED)
    with writing(uow, principal, mission) as (session, seen):
        # SQLite has one writer: a progress write from another connection would wait on this
        # transaction's lock, so there the bar waits at the storing until the end.
        inside = say if session.get_bind().dialect.name != "sqlite" else None
        taken = rows.numbers_taken(session, seen.mission_id)
        for trainee in table:
            own = taken.get((trainee.service, trainee.number))
            if own is not None:
                existing = rows.find_trainee(session, seen.mission_id, own)
                store_trainee(session, seen.mission_id, existing, trainee, flush=False)
        # New people in one statement: row by row, twenty thousand take minutes.
        rows.insert_trainees(
            session,
            seen.mission_id,
            [t for t in table if (t.service, t.number) not in taken],
            dt.datetime.now(dt.UTC),
        )
        ids = rows.numbers_taken(session, seen.mission_id)
        new = [
            Candidate(ids[(t.service, t.number)], t.sound, t.birth_year, t.number) for t in table
        ]

        def compared(done: int, total: int) -> None:
            if inside is not None:
                share = STORED + (1 - STORED) * done / max(total, 1)
                said = Phase(
                    "import.rows_compared",
                    "compared %(done)s of %(total)s for likely duplicates",
                    done=done,
                    total=total,
                )
                inside(said, min(share, 0.99))

        compared(0, len(new))
        flagged = len(flag(session, seen, new, compared))
        updated = sum(1 for t in table if (t.service, t.number) in taken)
        outcome = ImportOutcome(seen.mission, len(table) - updated, updated, flagged)
        uow.audit(
            session, "trainees import", mission=seen.mission, kind=TRAINEES, key=file,
            after={"created": outcome.created, "updated": updated, "duplicates": flagged},
        )  # fmt: skip
        uow.import_kept(session, {"file": file, "rows": len(table), **vars(outcome)})
    return outcome

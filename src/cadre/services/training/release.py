"""Who may see and change trainees' records: the one place the training capability asks.

Trainees' personal data goes only to roles that need it (access/policy.py): the school and
the host's liaison see every trainee of the mission; an instructor sees the trainees of the
runs they teach (the user account teaches as one of the scenario's trainers, and the
timetable says which runs that trainer teaches) and no one else, not the roster of the army.
Every other role sees none. A trainee the reader may not see does not exist for it: lists
leave them out and a read answers "not found", as for a record that is not there. The
operator at the terminal, who holds the database itself, sees everything.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from sqlalchemy.orm import Session

from cadre.access.labels import TRAINEES, Label, default_label
from cadre.access.policy import Principal, Reach, Verb, reach
from cadre.domain.errors import Forbidden, NotFound
from cadre.services.access.scope import AUTHORITY, Scope, open_scope
from cadre.storage import training_results as results_rows
from cadre.storage import training_rows as rows
from cadre.storage.scenarios import find_mission

# Runs a trainer teaches, by trainer code: given by the caller, read from the timetable.
TaughtRuns = Callable[[str], frozenset[str]]


@dataclass(frozen=True)
class TrainingSight:
    """A reader's view of one mission's training records."""

    mission: str
    mission_id: int
    host: str
    scope: Scope | None  # None: the operator at the terminal
    runs: frozenset[str] | None  # the runs an instructor teaches; None: every run
    trainees: frozenset[int] | None  # who the reader may see; None: everyone

    @property
    def principal(self) -> Principal | None:
        return self.scope.principal if self.scope else None

    @property
    def actor(self) -> str | None:
        return self.principal.username if self.principal else None

    def label(self, kind: str, key: str) -> Label:
        if self.scope is None:
            return default_label(kind, host=self.host, authority=AUTHORITY)
        return self.scope.label(kind, key)

    def sees_trainee(self, trainee_id: int) -> bool:
        if self.scope is not None and not self.scope.gate.releasable(
            self.label(TRAINEES, str(trainee_id))
        ):
            return False
        return self.trainees is None or trainee_id in self.trainees

    def require_trainee(self, trainee_id: int) -> None:
        if not self.sees_trainee(trainee_id):
            raise trainee_not_found(trainee_id)

    def require_run(self, run: str) -> None:
        """An instructor acts only on the runs they teach; a run they do not teach is, for
        them, not there."""
        if self.runs is not None and run not in self.runs:
            raise NotFound(f"run {run} is not in the timetable", code="run.not_found", run=run)

    def require(self, verb: Verb, kind: str) -> Reach:
        """The reach of the reader's roles for `verb` on `kind`; Forbidden when none."""
        if self.scope is None:
            return Reach.ANY
        self.scope.gate.require_role(verb, kind)
        return reach(self.scope.principal.roles, verb, kind) or Reach.ANY

    def require_host_write(self) -> None:
        """A role that writes only its own records writes trainees only when it is the
        host's: the host's liaison keeps its own people's records."""
        if self.require(Verb.WRITE, TRAINEES) is Reach.OWN:
            principal = self.principal
            if principal is not None and principal.affiliation != self.host:
                raise Forbidden(
                    f"trainees are {self.host}'s people; your role lets you write only what "
                    f"{principal.affiliation} owns",
                    code="trainee.not_yours",
                )


def sight(
    session: Session,
    principal: Principal | None,
    mission: str | None,
    *,
    kind: str = TRAINEES,
    verb: Verb = Verb.READ,
    taught: TaughtRuns | None = None,
) -> TrainingSight:
    """The reader's view of the mission's training records for `verb` on `kind`: NotFound
    when the mission is hidden from it, Forbidden when none of its roles allows the action.
    An instructor's view needs `taught` (the timetable's runs of a trainer)."""
    row = find_mission(session, mission)
    if principal is None:
        return TrainingSight(row.code, row.id, row.host, None, None, None)
    scope = open_scope(session, principal, row.code)
    scope.gate.require_role(verb, kind)
    if reach(principal.roles, verb, kind) is Reach.ANY:
        return TrainingSight(row.code, row.id, row.host, scope, None, None)
    trainer = results_rows.trainer_of_user(session, row.id, principal.username)
    runs = taught(trainer) if trainer is not None and taught is not None else frozenset()
    seen = frozenset(rows.trainees_in_runs(session, row.id, runs))
    return TrainingSight(row.code, row.id, row.host, scope, runs, seen)


def trainee_not_found(trainee_id: int) -> NotFound:
    """The one answer for a trainee that is not there and for one the reader may not see."""
    return NotFound(
        f"trainee {trainee_id} is not in the mission", code="trainee.not_found", trainee=trainee_id
    )


def within(sight_: TrainingSight, ids: Collection[int]) -> list[int]:
    """The ids the reader may see, in their order."""
    return [i for i in ids if sight_.sees_trainee(i)]

"""Which user account teaches as which of the mission's trainers, or is which trainee: the
school's own link (an instructor then sees the trainees of the runs the timetable gives that
trainer) and an administrator's, for any account. Both go through `teach_as`, the one place
that says a trainer must be the mission's."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cadre.access.labels import ENROLMENTS
from cadre.access.policy import USERS, Principal, Reach, Verb, allowed
from cadre.domain.errors import Forbidden, InvalidInput, NotFound, Problem
from cadre.services.training.release import sight
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import people as people_rows
from cadre.storage import training_results as results_rows
from cadre.storage import training_rows
from cadre.storage import users as user_rows
from cadre.storage.scenarios import find_mission, load_scenario


def teach_as(session: Session, mission: str, mission_id: int, username: str, trainer: str) -> None:
    """The account teaches as `trainer`, who must be one of the mission's trainers."""
    if trainer not in {t.code for t in load_scenario(session, mission).trainers}:
        raise NotFound(
            f"trainer {trainer} is not in the mission", code="trainer.not_found", trainer=trainer
        )
    results_rows.put_teacher(session, mission_id, username, trainer)


def link_teacher(
    uow: UnitOfWork, principal: Principal | None, username: str, trainer: str, mission: str | None
) -> None:
    """The user account teaches as `trainer` of the scenario: it will see the trainees of
    the runs the timetable gives that trainer, and no others."""
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=ENROLMENTS, verb=Verb.WRITE)
        if seen.require(Verb.WRITE, ENROLMENTS) is Reach.OWN:
            raise Forbidden("an instructor cannot name who teaches", code="teacher.not_yours")
        teach_as(session, seen.mission, seen.mission_id, username, trainer)
        uow.audit(
            session, "teacher", mission=seen.mission, kind=ENROLMENTS, key=username,
            after={"trainer": trainer},
        )  # fmt: skip


def require_linker(principal: Principal) -> None:
    if not allowed(principal, Verb.MANAGE, USERS):
        raise Forbidden("only an administrator links accounts to people", code="account.link")


def link_account(
    uow: UnitOfWork,
    principal: Principal | None,
    username: str,
    mission: str | None,
    *,
    trainer: str | None = None,
    trainee: int | None = None,
) -> str:
    """Say that `username` teaches as `trainer` of the mission (or is trainee `trainee`); an
    administrator's act (`principal` None: the machine's operator). The mission's code."""
    if principal is not None:
        require_linker(principal)
    if (trainer is None) == (trainee is None):
        raise InvalidInput(
            [
                Problem(
                    "link the account to a trainer or to a trainee, one of the two",
                    field="trainer",
                    code="account.one_of_two",
                )
            ]
        )
    with uow.transaction() as session:
        if user_rows.find_user(session, username) is None:
            raise NotFound(f"no user is named {username}", code="account.not_found", name=username)
        row = find_mission(session, mission)
        if trainer is not None:
            teach_as(session, row.code, row.id, username, trainer)
        elif trainee is not None:
            if training_rows.find_trainee(session, row.id, trainee) is None:
                raise NotFound(
                    f"trainee {trainee} is not in the mission",
                    code="trainee.not_found",
                    trainee=trainee,
                )
            people_rows.put_trainee(session, row.id, username, trainee)
        uow.audit(
            session, "account link", mission=row.code, kind=ENROLMENTS, key=username,
            after={"trainer": trainer, "trainee": trainee},
        )  # fmt: skip
        return row.code

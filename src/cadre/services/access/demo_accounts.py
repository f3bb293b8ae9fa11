"""Demo accounts: one user per role, so a newcomer can see the web app as each kind of user
does. Passwords are drawn afresh each time and printed once by `cadre demo`."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from cadre.access.policy import Role
from cadre.domain.errors import Conflict
from cadre.services.access import users
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import users as store

ACTOR = "demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: Role
    affiliation: str
    note: str


# Who each role is in the NATO Mission Iraq example. The national contributor is a non-NATO
# partner (Australia), so the demo shows what releasability keeps from a partner.
PEOPLE: tuple[tuple[Role, str, str, str], ...] = (
    (Role.MISSION_PLANNER, "planner", "NATO", "plans the training force"),
    (Role.FORCE_GENERATION_OFFICER, "forcegen", "NATO", "fills posts from national pledges"),
    (Role.SCHOOL_STAFF, "school", "IRQ", "runs courses at an Iraqi school"),
    (Role.INSTRUCTOR, "instructor", "CAN", "teaches and mentors host instructors"),
    (Role.NATIONAL_CONTRIBUTOR, "contributor", "AUS", "a partner nation: its own pledges only"),
    (Role.HOST_NATION_LIAISON, "liaison", "IRQ", "the host nation's liaison officer"),
    (Role.COORDINATION_PARTNER, "partner", "UN", "coordinates with the mission (UN)"),
    (Role.AUDITOR, "auditor", "NATO", "reads everything and the audit trail"),
    (Role.ADMINISTRATOR, "admin", "NATO", "manages users and jobs"),
)


def _password() -> str:
    # Four groups of five letters and digits: easy to type from a printout, 100 bits.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))


def create_demo_accounts(uow: UnitOfWork) -> list[DemoAccount]:
    """A user per role with a new password; an existing demo user is replaced."""
    made = []
    for role, username, affiliation, note in PEOPLE:
        with uow.transaction() as session:
            existing = store.find_user(session, username)
            if existing is not None:  # a demo on a server database, again: start it afresh
                session.delete(existing)
                uow.acting_for(ACTOR).audit(session, "user remove", key=username)
        password = _password()
        try:
            users.add_user(
                uow.acting_for(ACTOR),
                username=username,
                affiliation=affiliation,
                roles=[role.value],
                password=password,
                display_name=f"Demo {role.value.replace('_', ' ')}",
            )
        except Conflict:  # pragma: no cover  (another process made it in between)
            continue
        made.append(DemoAccount(username, password, role, affiliation, note))
    return made

"""Roles and the actions each may take, as data in one table: the single place to read or
change what a mission planner, a national contributor or an auditor may do.

An action is a verb on a subject (a kind of record, a kind of planning job, the users, the
audit trail). A grant's reach says whether it covers any record the principal may see, or
only those its own nation or organisation owns. Whatever no grant names is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from cadre.access.labels import (
    ACTIVITIES,
    ENROLMENTS,
    MISSION_KIND,
    PLAN_KINDS,
    SCENARIO_KINDS,
    TRAINEES,
    TRAINING_KINDS,
    Classification,
)


class Role(StrEnum):
    MISSION_PLANNER = "mission_planner"
    FORCE_GENERATION_OFFICER = "force_generation_officer"
    SCHOOL_STAFF = "school_staff"
    INSTRUCTOR = "instructor"
    NATIONAL_CONTRIBUTOR = "national_contributor"
    HOST_NATION_LIAISON = "host_nation_liaison"
    COORDINATION_PARTNER = "coordination_partner"
    AUDITOR = "auditor"
    ADMINISTRATOR = "administrator"


class Verb(StrEnum):
    READ = "read"
    WRITE = "write"  # create, replace or delete a record
    LABEL = "label"  # change a record's classification, owner or releasable-to list
    RUN = "run"  # start a planning job of a kind
    ADOPT = "adopt"  # make a plan version the mission's plan of its kind
    MANAGE = "manage"  # users and their tokens; other people's jobs
    AUDIT = "inspect"  # read and verify the audit trail


class Reach(StrEnum):
    ANY = "any"  # any record the principal may see
    # Only records owned by the principal's own nation or organisation; for training records,
    # only those of the runs the principal teaches (a trainer's own classes).
    OWN = "own"


@dataclass(frozen=True)
class Principal:
    """Someone acting through the service: who, for which nation or organisation, in which
    roles, cleared to which level."""

    username: str
    affiliation: str
    roles: frozenset[Role]
    clearance: Classification = Classification.NATO_UNCLASSIFIED


@dataclass(frozen=True)
class Grant:
    verb: Verb
    subject: str
    reach: Reach = Reach.ANY


JOB_KINDS = ("capacity", "force", "timetable")
USERS, AUDIT_TRAIL, JOBS = "users", "audit-trail", "jobs"

_CATALOGUE = ("contributors", "sites", "disciplines", "qualifications", "courses")
_FORCES = ("caveats", "pledges", "trainers")


def _grants(verb: Verb, subjects: Iterable[str], reach: Reach = Reach.ANY) -> list[Grant]:
    return [Grant(verb, subject, reach) for subject in subjects]


def _reader(*subjects: str) -> list[Grant]:
    return _grants(Verb.READ, (MISSION_KIND, *subjects))


_EVERYTHING = (*SCENARIO_KINDS, *PLAN_KINDS)
_MISSION_STAFF_WRITES = (*_CATALOGUE, "cohorts", "requirements")

# Trainees' personal data goes to those who run their training and no further: the school
# (course directors), the host's liaison (its own people), and an instructor for the runs
# they teach. Planners and contributors see what is made of it in figures, never names.
_TRAINING_STAFF = _grants(Verb.READ, TRAINING_KINDS) + _grants(Verb.WRITE, TRAINING_KINDS)
_TRAINING_TEACHER = _grants(Verb.READ, TRAINING_KINDS, Reach.OWN) + _grants(
    Verb.WRITE, (ENROLMENTS,), Reach.OWN
)
_TRAINING_HOST = (
    _grants(Verb.READ, TRAINING_KINDS)
    + _grants(Verb.WRITE, (TRAINEES,), Reach.OWN)
    + _grants(Verb.WRITE, (ENROLMENTS,))
)

POLICY: dict[Role, frozenset[Grant]] = {
    Role.MISSION_PLANNER: frozenset(
        _reader(*_EVERYTHING)
        + _grants(Verb.WRITE, _MISSION_STAFF_WRITES)
        + _grants(Verb.LABEL, _MISSION_STAFF_WRITES)
        + _grants(Verb.RUN, JOB_KINDS)
        + _grants(Verb.ADOPT, PLAN_KINDS)
        + _reader(ACTIVITIES)
        + _grants(Verb.WRITE, (ACTIVITIES,))
    ),
    Role.FORCE_GENERATION_OFFICER: frozenset(
        _reader(*_EVERYTHING)
        + _grants(Verb.WRITE, (*_FORCES, "contributors", "requirements"))
        + _grants(Verb.LABEL, (*_FORCES, "contributors", "requirements"))
        + _grants(Verb.RUN, ("force",))
    ),
    Role.SCHOOL_STAFF: frozenset(
        _reader(*_CATALOGUE, "cohorts", "trainers", "capacity-plans", "timetable-plans")
        + _grants(Verb.WRITE, ("courses", "cohorts"))
        + _grants(Verb.RUN, ("timetable",))  # a room closes: the school re-plans
        + _TRAINING_STAFF
    ),
    Role.INSTRUCTOR: frozenset(
        _reader(*_CATALOGUE, "cohorts", "trainers", "capacity-plans", "timetable-plans")
        + _TRAINING_TEACHER
    ),
    Role.NATIONAL_CONTRIBUTOR: frozenset(
        _reader(*_CATALOGUE, *_FORCES, "requirements", "force-plans")
        + _grants(Verb.WRITE, _FORCES, Reach.OWN)
        + _grants(Verb.LABEL, _FORCES, Reach.OWN)
    ),
    Role.HOST_NATION_LIAISON: frozenset(
        _reader(*_CATALOGUE, "cohorts", "trainers", "capacity-plans", "timetable-plans")
        + _grants(Verb.WRITE, ("cohorts", "trainers"), Reach.OWN)
        + _grants(Verb.LABEL, ("cohorts", "trainers"), Reach.OWN)
        + _reader(ACTIVITIES)
        + _grants(Verb.WRITE, (ACTIVITIES,), Reach.OWN)  # the host ministries' own lines
        + _TRAINING_HOST
    ),
    Role.COORDINATION_PARTNER: frozenset(
        _reader(*_CATALOGUE, "cohorts", "capacity-plans", "timetable-plans", ACTIVITIES)
        + _grants(Verb.WRITE, (ACTIVITIES,), Reach.OWN)  # its own organisation's lines
    ),
    Role.AUDITOR: frozenset(
        [*_reader(*_EVERYTHING, ACTIVITIES, *TRAINING_KINDS), Grant(Verb.AUDIT, AUDIT_TRAIL)]
    ),
    Role.ADMINISTRATOR: frozenset(
        [Grant(Verb.MANAGE, USERS), Grant(Verb.MANAGE, JOBS), Grant(Verb.AUDIT, AUDIT_TRAIL)]
    ),
}


def reach(roles: Iterable[Role], verb: Verb, subject: str) -> Reach | None:
    """How far the roles together let a principal take `verb` on `subject`; None: not at all."""
    found = {
        g.reach
        for role in roles
        for g in POLICY.get(role, ())
        if (g.verb, g.subject) == (verb, subject)
    }
    if Reach.ANY in found:
        return Reach.ANY
    return Reach.OWN if Reach.OWN in found else None


def action_text(verb: Verb, subject: str) -> str:
    """An action as a user reads it in a refusal: "start capacity planning"."""
    if verb is Verb.RUN:
        return f"start {subject} planning"
    if verb is Verb.ADOPT:
        return f"adopt {subject.replace('-', ' ')}"
    return f"{verb.value} {subject.replace('-', ' ')}"


def allowed(principal: Principal, verb: Verb, subject: str) -> bool:
    return reach(principal.roles, verb, subject) is not None


def actions(roles: Iterable[Role]) -> list[str]:
    """Every action the roles allow, as "verb:subject" (own records only marked "(own)")."""
    named: dict[str, Reach] = {}
    for role in roles:
        for grant in POLICY.get(role, ()):
            key = f"{grant.verb.value}:{grant.subject}"
            if named.get(key) is not Reach.ANY:
                named[key] = grant.reach
    return sorted(k if r is Reach.ANY else f"{k} (own)" for k, r in named.items())

"""Releasability labels: a classification, an owning nation or organisation, and the list of
nations and communities a record is releasable to; and the default label of every kind."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cadre.access.communities import COMMUNITIES, HOST, MISSION, NATO, members


class Classification(StrEnum):
    """Marking levels in ascending order; a principal handles a level up to its clearance."""

    NATO_UNCLASSIFIED = "NATO UNCLASSIFIED"
    NATO_RESTRICTED = "NATO RESTRICTED"
    NATO_CONFIDENTIAL = "NATO CONFIDENTIAL"
    NATO_SECRET = "NATO SECRET"

    @property
    def rank(self) -> int:
        return list(Classification).index(self)

    def covers(self, other: Classification) -> bool:
        """A clearance at this level may handle a record marked `other`."""
        return other.rank <= self.rank


@dataclass(frozen=True)
class Label:
    classification: Classification
    owner: str
    releasable_to: frozenset[str]


@dataclass(frozen=True)
class MissionContext:
    """What the community names in a list stand for in one mission."""

    host: str
    participants: frozenset[str]  # every contributor code of the mission

    def audience(self, label: Label) -> frozenset[str]:
        """Every nation or organisation the label releases the record to, its owner included."""
        found = {label.owner}
        for token in label.releasable_to:
            found |= members(token, host=self.host, participants=self.participants)
        return frozenset(found)


# Kinds of record a label can sit on: the scenario's collections, the mission, plan versions.
SCENARIO_KINDS = (
    "contributors",
    "sites",
    "disciplines",
    "qualifications",
    "courses",
    "caveats",
    "pledges",
    "trainers",
    "cohorts",
    "requirements",
)
PLAN_KINDS = ("capacity-plans", "force-plans", "timetable-plans")
MISSION_KIND = "missions"
# The coordination register's lines (and the host's needs beside them): each line carries its
# own label, owned by the organisation that reported it (see services/coordination/release.py).
ACTIVITIES = "activities"
# Training records: trainees' personal data (names, service numbers, vetting, languages),
# their enrolments with attendance and results, and their certificates. Owned by the host,
# whose people they are; the roles, not the label, narrow who of the mission reads them
# (services/training/release.py).
TRAINEES, ENROLMENTS, CERTIFICATES = "trainees", "enrolments", "certificates"
TRAINING_KINDS = (TRAINEES, ENROLMENTS, CERTIFICATES)
KINDS = (MISSION_KIND, *SCENARIO_KINDS, *PLAN_KINDS, ACTIVITIES, *TRAINING_KINDS)

# Whom a record is released to when nobody labelled it. What describes the mission to all who
# take part (its sites, catalogue, contributors) goes to the whole mission; what a nation
# offers stays between that nation and the Alliance; host units between the host and the
# Alliance; the statement of requirements and force plans stay with the Alliance.
_NATIONAL = ("caveats", "pledges", "trainers")
_DEFAULT_RELEASE: dict[str, frozenset[str]] = {
    MISSION_KIND: frozenset({MISSION}),
    "contributors": frozenset({MISSION}),
    "sites": frozenset({MISSION}),
    "disciplines": frozenset({MISSION}),
    "qualifications": frozenset({MISSION}),
    "courses": frozenset({MISSION}),
    "cohorts": frozenset({HOST, NATO}),
    "requirements": frozenset({NATO}),
    "capacity-plans": frozenset({NATO, HOST}),
    "force-plans": frozenset({NATO}),
    "timetable-plans": frozenset(
        {NATO, HOST}
    ),  # the schools teach by it; names inside are filtered
}


def default_label(
    kind: str, *, host: str, nation: str | None = None, authority: str = NATO
) -> Label:
    """The label a record carries until someone labels it: owned by its nation for what a
    nation offers (pledges, caveats, trainers), by the host for host units, else by the
    mission's authority; a kind this table does not know is released to nobody else."""
    unclassified = Classification.NATO_UNCLASSIFIED
    if kind in _NATIONAL and nation:
        release = {HOST} if nation == host else {nation}
        return Label(unclassified, nation, frozenset({*release, authority}))
    if kind == "cohorts":
        return Label(unclassified, host, _DEFAULT_RELEASE[kind])
    if kind in TRAINING_KINDS:
        return Label(unclassified, host, frozenset({HOST, MISSION}))
    return Label(unclassified, authority, _DEFAULT_RELEASE.get(kind, frozenset()))


def unknown_entries(label: Label, context: MissionContext) -> list[str]:
    """Entries of a releasable-to list that are neither a community nor a contributor."""
    return sorted(
        entry
        for entry in label.releasable_to
        if entry not in COMMUNITIES and entry not in context.participants
    )

"""The coordination register's vocabulary: who does what, where and when (4W), as plain values.

An activity is any actor's: the NATO mission's own timetabled runs (marked as ours), the
coalition's, the EU's, a UN agency's, a bilateral programme's or the host ministries'. Each
carries its marking (classification and releasable-to list, owned by its organisation), so
that it is shown only to the actors it is shared with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from cadre.domain.host import search_key

UNCLASSIFIED = "NATO UNCLASSIFIED"


class OrganisationType(StrEnum):
    NATO = "nato"  # the NATO mission or another NATO body
    COALITION = "coalition"  # the Global Coalition and its members' coalition programmes
    EU = "eu"
    UN = "un"
    BILATERAL = "bilateral"  # one nation's own programme with the host
    HOST = "host"  # the host government's ministries and services
    NGO = "ngo"
    OTHER = "other"


class ActivityType(StrEnum):
    TRAINING = "training"
    ADVISING = "advising"
    EQUIPPING = "equipping"
    INFRASTRUCTURE = "infrastructure"


class Status(StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"


@dataclass(frozen=True)
class Activity:
    """One line of the register."""

    code: str  # the register's key for the line, unique in the mission
    organisation: str  # the actor's code or acronym; it owns the line (e.g. UNDP, CAN)
    organisation_type: OrganisationType
    discipline: str  # the mission's discipline code, or the actor's sector
    activity_type: ActivityType
    beneficiary: str  # the host service, unit or school taught or advised
    governorate: str  # admin 1 p-code
    start: dt.date
    end: dt.date
    status: Status
    organisation_name: str = ""
    title: str = ""
    district: str = ""  # admin 2 p-code, when known
    district_name: str = ""
    site: str = ""
    planned: int | None = None  # participants or beneficiaries planned
    reached: int | None = None  # and reached
    contact: str = ""
    source: str = ""
    reported: dt.date | None = None
    classification: str = UNCLASSIFIED
    releasable_to: tuple[str, ...] = ()  # nations, organisations or communities; sorted
    extras: tuple[tuple[str, str], ...] = ()  # columns the register does not read, by tag
    ours: bool = False  # one of the mission's own timetabled runs

    @property
    def people(self) -> int:
        """The people the activity counts for: those reached once it is completed and says
        so, else those planned."""
        if self.status is Status.COMPLETED and self.reached is not None:
            return self.reached
        return self.planned or 0

    @property
    def beneficiary_key(self) -> str:
        return search_key(self.beneficiary)

    def during(self, start: dt.date, end: dt.date) -> bool:
        """The activity runs on at least one day from `start` to `end`, both included."""
        return self.start <= end and start <= self.end


@dataclass(frozen=True)
class Need:
    """The host's demand in one cell: people to be trained in a discipline in a governorate."""

    governorate: str
    discipline: str
    people: int
    organisation: str  # who stated the need (usually the host)
    source: str = ""
    classification: str = UNCLASSIFIED
    releasable_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class Breach:
    """An activity breaks one of the register's rules."""

    field: str
    reason: str
    code: str

"""Who sends trainers: contributors, their pledges, caveats and the trainers themselves."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from cadre.domain.catalogue import DeliveryMode
from cadre.domain.record_names import NO_NAMES, Names


class ContributorRole(StrEnum):
    ALLY = "ally"
    PARTNER = "partner"
    HOST = "host"
    ORGANISATION = "organisation"

    @property
    def is_nation(self) -> bool:
        return self is not ContributorRole.ORGANISATION

    @property
    def sends_trainers(self) -> bool:
        return self in (ContributorRole.ALLY, ContributorRole.PARTNER)


@dataclass(frozen=True)
class Contributor:
    """A nation (ISO 3166 alpha-3 code) or an organisation such as NATO, EU, UN or the coalition."""

    code: str
    name: str
    role: ContributorRole
    hypothetical: bool = False  # in an example, a nation that did not in fact take part


@dataclass(frozen=True)
class Restriction:
    """A caveat's rule that has no field of its own, still as data: a kind and its value."""

    kind: str
    value: str = ""


@dataclass(frozen=True)
class Caveat:
    """A nation's restriction on where and how its people may serve."""

    code: str
    nation: str
    allowed_sites: frozenset[str] = frozenset()  # empty: no restriction
    forbidden_sites: frozenset[str] = frozenset()
    allowed_regions: frozenset[str] = frozenset()
    forbidden_regions: frozenset[str] = frozenset()
    forbidden_modes: frozenset[DeliveryMode] = frozenset()
    max_tour_months: int | None = None
    restrictions: tuple[Restriction, ...] = ()
    note: str = ""

    def allows_site(self, site_code: str, region: str) -> bool:
        if self.allowed_sites and site_code not in self.allowed_sites:
            return False
        if site_code in self.forbidden_sites:
            return False
        if self.allowed_regions and region not in self.allowed_regions:
            return False
        return region not in self.forbidden_regions

    def allows_mode(self, mode: DeliveryMode) -> bool:
        return mode not in self.forbidden_modes


@dataclass(frozen=True)
class Pledge:
    """A nation's offer of `count` people holding `qualification`, from `start` to `end`."""

    code: str
    nation: str
    qualification: str
    count: int
    start: dt.date
    end: dt.date
    tour_months: int
    caveats: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trainer:
    """A named person who teaches: foreign, or a host instructor (nation = the host)."""

    code: str
    name: str
    nation: str
    qualifications: tuple[str, ...]
    in_theatre_from: dt.date
    in_theatre_to: dt.date
    pledge: str | None = None
    names: Names = NO_NAMES  # the name in other scripts; `name` is in Latin letters

    def in_theatre(self, start: dt.date, end: dt.date) -> bool:
        return self.in_theatre_from <= start and end <= self.in_theatre_to

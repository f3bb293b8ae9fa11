"""The statement of requirements: posts by line, which nations are then asked to fill."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from cadre.domain.catalogue import DeliveryMode
from cadre.domain.months import month_end, month_of
from cadre.domain.ranks import RankBand


class Criticality(StrEnum):
    """How much a post matters; the matcher never gives up a post of a higher class for any
    number of posts of a lower one, and the weights only score fill and rank shortfalls."""

    CRITICAL = "critical"
    ESSENTIAL = "essential"
    DESIRABLE = "desirable"

    @property
    def weight(self) -> int:
        return {"critical": 100, "essential": 10, "desirable": 1}[self.value]

    @property
    def priority(self) -> int:
        """0 for the posts filled first."""
        return ("critical", "essential", "desirable").index(self.value)


class PostKind(StrEnum):
    """What a post does; together the kinds are the whole deployed force."""

    TEACHING = "teaching"
    HEADQUARTERS = "headquarters"
    ADVISER = "adviser"  # to the host's ministries and schools, not a teaching post
    FORCE_PROTECTION = "force_protection"
    SUPPORT = "support"  # logistics, medical, communications, administration


@dataclass(frozen=True)
class RequirementLine:
    """`count` posts of one kind, at one site (or anywhere in a region), from `start` to `end`.

    `qualification` is a qualification of the scenario for teaching posts and, for the others,
    a specialty code (`FP`, `HQ-J3`, `ADV`, `SUP`, ...) that offers must name exactly.
    """

    number: str
    title: str
    qualification: str
    rank_band: RankBand
    start: dt.date
    end: dt.date
    count: int = 1
    criticality: Criticality = Criticality.ESSENTIAL
    kind: PostKind = PostKind.TEACHING
    site: str | None = None
    region: str | None = None
    mode: DeliveryMode = DeliveryMode.RESIDENT
    courses: tuple[str, ...] = ()  # the courses whose runs these posts teach
    protects: str | None = None  # force protection: the teaching line whose team it guards

    @property
    def place(self) -> str:
        return self.site or f"region {self.region}"

    def needs(self, month: dt.date) -> bool:
        return self.start <= month_end(month) and month_of(self.end) >= month

    def required_post_months(self) -> int:
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        return months * self.count


def line_order(number: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts SOR-9 before SOR-10."""
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in re.findall(r"\d+|\D+", number))


@dataclass(frozen=True)
class LineEvent:
    """One entry in a line's history: its own changes, and what offers against it went
    through (offered, accepted, declined, withdrawn)."""

    number: str
    at: dt.datetime
    action: str
    detail: str
    source: str = ""

"""Reads of the register through the reader's sight: its lines, their overlaps, the gaps
against the host's needs, and the activity by governorate the map draws. Each is computed
from the lines the reader may see, the mission's own timetabled runs among them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre.access.policy import Principal
from cadre.domain.coordination.activities import Activity, Need
from cadre.domain.coordination.gaps import (
    Cover,
    Gap,
    GovernorateActivity,
    by_governorate,
    covers,
    find_gaps,
)
from cadre.domain.coordination.overlaps import Overlap, find_overlaps
from cadre.domain.errors import InvalidInput
from cadre.services.coordination import totals
from cadre.services.coordination.ours import our_activities
from cadre.services.coordination.release import Sight, sight
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import coordination as store


@dataclass(frozen=True)
class Window:
    """The days a read looks at; None at either end: open."""

    start: dt.date | None = None
    end: dt.date | None = None

    @classmethod
    def month(cls, text: str | None) -> Window:
        """The calendar month written as 2019-03; the whole register for None or ""."""
        if not text:
            return cls()
        try:
            first = dt.date.fromisoformat(f"{text}-01")
        except ValueError:
            raise InvalidInput(
                f"{text!r} is not a month (write it as 2019-03)",
                code="coordination.bad_month",
                month=text,
            ) from None
        following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return cls(first, following - dt.timedelta(days=1))

    def holds(self, a: Activity) -> bool:
        return a.during(self.start or dt.date.min, self.end or dt.date.max)


@dataclass(frozen=True)
class Filters:
    discipline: str = ""
    organisation: str = ""
    governorate: str = ""
    window: Window = Window()

    def keep(self, a: Activity) -> bool:
        return (
            (not self.discipline or a.discipline == self.discipline)
            and (not self.organisation or a.organisation == self.organisation)
            and (not self.governorate or a.governorate == self.governorate)
            and self.window.holds(a)
        )


EVERYTHING = Filters()


@dataclass(frozen=True)
class Register:
    mission: str
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class ActivityMap:
    """The map's data: each governorate's activity and gaps, and what may be filtered on."""

    mission: str
    governorates: tuple[GovernorateActivity, ...]
    gaps: tuple[Gap, ...]
    disciplines: tuple[str, ...]  # of the lines the reader sees
    organisations: tuple[str, ...]
    filters: Filters


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _lines(uow: UnitOfWork, seen: Sight, filters: Filters, today: dt.date) -> list[Activity]:
    with uow.transaction() as session:
        stored = store.activities(
            session, seen.mission_id, start=filters.window.start, end=filters.window.end
        )
    found = [a for marking, a in stored if seen.sees(marking) and filters.keep(a)]
    found += [a for a in our_activities(uow, seen, today) if filters.keep(a)]
    return found


def _sight(uow: UnitOfWork, principal: Principal | None, mission: str | None) -> Sight:
    with uow.transaction() as session:
        return sight(session, principal, mission)


def mission_code(uow: UnitOfWork, principal: Principal | None, mission: str | None) -> str:
    """The mission a read looks at (default: the latest imported), if the reader sees it."""
    return _sight(uow, principal, mission).mission


def register(
    uow: UnitOfWork,
    principal: Principal | None,
    mission: str | None = None,
    filters: Filters = EVERYTHING,
    *,
    today: dt.date | None = None,
) -> Register:
    """The lines the reader may see, the mission's own runs among them, in code order."""
    seen = _sight(uow, principal, mission)
    lines = _lines(uow, seen, filters, today or _today())
    return Register(seen.mission, tuple(sorted(lines, key=lambda a: a.code)))


def overlaps(
    uow: UnitOfWork,
    principal: Principal | None,
    mission: str | None = None,
    filters: Filters = EVERYTHING,
    *,
    today: dt.date | None = None,
) -> list[Overlap]:
    """Overlapping pairs among the lines the reader may see."""
    return find_overlaps(register(uow, principal, mission, filters, today=today).activities)


def _needs(uow: UnitOfWork, seen: Sight, filters: Filters) -> list[Need]:
    with uow.transaction() as session:
        stored = store.needs(session, seen.mission_id)
    return [
        n
        for marking, n in stored
        if seen.sees(marking)
        and (not filters.discipline or n.discipline == filters.discipline)
        and (not filters.governorate or n.governorate == filters.governorate)
    ]


def needs(uow: UnitOfWork, principal: Principal | None, mission: str | None = None) -> list[Need]:
    """The host's needs the reader may see."""
    return _needs(uow, _sight(uow, principal, mission), EVERYTHING)


def _covers(uow: UnitOfWork, seen: Sight, filters: Filters, ours: list[Activity]) -> list[Cover]:
    """The reader's lines added up per cell and organisation (see totals); the
    mission's own runs (`ours`) beside them."""
    found = totals.register_totals(uow, seen).covers(
        seen,
        start=filters.window.start,
        end=filters.window.end,
        discipline=filters.discipline,
        organisation=filters.organisation,
        governorate=filters.governorate,
    )
    found += covers(a for a in ours if filters.keep(a))
    return found


def gaps(
    uow: UnitOfWork,
    principal: Principal | None,
    mission: str | None = None,
    filters: Filters = EVERYTHING,
    *,
    today: dt.date | None = None,
) -> list[Gap]:
    """Cells of the host's needs the reader sees that the lines it sees do not cover."""
    seen = _sight(uow, principal, mission)
    ours = our_activities(uow, seen, today or _today())
    return find_gaps(_covers(uow, seen, filters, ours), _needs(uow, seen, filters))


def activity_map(
    uow: UnitOfWork,
    principal: Principal | None,
    mission: str | None = None,
    filters: Filters = EVERYTHING,
    *,
    today: dt.date | None = None,
) -> ActivityMap:
    """Every governorate's activity and gaps, as the reader may see them, filtered."""
    seen = _sight(uow, principal, mission)
    ours = our_activities(uow, seen, today or _today())
    found = _covers(uow, seen, filters, ours)
    offered = totals.register_totals(uow, seen).facets(seen)
    disciplines = {d for _, d in offered} | {a.discipline for a in ours}
    organisations = {o for o, _ in offered} | {a.organisation for a in ours}
    gaps = find_gaps(found, _needs(uow, seen, filters))
    return ActivityMap(
        seen.mission,
        tuple(by_governorate(found, gaps)),
        tuple(gaps),
        tuple(sorted(disciplines)),
        tuple(sorted(organisations)),
        filters,
    )

"""The register's lines added up per cell and organisation for one reader, fast enough for the
map page on a register of tens of thousands of lines: the few columns totals are made from are
read once per version of the register (kept in memory while the register does not change),
added up per cell, organisation and marking, and then, for each reader, window and filter,
summed over the markings it may see only."""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass

from cadre.domain.coordination.gaps import Cover
from cadre.services.coordination.release import Sight
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import coordination as store
from cadre.storage.coordination import Marking

Cell = tuple[str, str, str, int]  # governorate, discipline, organisation, marking's number


@dataclass(frozen=True)
class Totals:
    """One version of a mission's register, ready to be added up for any reader."""

    stamp: tuple[int, int]
    markings: tuple[Marking, ...]
    whole: dict[Cell, tuple[int, int]]  # lines and people per cell over the whole register
    dated: list[tuple[Cell, dt.date, dt.date, int]]  # each line, for a window

    def _visible(self, seen: Sight) -> list[bool]:
        return [seen.sees(m) for m in self.markings]

    def facets(self, seen: Sight) -> set[tuple[str, str]]:
        """(organisation, discipline) of the lines the reader may see: its filters."""
        visible = self._visible(seen)
        return {(o, d) for (_, d, o, m) in self.whole if visible[m]}

    def covers(
        self,
        seen: Sight,
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
        discipline: str = "",
        organisation: str = "",
        governorate: str = "",
    ) -> list[Cover]:
        """The lines the reader may see, filtered, added up per cell and organisation."""
        visible = self._visible(seen)
        if start is None and end is None:
            cells = ((cell, n, p) for cell, (n, p) in self.whole.items())
        else:
            first, last = start or dt.date.min, end or dt.date.max
            cells = ((c, 1, p) for c, s, e, p in self.dated if s <= last and e >= first)
        found: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
        for (g, d, o, m), count, people in cells:
            if not visible[m] or (discipline and d != discipline):
                continue
            if (organisation and o != organisation) or (governorate and g != governorate):
                continue
            total = found[(g, d, o)]
            total[0] += count
            total[1] += people
        return [Cover(g, d, o, n, p) for (g, d, o), (n, p) in found.items()]


_kept: OrderedDict[tuple[str, int], Totals] = OrderedDict()
_lock = threading.Lock()


def register_totals(uow: UnitOfWork, seen: Sight) -> Totals:
    """The mission's register ready for totals: kept while its stamp stays the same."""
    key = (uow.engine.url.render_as_string(hide_password=True), seen.mission_id)
    with uow.transaction() as session:
        stamp = store.register_stamp(session, seen.mission_id)
        with _lock:
            kept = _kept.get(key)
        if kept is not None and kept.stamp == stamp:
            return kept
        lines = store.cover_lines(session, seen.mission_id)
    numbers: dict[Marking, int] = {}
    whole: dict[Cell, list[int]] = defaultdict(lambda: [0, 0])
    dated = []
    for g, d, o, marking, start, end, people in lines:
        number = numbers.setdefault(marking, len(numbers))
        cell = (g, d, o, number)
        whole[cell][0] += 1
        whole[cell][1] += people
        dated.append((cell, start, end, people))
    kept = Totals(stamp, tuple(numbers), {c: (n, p) for c, (n, p) in whole.items()}, dated)
    with _lock:
        _kept[key] = kept
        while len(_kept) > 4:
            _kept.popitem(last=False)
    return kept

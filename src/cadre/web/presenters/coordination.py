"""The coordination pages' view models: the map of Iraq's governorates (a schematic grid we
draw ourselves as SVG, keyed by p-code: nothing is fetched, so it works air-gapped), the gaps,
the overlaps and the register's lines, each as the principal may see them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre.access.policy import Principal
from cadre.domain.coordination.activities import Activity
from cadre.domain.coordination.gaps import Gap, GovernorateActivity
from cadre.domain.coordination.overlaps import Overlap
from cadre.domain.coordination.places import GOVERNORATES, GRID_COLUMNS, GRID_ROWS, governorate
from cadre.services.coordination import exports, queries
from cadre.services.coordination.queries import Filters, Window
from cadre.services.scenario.queries import MissionContext, mission_context
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.navigation import Page, require_page

CELL = 112  # px, one governorate's square on the schematic map
GAP = 6
METRICS = ("activities", "people", "gaps")
# Five steps from pale to dark (ColorBrewer "Blues"; "Oranges" for gaps), and none for zero.
BLUES = ("#f1f3f5", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
ORANGES = ("#f1f3f5", "#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603")
LIST_LIMIT = 300


@dataclass(frozen=True)
class MapCell:
    pcode: str
    english: str
    arabic: str
    x: int
    y: int
    value: int
    activities: int
    people: int
    organisations: tuple[str, ...]
    gaps: int
    uncovered: int
    fill: str
    dark: bool  # the label is written in white on this fill


@dataclass(frozen=True)
class Choices:
    discipline: str
    organisation: str
    month: str
    metric: str
    disciplines: tuple[str, ...]
    organisations: tuple[str, ...]

    def query(self, **changes: str) -> str:
        """The page's query string with these choices (for links that keep the rest)."""
        chosen = {
            "discipline": self.discipline,
            "organisation": self.organisation,
            "month": self.month,
            "metric": self.metric,
        } | changes
        return "&".join(f"{k}={v}" for k, v in chosen.items() if v)


@dataclass(frozen=True)
class MapPage:
    context: MissionContext
    choices: Choices
    cells: tuple[MapCell, ...]
    width: int
    height: int
    legend: tuple[tuple[str, str], ...]  # (fill, "from–to")
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class OverlapsPage:
    context: MissionContext
    choices: Choices
    overlaps: tuple[Overlap, ...]
    total: int


@dataclass(frozen=True)
class RegisterPage:
    context: MissionContext
    choices: Choices
    activities: tuple[Activity, ...]
    total: int


def governorate_name(pcode: str, language: str) -> str:
    found = governorate(pcode)
    if found is None:
        return pcode
    return found.arabic if language == "ar" else found.english


def _filters(discipline: str, organisation: str, month: str) -> Filters:
    return Filters(discipline=discipline, organisation=organisation, window=Window.month(month))


def _value(g: GovernorateActivity, metric: str) -> int:
    return {"activities": g.activities, "people": g.people, "gaps": g.gaps}[metric]


def _step(value: int, top: int) -> int:
    return 0 if value <= 0 or top <= 0 else max(1, -(-5 * value // top))


def _legend(top: int, scale: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    if top <= 0:
        return ((scale[0], "0"),)
    bounds = [0] + [-(-top * i // 5) for i in range(1, 6)]
    steps = [(scale[i], f"{bounds[i - 1] + 1}–{bounds[i]}") for i in range(1, 6)]
    return ((scale[0], "0"), *((fill, text) for fill, text in steps if text.split("–")[0]))


def _cells(found: tuple[GovernorateActivity, ...], metric: str) -> tuple[list[MapCell], int]:
    scale = ORANGES if metric == "gaps" else BLUES
    by_code = {g.governorate: g for g in found}
    top = max((_value(g, metric) for g in found), default=0)
    cells = []
    for place in GOVERNORATES:
        g = by_code[place.pcode]
        step = _step(_value(g, metric), top)
        cells.append(
            MapCell(
                place.pcode,
                place.english,
                place.arabic,
                GAP + place.column * (CELL + GAP),
                GAP + place.row * (CELL + GAP),
                _value(g, metric),
                g.activities,
                g.people,
                g.organisations,
                g.gaps,
                g.uncovered,
                scale[step],
                step >= 4,
            )
        )
    return cells, top


def map_page(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    *,
    discipline: str = "",
    organisation: str = "",
    month: str = "",
    metric: str = "activities",
    today: dt.date | None = None,
) -> MapPage:
    require_page(principal, Page.COORDINATION)
    context = mission_context(uow, principal, mission)
    metric = metric if metric in METRICS else "activities"
    found = queries.activity_map(
        uow, principal, mission, _filters(discipline, organisation, month), today=today
    )
    cells, top = _cells(found.governorates, metric)
    choices = Choices(
        discipline, organisation, month, metric, found.disciplines, found.organisations
    )
    return MapPage(
        context,
        choices,
        tuple(cells),
        GAP + GRID_COLUMNS * (CELL + GAP),
        GAP + GRID_ROWS * (CELL + GAP),
        _legend(top, ORANGES if metric == "gaps" else BLUES),
        found.gaps[:LIST_LIMIT],
    )


def _choices(
    uow: UnitOfWork, principal: Principal, mission: str, discipline: str, month: str
) -> Choices:
    found = queries.activity_map(uow, principal, mission)
    return Choices(discipline, "", month, "", found.disciplines, found.organisations)


def overlaps_page(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    *,
    discipline: str = "",
    month: str = "",
    today: dt.date | None = None,
) -> OverlapsPage:
    require_page(principal, Page.COORDINATION)
    context = mission_context(uow, principal, mission)
    found = queries.overlaps(uow, principal, mission, _filters(discipline, "", month), today=today)
    choices = _choices(uow, principal, mission, discipline, month)
    return OverlapsPage(context, choices, tuple(found[:LIST_LIMIT]), len(found))


def register_page(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    *,
    discipline: str = "",
    organisation: str = "",
    month: str = "",
    today: dt.date | None = None,
) -> RegisterPage:
    require_page(principal, Page.COORDINATION)
    context = mission_context(uow, principal, mission)
    found = queries.register(
        uow, principal, mission, _filters(discipline, organisation, month), today=today
    )
    offered = _choices(uow, principal, mission, discipline, month)
    choices = Choices(
        discipline, organisation, month, "", offered.disciplines, offered.organisations
    )
    lines = found.activities
    return RegisterPage(context, choices, lines[:LIST_LIMIT], len(lines))


def export_file(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    table: str,
    fmt: str,
    *,
    discipline: str = "",
    organisation: str = "",
    month: str = "",
) -> exports.Export:
    require_page(principal, Page.COORDINATION)
    return exports.export(
        uow, principal, table, fmt, mission, _filters(discipline, organisation, month)
    )

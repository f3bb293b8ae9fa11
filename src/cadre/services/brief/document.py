"""The mission brief as a PDF in the reader's language: its contents as the reader may see
them (contents.py), its charts drawn with the planners' own figures."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

from matplotlib.figure import Figure

from cadre.access.labels import Classification
from cadre.access.policy import Principal, Role
from cadre.domain.errors import InvalidInput
from cadre.interchange import capacity_plots
from cadre.interchange.brief_pdf import LANGUAGES, brief_pdf
from cadre.services.access.users import principal_of
from cadre.services.brief.contents import Brief, mission_brief
from cadre.services.plans.plots import ENGLISH, Words, figure_png
from cadre.services.system.language import words_in
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import users as user_rows


def charts(brief: Brief, words: Words = ENGLISH) -> dict[str, bytes]:
    """The force by month (with the sweep's band when one gives ranges) and the handovers, in
    `words`."""
    found = brief.capacity
    if found is None:
        return {}
    figures: dict[str, Callable[[], Figure]] = {}
    if found.ranges is not None:
        figures["force"] = functools.partial(
            capacity_plots.sweep_force_figure, found.ranges, "", words
        )
        if found.ranges.handovers:
            figures["handover"] = functools.partial(
                capacity_plots.sweep_handover_figure, found.ranges, "", words
            )
    else:
        figures["force"] = functools.partial(capacity_plots.force_figure, found.plan, "", words)
    if "handover" not in figures and found.handovers:
        figures["handover"] = functools.partial(
            capacity_plots.handover_figure, found.plan, "", words
        )
    return {name: figure_png(make, words) for name, make in figures.items()}


def brief_document(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    lang: str = "en",
    today: dt.date | None = None,
    words: Words | None = None,
) -> bytes:
    """The brief of `mission` as a PDF in `lang` (en or ar), as `principal` may read it; its
    charts in `words`, by default the catalogue's words of `lang`."""
    if lang not in LANGUAGES:
        raise InvalidInput(f"a brief is written in {' or '.join(LANGUAGES)}, not {lang}")
    brief = mission_brief(uow, principal, mission, today)
    written = words_in(lang)  # the brief's sentences, from the one catalogue
    return brief_pdf(brief, charts(brief, words or written), written)


def reader(uow: UnitOfWork, username: str | None, operator: str) -> Principal:
    """Whom a brief made at the command line is released to: a named user's sight, or without
    one the mission staff's (NATO, every role, the highest clearance); `operator` names who
    asked, for the brief's own line."""
    if username is None:
        return Principal(
            operator, "NATO", frozenset(Role), max(Classification, key=lambda c: c.rank)
        )
    with uow.transaction() as session:
        row = user_rows.user(session, username)
        if row.disabled:
            raise InvalidInput(f"{username} is disabled")
        return principal_of(row)

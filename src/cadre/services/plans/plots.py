"""The plots of plan versions as SVG: the planners' own Matplotlib figures, drawn once per plan
version and kept in this process (a version never changes), so a page that shows them stays quick.

Matplotlib's pyplot is not thread-safe and the server draws from several threads: one lock
around every drawing. A drawing is in one reader's words (`Words`, which the web app fills
from its catalogue), so the language is part of what identifies a kept drawing."""

from __future__ import annotations

import functools
import io
import threading
from collections import OrderedDict
from collections.abc import Callable

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from cadre.access.policy import Principal
from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.errors import NotFound
from cadre.domain.force.fill import FillReport
from cadre.interchange import capacity_plots, force_plots
from cadre.interchange.chart_parts import drawing, shared_top
from cadre.interchange.words import ENGLISH, Words
from cadre.services.access.redaction import redaction
from cadre.services.access.scope import read
from cadre.services.capacity.queries import capacity_headers, capacity_plan
from cadre.services.force import operations as force
from cadre.services.force.release import force_redaction, released_picture
from cadre.services.plans import queries as plan_versions
from cadre.services.unit_of_work import UnitOfWork

__all__ = ["ENGLISH", "Words", "capacity_plot", "force_plot", "keep_force_plots"]

CAPACITY_PLOTS: dict[str, Callable[[CapacityPlan, str, Words], Figure]] = {
    "training-force": capacity_plots.force_figure,
    "graduates-vs-demand": capacity_plots.graduates_figure,
    "handover-timeline": capacity_plots.handover_figure,
}
FORCE_PLOTS: dict[str, Callable[[FillReport, str, Words], Figure]] = {
    "required-vs-pledged": force_plots.required_vs_pledged,
    "fill-by-qualification": force_plots.fill_by_qualification,
}
KEPT = 128  # drawings kept; a few plan versions of a few missions, in two languages

_lock = threading.Lock()
Key = tuple[str, str, str, int, str, str, str]
_kept: OrderedDict[Key, str] = OrderedDict()


def _key(
    uow: UnitOfWork, mission: str, kind: str, number: int, name: str, sight: str, how: str
) -> Key:
    """A drawing is kept per plan version and per sight (the digest of what its reader may
    not see): a figure drawn for one reader is never handed to another who sees less. `how`
    names the language and any scale shared with another plan."""
    url = uow.engine.url.render_as_string(hide_password=True)
    return (url, mission, kind, number, name, sight, how)


def _kept_svg(key: Key) -> str | None:
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
        return found


def _draw(key: Key, make: Callable[[], Figure], words: Words) -> str:
    # English text stays text (the browser's fonts draw it): a third of the size, and
    # searchable. Arabic is drawn as the shapes Matplotlib joined and ordered: a browser
    # without DejaVu Sans would draw it in a font of other widths, and the tight box around
    # the figure, measured with DejaVu, would cut or crowd it.
    fonttype = "none" if words.language == "en" else "path"
    with _lock, drawing(words):
        figure = make()
        out = io.StringIO()
        with matplotlib.rc_context({"svg.fonttype": fonttype, "svg.hashsalt": "cadre"}):
            figure.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
        plt.close(figure)
        svg = out.getvalue()
        _kept[key] = svg
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
        return svg


def figure_png(make: Callable[[], Figure], words: Words = ENGLISH, dpi: int = 110) -> bytes:
    """A figure drawn as PNG, for documents (the brief) rather than pages; under the one lock."""
    with _lock, drawing(words):
        figure = make()
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
        plt.close(figure)
        return out.getvalue()


def capacity_plot(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    number: int,
    name: str,
    words: Words = ENGLISH,
    against: int | None = None,
) -> str:
    """A capacity plan's figure as SVG; NotFound when the plan is not released to the principal.
    With `against` (another version), the training force is drawn on the y scales both plans
    share, so the two figures side by side compare by height."""
    if name not in CAPACITY_PLOTS:
        raise NotFound(f"there is no plot {name}; plots: {', '.join(CAPACITY_PLOTS)}")
    released = {h.number for h in capacity_headers(uow, principal, mission)}
    for version in (number, against):
        if version is not None and version not in released:
            raise NotFound(f"capacity plan version {version} is not in the mission")
    shared = against is not None and name == "training-force"
    sight = read(uow, principal, mission, lambda scope: redaction(scope).digest)
    how = f"{words.language} against {against}" if shared else words.language
    key = _key(uow, mission, "capacity", number, name, sight, how)
    svg = _kept_svg(key)
    if svg is None:
        plan = capacity_plan(uow, principal, mission, number).plan
        if shared and against is not None:
            other = capacity_plan(uow, principal, mission, against).plan
            mine, theirs = capacity_plots.force_peaks(plan), capacity_plots.force_peaks(other)
            tops = (shared_top(mine[0], theirs[0]), shared_top(mine[1], theirs[1]))
            svg = _draw(key, lambda: capacity_plots.force_figure(plan, "", words, tops), words)
        else:
            svg = _draw(key, lambda: CAPACITY_PLOTS[name](plan, "", words), words)
    return svg


def keep_force_plots(
    uow: UnitOfWork,
    mission: str,
    number: int,
    fill: FillReport,
    sight: str,
    words: Words = ENGLISH,
) -> None:
    """Draw a force plan's figures, if not yet drawn, while its fill report (as one reader
    may see it, `sight` the digest of what that reader may not) is at hand."""
    for name, make in FORCE_PLOTS.items():
        key = _key(uow, mission, "force", number, name, sight, words.language)
        if _kept_svg(key) is None:
            _draw(key, functools.partial(make, fill, "", words), words)


def force_plot(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    number: int,
    name: str,
    words: Words = ENGLISH,
) -> str:
    """A force plan's figure as SVG; only the latest version's can be drawn anew."""
    if name not in FORCE_PLOTS:
        raise NotFound(f"there is no plot {name}; plots: {', '.join(FORCE_PLOTS)}")
    plan_versions.get_plan(uow, principal, mission, "force", number)  # released to them?
    sight = read(uow, principal, mission, lambda scope: force_redaction(scope).digest)
    key = _key(uow, mission, "force", number, name, sight, words.language)
    svg = _kept_svg(key)
    if svg is None:
        view = force.picture(uow, mission)
        if view.version != number:
            raise NotFound(
                f"force plan {number} is no longer the latest; its plots are not drawn again"
            )
        shown = read(uow, principal, mission, lambda scope: released_picture(scope, view))
        keep_force_plots(uow, mission, view.version, shown.fill, sight, words)
        svg = _kept_svg(key) or ""
    return svg

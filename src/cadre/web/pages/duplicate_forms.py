"""Likely duplicates on the web: each pair the service flagged, side by side, for a person to
decide — one person (merged: the writer chooses the entry that stays and confirms) or two
(the flag dismissed). No rule merges; who may merge is who may write trainees, as the
service decides."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from markupsafe import Markup
from starlette.responses import RedirectResponse, Response

from cadre.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from cadre.services.scenario.queries import mission_context
from cadre.services.training import operations, queries
from cadre.web.navigation import Page, require_page
from cadre.web.people_words import error_words, field_words
from cadre.web.routing import PageRoute, first
from cadre.web.security import CurrentPrincipal, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
MAX_ID = 2**31 - 1


def duplicates_view(
    request: Request,
    principal: CurrentPrincipal,
    work: Work,
    mission: str,
    *,
    pair: str = "",
    values: dict[str, str] | None = None,
    errors: dict[str, list[Markup]] | None = None,
    status: int = 200,
) -> Response:
    """The pairs; after a refusal, the pair's form (`pair`, "first-second") with why."""
    require_page(principal, Page.TRAINEES)
    pairs = queries.duplicates(work, principal, mission)
    may_write = operations.may_change(principal)
    shown = {f"{p.first.id}-{p.second.id}" for p in pairs} if may_write else set()
    context = {
        "heading": mission_context(work, principal, mission).heading,
        "active": "trainees",
        "pairs": pairs,
        # A refusal about a pair whose forms are not on the page is said at its top.
        "lost": (errors or {}).get("", []) if pair not in shown else [],
        "may_write": may_write,
        "pair": pair,
        "values": values or {},
        "errors": errors or {},
        "done": request.query_params.get("done", "")[:40],
    }
    return render(request, "duplicates.html", context, principal=principal, status=status)


@router.get("/missions/{mission}/trainees/duplicates")
def duplicates_page(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    return duplicates_view(request, principal, work, mission)


def _id(text: str) -> int:
    """A trainee id from a hidden field; anything else is a pair no longer on the page."""
    if not text.isdigit() or not 1 <= int(text) <= MAX_ID:
        raise InvalidInput([Problem("choose a pair on the page", code="trainee.no_flag")])
    return int(text)


async def _decide(request: Request, mission: str, principal: CurrentPrincipal, work: Work,
                  merge: bool) -> Response:  # fmt: skip
    async with request.form() as form:
        names = ("first", "second", "keep", "version_first", "version_second", "confirm")
        values = {name: first(form, name)[:64] for name in names}

    def act() -> Response:
        require_page(principal, Page.TRAINEES)
        pair = f"{values['first']}-{values['second']}"
        try:
            one, two = _id(values["first"]), _id(values["second"])
            if not merge:
                operations.dismiss_duplicate(work, principal, one, two, mission)
                return _back(mission, "dismissed")
            problems = []
            if values["keep"] not in (str(one), str(two)):
                problems.append(Problem("choose the entry that stays", field="keep",
                                        code="merge.keep"))  # fmt: skip
            if values["confirm"] != "yes":
                problems.append(Problem("confirm the merge", field="confirm",
                                        code="merge.confirm"))  # fmt: skip
            if problems:
                raise InvalidInput(problems)
            keep = int(values["keep"])
            drop, version = (two, "version_second") if keep == one else (one, "version_first")
            operations.merge_trainees(work, principal, keep, drop, [values[version]], mission)
        except InvalidInput as error:
            errors = field_words(error.problems)
        except (Conflict, NotFound) as error:  # changed or gone since the page was read
            errors = {"": [error_words(error)]}
        except Forbidden as error:
            if error.code != "trainee.not_yours":
                raise
            errors = {"": [error_words(error)]}
        else:
            return _back(mission, "merged")
        return duplicates_view(request, principal, work, mission, pair=pair, values=values,
                               errors=errors, status=422)  # fmt: skip

    return await run_in_threadpool(act)


def _back(mission: str, done: str) -> Response:
    return RedirectResponse(f"/missions/{mission}/trainees/duplicates?done={done}", 303)


@router.post("/missions/{mission}/trainees/duplicates/merge")
async def merge(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    return await _decide(request, mission, principal, work, merge=True)


@router.post("/missions/{mission}/trainees/duplicates/dismiss")
async def dismiss(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    return await _decide(request, mission, principal, work, merge=False)

"""A sourcing round's offers, and the answer to one: accept, decline or query with a comment.
A refused answer shows the page again with what was typed and why, beside its fields."""

from __future__ import annotations

import dataclasses
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from cadre.domain.errors import Conflict, Forbidden, InvalidInput
from cadre.services.force.review import answer_offer
from cadre.web.messages import error_markup
from cadre.web.presenters.offers import ANSWERS, STATES, Asked, OffersPage, Typed, offers_page
from cadre.web.routing import PageRoute, field_errors, first
from cadre.web.security import CurrentPrincipal, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
Round = Annotated[str | None, Query(max_length=40)]
OfferCode = Annotated[str, Path(max_length=120)]
STATUS = {InvalidInput: 422, Forbidden: 403, Conflict: 409}


@router.get("/missions/{mission}/force/offers")
def offers(
    request: Request,
    mission: Mission,
    principal: CurrentPrincipal,
    work: Work,
    round: Round = None,
    answered: Annotated[str | None, Query(max_length=120)] = None,
    state: Annotated[str | None, Query(max_length=40)] = None,
    nation: Annotated[str | None, Query(max_length=40)] = None,
    page: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    asked = Asked(round or None, state or None, nation or None, _number(page) or 1)
    status, missing, filter_errors = 200, None, {}
    if page and _number(page) is None:
        status, missing = 400, page
    try:
        shown = offers_page(
            work, principal, mission, asked, answered=answered, missing_page=missing
        )
    except InvalidInput as error:  # an unknown state: the list unfiltered, the error beside it
        status, filter_errors = 400, field_errors(error.problems)
        asked = dataclasses.replace(asked, state=None)
        shown = offers_page(work, principal, mission, asked, missing_page=missing)
    if shown.missing_page and status == 200 and not answered:
        status = 404  # asked for a page past the last; after an answer, the list just shrank
    context = {**_context(shown), "filter_errors": filter_errors}
    return render(request, "offers.html", context, principal=principal, status=status)


def _number(page: str | None) -> int | None:
    """A page number as the address gives it; None for anything but a positive whole number."""
    text = (page or "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


def _context(page: OffersPage) -> dict[str, object]:
    return {"page": page, "states": STATES, "answers": ANSWERS, "filter_errors": {}}


def _query(asked: Asked, answered: str) -> str:
    """The address's query for a page and its filters, so an answer returns to them."""
    pairs = {"round": asked.round, "state": asked.state, "nation": asked.nation}
    pairs |= {"page": str(asked.page) if asked.page > 1 else None, "answered": answered}
    return urlencode({k: v for k, v in pairs.items() if v})


@router.post("/missions/{mission}/force/offers/{offer}")
async def answer(
    request: Request, mission: Mission, offer: OfferCode, principal: CurrentPrincipal, work: Work
) -> Response:
    form = await request.form()
    decision, comment = first(form, "decision"), first(form, "comment")
    asked = Asked(
        first(form, "round") or None,
        first(form, "state") or None,
        first(form, "nation") or None,
        _number(first(form, "page")) or 1,
    )
    steps = first(form, "steps")
    try:
        await run_in_threadpool(
            answer_offer,
            work,
            principal,
            mission,
            offer,
            decision,
            comment,
            seen_steps=int(steps) if steps.isdigit() else None,
        )
    except (InvalidInput, Forbidden, Conflict) as error:
        # The page again, the answer as typed, and why it was refused beside its fields.
        if isinstance(error, InvalidInput):
            errors = field_errors(error.problems)
        else:
            errors = {"": [error_markup(error)]}
        typed = {offer: Typed(decision, comment, errors)}
        page = await run_in_threadpool(offers_page, work, principal, mission, asked, typed)
        status = next(s for kind, s in STATUS.items() if isinstance(error, kind))
        return render(request, "offers.html", _context(page), principal=principal, status=status)
    query = _query(asked, offer)
    return RedirectResponse(
        f"/missions/{mission}/force/offers?{query}#offer-{quote(offer)}", status_code=303
    )

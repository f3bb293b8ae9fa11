"""A sourcing round's offers, and the answer to one: accept, decline or query with a comment.
A refused answer shows the page again with what was typed and why, beside its fields."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from cadre.domain.errors import Conflict, Forbidden, InvalidInput
from cadre.services.force.review import answer_offer
from cadre.web.messages import error_markup
from cadre.web.presenters.offers import ANSWERS, STATES, OffersPage, Typed, offers_page
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
) -> Response:
    page = offers_page(work, principal, mission, round or None, answered=answered)
    return render(request, "offers.html", _context(page), principal=principal)


def _context(page: OffersPage) -> dict[str, object]:
    return {"page": page, "states": STATES, "answers": ANSWERS}


@router.post("/missions/{mission}/force/offers/{offer}")
async def answer(
    request: Request, mission: Mission, offer: OfferCode, principal: CurrentPrincipal, work: Work
) -> Response:
    form = await request.form()
    decision, comment = first(form, "decision"), first(form, "comment")
    round_code = first(form, "round") or None
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
        page = await run_in_threadpool(offers_page, work, principal, mission, round_code, typed)
        status = next(s for kind, s in STATUS.items() if isinstance(error, kind))
        return render(request, "offers.html", _context(page), principal=principal, status=status)
    query = f"round={quote(round_code or '')}&answered={quote(offer)}"
    return RedirectResponse(
        f"/missions/{mission}/force/offers?{query}#offer-{quote(offer)}", status_code=303
    )

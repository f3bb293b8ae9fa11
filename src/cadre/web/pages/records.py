"""Catalogue and scenario editing: a kind's records, and a form per record whose problems
show beside their fields."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from cadre.access.policy import Principal
from cadre.domain.errors import Conflict, InvalidInput
from cadre.web.messages import error_markup
from cadre.web.presenters.records import record_form, record_list, remove_record, save_record
from cadre.web.routing import PageRoute, field_errors, first, multi
from cadre.web.security import CurrentPrincipal, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
Kind = Annotated[str, Path(max_length=40, pattern=r"^[a-z]+$")]
Key = Annotated[str, Path(max_length=64)]


@router.get("/missions/{mission}/records/{kind}")
def records_page(
    request: Request,
    mission: Mission,
    kind: Kind,
    principal: CurrentPrincipal,
    work: Work,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    page = record_list(work, principal, mission, kind, q)
    return render(request, "records.html", {"page": page}, principal=principal)


@router.get("/missions/{mission}/records/{kind}/new")
def new_record(
    request: Request, mission: Mission, kind: Kind, principal: CurrentPrincipal, work: Work
) -> Response:
    form = record_form(work, principal, mission, kind)
    return render(request, "record.html", {"form": form, "errors": {}}, principal=principal)


@router.get("/missions/{mission}/records/{kind}/{key}")
def edit_record(
    request: Request,
    mission: Mission,
    kind: Kind,
    key: Key,
    principal: CurrentPrincipal,
    work: Work,
) -> Response:
    form = record_form(work, principal, mission, kind, key)
    return render(request, "record.html", {"form": form, "errors": {}}, principal=principal)


async def _save(
    request: Request,
    work: Work,
    principal: Principal,
    mission: str,
    kind: str,
    key: str | None,
) -> Response:
    submitted = multi(await request.form())
    etag = (submitted.pop("etag", None) or [""])[0]
    submitted.pop("csrf_token", None)
    try:
        view = await run_in_threadpool(
            save_record, work, principal, mission, kind, key, submitted, etag
        )
    except (InvalidInput, Conflict) as error:
        # The form again, as the user typed it, with each problem beside its field.
        form = await run_in_threadpool(
            record_form, work, principal, mission, kind, key, tuple(submitted)
        )
        errors = field_errors(error.problems if isinstance(error, InvalidInput) else ())
        if isinstance(error, Conflict):
            errors[""] = [error_markup(error)]
        typed = {
            f.name: (submitted.get(f.name) or [])
            if f.widget == "checkboxes"
            else "\n".join(submitted.get(f.name) or [])
            for f in form.fields
        }
        context = {"form": form, "errors": errors, "typed": typed, "etag": etag}
        return render(request, "record.html", context, principal=principal, status=422)
    return RedirectResponse(f"/missions/{mission}/records/{kind}?saved={view.key}", status_code=303)


@router.post("/missions/{mission}/records/{kind}/new")
async def create(
    request: Request, mission: Mission, kind: Kind, principal: CurrentPrincipal, work: Work
) -> Response:
    return await _save(request, work, principal, mission, kind, None)


@router.post("/missions/{mission}/records/{kind}/{key}")
async def replace(
    request: Request,
    mission: Mission,
    kind: Kind,
    key: Key,
    principal: CurrentPrincipal,
    work: Work,
) -> Response:
    return await _save(request, work, principal, mission, kind, key)


@router.post("/missions/{mission}/records/{kind}/{key}/delete")
async def delete(
    request: Request,
    mission: Mission,
    kind: Kind,
    key: Key,
    principal: CurrentPrincipal,
    work: Work,
) -> Response:
    etag = first(await request.form(), "etag")
    await run_in_threadpool(remove_record, work, principal, mission, kind, key, etag)
    return RedirectResponse(f"/missions/{mission}/records/{kind}", status_code=303)

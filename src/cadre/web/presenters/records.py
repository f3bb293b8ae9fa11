"""Catalogue and scenario editing in the web app: lists of a kind's records, a form per record,
and saves judged by the importer's rules through the records service (releasability, the
mission's lock, the version the writer read, the audit trail). Problems come back named by
the form field they belong beside."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cadre.access.policy import Principal, Reach, Verb, reach
from cadre.domain.errors import InvalidInput
from cadre.services.records import operations as record_edits
from cadre.services.records import queries as records
from cadre.services.records.queries import KINDS, RecordView
from cadre.services.scenario.queries import MissionContext, mission_context
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.navigation import Page, require_page
from cadre.web.presenters.record_forms import (
    FormData,
    FormField,
    document_from_form,
    field_of,
    form_fields,
    form_values,
    name_languages,
)

# The columns a list shows per kind; other kinds show their first few simple fields.
COLUMNS: dict[str, tuple[str, ...]] = {
    "contributors": ("code", "name", "role"),
    "sites": ("code", "name", "kind", "region"),
    "disciplines": ("code", "name"),
    "qualifications": ("code", "name", "discipline", "level"),
    "courses": ("code", "title", "discipline", "level", "duration_days", "max_class_size"),
    "caveats": ("code", "nation", "note"),
    "pledges": ("code", "nation", "qualification", "count", "start", "end", "tour_months"),
    "trainers": ("code", "name", "nation", "in_theatre_from", "in_theatre_to"),
    "cohorts": ("code", "name", "unit", "size", "site"),
    "requirements": ("number", "title", "qualification", "site", "start", "end", "count"),
}
# The kinds the issue names first come first in the tabs.
ORDER = ("courses", "sites", "contributors", "pledges", "cohorts")


@dataclass(frozen=True)
class RecordRow:
    view: RecordView
    editable: bool


@dataclass(frozen=True)
class RecordList:
    context: MissionContext
    kind: str
    noun: str
    key: str
    columns: tuple[str, ...]
    rows: list[RecordRow]
    total: int
    can_create: bool
    kinds: tuple[str, ...]  # the kinds the principal may read, for the tabs
    q: str


def readable_kinds(principal: Principal) -> tuple[str, ...]:
    names = [*ORDER, *(k for k in KINDS if k not in ORDER)]
    return tuple(k for k in names if reach(principal.roles, Verb.READ, k) is not None)


def _editable(principal: Principal, kind: str, view: RecordView) -> bool:
    found = reach(principal.roles, Verb.WRITE, kind)
    return found is Reach.ANY or (found is Reach.OWN and view.label.owner == principal.affiliation)


def record_list(
    uow: UnitOfWork, principal: Principal, mission: str, kind: str, q: str | None = None
) -> RecordList:
    require_page(principal, Page.RECORDS)
    record_kind = records.kind_named(kind)
    context = mission_context(uow, principal, mission)
    page = records.list_records(uow, principal, mission, kind, q=q or None, limit=500)
    return RecordList(
        context,
        kind,
        record_kind.noun,
        record_kind.key,
        COLUMNS.get(kind, tuple(f.name for f in form_fields(record_kind.shape))[:5]),
        [RecordRow(v, _editable(principal, kind, v)) for v in page.items],
        page.total,
        reach(principal.roles, Verb.WRITE, kind) is not None,
        readable_kinds(principal),
        q or "",
    )


@dataclass(frozen=True)
class RecordForm:
    context: MissionContext
    kind: str
    noun: str
    key: str | None  # None: a new record
    fields: tuple[FormField, ...]
    values: dict[str, Any]
    etag: str
    editable: bool


def record_form(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    kind: str,
    key: str | None = None,
    typed: Iterable[str] = (),
) -> RecordForm:
    """The form for record `key` (None: a new one); NotFound when it is not released to you.
    `typed`: the fields of a form sent back, so that a name in any language typed is shown."""
    require_page(principal, Page.RECORDS)
    record_kind = records.kind_named(kind)
    typed = tuple(typed)
    fields = form_fields(record_kind.shape, name_languages(fields=typed))
    context = mission_context(uow, principal, mission)
    if key is None:
        values = form_values(fields, _defaults(record_kind.shape))
        writable = reach(principal.roles, Verb.WRITE, kind) is not None
        return RecordForm(context, kind, record_kind.noun, None, fields, values, "", writable)
    view = records.get_record(uow, principal, mission, kind, key)
    stored = view.document.get("names") or ()
    fields = form_fields(record_kind.shape, name_languages(stored, typed))
    return RecordForm(
        context,
        kind,
        record_kind.noun,
        key,
        fields,
        form_values(fields, view.document),
        view.etag,
        _editable(principal, kind, view),
    )


def _defaults(shape: Any) -> dict[str, Any]:
    return {
        name: info.default
        for name, info in shape.model_fields.items()
        if not info.is_required() and info.default is not None
    }


def save_record(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    kind: str,
    key: str | None,
    form: FormData,
    etag: str = "",
) -> RecordView:
    """Create (key None) or replace a record from a form; InvalidInput's problems carry the
    form field each belongs beside ("" for the record as a whole)."""
    require_page(principal, Page.RECORDS)
    record_kind = records.kind_named(kind)
    fields = form_fields(record_kind.shape, name_languages(fields=form))
    try:
        document = document_from_form(fields, form)
        if key is None:
            return record_edits.create_record(uow, principal, mission, kind, document)
        return record_edits.replace_record(uow, principal, mission, kind, key, document, (etag,))
    except InvalidInput as err:
        raise InvalidInput(
            [dataclasses.replace(p, field=field_of(p, fields)) for p in err.problems]
        ) from None


def remove_record(
    uow: UnitOfWork, principal: Principal, mission: str, kind: str, key: str, etag: str
) -> None:
    require_page(principal, Page.RECORDS)
    record_edits.delete_record(uow, principal, mission, kind, key, (etag,))

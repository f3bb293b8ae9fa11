"""The scenario's records one at a time: which kinds there are, their shape (the same pydantic
models the scenario file uses), and a scenario with one record added, replaced or removed.

An edit goes through the file's own path: the scenario as a document, the record changed in
it, the document checked against the file's shape and turned into the domain value. The
caller then runs the domain's rules on it, exactly as an import does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from cadre.domain.errors import InvalidInput, NotFound, Problem
from cadre.domain.host import search_key
from cadre.domain.scenario import Scenario
from cadre.interchange.convert import to_domain, to_json_document
from cadre.interchange.positions import field_name
from cadre.interchange.requirements_shape import RequirementShape
from cadre.interchange.schema import (
    CaveatShape,
    CohortShape,
    ContributorShape,
    CourseShape,
    DisciplineShape,
    PledgeShape,
    QualificationShape,
    ScenarioShape,
    SiteShape,
    TrainerShape,
)
from cadre.interchange.shape_errors import shape_reason


def _fields(*names: str) -> Callable[[dict[str, Any]], str]:
    def text(document: dict[str, Any]) -> str:
        parts = []
        for name in names:
            value: Any = document
            for step in name.split("."):
                value = value.get(step) if isinstance(value, dict) else None
            parts.append(str(value or ""))
        return " ".join(parts)

    return text


@dataclass(frozen=True)
class RecordKind:
    name: str  # the scenario's collection, also the API's path segment
    noun: str
    shape: type[BaseModel]
    searched: Callable[[dict[str, Any]], str]  # the text a search (?q=) looks in
    filters: tuple[str, ...] = ()  # fields a list may be filtered on by equality
    key: str = "code"
    nation: str | None = None  # the field naming the nation a record belongs to

    def key_of(self, document: dict[str, Any]) -> str:
        return str(document[self.key])


KINDS: dict[str, RecordKind] = {
    k.name: k
    for k in (
        RecordKind("contributors", "contributor", ContributorShape, _fields("name"), ("role",)),
        RecordKind(
            "sites", "site", SiteShape, _fields("name", "names.ar", "region"), ("kind", "region")
        ),
        RecordKind("disciplines", "discipline", DisciplineShape, _fields("name")),
        RecordKind(
            "qualifications",
            "qualification",
            QualificationShape,
            _fields("name"),
            ("discipline", "level"),
        ),
        RecordKind(
            "courses", "course", CourseShape, _fields("title", "names.ar"), ("discipline", "level")
        ),
        RecordKind("caveats", "caveat", CaveatShape, _fields("note"), ("nation",), nation="nation"),
        RecordKind(
            "pledges",
            "pledge",
            PledgeShape,
            _fields("qualification"),
            ("nation", "qualification"),
            nation="nation",
        ),
        RecordKind(
            "trainers",
            "trainer",
            TrainerShape,
            _fields("name", "names.ar"),
            ("nation", "pledge"),
            nation="nation",
        ),
        RecordKind(
            "cohorts",
            "cohort",
            CohortShape,
            _fields("unit", "name.arabic", "name.latin"),
            ("site",),
        ),
        RecordKind(
            "requirements",
            "requirement line",
            RequirementShape,
            _fields("title"),
            ("kind", "site", "qualification", "criticality"),
            key="number",
        ),
    )
}


def documents(scenario: Scenario, kind: RecordKind) -> list[dict[str, Any]]:
    """The kind's records as JSON-ready documents, in the scenario's order."""
    found: list[dict[str, Any]] = to_json_document(scenario).get(kind.name, [])
    return found


def matches(kind: RecordKind, document: dict[str, Any], text: str) -> bool:
    """A search that finds a record by its code or name however either is spelt."""
    wanted = search_key(text)
    return wanted in search_key(kind.key_of(document), kind.searched(document))


def edited(
    scenario: Scenario, kind: RecordKind, key: str | None, record: dict[str, Any] | None
) -> Scenario:
    """The scenario with the record `key` replaced by `record` (key None: `record` added;
    record None: the record removed). The rules are not run here: the caller runs them."""
    document = to_json_document(scenario)
    items: list[dict[str, Any]] = document.setdefault(kind.name, [])
    index = next((i for i, d in enumerate(items) if kind.key_of(d) == key), None)
    if key is not None and index is None:
        raise NotFound(f"{kind.noun} {key} is not in the mission")
    if record is None:
        if index is not None:
            del items[index]
    elif index is None:
        items.append(record)
    else:
        items[index] = record
    try:
        shape = ScenarioShape.model_validate(document)
    except ValidationError as err:
        problems = []
        for error in err.errors():
            path, reason, _ = shape_reason(error, document)
            problems.append(Problem(reason, field=field_name(path)))
        raise InvalidInput(problems) from None
    return to_domain(shape)

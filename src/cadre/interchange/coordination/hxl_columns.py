"""Which HXL hashtag carries which field of the register, in one table for reading and
writing alike.

A column answers a field when its hashtag is the field's and it carries at least the field's
attributes (`#adm1+code+v_pcode` answers `#adm1+code`); where a field names several columns
the first present wins (`#sector+code` before a bare `#sector`). Columns that answer no field,
and second columns for a field already answered, are kept with each activity as written and
written back on export.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tag:
    hashtag: str  # with its '#'
    attributes: frozenset[str] = frozenset()

    @classmethod
    def of(cls, spec: str) -> Tag:
        name, *attributes = spec.split("+")
        return cls(name.lower(), frozenset(a.lower() for a in attributes))

    def answered_by(self, hashtag: str, attributes: frozenset[str]) -> bool:
        return hashtag.lower() == self.hashtag and self.attributes <= attributes

    def __str__(self) -> str:
        return self.hashtag + "".join(f"+{a}" for a in sorted(self.attributes))


@dataclass(frozen=True)
class Field:
    name: str  # the Activity's or Need's attribute
    header: str  # the text row above the hashtags on export
    tags: tuple[Tag, ...]  # the first is written on export
    required: bool = False

    @property
    def tag(self) -> Tag:
        return self.tags[0]


def _field(name: str, header: str, *specs: str, required: bool = False) -> Field:
    return Field(name, header, tuple(Tag.of(s) for s in specs), required)


# The register's columns, in the order an export writes them.
ACTIVITY_FIELDS: tuple[Field, ...] = (
    _field("code", "Activity code", "#activity+code"),
    _field("organisation", "Organisation", "#org+code", "#org+acronym"),
    _field("organisation_name", "Organisation name", "#org+name"),
    _field("organisation_type", "Organisation type", "#org+type"),
    _field("discipline", "Sector", "#sector+code", "#sector", required=True),
    _field("activity_type", "Activity type", "#activity+type", required=True),
    _field("title", "Activity", "#activity+name"),
    _field("beneficiary", "Beneficiary", "#beneficiary", required=True),
    _field("governorate_name", "Governorate", "#adm1+name"),
    _field("governorate", "Governorate p-code", "#adm1+code"),
    _field("district_name", "District", "#adm2+name"),
    _field("district", "District p-code", "#adm2+code"),
    _field("site", "Site", "#loc+name", "#loc"),
    _field("start", "Start", "#date+start", required=True),
    _field("end", "End", "#date+end", required=True),
    _field("status", "Status", "#status", required=True),
    _field("planned", "Planned", "#targeted"),
    _field("reached", "Reached", "#reached"),
    _field("contact", "Contact", "#contact+name", "#contact"),
    _field("source", "Source", "#meta+source"),
    _field("reported", "Report date", "#date+reported"),
    _field("classification", "Classification", "#meta+classification"),
    _field("releasable_to", "Releasable to", "#meta+releasable"),
    _field("origin", "Origin", "#meta+origin"),
)

# The host's demand by governorate and discipline: a table of its own, told apart by #inneed.
NEED_FIELDS: tuple[Field, ...] = (
    _field("governorate_name", "Governorate", "#adm1+name"),
    _field("governorate", "Governorate p-code", "#adm1+code"),
    _field("discipline", "Sector", "#sector+code", "#sector", required=True),
    _field("people", "People to train", "#inneed", required=True),
    _field("organisation", "Stated by", "#org+code", "#org+acronym", "#org+name"),
    _field("source", "Source", "#meta+source"),
    _field("classification", "Classification", "#meta+classification"),
    _field("releasable_to", "Releasable to", "#meta+releasable"),
)

NEEDS_MARK = Tag.of("#inneed")
ORIGIN_OURS = "timetable"  # #meta+origin of the mission's own runs: derived, never imported

"""The mission's rules for requirement lines and offers, shared by the scenario file, the
pledge workbooks and any later form: each yields (field, message) pairs, every one found."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from cadre.domain.errors import Param
from cadre.domain.force.eligibility import caveat_barrier
from cadre.domain.force.offers import Offer
from cadre.domain.force.whole_force import SPECIALTIES
from cadre.domain.requirements import PostKind, RequirementLine
from cadre.domain.scenario import Scenario

Finding = tuple[str, str]


def line_problems(
    line: RequirementLine, s: Scenario, lines: Mapping[str, RequirementLine]
) -> Iterator[Finding]:
    """A line names what exists, lasts within the mission and asks for at least one person."""
    n = line.number
    if not line.title.strip():
        yield "title", f"line {n} needs a title"
    qualifications = {q.code for q in s.qualifications}
    if line.kind is PostKind.TEACHING and line.qualification not in qualifications:
        yield (
            "qualification",
            (f"line {n} teaches with {line.qualification}, which is not a defined qualification"),
        )
    if not line.qualification.strip():
        yield "qualification", f"line {n} needs a qualification or specialty"
    if not line.rank_band.is_ordered:
        yield "rank_band", f"line {n}: rank band {line.rank_band} runs from high to low"
    yield from _place_problems(line, s)
    if line.count <= 0:
        yield "count", f"line {n} must have at least 1 post, not {line.count}"
    if line.end < line.start:
        yield "end", f"line {n} ends on {line.end}, before it starts on {line.start}"
    elif line.start < s.mission.start or line.end > s.mission.end:
        yield (
            "start",
            (
                f"line {n} runs {line.start} to {line.end}, outside the mission "
                f"({s.mission.start} to {s.mission.end})"
            ),
        )
    courses = {c.code for c in s.courses}
    for course in line.courses:
        if course not in courses:
            yield "courses", f"line {n} teaches {course}, which is not in the catalogue"
    if line.protects is not None:
        guarded = lines.get(line.protects)
        if line.kind is not PostKind.FORCE_PROTECTION:
            yield "protects", f"line {n} protects a team but is not a force protection line"
        elif guarded is None or guarded.kind is not PostKind.TEACHING:
            yield "protects", f"line {n} protects {line.protects}, which is not a teaching line"


def _place_problems(line: RequirementLine, s: Scenario) -> Iterator[Finding]:
    regions = {site.code: site.region for site in s.sites}
    if line.site is None and line.region is None:
        yield "site", f"line {line.number} needs a site or a region"
    if line.site is not None and line.site not in regions:
        yield "site", f"line {line.number} is at site {line.site}, which is not defined"
    elif line.site is not None and line.region not in (None, regions[line.site]):
        yield (
            "region",
            (
                f"line {line.number} is at {line.site}, which is in {regions[line.site]}, "
                f"not {line.region}"
            ),
        )
    if line.site is None and line.region is not None and line.region not in regions.values():
        yield "region", f"line {line.number} is in region {line.region}, where no site is"


def known_specialties(s: Scenario, lines: Iterable[RequirementLine] = ()) -> frozenset[str]:
    """What a pledge or an offer may name instead of a line: a qualification of the scenario,
    a specialty any requirement line asks for (written, or of a capacity plan), or one the
    whole force's derived posts ask for (`HQ`, `ADV`, `FP`, `SUP`)."""
    return frozenset(
        {q.code for q in s.qualifications}
        | {x.qualification for x in (*s.requirements, *lines)}
        | set(SPECIALTIES)
    )


def offer_problems(
    offer: Offer, s: Scenario, lines: Mapping[str, RequirementLine]
) -> Iterator[Finding]:
    """An offer comes from an ally or partner, for a known line or qualification, for a sound
    period and tour, under its own nation's caveats, which must not bar the line it targets."""
    for found in offer_findings(offer, s, lines):
        yield found.field, found.message


@dataclass(frozen=True)
class CodedFinding:
    """A finding with a stable code and the values it names, so that an edge can say it in
    its reader's language (cadre.domain.errors)."""

    field: str
    message: str
    code: str
    params: Mapping[str, Param] = dataclasses.field(default_factory=dict)


def offer_findings(
    offer: Offer, s: Scenario, lines: Mapping[str, RequirementLine]
) -> Iterator[CodedFinding]:
    """`offer_problems`, each with its code."""
    senders = {c.code for c in s.contributors if c.role.sends_trainers}
    if offer.nation not in senders:
        yield CodedFinding(
            "nation",
            f"{offer.nation} is not an ally or partner of mission {s.mission.code}",
            code="offer.not_a_sender",
            params={"nation": offer.nation, "mission": s.mission.code},
        )
    target = lines.get(offer.line) if offer.line is not None else None
    if offer.line is not None and target is None:
        yield CodedFinding(
            "line",
            f"line {offer.line} is not in the statement of requirements",
            code="offer.unknown_line",
            params={"line": offer.line},
        )
    if offer.line is None:
        known = known_specialties(s, lines.values())
        if offer.qualification is None:
            yield CodedFinding(
                "line", "an offer names a line or a qualification", code="offer.no_target"
            )
        elif offer.qualification not in known:
            yield CodedFinding(
                "qualification",
                f"{offer.qualification} is neither a qualification nor a specialty any line "
                "asks for",
                code="offer.unknown_specialty",
                params={"specialty": offer.qualification},
            )
    if offer.count <= 0:
        yield CodedFinding(
            "count",
            f"an offer is of at least 1 person, not {offer.count}",
            code="offer.nobody",
            params={"count": offer.count},
        )
    if offer.end <= offer.start:
        yield CodedFinding(
            "end",
            f"the offer ends on {offer.end}, not after it starts on {offer.start}",
            code="offer.ends_before_start",
            params={"start": str(offer.start), "end": str(offer.end)},
        )
    elif target is not None and (offer.end < target.start or offer.start > target.end):
        yield CodedFinding(
            "start",
            f"the offer ({offer.start} to {offer.end}) misses line {target.number} "
            f"({target.start} to {target.end})",
            code="offer.misses_line",
            params={
                "start": str(offer.start),
                "end": str(offer.end),
                "line": target.number,
                "line_start": str(target.start),
                "line_end": str(target.end),
            },
        )
    if offer.tour_months <= 0:
        yield CodedFinding(
            "tour_months",
            f"tours last at least 1 month, not {offer.tour_months}",
            code="offer.no_tour",
            params={"months": offer.tour_months},
        )
    if offer.rank_band is not None:
        if not offer.rank_band.is_ordered:
            yield CodedFinding(
                "rank",
                f"rank band {offer.rank_band} runs from high to low",
                code="offer.ranks_reversed",
                params={"band": str(offer.rank_band)},
            )
        elif target is not None and not target.rank_band.contains(offer.rank_band):
            yield CodedFinding(
                "rank",
                f"rank {offer.rank_band} is outside line {target.number}'s band {target.rank_band}",
                code="offer.rank_outside_band",
                params={
                    "band": str(offer.rank_band),
                    "line": target.number,
                    "line_band": str(target.rank_band),
                },
            )
    yield from _caveat_findings(offer, s, target)


def _caveat_findings(
    offer: Offer, s: Scenario, target: RequirementLine | None
) -> Iterator[CodedFinding]:
    caveats = {c.code: c for c in s.caveats}
    regions = {site.code: site.region for site in s.sites}
    for code in offer.caveats:
        caveat = caveats.get(code)
        if caveat is None:
            yield CodedFinding(
                "caveats",
                f"caveat {code} is not defined",
                code="offer.unknown_caveat",
                params={"caveat": code},
            )
        elif caveat.nation != offer.nation:
            yield CodedFinding(
                "caveats",
                f"caveat {code} belongs to {caveat.nation}, not {offer.nation}",
                code="offer.caveat_of_another_nation",
                params={"caveat": code, "owner": caveat.nation, "nation": offer.nation},
            )
        elif caveat.max_tour_months is not None and offer.tour_months > caveat.max_tour_months:
            yield CodedFinding(
                "tour_months",
                f"caveat {code} limits tours to {caveat.max_tour_months} months, "
                f"not {offer.tour_months}",
                code="offer.tour_beyond_caveat",
                params={
                    "caveat": code,
                    "limit": caveat.max_tour_months,
                    "months": offer.tour_months,
                },
            )
        elif target is not None:
            region = regions.get(target.site, "") if target.site else (target.region or "")
            sites = frozenset(k for k, v in regions.items() if v == region)
            barrier = caveat_barrier(caveat, code, offer, target, region, sites)
            if barrier is not None:
                yield CodedFinding(
                    "caveats",
                    f"line {target.number} is out of bounds: {barrier.reason}",
                    code="offer.caveat_bars_line",
                    params={"line": target.number, "caveat": code},
                )

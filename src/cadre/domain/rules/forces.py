"""Rules over what nations send: caveats, pledges, trainers; and the host's cohorts."""

from __future__ import annotations

from collections.abc import Iterator

from cadre.domain.force.validation import known_specialties
from cadre.domain.rules.base import Registries, Violation, repeated
from cadre.domain.scenario import Scenario


def caveats_are_sound(s: Scenario, _: Registries) -> Iterator[Violation]:
    """A caveat belongs to a nation and names sites and regions that exist."""
    nations = {c.code for c in s.contributors if c.role.is_nation}
    sites = {site.code for site in s.sites}
    regions = {site.region for site in s.sites}
    for i, cav in enumerate(s.caveats):
        if cav.nation not in nations:
            yield Violation(
                ("caveats", i, "nation"),
                f"caveat {cav.code} belongs to {cav.nation}, which is not a contributing nation",
            )
        for field, names in (
            ("allowed_sites", cav.allowed_sites),
            ("forbidden_sites", cav.forbidden_sites),
        ):
            for name in sorted(names - sites):
                yield Violation(
                    ("caveats", i, field, name),
                    f"caveat {cav.code} names site {name}, which is not defined",
                )
        for name in sorted(cav.allowed_regions - regions):
            # A typo here would silently bar the nation from everywhere, so it is an error.
            yield Violation(
                ("caveats", i, "allowed_regions", name),
                f"caveat {cav.code} allows region {name}, where no site is",
            )
        if cav.max_tour_months is not None and cav.max_tour_months <= 0:
            yield Violation(
                ("caveats", i, "max_tour_months"),
                f"caveat {cav.code}: the longest tour must be at least 1 month, "
                f"not {cav.max_tour_months}",
            )


def pledges_are_sound(s: Scenario, _: Registries) -> Iterator[Violation]:
    """A pledge comes from a sending nation, for a known qualification or any specialty a
    requirement asks for (headquarters, force protection, ...), within its caveats."""
    senders = {c.code for c in s.contributors if c.role.sends_trainers}
    contributors = {c.code for c in s.contributors}
    specialties = known_specialties(s)
    caveats = {c.code: c for c in s.caveats}
    for i, p in enumerate(s.pledges):
        if p.nation not in senders:
            what = "an ally or partner" if p.nation in contributors else "a contributor"
            yield Violation(
                ("pledges", i, "nation"),
                f"pledge {p.code} is from {p.nation}, which is not {what}",
            )
        if p.qualification not in specialties:
            yield Violation(
                ("pledges", i, "qualification"),
                f"pledge {p.code} offers {p.qualification}, which is neither a qualification "
                "nor a specialty a requirement asks for",
            )
        if p.count <= 0:
            yield Violation(
                ("pledges", i, "count"),
                f"pledge {p.code} must offer at least 1 person, not {p.count}",
            )
        if p.end <= p.start:
            yield Violation(
                ("pledges", i, "end"),
                f"pledge {p.code} ends on {p.end}, not after it starts on {p.start}",
            )
        if p.tour_months <= 0:
            yield Violation(
                ("pledges", i, "tour_months"),
                f"pledge {p.code}: tours must last at least 1 month, not {p.tour_months}",
            )
        yield from repeated(p.caveats, ("pledges", i, "caveats"), f"pledge {p.code}", "caveat")
        for j, code in enumerate(p.caveats):
            cav = caveats.get(code)
            if cav is None:
                yield Violation(
                    ("pledges", i, "caveats", j),
                    f"pledge {p.code} is under caveat {code}, which is not defined",
                )
            elif cav.nation != p.nation:
                yield Violation(
                    ("pledges", i, "caveats", j),
                    f"pledge {p.code} from {p.nation} is under caveat {code}, which belongs to "
                    f"{cav.nation}",
                )
            elif cav.max_tour_months is not None and p.tour_months > cav.max_tour_months > 0:
                yield Violation(
                    ("pledges", i, "tour_months"),
                    f"pledge {p.code} has {p.tour_months}-month tours, but caveat {code} of "
                    f"{p.nation} allows at most {cav.max_tour_months} months",
                )


def trainers_are_sound(s: Scenario, _: Registries) -> Iterator[Violation]:
    nations = {c.code for c in s.contributors if c.role.is_nation}
    qualifications = {q.code for q in s.qualifications}
    pledges = {p.code: p for p in s.pledges}
    for i, t in enumerate(s.trainers):
        if t.nation not in nations:
            yield Violation(
                ("trainers", i, "nation"),
                f"trainer {t.code} is from {t.nation}, which is not a contributing nation",
            )
        yield from repeated(
            t.qualifications,
            ("trainers", i, "qualifications"),
            f"trainer {t.code}",
            "qualification",
        )
        for j, q in enumerate(t.qualifications):
            if q not in qualifications:
                yield Violation(
                    ("trainers", i, "qualifications", j),
                    f"trainer {t.code} holds {q}, which is not a defined qualification",
                )
        if t.in_theatre_to < t.in_theatre_from:
            yield Violation(
                ("trainers", i, "in_theatre_to"),
                f"trainer {t.code} leaves theatre on {t.in_theatre_to}, before arriving on "
                f"{t.in_theatre_from}",
            )
        if t.pledge is not None:
            pledge = pledges.get(t.pledge)
            if pledge is None:
                yield Violation(
                    ("trainers", i, "pledge"),
                    f"trainer {t.code} serves under pledge {t.pledge}, which is not defined",
                )
            elif pledge.nation != t.nation:
                yield Violation(
                    ("trainers", i, "pledge"),
                    f"trainer {t.code} from {t.nation} serves under pledge {t.pledge} of "
                    f"{pledge.nation}",
                )


def cohorts_are_sound(s: Scenario, _: Registries) -> Iterator[Violation]:
    sites = {site.code for site in s.sites}
    for i, c in enumerate(s.cohorts):
        if c.size <= 0:
            yield Violation(
                ("cohorts", i, "size"),
                f"cohort {c.code} must have at least 1 member, not {c.size}",
            )
        if c.site is not None and c.site not in sites:
            yield Violation(
                ("cohorts", i, "site"),
                f"cohort {c.code} is based at {c.site}, which is not defined",
            )
        if not c.name.arabic.strip():
            yield Violation(
                ("cohorts", i, "name", "arabic"),
                f"cohort {c.code} needs its name as written in Arabic",
            )

"""Small force-generation values: a scenario with two regions and an instructor ladder, and a
requirement line and an offer that each test changes in one place."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

from cadre.domain.catalogue import DeliveryMode, Discipline, InstructorLevel, Qualification
from cadre.domain.contributors import Caveat, Contributor, ContributorRole
from cadre.domain.force.offers import Offer, OfferState, StateChange
from cadre.domain.force.problem import ForceProblem
from cadre.domain.ranks import RankBand
from cadre.domain.requirements import Criticality, RequirementLine
from cadre.domain.scenario import Scenario
from cadre.domain.sites import Site, SiteKind
from tests.factories import make_course, make_scenario

ACCEPTED = (StateChange(OfferState.ACCEPTED, dt.date(2018, 11, 1), "FSC-1"),)
BAND = RankBand.parse("OR-6..OF-3")


def make_line(**changes: Any) -> RequirementLine:
    base = RequirementLine(
        number="L1",
        title="Counter-IED instructor",
        qualification="CIED-INS",
        rank_band=BAND,
        start=dt.date(2019, 1, 1),
        end=dt.date(2019, 12, 31),
        count=1,
        criticality=Criticality.ESSENTIAL,
        site="TAJI",
    )
    return dataclasses.replace(base, **changes)


def make_offer(**changes: Any) -> Offer:
    base = Offer(
        code="O-CAN-1",
        nation="CAN",
        count=1,
        start=dt.date(2019, 1, 1),
        end=dt.date(2019, 12, 31),
        tour_months=6,
        qualification="CIED-INS",
        history=ACCEPTED,
    )
    return dataclasses.replace(base, **changes)


def force_scenario(**changes: Any) -> Scenario:
    """Taji and Besmaya in Baghdad, Mosul in Ninawa; counter-IED and medical ladders; Sweden
    may serve only in Baghdad, not on mobile teams, for at most 6 months."""
    base = make_scenario(
        contributors=(
            Contributor("IRQ", "Iraq", ContributorRole.HOST),
            Contributor("CAN", "Canada", ContributorRole.ALLY),
            Contributor("BEL", "Belgium", ContributorRole.ALLY),
            Contributor("SWE", "Sweden", ContributorRole.PARTNER),
            Contributor("NATO", "NATO", ContributorRole.ORGANISATION),
        ),
        sites=(
            Site("TAJI", "Taji", SiteKind.TRAINING_CENTRE, "Baghdad"),
            Site("BESMAYA", "Besmaya", SiteKind.TRAINING_CENTRE, "Baghdad"),
            Site("MOSUL", "Mosul", SiteKind.SCHOOL, "Ninawa"),
        ),
        disciplines=(Discipline("CIED", "Counter-IED"), Discipline("MED", "Medicine")),
        qualifications=(
            Qualification("CIED-OP", "Operator", "CIED", InstructorLevel.TRAINEE),
            Qualification("CIED-AI", "Assistant", "CIED", InstructorLevel.ASSISTANT_INSTRUCTOR),
            Qualification("CIED-INS", "Instructor", "CIED", InstructorLevel.INSTRUCTOR),
            Qualification("CIED-MT", "Master trainer", "CIED", InstructorLevel.MASTER_TRAINER),
            Qualification("MED-INS", "Medical instructor", "MED", InstructorLevel.INSTRUCTOR),
        ),
        courses=(make_course(grants=None),),
        demands=(),
        caveats=(
            Caveat(
                "SWE-1",
                "SWE",
                allowed_regions=frozenset({"Baghdad"}),
                forbidden_modes=frozenset({DeliveryMode.MOBILE_TRAINING_TEAM}),
                max_tour_months=6,
            ),
            Caveat("BEL-1", "BEL", forbidden_sites=frozenset({"TAJI"})),
        ),
        pledges=(),
        trainers=(),
        cohorts=(),
    )
    return dataclasses.replace(base, **changes)


def problem_of(
    lines: Iterable[RequirementLine],
    offers: Iterable[Offer],
    scenario: Scenario | None = None,
) -> ForceProblem:
    s = scenario or force_scenario()
    return ForceProblem.build(lines, offers, s.caveats, s.qualifications, s.sites)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)

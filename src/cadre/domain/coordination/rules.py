"""The register's rules for one activity, each a function with its rule in one sentence; the
importer and any other writer judge a line by them, and report every breach found."""

from __future__ import annotations

from collections.abc import Callable

from cadre.domain.coordination.activities import Activity, Breach, Status
from cadre.domain.coordination.places import district_parent, governorate


def ends_after_it_starts(a: Activity) -> list[Breach]:
    """An activity ends on or after the day it starts."""
    if a.end >= a.start:
        return []
    return [
        Breach(
            "end",
            f"it ends on {a.end.isoformat()}, before it starts on {a.start.isoformat()}",
            "coordination.ends_before_start",
        )
    ]


def counts_are_not_negative(a: Activity) -> list[Breach]:
    """People planned and reached are counts: zero or more."""
    return [
        Breach(name, f"{name} is a count of people, not {value}", "coordination.negative_count")
        for name, value in (("planned", a.planned), ("reached", a.reached))
        if value is not None and value < 0
    ]


def planned_has_reached_nobody(a: Activity) -> list[Breach]:
    """An activity still planned has reached nobody yet."""
    if a.status is Status.PLANNED and a.reached:
        return [
            Breach(
                "reached",
                f"a planned activity has reached nobody yet, not {a.reached}; "
                "say it is ongoing or completed",
                "coordination.planned_reached",
            )
        ]
    return []


def lies_in_a_governorate(a: Activity) -> list[Breach]:
    """An activity lies in one of Iraq's governorates, and in a district of that governorate."""
    if governorate(a.governorate) is None:
        return [
            Breach(
                "governorate",
                f"{a.governorate or 'nothing'} is not the p-code of a governorate of Iraq",
                "coordination.unknown_governorate",
            )
        ]
    if a.district and district_parent(a.district) != a.governorate:
        return [
            Breach(
                "district",
                f"{a.district} is not the p-code of a district of {a.governorate}",
                "coordination.district_outside",
            )
        ]
    return []


RULES: tuple[Callable[[Activity], list[Breach]], ...] = (
    ends_after_it_starts,
    counts_are_not_negative,
    planned_has_reached_nobody,
    lies_in_a_governorate,
)


def check_activity(activity: Activity) -> list[Breach]:
    """Every rule the activity breaks; empty when it keeps them all."""
    return [breach for rule in RULES for breach in rule(activity)]

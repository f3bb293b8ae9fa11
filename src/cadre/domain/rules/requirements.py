"""Rules over the statement of requirements written in a scenario."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from cadre.domain.force.validation import line_problems
from cadre.domain.rules.base import Registries, Violation
from cadre.domain.scenario import Scenario


def requirements_are_sound(s: Scenario, _: Registries) -> Iterator[Violation]:
    """Line numbers are unique, and each line keeps the rules of a requirement line."""
    lines = {line.number: line for line in s.requirements}
    seen: Counter[str] = Counter()
    for i, line in enumerate(s.requirements):
        seen[line.number] += 1
        if seen[line.number] == 2:
            yield Violation(
                ("requirements", i, "number"), f"line number {line.number} is used twice"
            )
        for field, message in line_problems(line, s, lines):
            yield Violation(("requirements", i, field), message)


WHOLE_FORCE_RATIOS = (
    "headquarters_core",
    "headquarters_per_trainer",
    "advisers_at_headquarters",
    "advisers_per_school",
    "force_protection_per_site",
    "force_protection_per_mobile_trainer",
    "support_per_deployed",
)


def whole_force_ratios_are_sound(s: Scenario, _: Registries) -> Iterator[Violation]:
    """The ratios of the posts that do not teach are 0 (none of that kind) or more."""
    for name in WHOLE_FORCE_RATIOS:
        value = getattr(s.planning, name)
        if value < 0:
            yield Violation(
                ("planning", name), f"{name.replace('_', ' ')} must be 0 or more, not {value}"
            )

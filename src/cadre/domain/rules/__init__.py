"""The mission's rules over a whole scenario, shared by the importers, the API and the web forms.

Each rule returns `Violation`s that point at the offending field by a path into the scenario
(collection, index, field, ...), so an edge can turn the path into a line and column or a form
field. The rules never stop at the first problem: a user fixes a file in one pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from cadre.domain.rules import catalogue, forces, planning, requirements, runs
from cadre.domain.rules.base import Path, Registries, Violation
from cadre.domain.scenario import Scenario

Rule = Callable[[Scenario, Registries], Iterator[Violation]]

RULES: tuple[Rule, ...] = (
    catalogue.unique_codes,
    catalogue.mission_is_sound,
    catalogue.contributors_are_real,
    catalogue.sites_are_sound,
    planning.site_disciplines_are_known,
    planning.planning_figures_are_sound,
    planning.planning_inputs_are_known,
    planning.uncertainty_is_sound,
    catalogue.qualifications_belong,
    catalogue.courses_refer_to_known_things,
    catalogue.courses_have_sound_sizes,
    catalogue.prerequisites_form_no_cycle,
    catalogue.demand_is_sound,
    forces.caveats_are_sound,
    forces.pledges_are_sound,
    forces.trainers_are_sound,
    forces.cohorts_are_sound,
    requirements.requirements_are_sound,
    requirements.whole_force_ratios_are_sound,
    runs.runs_are_sound,
)


def check_scenario(scenario: Scenario, registries: Registries) -> list[Violation]:
    """Every rule broken by `scenario`, in the order of the scenario's own sections."""
    return [v for rule in RULES for v in rule(scenario, registries)]


__all__ = ["RULES", "Path", "Registries", "Rule", "Violation", "check_scenario"]

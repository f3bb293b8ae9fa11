"""The core's errors in the words of the command line: a code below the edges becomes a
sentence that may name a command or a flag here, and only here. An error whose code has no
entry is shown with the core's own sentence."""

from __future__ import annotations

from collections.abc import Mapping

from cadre.domain.errors import CadreError, Param, Problem

# {message} is the core's sentence; the other names are the error's params.
WORDS: dict[str, str] = {
    "scenario.none": "the database holds no scenario yet; import one with `cadre import FILE`",
    "plan.none": "{message}; run `cadre plan {plan_command}` first",
    "timetable.none": "there is no timetable yet; run `cadre schedule` first",
    "timetable.nothing_to_place": (
        "nothing to timetable: the scenario lists no runs and there is no capacity plan yet; "
        "run `cadre plan capacity` first, or list runs in the scenario"
    ),
    "timetable.months_out_of_range": "--months is 1 to 120, not {months}",
    "force.no_requirements": (
        "mission {mission} has no requirement lines yet: write them in the scenario's "
        "requirements: section, or plan with `cadre plan capacity`"
    ),
    "planning.unknown_figure": "--set {figure}: not a planning figure; one of {figures}",
    "planning.not_a_number": "--set {figure}={value}: not a number",
    "demo.example_missing": "the example scenario {path} is missing; pass --scenario FILE",
    "restore.not_empty": (
        "{where} is not empty ({tables} tables): restore into an empty database, or pass "
        "--replace to delete what it holds first"
    ),
    "session.no_linked_user": (
        "no enabled user is linked to the identity {subject}; add one with "
        "`cadre user add --oidc {subject}`"
    ),
}
# A plan kind, as the command that makes it is named.
PLAN_COMMANDS = {"capacity": "capacity"}


def say(code: str, params: Mapping[str, Param], message: str) -> str:
    template = WORDS.get(code)
    if template is None:
        return message
    if code == "plan.none" and params.get("kind") not in PLAN_COMMANDS:
        return message
    values = {k: "" if v is None else v for k, v in params.items()}
    values["plan_command"] = PLAN_COMMANDS.get(str(params.get("kind")), "")
    try:
        return template.format(message=message, **values)
    except (KeyError, IndexError, ValueError):  # a template and its error out of step
        return message


def error_text(error: CadreError) -> str:
    return say(error.code, error.params, str(error))


def problem_text(problem: Problem) -> str:
    reason = say(problem.code, problem.params, problem.reason)
    where = problem.where()
    return f"{where}: {reason}" if where else reason

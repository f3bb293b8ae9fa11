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
    "plan.none_adopted": (
        "no {kind} plan of {mission} is adopted yet ({versions} kept); see them with "
        "`cadre plan list --kind {kind}` and adopt one with `cadre plan adopt {kind} NUMBER`"
    ),
    "plan.failed_status": (
        "{kind} plan {number} is not adopted: its solve ended {status}, and a stopped or failed "
        "plan is never adopted; plan again with more time (--seconds)"
    ),
    "plan.breaks_rules": (
        "{kind} plan {number} is not adopted: the checker found {violations} broken rule(s) in it"
    ),
    "plan.empty": "{kind} plan {number} is not adopted: it plans nothing",
    "plan.already_adopted": "{kind} plan {number} is the adopted plan already",
    "plan.worse_than_adopted": (
        "{kind} plan {number} is not adopted: it is worse than the adopted plan {adopted} "
        "({figure} {before} -> {after}); adopt it anyway with --force --reason TEXT"
    ),
    "plan.reason_required": "--force needs --reason TEXT, which the audit trail keeps",
    "plan.reason_too_long": "--reason: at most {limit} characters",
    "timetable.nothing_to_place": (
        "nothing to timetable: the scenario lists no runs and there is no capacity plan yet; "
        "run `cadre plan capacity` first, or list runs in the scenario"
    ),
    "planning.out_of_range": "{low:g} to {high:g} {unit} (--{flag}), not {value:g}",
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
    values["flag"] = str(params.get("field") or "").replace("_", "-")
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

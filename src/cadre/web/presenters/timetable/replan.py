"""The forms that start a timetable job: a new timetable, or a re-plan of the latest after one
change (a nation withdraws its trainers, a room closes), each field checked here so that the
page can put the reason beside it."""

from __future__ import annotations

from collections.abc import Mapping

from cadre.access.policy import Principal
from cadre.domain.errors import InvalidInput, Problem
from cadre.services.access.scope import Scope, read
from cadre.services.jobs import operations as jobs
from cadre.services.jobs.operations import JobQueue, JobView
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.navigation import Page, require_page

_SECONDS = {"schedule": 60.0, "replan": 8.0}


def replan_choices(scope: Scope) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The nations whose trainers a re-plan may withdraw, and the (site, room) it may close:
    only those the reader sees."""
    scenario = scope.data.scenario
    nations = sorted(
        {
            t.nation
            for t in scenario.trainers
            if scope.sees("trainers", t.code, {"nation": t.nation})
        }
    )
    rooms = tuple(
        (s.code, r.code) for s in scenario.sites if scope.sees("sites", s.code) for r in s.rooms
    )
    return tuple(nations), rooms


def start_timetable(
    uow: UnitOfWork,
    queue: JobQueue,
    principal: Principal,
    mission: str,
    form: Mapping[str, str],
) -> JobView:
    """Queue a new timetable (`action` schedule) or a re-plan of the latest one after a
    change (`action` replan, with `withdraw` a nation or `close_room` as SITE/ROOM)."""
    require_page(principal, Page.TIMETABLE)
    action = form.get("action") or "schedule"
    problems: list[Problem] = []
    parameters: dict[str, object] = {}
    text = (form.get("seconds") or "").strip()
    try:
        parameters["seconds"] = float(text) if text else _SECONDS.get(action, 60.0)
    except ValueError:
        problems.append(Problem("a number of seconds, please", field="seconds"))
    if action == "replan":
        problems += _change(uow, principal, mission, form, parameters)
    elif action != "schedule":
        problems.append(Problem("choose a new timetable or a re-plan", field="action"))
    if problems:
        raise InvalidInput(problems)
    return jobs.submit(uow, queue, principal, mission, "timetable", parameters)


def _change(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    form: Mapping[str, str],
    parameters: dict[str, object],
) -> list[Problem]:
    withdraw = (form.get("withdraw") or "").strip()
    room = (form.get("close_room") or "").strip()
    if bool(withdraw) == bool(room):
        return [Problem("choose one change: a nation withdraws, or a room closes", field="change")]
    nations, rooms = read(uow, principal, mission, replan_choices)
    if withdraw:
        if withdraw not in nations:
            return [Problem(f"{withdraw} has no trainers in the mission", field="withdraw")]
        parameters["withdraw"] = withdraw
        return []
    site, _, code = room.partition("/")
    if (site, code) not in rooms:
        return [Problem(f"{room} is not a room of the mission's sites", field="close_room")]
    parameters["close_room"], parameters["room_site"] = code, site
    return []

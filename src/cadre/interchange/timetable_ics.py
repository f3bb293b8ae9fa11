"""Mission timetables as iCalendar files (RFC 5545): one calendar per instructor, site and
cohort, for the calendar clients people already use.

A run is one all-day event recurring on the site's working days from its first to its last
day, holidays excluded. Its UID is derived from the mission, the run and the calendar's
subject only, and its SEQUENCE is the timetable's version, so importing a re-planned calendar
updates the event instead of adding a second one; a run the subject no longer has comes back
as a cancelled event under the same UID.

The words around the records (the calendar's name, where, when, who) are in the reader's
language (`Words`), marked with the LANGUAGE parameter; a course's name stays as the records
hold it, marked English.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import icalendar

from cadre.domain.sites import Site, Weekday
from cadre.domain.timetable.plan import TimetablePlan, co_teaching
from cadre.domain.timetable.problem import MissionProblem, PlacedRun
from cadre.interchange.words import ENGLISH, Words

SUBJECTS = ("instructor", "site", "cohort")
_NAMESPACE = uuid.UUID("6f1c1e9e-3a56-4b7e-9d0a-c4d2e0a1f7b3")  # Cadre's, fixed forever
_DAYS = {
    Weekday.MON: "MO",
    Weekday.TUE: "TU",
    Weekday.WED: "WE",
    Weekday.THU: "TH",
    Weekday.FRI: "FR",
    Weekday.SAT: "SA",
    Weekday.SUN: "SU",
}


@dataclass(frozen=True)
class Version:
    """Which timetable a calendar shows: its number orders updates, its time stamps them."""

    number: int
    created_at: dt.datetime


def event_uid(mission: str, run: str, subject: str, code: str) -> str:
    """The same run in the same person's (site's, cohort's) calendar: the same UID, always."""
    return f"{uuid.uuid5(_NAMESPACE, f'{mission}|{run}|{subject}|{code}')}@cadre"


def concerns(plan: TimetablePlan, placed: PlacedRun, subject: str, code: str) -> bool:
    run = plan.run(placed.run)
    if subject == "instructor":
        return code in placed.instructors
    if subject == "site":
        return run.site == code
    return run.cohort == code


def subjects(plan: TimetablePlan) -> Iterator[tuple[str, str]]:
    """Every instructor, site and cohort with a run in the timetable."""
    placed = plan.result.solution.placed
    seen: set[tuple[str, str]] = set()
    for p in placed:
        run = plan.run(p.run)
        keys = [("instructor", c) for c in p.instructors] + [("site", run.site)]
        keys += [("cohort", run.cohort)] if run.cohort else []
        for key in keys:
            if key not in seen:
                seen.add(key)
                yield key


def _teaching_rule(site: Site, placed: PlacedRun) -> tuple[dict[str, object], list[dt.date]]:
    """Every working weekday of the site from the first day to the last, and the holidays
    among them, which the event skips."""
    weekdays = sorted(site.working_week, key=lambda d: (d.value + 1) % 7)  # Sunday first
    rule = {"freq": "daily", "until": placed.end, "byday": [_DAYS[d] for d in weekdays]}
    span = (
        placed.start + dt.timedelta(days=n) for n in range((placed.end - placed.start).days + 1)
    )
    closed = [
        day
        for day in span
        if Weekday(day.weekday()) in site.working_week and any(h.covers(day) for h in site.holidays)
    ]
    return rule, closed


def _event(
    problem: MissionProblem,
    plan: TimetablePlan,
    placed: PlacedRun,
    uid: str,
    version: Version,
    words: Words = ENGLISH,
) -> icalendar.Event:
    run = plan.run(placed.run)
    course, site = problem.course(run.course), problem.site(run.site)
    names = {t.code: t.name for t in problem.trainers}
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("sequence", version.number)
    event.add("dtstamp", version.created_at.astimezone(dt.UTC))
    event.add("dtstart", placed.start)
    event.add("dtend", placed.start + dt.timedelta(days=1))
    rule, closed = _teaching_rule(site, placed)
    event.add("rrule", rule)
    if closed:
        event.add("exdate", closed)
    say, language = words.say, {"language": words.language}
    event.add("summary", f"{course.code} {course.title}", parameters={"language": "en"})
    where = say("%(site)s, room %(room)s") % {"site": site.name, "room": placed.room}
    event.add("location", where, parameters=language)
    lines = [
        say("Run %(run)s, %(first)s to %(last)s")
        % {"run": run.code, "first": words.day(placed.start), "last": words.day(placed.end)}
    ]
    who = ", ".join(f"{names.get(c, c)} ({c})" for c in placed.instructors)
    lines.append(say("Instructors: %(names)s") % {"names": who})
    pairs = co_teaching(problem, placed)
    if pairs:
        together = ", ".join(
            say("%(learner)s with %(mentor)s") % {"learner": c.learner, "mentor": c.mentor}
            for c in pairs
        )
        lines.append(say("Co-teaching: %(pairs)s") % {"pairs": together})
    if run.cohort is not None and problem.has("cohort", run.cohort):
        cohort = problem.cohort(run.cohort)
        named = f"{cohort.name.latin} ({cohort.name.arabic}), {cohort.unit}"
        lines.append(say("Cohort: %(cohort)s") % {"cohort": named})
    event.add("description", "\n".join(lines), parameters=language)
    return event


def calendar_text(
    problem: MissionProblem,
    plan: TimetablePlan,
    subject: str,
    code: str,
    version: Version,
    previous: TimetablePlan | None = None,
    words: Words = ENGLISH,
) -> str:
    """The calendar of one instructor, site or cohort; with `previous`, runs it no longer has
    are cancelled under their old UID."""
    mission = problem.mission
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Cadre//mission timetable//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    name = say_subject(subject, words) % {"mission": mission, "code": code}
    cal.add("x-wr-calname", name)
    now = {p.run for p in plan.result.solution.placed if concerns(plan, p, subject, code)}
    for p in plan.result.solution.placed:
        if p.run in now:
            uid = event_uid(mission, p.run, subject, code)
            cal.add_component(_event(problem, plan, p, uid, version, words))
    if previous is not None:
        for p in previous.result.solution.placed:
            if p.run not in now and concerns(previous, p, subject, code):
                uid = event_uid(mission, p.run, subject, code)
                gone = _event(problem, previous, p, uid, version, words)
                gone.add("status", "CANCELLED")
                cal.add_component(gone)
    return str(cal.to_ical().decode("utf-8"))


CALENDAR_NAMES = {
    "instructor": "%(mission)s instructor %(code)s",
    "site": "%(mission)s site %(code)s",
    "cohort": "%(mission)s cohort %(code)s",
}


def say_subject(subject: str, words: Words) -> str:
    return words.say(CALENDAR_NAMES[subject])


def file_name(subject: str, code: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in code)
    return f"{subject}-{safe}.ics"


def write_calendars(
    directory: pathlib.Path,
    problem: MissionProblem,
    plan: TimetablePlan,
    version: Version,
    previous: TimetablePlan | None = None,
) -> list[pathlib.Path]:
    """A file per instructor, site and cohort in `directory` (made if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    keys = list(subjects(plan))
    if previous is not None:
        keys += [k for k in subjects(previous) if k not in keys]
    written = []
    for subject, code in keys:
        path = directory / file_name(subject, code)
        text = calendar_text(problem, plan, subject, code, version, previous)
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written

"""Out-of-country seats: places nations offer on courses at their own schools (course,
nation, dates, language), filled by nominating cleared trainees. The travel window (the
course's dates and the travel days either side) is kept clear: a trainee away is refused a
seat at home, and one seated at home in the window is not nominated. Results are recorded
as for courses at home (the course's rule decides the pass and the certificate).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cadre.domain.errors import Problem
from cadre.domain.training.enrolment import RunSeats, vetting_refusal
from cadre.domain.training.trainees import LANGUAGE, Trainee

TRAVEL_DAYS = 2  # days of travel either side of a course abroad, unless the offer says


@dataclass(frozen=True)
class AbroadSeat:
    """An offer of `seats` places on `course` at `school` in `nation`."""

    code: str
    course: str
    nation: str
    school: str
    start: dt.date
    end: dt.date  # the course's last day
    language: str
    seats: int
    level: int = 2  # the STANAG 6001 level asked in `language`
    travel_days: int = TRAVEL_DAYS

    @property
    def window(self) -> tuple[dt.date, dt.date]:
        """From the day the trainee leaves to the day they are back."""
        days = dt.timedelta(days=self.travel_days)
        return self.start - days, self.end + days

    def as_run(self) -> RunSeats:
        """The offer as enrolment sees a run: its window, so overlaps are judged on it."""
        leave, back = self.window
        return RunSeats(self.code, self.course, self.language, (), leave, back, (), self.seats)


def seat_problems(seat: AbroadSeat) -> list[Problem]:
    found = []
    if seat.end < seat.start:
        found.append(Problem("the course ends before it starts", field="end", code="abroad.dates"))
    if seat.seats < 1:
        found.append(Problem("an offer has at least one seat", field="seats", code="abroad.seats"))
    if not LANGUAGE.match(seat.language):
        found.append(
            Problem("a language is two letters (ISO 639-1)", field="language", code="abroad.lang")
        )
    if not 0 <= seat.level <= 5 or not 0 <= seat.travel_days <= 14:
        found.append(
            Problem("a level is 0 to 5, travel 0 to 14 days", field="level", code="abroad.level")
        )
    return found


def _refusal(reason: str, code: str, **params: str | int | None) -> Problem:
    return Problem(reason, field="trainee", code=f"abroad.{code}", params=params)


def nomination_refusals(
    trainee: Trainee, seat: AbroadSeat, taken: int, home: Sequence[RunSeats]
) -> list[Problem]:
    """Every reason the trainee may not be nominated: vetting not cleared (or lapsing) by
    the day they leave, the language level, a full offer, a run at home in the window."""
    found = []
    vetting = vetting_refusal(trainee, seat.as_run())
    if vetting is not None:
        found.append(vetting)
    level = trainee.level_in(seat.language)
    if level < seat.level:
        found.append(
            _refusal(
                f"level {level} in {seat.language}; the offer asks level {seat.level}",
                "language_level",
                language=seat.language,
                level=level,
                needed=seat.level,
            )
        )
    if taken >= seat.seats:
        found.append(_refusal(f"all {seat.seats} seats are filled", "full", seats=seat.seats))
    window = seat.as_run()
    for run in home:
        if run.overlaps(window):
            found.append(
                _refusal(
                    f"taken up by {run.run} (a run at home or another offer) during the "
                    "travel window",
                    "busy",
                    run=run.run,
                )
            )
    return found


def away_refusal(run: RunSeats, away: Iterable[AbroadSeat]) -> Problem | None:
    """A trainee abroad (travel included) takes no seat at home meanwhile."""
    for seat in away:
        if seat.as_run().overlaps(run):
            leave, back = seat.window
            return Problem(
                f"away on {seat.course} in {seat.nation} from {leave} to {back}",
                field="trainee",
                code="enrolment.away",
                params={
                    "offer": seat.code,
                    "course": seat.course,
                    "nation": seat.nation,
                    "leave": leave.isoformat(),
                    "back": back.isoformat(),
                },
            )
    return None

"""Seats abroad: the offers nations make at their own schools, filled by nominating cleared
trainees (refused with every reason, nothing stored then), withdrawn, and their results
recorded as at home: the course's rule decides the pass, and a pass earns the certificate.
A nominated trainee is away for the travel window: enrolment at home refuses them then."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from cadre.access.labels import CERTIFICATES, ENROLMENTS
from cadre.access.policy import Principal, Verb
from cadre.domain.errors import Conflict, InvalidInput, NotFound, Problem
from cadre.domain.training.abroad import AbroadSeat, nomination_refusals, seat_problems
from cadre.domain.training.certificates import certificate_number
from cadre.domain.training.enrolment import RunSeats, Standing
from cadre.services.training.enrolment import rule_for
from cadre.services.training.release import TrainingSight, sight, trainee_not_found
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import pathway_rows as rows
from cadre.storage import training_results as results_rows
from cadre.storage import training_rows
from cadre.storage.mission_scope import lock_mission
from cadre.storage.scenarios import load_scenario
from cadre.storage.training import CertificateRow
from cadre.storage.training_pathway import AbroadSeatRow, NominationRow

NOMINATED, WITHDRAWN = "nominated", "withdrawn"


@dataclass(frozen=True)
class SeatView:
    seat: AbroadSeat
    nominated: tuple[int, ...]  # trainee ids the reader may see
    scores: dict[int, float] = field(default_factory=dict)  # the results recorded, of those


def _seat(session: Session, seen: TrainingSight, code: str) -> AbroadSeatRow:
    found = rows.seat(session, seen.mission_id, code)
    if found is None:
        raise NotFound(f"offer {code} is not in the mission", code="abroad.not_found", offer=code)
    return found


def offer(
    uow: UnitOfWork, principal: Principal | None, seat: AbroadSeat, mission: str | None = None
) -> None:
    """Keep a nation's offer of seats on one of the mission's courses."""
    problems = seat_problems(seat)
    if problems:
        raise InvalidInput(problems, code="abroad.invalid")
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=ENROLMENTS, verb=Verb.WRITE)
        if seat.course not in {c.code for c in load_scenario(session, seen.mission).courses}:
            raise NotFound(
                f"course {seat.course} is not in the mission",
                code="course.not_found",
                course=seat.course,
            )
        if rows.seat(session, seen.mission_id, seat.code) is not None:
            raise Conflict(f"offer {seat.code} exists", code="abroad.exists", offer=seat.code)
        session.add(
            AbroadSeatRow(
                mission_id=seen.mission_id, code=seat.code, course=seat.course,
                nation=seat.nation, school=seat.school, start_date=seat.start,
                end_date=seat.end, language=seat.language, seats=seat.seats, level=seat.level,
                travel_days=seat.travel_days,
            )
        )  # fmt: skip
        after = {"course": seat.course, "nation": seat.nation, "seats": seat.seats}
        uow.audit(session, "abroad offer", mission=seen.mission, kind=ENROLMENTS, key=seat.code,
                  after=after)  # fmt: skip


def nominate(
    uow: UnitOfWork, principal: Principal | None, code: str, trainee_id: int, mission: str | None
) -> None:
    """Nominate the trainee to a seat of the offer, or refuse with every reason."""
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=ENROLMENTS, verb=Verb.WRITE)
        seen.require_trainee(trainee_id)
        lock_mission(session, seen.mission)
        row = _seat(session, seen, code)
        person = training_rows.find_trainee(session, seen.mission_id, trainee_id)
        if person is None:
            raise trainee_not_found(trainee_id)
        on_offer = rows.nominations(session, row.id)
        if any(n.trainee_id == trainee_id and n.standing == NOMINATED for n in on_offer):
            raise Conflict(
                f"trainee {trainee_id} is nominated",
                code="abroad.already",
                offer=code,
                trainee=trainee_id,
            )
        home = [
            RunSeats(e.run, e.course, "", (), e.start_date, e.end_date, (), 0)
            for e in results_rows.enrolments_of(session, trainee_id)
            if e.standing == Standing.ENROLLED
        ]
        home += [s.as_run() for s in rows.away(session, trainee_id) if s.code != code]
        taken = sum(1 for n in on_offer if n.standing == NOMINATED)
        problems = nomination_refusals(
            training_rows.trainee_of(person), rows.seat_of(row), taken, home
        )
        if problems:
            raise InvalidInput(problems, code="abroad.refused", offer=code, trainee=trainee_id)
        earlier = next((n for n in on_offer if n.trainee_id == trainee_id), None)
        if earlier is None:
            session.add(NominationRow(seat_id=row.id, trainee_id=trainee_id, standing=NOMINATED))
        else:
            earlier.standing = NOMINATED
        uow.audit(session, "nominate", mission=seen.mission, kind=ENROLMENTS,
                  key=f"{code}/{trainee_id}", after={"standing": NOMINATED})  # fmt: skip


def _nomination(session: Session, seat_id: int, trainee_id: int, code: str) -> NominationRow:
    found = next(
        (
            n
            for n in rows.nominations(session, seat_id)
            if n.trainee_id == trainee_id and n.standing == NOMINATED
        ),
        None,
    )
    if found is None:
        raise NotFound(
            f"trainee {trainee_id} is not nominated to {code}",
            code="abroad.none",
            offer=code,
            trainee=trainee_id,
        )
    return found


def withdraw(
    uow: UnitOfWork, principal: Principal | None, code: str, trainee_id: int, mission: str | None
) -> None:
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=ENROLMENTS, verb=Verb.WRITE)
        seen.require_trainee(trainee_id)
        row = _seat(session, seen, code)
        _nomination(session, row.id, trainee_id, code).standing = WITHDRAWN
        uow.audit(session, "withdraw nomination", mission=seen.mission, kind=ENROLMENTS,
                  key=f"{code}/{trainee_id}", after={"standing": WITHDRAWN})  # fmt: skip


def record_result(
    uow: UnitOfWork,
    principal: Principal | None,
    code: str,
    trainee_id: int,
    score: float,
    mission: str | None = None,
) -> str | None:
    """The score the school abroad reports; a pass by the course's rule earns the course's
    certificate, issued on the course's last day (its number is the answer)."""
    if not 0 <= score <= 100:
        raise InvalidInput([Problem("a score is 0 to 100", field="score", code="result.score")])
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=CERTIFICATES, verb=Verb.WRITE)
        seen.require_trainee(trainee_id)
        lock_mission(session, seen.mission)
        row = _seat(session, seen, code)
        nomination = _nomination(session, row.id, trainee_id, code)
        nomination.score, nomination.assessed_on = score, row.end_date
        rule = rule_for(session, seen.mission_id, row.course)
        number = None
        if rule.passes(score):
            discipline = load_scenario(session, seen.mission).course(row.course).discipline
            prefix = f"{seen.mission}-{row.course}-{row.end_date.year}-"
            sequence = results_rows.next_certificate(session, seen.mission_id, prefix)
            number = certificate_number(seen.mission, row.course, row.end_date.year, sequence)
            session.add(
                CertificateRow(
                    mission_id=seen.mission_id, number=number, trainee_id=trainee_id,
                    course=row.course, run=code, site=f"{row.nation}:{row.school}"[:64],
                    discipline=discipline, issued=row.end_date,
                    expires=rule.expiry(row.end_date), reason="",
                )
            )  # fmt: skip
        after = {"score": score, "certificate": number}
        uow.audit(session, "abroad result", mission=seen.mission, kind=CERTIFICATES,
                  key=f"{code}/{trainee_id}", after=after)  # fmt: skip
    return number


def seats(
    uow: UnitOfWork, principal: Principal | None, mission: str | None = None
) -> list[SeatView]:
    """The offers, with the trainees nominated that the reader may see."""
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=ENROLMENTS)
        found = []
        for r in rows.seats(session, seen.mission_id):
            held = [
                n
                for n in rows.nominations(session, r.id)
                if n.standing == NOMINATED and seen.sees_trainee(n.trainee_id)
            ]
            scores = {n.trainee_id: n.score for n in held if n.score is not None}
            found.append(SeatView(rows.seat_of(r), tuple(n.trainee_id for n in held), scores))
        return found

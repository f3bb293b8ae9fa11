"""The host instructor pathway, seats abroad and the actuals to the planner on a real
timetable, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest

from cadre.domain.catalogue import InstructorLevel
from cadre.domain.errors import InvalidInput
from cadre.domain.training.abroad import AbroadSeat
from cadre.domain.training.pathway import Assessment, Rating, Requirement
from cadre.services.capacity import operations as capacity
from cadre.services.scenario import operations as scenarios
from cadre.services.timetable import operations as schedule
from cadre.services.training import abroad, actuals, enrolment, pathway
from cadre.services.unit_of_work import UnitOfWork
from tests.integration.test_training_enrolment import RUNS, TINY, enter

# A host assistant instructor who co-teaches beside the Canadians, and the rung's qualification.
SCENARIO = (
    TINY.replace(
        "qualifications:\n",
        "qualifications:\n  - {code: CIED-AI, name: Counter-IED assistant instructor, "
        "discipline: CIED, level: assistant_instructor}\n",
        1,
    ).replace(
        "trainers:\n",
        "trainers:\n  - {code: T-IRQ-01, name: Capt. Ali Kadhim, nation: IRQ, qualifications: "
        "[CIED-AI], in_theatre_from: 2019-01-01, in_theatre_to: 2020-12-31}\n",
    )
    + RUNS
)
LATER = dt.date(2019, 12, 31)


@pytest.fixture
def mission(work: UnitOfWork, tmp_path: pathlib.Path) -> UnitOfWork:
    path = tmp_path / "tiny-pathway.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    scenarios.import_file(work, path)
    schedule.schedule(work, seconds=3, workers=1, adopt=True)
    return work


def test_progress_follows_the_runs_co_taught_their_ratings_and_the_assessment(
    mission: UnitOfWork,
) -> None:
    steps = pathway.ladder(mission, None)
    taught = [r for r in steps.runs if "T-IRQ-01" in r.instructors]
    assert taught, "the timetable puts the host assistant instructor beside a certified one"
    ali = enter(mission, "9001")
    pathway.enter_person(mission, None, "T-IRQ-01", ali, None)
    (before,) = pathway.progress(mission, None, LATER)
    assert before.progress[0].level is InstructorLevel.ASSISTANT_INSTRUCTOR
    assert {r.kind for r in before.progress[0].missing} == {"supervised_runs", "assessment"}

    for run in taught:
        pathway.rate_run(mission, None, Rating(run.run, "T-IRQ-01", 4, "T-CAN-01"))
    on = taught[-1].end
    pathway.record_assessment(
        mission, None, "T-IRQ-01", Assessment(0, "CIED", InstructorLevel.INSTRUCTOR, True, on)
    )
    (after,) = pathway.progress(mission, None, LATER)
    supervised = len(after.progress[0].supervised)
    assert supervised == len(taught)
    if supervised >= 2:
        assert after.progress[0].level is InstructorLevel.INSTRUCTOR
    else:  # the assessment is met; one supervised run of two
        assert after.progress[0].missing == (
            Requirement(
                "supervised_runs",
                "2 rated >= 3",
                str(supervised),
                False,
                code="pathway.runs",
                params={"runs": 2, "rating": 3},
            ),
        )

    with pytest.raises(InvalidInput):
        pathway.rate_run(mission, None, Rating(taught[0].run, "T-IRQ-01", 6, "T-CAN-01"))


def test_host_led_share_comes_from_the_runs_recorded_as_led(mission: UnitOfWork) -> None:
    steps = pathway.ladder(mission, None)
    first, second = steps.runs[0], steps.runs[1]
    pathway.record_lead(mission, None, first.run, "T-IRQ-01", LATER)
    pathway.record_lead(mission, None, second.run, "T-CAN-01", LATER)
    shares = pathway.host_led(mission, None)
    assert sum(s.runs for s in shares) == 2
    assert sum(s.host_led for s in shares) == 1
    assert {(s.site, s.discipline) for s in shares} == {("TAJI", "CIED")}


def test_a_trainee_nominated_abroad_is_away_for_enrolment_at_home(mission: UnitOfWork) -> None:
    run = pathway.ladder(mission, None).run("R-01")
    seat = AbroadSeat(
        "CAN-TTT-1", "CIED-TTT", "CAN", "CFSME Gagetown", run.start, run.start, "en", 1
    )
    abroad.offer(mission, None, seat)
    speaks = enter(mission, "9002", languages={"ar": 5, "en": 2})
    mute = enter(mission, "9003")
    abroad.nominate(mission, None, "CAN-TTT-1", speaks, None)
    with pytest.raises(InvalidInput) as refused:
        abroad.nominate(mission, None, "CAN-TTT-1", mute, None)
    assert [p.code for p in refused.value.problems] == ["abroad.language_level", "abroad.full"]
    with pytest.raises(InvalidInput) as away:
        enrolment.enrol(mission, None, "R-01", speaks)
    assert [p.code for p in away.value.problems] == ["enrolment.away"]

    number = abroad.record_result(mission, None, "CAN-TTT-1", speaks, 85.0)
    assert number is not None
    facts = actuals.mission_actuals(mission, None, dt.date(2020, 1, 1))
    assert facts.graduates == {"CIED-TTT": {run.start.replace(day=1): 1}}
    abroad.withdraw(mission, None, "CAN-TTT-1", speaks, None)
    assert enrolment.enrol(mission, None, "R-01", speaks).run == "R-01"


def test_a_plan_from_actuals_replaces_the_past_months_with_the_records(
    mission: UnitOfWork,
) -> None:
    ali = enter(mission, "9004")
    enrolment.enrol(mission, None, "R-01", ali)
    through = dt.date(2019, 6, 1)
    version = actuals.plan_from_actuals(mission, None, through, seconds=20)
    plan = version.plan
    assert version.parameters["actuals_through"] == "2019-06-01"
    assert version.violations == ()  # the rest re-planned around the records, soundly
    march = plan.months.index(dt.date(2019, 3, 1))
    past = [t for t, m in enumerate(plan.months) if m < through]
    assert {plan.trainees["CIED-101"][t] for t in past} == {0.0, 1.0}
    assert plan.trainees["CIED-101"][march] == 1.0
    assert plan.notes[-1].startswith("actuals to 2019-05:")
    kept = capacity.load_plan(mission, version.number)
    assert kept.plan.trainees["CIED-101"][march] == 1.0

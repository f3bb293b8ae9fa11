"""What each job kind asks of the queue: a sweep waits for a planner's plans, and its time
limit grows with its samples (one worker may have to plan them all)."""

from __future__ import annotations

from cadre.services.jobs.kinds import JOB_KINDS


def test_a_sweep_runs_after_plans_and_a_replan_before_them() -> None:
    order = [
        JOB_KINDS["timetable"].priority({"withdraw": "CAN"}),
        JOB_KINDS["capacity"].priority({}),
        JOB_KINDS["capacity_sweep"].priority({}),
    ]
    assert order == sorted(order, reverse=True)
    assert len(set(order)) == 3


def test_a_sweeps_time_limit_covers_every_sample_at_its_solvers_limit() -> None:
    sweep = JOB_KINDS["capacity_sweep"]
    small = sweep.time_limit({"samples": 10, "seconds": 30})
    large = sweep.time_limit({"samples": 200, "seconds": 30})
    assert small >= 10 * 30
    assert large >= 200 * 30
    assert large > small
    assert JOB_KINDS["capacity"].time_limit({"seconds": 30}) < small


def test_an_import_is_a_job_started_with_its_file_with_a_fixed_time_limit() -> None:
    kind = JOB_KINDS["trainees_import"]
    assert kind.upload
    assert kind.time_limit({"file": "a.csv"}) == kind.time_limit({"file": "b.csv"}) > 60
    assert not any(JOB_KINDS[name].upload for name in ("capacity", "timetable", "force"))

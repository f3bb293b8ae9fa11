"""A capacity plan that starts from a spreadsheet of actuals: the months it gives are kept as
they happened and the rest is planned around them (on both databases)."""

from __future__ import annotations

import datetime as dt
import pathlib

from sqlalchemy import Engine

from cadre.services.capacity import operations as capacity
from cadre.services.scenario import operations as scenarios
from cadre.services.unit_of_work import UnitOfWork
from tests.conftest import EXAMPLES

TINY = EXAMPLES / "tiny.yaml"
THROUGH = dt.date(2019, 7, 1)


def test_a_past_below_forecast_is_made_up_after_through(
    engine: Engine, work: UnitOfWork, tmp_path: pathlib.Path
) -> None:
    scenarios.import_file(work, TINY)
    forecast = capacity.plan_capacity(work, seconds=30).plan
    course = "CIED-101"
    planned = forecast.trainees[course]
    # Half of what was planned came in, month by month, before July 2019.
    rows = [f"2019-{t + 1:02d},{course},{int(planned[t] / 2)}" for t in range(6)]
    sheet = tmp_path / "actuals.csv"
    sheet.write_text("\n".join(["month,course,entrants", *rows]) + "\n", encoding="utf-8")

    actuals = capacity.actuals_from_file(work, sheet)
    version = capacity.plan_capacity(work, seconds=30, actuals=actuals)

    assert actuals.through == THROUGH
    assert version.violations == ()
    assert version.parameters["actuals_through"] == "2019-07-01"
    past = [float(int(planned[t] / 2)) for t in range(6)]
    assert list(version.plan.trainees[course][:6]) == past
    after = sum(version.plan.trainees[course][6:])
    assert after > sum(planned[6:]) + 1  # the shortfall falls on the months still planned

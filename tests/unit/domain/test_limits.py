"""The documented ranges of planning inputs: one place, the field named in every refusal."""

from __future__ import annotations

import math

import pytest

from cadre.domain.errors import InvalidInput
from cadre.domain.limits import out_of_range, require_within


@pytest.mark.parametrize("seconds", [0, -5, 0.001, 3601, math.inf, math.nan])
def test_a_time_limit_outside_one_second_to_an_hour_is_refused_naming_the_field(
    seconds: float,
) -> None:
    (problem,) = out_of_range({"seconds": seconds})
    assert (problem.field, problem.code, problem.params["low"], problem.params["high"]) == (
        "seconds",
        "planning.out_of_range",
        1.0,
        3600.0,
    )


def test_inputs_within_their_ranges_and_defaults_pass() -> None:
    assert out_of_range({"seconds": 1, "seed": 0, "workers": 64, "months": 120}) == []
    assert out_of_range({"seconds": None, "horizon_months": None, "mode": "sizing"}) == []


def test_every_input_out_of_range_is_named_at_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        require_within(seconds=0, seed=-1, workers=0, months=121, horizon_months=2.5)
    assert [p.field for p in caught.value.problems] == [
        "seconds",
        "seed",
        "workers",
        "months",
        "horizon_months",
    ]
    assert str(caught.value.problems[0]) == "seconds: 1 to 3600 seconds, not 0"

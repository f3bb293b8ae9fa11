"""The change a user names for a re-plan: one at a time, or none (a new timetable)."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.domain.errors import InvalidInput
from cadre.domain.timetable.changes import RoomClosure, Withdrawal, change_from


def test_each_named_change_becomes_its_kind_and_none_named_is_none() -> None:
    day = dt.date(2019, 5, 1)
    assert change_from() is None
    assert change_from(withdraw="SWE", effective=day) == Withdrawal("SWE", None, day)
    assert change_from(withdraw_pledge="P-SWE-1") == Withdrawal(None, "P-SWE-1")
    assert change_from(close_room="TAJI-CR1", room_site="TAJI") == RoomClosure("TAJI-CR1", "TAJI")


def test_two_changes_at_once_are_refused() -> None:
    with pytest.raises(InvalidInput, match="say one change"):
        change_from(withdraw="SWE", close_room="TAJI-CR1")

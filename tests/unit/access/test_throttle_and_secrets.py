"""Login throttling, passwords, tokens and CSRF tokens."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.access import secrets
from cadre.access.throttle import PER_NAME, wait_seconds
from cadre.domain.errors import InvalidInput

NOW = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)


def minutes_ago(*minutes: int) -> list[dt.datetime]:
    return [NOW - dt.timedelta(minutes=m) for m in minutes]


def test_four_recent_failures_do_not_throttle() -> None:
    assert wait_seconds(minutes_ago(1, 2, 3, 4), NOW, PER_NAME) == 0


def test_the_fifth_failure_makes_the_next_attempt_wait_until_one_ages_out() -> None:
    assert wait_seconds(minutes_ago(1, 2, 3, 4, 10), NOW, PER_NAME) == 5 * 60


def test_failures_older_than_the_window_do_not_count() -> None:
    assert wait_seconds(minutes_ago(1, 2, 3, 4, 16, 20), NOW, PER_NAME) == 0


def test_a_password_is_stored_as_argon2id_and_checked() -> None:
    stored = secrets.hash_password("a long enough passphrase")
    assert stored.startswith("$argon2id$")
    assert [
        secrets.password_matches(stored, "a long enough passphrase"),
        secrets.password_matches(stored, "a long enough passphrasf"),
        secrets.password_matches(None, "a long enough passphrase"),
        secrets.password_matches("not a hash", "a long enough passphrase"),
    ] == [True, False, False, False]


def test_a_short_password_is_refused_with_a_reason() -> None:
    with pytest.raises(InvalidInput, match="at least 12 characters"):
        secrets.hash_password("short")


def test_the_csrf_token_belongs_to_its_session_only() -> None:
    one, other = secrets.new_token(), secrets.new_token()
    assert secrets.csrf_matches(one, secrets.csrf_token(one))
    assert not secrets.csrf_matches(other, secrets.csrf_token(one))

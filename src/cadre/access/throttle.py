"""Login throttling: after a few failed attempts for one name, or from one address, further
attempts wait until the oldest of those failures is a window old. A user who mistypes once
or twice never notices; a guesser gets a handful of tries per quarter of an hour."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ThrottleRule:
    failures: int  # failed attempts allowed within the window
    window: dt.timedelta


PER_NAME = ThrottleRule(5, dt.timedelta(minutes=15))
PER_ADDRESS = ThrottleRule(20, dt.timedelta(minutes=15))


def wait_seconds(failures: Sequence[dt.datetime], now: dt.datetime, rule: ThrottleRule) -> int:
    """Seconds before the next attempt may be made, 0 when it may be made now. `failures` are
    the times of recent failed attempts, any order."""
    recent = sorted((t for t in failures if now - t < rule.window), reverse=True)
    if len(recent) < rule.failures:
        return 0
    # The attempt that would drop out of the window first decides when one is free again.
    free_at = recent[rule.failures - 1] + rule.window
    return max(1, int((free_at - now).total_seconds() + 0.999))

"""The outside lists the mission's rules check against, loaded once from installed packages."""

from __future__ import annotations

import functools
import zoneinfo

import pycountry

from cadre.domain.rules import Registries


@functools.cache
def registries() -> Registries:
    nations = frozenset(str(country.alpha_3) for country in pycountry.countries)
    return Registries(nations=nations, time_zones=frozenset(zoneinfo.available_timezones()))

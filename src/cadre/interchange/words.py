"""How a figure or an export writes its text for one reader: the sentences, months and numbers
in the reader's language. The catalogue of translations belongs to an edge (the web app's);
what is drawn or written here only asks for the English sentence in the reader's words, so
the files the CLI writes stay English and a web reader gets their own language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


def _same(text: str) -> str:
    return text


def _english_month(value: dt.date) -> str:
    return value.strftime("%b %Y")


def _english_day(value: dt.date) -> str:
    return value.isoformat()  # what the English files have always written


def _english_number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _english_percent(share: float) -> str:
    return f"{share:.0%}"


@dataclass(frozen=True)
class Words:
    """`say` turns an English sentence (possibly with %(name)s placeholders, filled by the
    caller after translation) into the reader's; `language` is a BCP 47 code, which the
    text shaper uses to pick the letter forms of Arabic."""

    say: Callable[[str], str] = _same
    month: Callable[[dt.date], str] = _english_month
    day: Callable[[dt.date], str] = _english_day
    number: Callable[[float], str] = _english_number
    percent: Callable[[float], str] = _english_percent  # a share, 0.85 for 85 %
    language: str = "en"
    rtl: bool = False


ENGLISH = Words()

"""The one step between anything derived from records and its reader: plans and their rows,
job parameters and messages, audit details, exports, charts' data, sentences, and the
references one record makes to another all pass through a `Redaction` made from the reader's
`Scope` before an edge renders them.

The rule, once for every path (docs/security.md):
- a row of a derived value (a dict or a dataclass inside a list) that names a hidden record in
  one of its own fields is dropped; so is a mapping entry keyed by a hidden record's code;
- any other mention of a hidden record, as a whole value or inside a sentence (its code, a room
  code of a hidden site, its name or title), becomes the marker "withheld", which carries no
  code; in a visible record's document, a reference to a hidden record (a prerequisite, a
  caveat, a pledge, a nation) becomes "withheld" the same way;
- figures named as totals of a value that lost rows are rounded (to a multiple of `ROUNDING`,
  shares to one decimal), so that a total minus the rows shown does not give a hidden record's
  share exactly.

A word that is also the code or the name of a record the reader sees is never withheld: a
hidden course titled like a visible qualification leaves the qualification's name alone.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from cadre.access.labels import MISSION_KIND
from cadre.access.policy import Principal
from cadre.domain.errors import NotFound
from cadre.interchange.record_kinds import KINDS
from cadre.services.access.rounding import ROUNDING as ROUNDING
from cadre.services.access.rounding import rounded
from cadre.services.access.scope import Scope, mission_data
from cadre.storage.labels import mission_labels

WITHHELD = "withheld"
_NAMES = frozenset({"name", "title", "unit", "latin", "arabic"})
_CODES = frozenset({"code", "number"})
# A code or name stands alone when neither a letter, a digit nor a dash touches it: "TAJI" in
# "at TAJI, room 2" but not in "TAJI-CR1" (a room, withheld as a code of its own when hidden).
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![\w\-])", r"(?![\w\-])"


class Redaction:
    """What one reader may not see of a mission: the codes and names of the hidden records."""

    def __init__(self, tokens: Iterable[str], words: Iterable[str] = ()) -> None:
        self.tokens = frozenset(t for t in tokens if t)
        self.words = frozenset(w for w in words if len(w) > 1) | self.tokens
        ordered = sorted(self.words, key=lambda w: (-len(w), w))
        self._pattern = (
            re.compile(_EDGE_BEFORE + "(?:" + "|".join(map(re.escape, ordered)) + ")" + _EDGE_AFTER)
            if ordered
            else None
        )

    def __bool__(self) -> bool:
        return bool(self.words)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Redaction) and (self.tokens, self.words) == (
            other.tokens,
            other.words,
        )

    def __hash__(self) -> int:
        return hash((self.tokens, self.words))

    @property
    def digest(self) -> str:
        """A short name of what is hidden: readers with the same one see the same things."""
        text = "\n".join(sorted(self.words))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def hides(self, value: object) -> bool:
        return isinstance(value, str) and not isinstance(value, enum.Enum) and value in self.words

    def with_tokens(self, more: Iterable[str]) -> Redaction:
        """The same, hiding besides codes made from hidden records (a run of a hidden course)."""
        added = frozenset(more) - self.tokens
        return Redaction(self.tokens | added, self.words) if added else self

    def text(self, text: str) -> str:
        """The sentence with every hidden code and name replaced by the marker."""
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(WITHHELD, text)

    def document(self, value: Any) -> Any:
        """A visible record's document (or an extract of several): references to hidden
        records and their names become the marker; nothing is dropped."""
        return _Walk(self, drop_rows=False).value(value)

    def derived(self, value: Any, *, totals: Iterable[str] = ()) -> Any:
        """A derived value as the reader may see it: rows resting on hidden records dropped,
        other mentions withheld, and the figures under the keys or fields named in `totals`
        rounded when any row was dropped."""
        walk = _Walk(self, drop_rows=True)
        shown = walk.value(value)
        if walk.dropped and totals:
            shown = rounded(shown, totals)
        return shown

    def rests_on_hidden(self, row: Any, depth: int = 1) -> bool:
        """A row names a hidden record in one of its own fields, or in a field of a part of
        it (a relief's outgoing tour, a shortfall's requirement line)."""
        if isinstance(row, Mapping):
            values = list(row.values())
        elif dataclasses.is_dataclass(row) and not isinstance(row, type):
            values = [getattr(row, f.name) for f in dataclasses.fields(row)]
        else:
            return False
        return any(self.hides(v) for v in values) or (
            depth > 0 and any(self.rests_on_hidden(v, depth - 1) for v in values)
        )


NOTHING_HIDDEN = Redaction(())


class _Everything(Redaction):
    """For a mission that is gone: every word of what was derived from it is withheld."""

    def __init__(self) -> None:
        super().__init__((WITHHELD,))

    def hides(self, value: object) -> bool:
        return isinstance(value, str) and not isinstance(value, enum.Enum)

    def text(self, text: str) -> str:
        return WITHHELD if text else text


EVERYTHING: Redaction = _Everything()


class _Walk:
    def __init__(self, redaction: Redaction, *, drop_rows: bool) -> None:
        self.r = redaction
        self.drop_rows = drop_rows
        self.dropped = 0

    def value(self, value: Any) -> Any:
        if not self.r:
            return value
        if isinstance(value, enum.Enum) or value is None:
            return value
        if isinstance(value, str):
            return WITHHELD if self.r.hides(value) else self.r.text(value)
        if isinstance(value, Mapping):
            return self._mapping(value)
        if isinstance(value, (list, tuple)):
            return self._sequence(value)
        if isinstance(value, (frozenset, set)):
            return type(value)(self._sequence(tuple(value)))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self._dataclass(value)
        return value

    def _mapping(self, value: Mapping[Any, Any]) -> dict[Any, Any]:
        shown = {}
        for key, item in value.items():
            if self._hidden_key(key):
                self.dropped += 1
                continue
            shown[key] = self.value(item)
        return shown

    def _hidden_key(self, key: Any) -> bool:
        if isinstance(key, tuple):
            return any(self.r.hides(k) for k in key)
        return self.r.hides(key)

    def _sequence(self, value: list[Any] | tuple[Any, ...]) -> list[Any] | tuple[Any, ...]:
        shown = []
        for item in value:
            if self.drop_rows and (self.r.hides(item) or self.r.rests_on_hidden(item)):
                self.dropped += 1
                continue
            shown.append(self.value(item))
        return tuple(shown) if isinstance(value, tuple) else shown

    def _dataclass(self, value: Any) -> Any:
        changes = {}
        for field in dataclasses.fields(value):
            if not field.init:
                continue
            before = getattr(value, field.name)
            after = self.value(before)
            if after is not before and after != before:
                changes[field.name] = after
        return dataclasses.replace(value, **changes) if changes else value


_of_scope: weakref.WeakKeyDictionary[Scope, Redaction] = weakref.WeakKeyDictionary()
# The last few readers' redactions, by what they depend on: the mission as loaded (the same
# object while its stamp holds), the labels stored and the principal. A list page then costs
# a dictionary look-up, not a walk of every record.
_kept: OrderedDict[tuple[int, Any, Any], tuple[Any, Redaction]] = OrderedDict()
_kept_lock = threading.Lock()
KEPT = 64


def redaction(scope: Scope, *documents: Mapping[str, list[dict[str, Any]]]) -> Redaction:
    """What `scope`'s reader may not see of its mission's records, and of the records in
    `documents` (the scenario a plan was computed from, as a document: records since removed
    or renamed are judged by their label too). Made once per scope for its mission alone."""
    if not documents:
        found = _of_scope.get(scope)
        if found is None:
            found = _of_scope[scope] = _kept_redaction(scope)
        return found
    return _redaction(scope, *documents)


def _kept_redaction(scope: Scope) -> Redaction:
    key = (id(scope.data), scope.principal, frozenset(scope.stored_labels().items()))
    with _kept_lock:
        kept = _kept.get(key)
    if kept is not None and kept[0] is scope.data:  # the same mission object, not a new one
        return kept[1]
    found = _redaction(scope)
    with _kept_lock:
        _kept[key] = (scope.data, found)
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return found


def reader_redaction(session: Session, principal: Principal, mission: str) -> Redaction:
    """The redaction of what a reader may not see of `mission`, also when the mission itself is
    hidden from it (then every record is) or gone (then every word): for what names a mission
    outside of a scope, such as a job or an audit entry."""
    try:
        data = mission_data(session, mission)
    except NotFound:
        return EVERYTHING
    scope = Scope(session, principal, data, mission_labels(session, data.stamp.mission_id))
    if not scope.gate.sees(MISSION_KIND, scope.label(MISSION_KIND, mission)):
        return _redaction(scope, blind=True)
    return redaction(scope)


def _redaction(
    scope: Scope, *documents: Mapping[str, list[dict[str, Any]]], blind: bool = False
) -> Redaction:
    hidden_tokens: set[str] = set()
    hidden_words: set[str] = set()
    seen_words: set[str] = {scope.mission}
    for source in (scope.data.documents, *documents):
        for name, kind in KINDS.items():
            for document in source.get(name, ()) or ():
                key = kind.key_of(document)
                if not blind and scope.sees(name, key, document):
                    _words(document, seen_words, seen_words)
                else:
                    _words(document, hidden_tokens, hidden_words)
    return Redaction(hidden_tokens - seen_words, hidden_words - seen_words)


def _words(value: Any, tokens: set[str], words: set[str], field: str = "") -> None:
    """The codes (under "code" or "number", at any depth: a site's rooms) and the names of a
    record's document."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            _words(item, tokens, words, str(key))
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, Mapping):
                _words(item, tokens, words)
    elif isinstance(value, str) and value.strip():
        if field in _CODES:
            tokens.add(value)
        elif field in _NAMES:
            words.add(value)

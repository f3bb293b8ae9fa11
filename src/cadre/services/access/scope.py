"""The one place where releasability is enforced: every read and write of the service goes
through a `Scope`, a principal's view of one mission.

A scope holds the scenario (cached per process while the mission's stamp stays the same),
every record's label (stored, or the default of its kind) and the principal's `Gate`. Records
the principal may not see are absent from everything a scope hands out: lists, counts, single
records (NotFound, as for a record that does not exist) and exports.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from cadre.access.labels import MISSION_KIND, Classification, Label, MissionContext, default_label
from cadre.access.policy import Principal, Verb
from cadre.access.releasability import Gate
from cadre.domain.errors import NotFound
from cadre.domain.fingerprint import fingerprint
from cadre.domain.scenario import Scenario
from cadre.interchange.convert import to_json_document
from cadre.interchange.record_kinds import KINDS, RecordKind
from cadre.storage.labels import StoredLabel, mission_labels
from cadre.storage.mission_scope import MissionStamp, stamp
from cadre.storage.scenarios import load_scenario

if TYPE_CHECKING:  # the unit of work records its audit entries through this module
    from cadre.services.unit_of_work import UnitOfWork

AUTHORITY = "NATO"  # who owns what no nation owns; see docs/service.md


@dataclass(frozen=True)
class MissionData:
    """A mission's scenario as last loaded, with its records' documents and their digests
    (so a record's version costs one small hash per request, not a walk of the record)."""

    stamp: MissionStamp
    scenario: Scenario
    documents: dict[str, list[dict[str, Any]]]
    digests: dict[tuple[str, str], str]


_cache: dict[tuple[str, str], MissionData] = {}
_cache_lock = threading.Lock()
_loading: dict[tuple[str, str], threading.Lock] = {}


def mission_data(session: Session, code: str) -> MissionData:
    """The mission's scenario; from this process's cache when its stamp has not changed (a
    cheap query), else loaded. Under the mission's write lock the stamp is read after the
    lock is taken, so a writer gets the scenario as last committed either way."""
    current = stamp(session, code)
    key = (session.get_bind().engine.url.render_as_string(hide_password=True), code)
    with _cache_lock:
        cached = _cache.get(key)
        loading = _loading.setdefault(key, threading.Lock())
    if cached is not None and cached.stamp == current:
        return cached
    # One thread loads while the others wait for its result: after a change, fifty readers
    # arriving at once load the scenario once, not fifty times.
    with loading:
        with _cache_lock:
            cached = _cache.get(key)
        if cached is not None and cached.stamp == current:
            return cached
        data = _load(session, code, current)
        with _cache_lock:
            _cache[key] = data
    return data


def _load(session: Session, code: str, current: MissionStamp) -> MissionData:
    scenario = load_scenario(session, code)
    document = to_json_document(scenario)
    documents = {k: document.get(k, []) for k in KINDS}
    digests = {
        (kind, KINDS[kind].key_of(d)): fingerprint(d) for kind, ds in documents.items() for d in ds
    }
    return MissionData(current, scenario, documents, digests)


class Scope:
    """A principal's view of one mission: what it may see, and the labels of everything."""

    def __init__(
        self,
        session: Session,
        principal: Principal,
        data: MissionData,
        labels: dict[Any, StoredLabel],
    ) -> None:
        self.session = session  # open while the scope is in use; for reads beside the scenario
        self.principal = principal
        self.data = data
        self._labels = labels
        participants = frozenset(c.code for c in data.scenario.contributors)
        self.context = MissionContext(data.stamp.host, participants)
        self.gate = Gate(principal, self.context)
        self.mission = data.stamp.code

    @property
    def mission_id(self) -> int:
        return self.data.stamp.mission_id

    def stored_labels(self) -> dict[Any, StoredLabel]:
        """The labels stored for the mission's records (the others carry their kind's default)."""
        return self._labels

    def label(self, kind: str, key: str, document: dict[str, Any] | None = None) -> Label:
        """The record's label: stored, or the default of its kind for this record."""
        stored = self._labels.get((kind, key))
        if stored is not None:
            return Label(
                Classification(stored.classification),
                stored.owner,
                frozenset(stored.releasable_to),
            )
        record_kind = KINDS.get(kind)
        nation = None
        if record_kind is not None and record_kind.nation and document is not None:
            nation = str(document.get(record_kind.nation) or "") or None
        return default_label(kind, host=self.context.host, nation=nation, authority=AUTHORITY)

    def records(self, kind: RecordKind) -> list[dict[str, Any]]:
        """The kind's records the principal may see; Forbidden if no role reads the kind."""
        self.gate.require_role(Verb.READ, kind.name)
        return self.gate.visible(
            kind.name,
            self.data.documents[kind.name],
            lambda d: self.label(kind.name, kind.key_of(d), d),
        )

    def record(self, kind: RecordKind, key: str) -> tuple[dict[str, Any], Label]:
        """One record and its label; NotFound alike when missing and when hidden."""
        self.gate.require_role(Verb.READ, kind.name)
        for document in self.data.documents[kind.name]:
            if kind.key_of(document) == key:
                label = self.label(kind.name, key, document)
                self.gate.require_visible(kind.name, label, f"{kind.noun} {key}")
                return document, label
        raise NotFound(f"{kind.noun} {key} is not in the mission")

    def sees(self, kind: str, key: str, document: dict[str, Any] | None = None) -> bool:
        return self.gate.sees(kind, self.label(kind, key, document))

    def projection(
        self, scenario: Scenario | None = None, keep: tuple[str, str] | None = None
    ) -> Scenario:
        """The scenario with only the records the principal may see (the mission itself and
        its planning figures stay), and the record `keep` whatever its label: what an export
        gives, and what a write is first judged on."""
        base = scenario or self.data.scenario
        changes: dict[str, Any] = {}
        for kind in KINDS.values():
            items: tuple[Any, ...] = getattr(base, kind.name)
            changes[kind.name] = tuple(
                item
                for item in items
                if (kind.name, _key(item)) == keep
                or self.sees(kind.name, _key(item), _plain(item, kind))
            )
        return dataclasses.replace(base, **changes)


def _key(item: Any) -> str:
    return str(getattr(item, "code", None) or getattr(item, "number", ""))


def _plain(item: Any, kind: RecordKind) -> dict[str, Any]:
    return {kind.nation: getattr(item, kind.nation)} if kind.nation else {}


def open_scope(session: Session, principal: Principal, mission: str) -> Scope:
    """The principal's scope on `mission`; NotFound when the mission is hidden from it."""
    data = mission_data(session, mission)
    scope = Scope(session, principal, data, mission_labels(session, data.stamp.mission_id))
    if not scope.gate.sees(MISSION_KIND, scope.label(MISSION_KIND, mission)):
        raise NotFound.mission(mission)
    return scope


def read(uow: UnitOfWork, principal: Principal, mission: str, use: Callable[[Scope], Any]) -> Any:
    """Run `use` on the principal's scope in a read-only transaction."""
    with uow.transaction() as session:
        return use(open_scope(session, principal, mission))

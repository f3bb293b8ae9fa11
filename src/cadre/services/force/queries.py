"""The force picture as the views read it: matched anew only when its inputs changed, and the
nations whose pledge workbooks a principal may fetch and send back."""

from __future__ import annotations

import threading

from cadre.access.policy import Reach, Verb, reach
from cadre.domain.fingerprint import fingerprint
from cadre.services.access.scope import Scope
from cadre.services.force import operations as force
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.force_offers import load_offers
from cadre.storage.mission_scope import plan_headers, stamp

# The last force picture per mission, with what it was computed from. Matching runs only when
# the scenario, the statement of requirements, the offers or the capacity plan changed, so the
# page answers at once the rest of the time (the picture is the same as a new matching gives).
_pictures: dict[tuple[str, str], tuple[str, force.ForcePicture]] = {}
_pictures_lock = threading.Lock()


def _inputs(uow: UnitOfWork, mission: str) -> str:
    with uow.transaction() as session:
        current = stamp(session, mission)
        offers = load_offers(session, current.mission_id)
        plans = plan_headers(session, current.mission_id, "capacity")
    return fingerprint((current, sorted(offers.items()), plans[-1].number if plans else None))


def current_picture(uow: UnitOfWork, mission: str) -> force.ForcePicture:
    """The force picture of the mission's current inputs: kept, or matched anew (and then kept
    as a force plan version by the force service, as `cadre force status` does)."""
    key = (uow.engine.url.render_as_string(hide_password=True), mission)
    inputs = _inputs(uow, mission)
    with _pictures_lock:
        kept = _pictures.get(key)
    if kept is not None and kept[0] == inputs:
        return kept[1]
    view = force.picture(uow, mission)
    with _pictures_lock:
        _pictures[key] = (inputs, view)
    return view


def workbook_nations(scope: Scope) -> tuple[str, ...]:
    """Every sending nation for whoever may write any pledge; its own nation for whoever may
    write only its own; none for the rest."""
    found = reach(scope.principal.roles, Verb.WRITE, "pledges")
    senders = [c.code for c in scope.data.scenario.contributors if c.role.sends_trainers]
    if found is Reach.ANY:
        return tuple(senders)
    if found is Reach.OWN and scope.principal.affiliation in senders:
        return (scope.principal.affiliation,)
    return ()

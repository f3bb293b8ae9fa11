"""What a principal may see of the force picture and of force plan versions: the one redaction
step (services/access/redaction.py) with the offers on the table counted as pledges.

Offers sent back in a nation's workbook are not records of the scenario but are owned by their
nation like its pledges, so they are judged by a pledge's label. A nation none of whose offers
the reader may see is withheld from the picture too: its line in the fill by nation would
otherwise tell what it pledged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from cadre.domain.force.offers import Offer
from cadre.services.access.redaction import Redaction, redaction
from cadre.services.access.scope import Scope
from cadre.services.force import operations as force
from cadre.storage.force_offers import load_offers

# The fill report's figures over all nations, rounded when a nation's rows were withheld.
TOTALS = ("total", "by_criticality", "by_month", "weighted_share")


def force_redaction(
    scope: Scope, offers: Iterable[Offer] | None = None, *documents: dict[str, Any]
) -> Redaction:
    """The reader's redaction over the mission's records, the plan's scenario (`documents`)
    and the offers (those stored, when not given)."""
    if offers is None:
        offers = [offer for offer, _ in load_offers(scope.session, scope.mission_id).values()]
    offers = list(offers)
    pledges = [{"code": o.code, "nation": o.nation} for o in offers]
    hidden = redaction(scope, *documents, {"pledges": pledges})
    seen = {o.nation for o in offers if not hidden.hides(o.code)}
    return hidden.with_tokens({o.nation for o in offers} - seen)


def released_picture(
    scope: Scope, view: force.ForcePicture, hidden: Redaction | None = None
) -> force.ForcePicture:
    """The force picture with only what the reader may see of it (`hidden`: the reader's
    redaction, when the caller has made it already)."""
    hidden = hidden if hidden is not None else force_redaction(scope, view.problem.offers)
    if not hidden:
        return view
    return dataclasses.replace(
        view,
        fill=hidden.derived(view.fill, totals=TOTALS),
        shortfalls=hidden.derived(view.shortfalls),
        caveat_blocks=hidden.derived(view.caveat_blocks),
        caveat_impact=hidden.derived(view.caveat_impact),
        rotations=hidden.derived(view.rotations),
        requirement=hidden.text(view.requirement),
    )

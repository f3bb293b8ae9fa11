"""The communities a releasable-to list may name besides single nations, as data.

Membership is written here rather than read from a scenario: "releasable to NATO" means the
Alliance's members whatever role a nation plays in one mission (a partner in 2018 may be an
ally now). Change these lists when the Alliance or the Union changes, with a commit saying so.
"""

from __future__ import annotations

NATO = "NATO"
EU = "EU"
HOST = "HOST"  # the mission's host nation, whichever it is
MISSION = "MISSION"  # every contributor of the mission: allies, partners, host, organisations

COMMUNITIES = frozenset({NATO, EU, HOST, MISSION})

# ISO 3166 alpha-3 codes of the members, as of 2024 (Sweden the 32nd, March 2024).
NATO_MEMBERS = frozenset(
    {
        "ALB", "BEL", "BGR", "CAN", "HRV", "CZE", "DNK", "EST", "FIN", "FRA", "DEU",
        "GRC", "HUN", "ISL", "ITA", "LVA", "LTU", "LUX", "MNE", "NLD", "MKD", "NOR",
        "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE", "TUR", "GBR", "USA",
    }
)  # fmt: skip

EU_MEMBERS = frozenset(
    {
        "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU",
        "GRC", "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT",
        "ROU", "SVK", "SVN", "ESP", "SWE",
    }
)  # fmt: skip


def members(token: str, *, host: str, participants: frozenset[str]) -> frozenset[str]:
    """The nations and organisations a list entry stands for in one mission.

    A community includes its own organisation (NATO staff are in "NATO"); any other entry is a
    single nation or organisation code and stands for itself.
    """
    if token == NATO:
        return NATO_MEMBERS | {NATO}
    if token == EU:
        return EU_MEMBERS | {EU}
    if token == HOST:
        return frozenset({host})
    if token == MISSION:
        return participants
    return frozenset({token})

"""An account linked to a trainer by the school (`link_teacher`) or by an administrator
(`link_account`), on SQLite and PostgreSQL: one rule for both (the trainer must be the
mission's, else `trainer.not_found` and nothing stored), and a later link replaces the one
before whichever way either was made."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cadre.domain.errors import NotFound
from cadre.services.scenario import operations as scenarios
from cadre.services.training import accounts
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import training_results
from cadre.storage.scenarios import find_mission
from tests.conftest import EXAMPLES
from tests.service_support import person as account


def _by_school(work: UnitOfWork, trainer: str) -> None:
    accounts.link_teacher(work, None, "roy", trainer, "TINY")


def _by_administrator(work: UnitOfWork, trainer: str) -> None:
    accounts.link_account(work, None, "roy", "TINY", trainer=trainer)


LINKS: dict[str, Callable[[UnitOfWork, str], None]] = {
    "school": _by_school,
    "administrator": _by_administrator,
}


def _teaches_as(work: UnitOfWork) -> str | None:
    with work.transaction() as session:
        mission = find_mission(session, "TINY")
        return training_results.trainer_of_user(session, mission.id, "roy")


@pytest.fixture
def tiny(work: UnitOfWork) -> UnitOfWork:
    scenarios.import_file(work, EXAMPLES / "tiny.yaml")
    account(work.engine, "CAN", ["instructor"], username="roy")
    return work


@pytest.mark.parametrize("way", sorted(LINKS))
def test_a_trainer_not_in_the_mission_is_refused_and_nothing_kept(
    tiny: UnitOfWork, way: str
) -> None:
    with pytest.raises(NotFound) as refused:
        LINKS[way](tiny, "T-XXX-99")
    assert (refused.value.code, refused.value.params) == (
        "trainer.not_found",
        {"trainer": "T-XXX-99"},
    )
    assert _teaches_as(tiny) is None


@pytest.mark.parametrize(("first", "then"), [(a, b) for a in LINKS for b in LINKS if a != b])
def test_a_later_link_replaces_the_one_before(tiny: UnitOfWork, first: str, then: str) -> None:
    LINKS[first](tiny, "T-CAN-01")
    assert _teaches_as(tiny) == "T-CAN-01"
    LINKS[then](tiny, "T-SWE-01")
    assert _teaches_as(tiny) == "T-SWE-01"

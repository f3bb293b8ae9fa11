"""Refusals in the reader's language: a nomination abroad refused, and the pathway's rule on
supervised runs, said in Arabic with the codes they quote marked as Latin."""

from __future__ import annotations

from fastapi.testclient import TestClient

from cadre.services.training import operations, pathway
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.i18n import LANGUAGE_COOKIE
from tests.integration.test_api_pathway import client
from tests.integration.test_training_enrolment import person
from tests.integration.test_training_pathway import LATER
from tests.integration.test_web_offers import latin_outside_marks
from tests.integration.test_web_pathway import _offer
from tests.service_support import engine_of
from tests.web_support import log_in

M = "/missions/TINY"
__all__ = ["client"]  # the fixture: the pathway scenario, its timetable adopted


def test_a_nomination_abroad_is_refused_in_arabic(client: TestClient) -> None:
    work = UnitOfWork(engine_of(client))
    code = _offer(work, seats=1)
    operations.create_trainee(work, None, person("7001", name_latin="Omar Said"))
    csrf = log_in(client, "IRQ", ["host_nation_liaison"])
    client.cookies.set(LANGUAGE_COOKIE, "ar")
    refused = client.post(
        f"{M}/abroad/{code}/nominations", data={"trainee": "7001", "csrf_token": csrf}
    )
    assert refused.status_code == 422
    assert 'المستوى 0 في <bdi lang="en" dir="ltr">en</bdi>؛ ويطلب العرض المستوى 2.' in refused.text
    assert "the offer asks" not in refused.text
    assert latin_outside_marks(refused.text) == []


def test_the_pathway_rule_on_supervised_runs_is_said_in_arabic(client: TestClient) -> None:
    work = UnitOfWork(engine_of(client))
    ali = operations.create_trainee(work, None, person("1", name_latin="Ali Kadhim")).view.id
    pathway.enter_person(work, None, "T-IRQ-01", ali, None)
    pathway.record_lead(work, None, "R-01", "T-IRQ-01", LATER)
    log_in(client, "NATO", ["school_staff"])
    english = client.get(f"{M}/pathway").text
    assert "2, each rated at least 3 of 5" in english
    client.cookies.set(LANGUAGE_COOKIE, "ar")
    arabic = client.get(f"{M}/pathway").text
    assert "2، كل منها بتقدير 3 من 5 على الأقل" in arabic
    assert "rated &gt;=" not in arabic
    assert latin_outside_marks(arabic) == []

"""Renewal by a refresher course, as a rule: refused with every reason, or the course's
validity counted again from the refresher's last day, never shortening a certificate."""

from __future__ import annotations

import datetime as dt

from cadre.domain.training.certificates import Certificate, Completion
from cadre.domain.training.renewal import RefresherRun, renewal_problems, renewed
from cadre.domain.training.rules import CourseRule

D = dt.date
DONE = Completion(True, True, 1.0, ())
CERTIFICATE = Certificate("M-C-2019-00001", 7, "C", "R-1", D(2019, 3, 1), D(2020, 2, 29))


def codes(refresher: RefresherRun, done: Completion = DONE, **kw: object) -> list[str]:
    certificate = Certificate(**{**CERTIFICATE.__dict__, **kw})  # type: ignore[arg-type]
    return [p.code for p in renewal_problems(certificate, refresher, {"C-REF"}, done)]


def test_a_refresher_begun_in_time_and_completed_renews() -> None:
    run = RefresherRun("R-9", "C-REF", D(2020, 2, 20), D(2020, 2, 27))
    assert codes(run) == []
    renewal = renewed(CERTIFICATE, run, CourseRule("C", validity_months=12))
    assert (renewal.previous_expiry, renewal.expires) == (D(2020, 2, 29), D(2021, 2, 26))


def test_every_reason_to_refuse_a_renewal_is_given() -> None:
    late = RefresherRun("R-9", "OTHER", D(2020, 3, 1), D(2020, 3, 5))
    failed = Completion(False, False, 0.5, ("failed", "attendance"))
    assert codes(late, failed, revoked_on=D(2019, 9, 1)) == [
        "renewal.revoked",
        "renewal.not_a_refresher",
        "renewal.lapsed",
        "renewal.not_completed",
    ]
    early = RefresherRun("R-0", "C", D(2019, 1, 1), D(2019, 1, 5))
    assert codes(early) == ["renewal.before_issue"]


def test_a_renewal_never_shortens_a_certificate() -> None:
    run = RefresherRun("R-9", "C", D(2019, 4, 1), D(2019, 4, 5))
    assert renewed(CERTIFICATE, run, CourseRule("C", validity_months=1)).expires == D(2020, 2, 29)
    assert renewed(CERTIFICATE, run, CourseRule("C", validity_months=None)).expires is None

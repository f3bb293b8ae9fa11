"""Renewal by a refresher course: a holder who completes a run of a course declared a
refresher of their certificate's course (or of the course itself) before the certificate
lapses keeps it, valid for the course's period again counted from the refresher's last day.
A revoked certificate is not renewed, nor one already expired when the refresher began: the
holder takes the full course again. Every reason to refuse is a code with its values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from cadre.domain.errors import Problem
from cadre.domain.training.certificates import Certificate, Completion
from cadre.domain.training.rules import CourseRule


@dataclass(frozen=True)
class RefresherRun:
    run: str
    course: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Renewal:
    number: str
    run: str
    renewed_on: dt.date  # the refresher's last day
    previous_expiry: dt.date | None
    expires: dt.date | None


def renewal_problems(
    certificate: Certificate,
    refresher: RefresherRun,
    refreshers: Collection[str],
    done: Completion,
) -> list[Problem]:
    found = []
    if certificate.revoked_on is not None:
        found.append(
            Problem(
                f"certificate {certificate.number} was revoked; it is not renewed",
                code="renewal.revoked",
                params={"number": certificate.number},
            )
        )
    if refresher.course != certificate.course and refresher.course not in refreshers:
        found.append(
            Problem(
                f"course {refresher.course} does not refresh {certificate.course}",
                code="renewal.not_a_refresher",
                params={"course": certificate.course, "refresher": refresher.course},
            )
        )
    if refresher.end < certificate.issued:
        found.append(
            Problem(
                f"run {refresher.run} ended before the certificate was issued",
                code="renewal.before_issue",
                params={"run": refresher.run},
            )
        )
    if certificate.expires is not None and refresher.start > certificate.expires:
        found.append(
            Problem(
                f"the certificate lapsed on {certificate.expires} before run {refresher.run} "
                "began; the full course renews it",
                code="renewal.lapsed",
                params={"expired": certificate.expires.isoformat(), "run": refresher.run},
            )
        )
    if not done.completed:
        found.append(
            Problem(
                f"run {refresher.run} is not completed: {', '.join(done.reasons)}",
                code="renewal.not_completed",
                params={"run": refresher.run, "missing": " ".join(done.reasons)},
            )
        )
    return found


def renewed(certificate: Certificate, refresher: RefresherRun, rule: CourseRule) -> Renewal:
    """The renewal a completed refresher gives: the certificate's course's validity counted
    from the refresher's last day, never shortening what the certificate already had."""
    fresh = rule.expiry(refresher.end)
    current = certificate.expires
    expires = None if fresh is None or current is None else max(fresh, current)
    return Renewal(certificate.number, refresher.run, refresher.end, current, expires)

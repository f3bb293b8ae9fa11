"""Training records as xAPI 1.0.3 statements, and a check of a statement against the
specification's rules (IEEE 9274.1.1 / ADL xAPI 1.0.3, part two, "Statement Properties").

No maintained Python xAPI validator installs from PyPI alongside Cadre (xapi-schema is not on
PyPI; tincan 1.0.0 is a 2016 client library whose checks stop at property names), so the rules
the statements rely on are checked here, and the integration test has a real LRS (Ralph, whose
own pydantic models validate every statement it accepts) take them.

Releasability: a statement names the trainee only by a pseudonym (an account IFI whose name is
an HMAC of the mission and the trainee's id under a key the database does not hold), never a
name, service number, unit or vetting; the run, course and result are what the LRS learns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

VERSION = "1.0.3"
# A fixed namespace: the same record always gives the same statement id (re-sent, never
# duplicated: an LRS answers 409 or 204 for an id it holds).
NAMESPACE = uuid.UUID("5b9e3d71-c4a8-5d2e-9f10-c0ade0000001")
ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "enrolled": ADL + "registered",
    "attended": ADL + "attended",
    "passed": ADL + "passed",
    "failed": ADL + "failed",
    "completed": ADL + "completed",
    # ADL has no verb for being awarded a certificate: the one the cmi5 / credential
    # communities use is "earned" (id.tincanapi.com registry).
    "certified": "http://id.tincanapi.com/verb/earned",
}
COURSE_TYPE = "http://adlnet.gov/expapi/activities/course"
CERTIFICATE_TYPE = "http://id.tincanapi.com/activitytype/certificate"


@dataclass(frozen=True)
class Event:
    """One training fact about one trainee, as a statement says it."""

    verb: str  # a key of VERBS
    mission: str
    trainee: int
    run: str
    course: str
    when: dt.datetime
    score: float | None = None  # per cent (passed / failed)
    detail: str = ""  # what makes the fact unique: the day attended, the certificate number

    @property
    def key(self) -> str:
        return f"{self.mission}/{self.verb}/{self.run}/{self.trainee}/{self.detail}"


def pseudonym(key: bytes, mission: str, trainee: int) -> str:
    """The trainee's name in statements: stable for the mission, meaningless without the key."""
    return hmac.new(key, f"{mission}/{trainee}".encode(), hashlib.sha256).hexdigest()[:32]


def statement_id(event: Event) -> str:
    return str(uuid.uuid5(NAMESPACE, event.key))


def statement(event: Event, *, home: str, key: bytes) -> dict[str, Any]:
    """The event as an xAPI statement; `home` is the IRI of the mission's Cadre."""
    base = home.rstrip("/")
    activity = f"{base}/xapi/activities/{event.mission}/runs/{event.run}"
    definition: dict[str, Any] = {"type": COURSE_TYPE, "name": {"en-US": event.course}}
    if event.verb == "certified":
        activity = f"{base}/xapi/activities/{event.mission}/certificates/{event.detail}"
        definition = {"type": CERTIFICATE_TYPE, "name": {"en-US": f"{event.course} certificate"}}
    registration = uuid.uuid5(NAMESPACE, f"{event.mission}/{event.run}/{event.trainee}")
    grouping = {"objectType": "Activity", "id": f"{base}/xapi/courses/{event.course}"}
    found: dict[str, Any] = {
        "id": statement_id(event),
        "version": VERSION,
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": base, "name": pseudonym(key, event.mission, event.trainee)},
        },
        "verb": {"id": VERBS[event.verb], "display": {"en-US": event.verb}},
        "object": {"objectType": "Activity", "id": activity, "definition": definition},
        "context": {
            "registration": str(registration),
            "platform": "Cadre",
            "contextActivities": {"grouping": [grouping]},
        },
        "timestamp": event.when.astimezone(dt.UTC).isoformat(),
    }
    if event.verb in ("passed", "failed") and event.score is not None:
        found["result"] = {
            "score": {
                "scaled": round(event.score / 100, 4),
                "raw": event.score,
                "min": 0,
                "max": 100,
            },
            "success": event.verb == "passed",
        }
    if event.verb == "completed":
        found["result"] = {"completion": True}
    return found


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
_IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
_IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
_TOP = {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored",
        "authority", "version", "attachments"}  # fmt: skip


def _language_map(value: Any, where: str) -> list[str]:
    if not isinstance(value, Mapping) or not value:
        return [f"{where} is a non-empty language map"]
    return [f"{where}: {k} is not a language tag" for k in value if not _LANG.match(str(k))]


def _agent(value: Any, where: str) -> list[str]:
    if not isinstance(value, Mapping):
        return [f"{where} is an object"]
    found = []
    ifis = [k for k in _IFIS if k in value]
    if len(ifis) != 1:
        found.append(f"{where} has exactly one inverse functional identifier, not {ifis}")
    account = value.get("account")
    if account is not None and (
        not isinstance(account, Mapping)
        or not _IRI.match(str(account.get("homePage", "")))
        or not str(account.get("name", ""))
    ):
        found.append(f"{where}.account has a homePage IRL and a name")
    if value.get("objectType", "Agent") not in ("Agent", "Group"):
        found.append(f"{where}.objectType is Agent or Group")
    return found


def _result(value: Any) -> list[str]:
    if not isinstance(value, Mapping):
        return ["result is an object"]
    score = value.get("score")
    if score is None:
        return []
    found = []
    scaled = score.get("scaled")
    if scaled is not None and not -1 <= scaled <= 1:
        found.append("result.score.scaled is -1 to 1")
    low, high, raw = score.get("min"), score.get("max"), score.get("raw")
    if low is not None and high is not None and low > high:
        found.append("result.score.min is at most max")
    if raw is not None and ((low is not None and raw < low) or (high is not None and raw > high)):
        found.append("result.score.raw lies between min and max")
    return found


def problems(document: Mapping[str, Any]) -> list[str]:
    """What keeps `document` from being a valid xAPI 1.0.3 statement; empty when it is."""
    found = [f"{k} is not a statement property" for k in document if k not in _TOP]
    for required in ("actor", "verb", "object"):
        if required not in document:
            found.append(f"{required} is required")
    if "id" in document and not _UUID.match(str(document["id"])):
        found.append("id is a UUID (RFC 4122) in its lower-case form")
    if "actor" in document:
        found += _agent(document["actor"], "actor")
    verb = document.get("verb")
    if isinstance(verb, Mapping):
        if not _IRI.match(str(verb.get("id", ""))):
            found.append("verb.id is an IRI")
        if "display" in verb:
            found += _language_map(verb["display"], "verb.display")
    elif verb is not None:
        found.append("verb is an object")
    target = document.get("object")
    if isinstance(target, Mapping):
        if target.get("objectType", "Activity") == "Activity":
            if not _IRI.match(str(target.get("id", ""))):
                found.append("object.id is an IRI")
            name = target.get("definition", {}).get("name")
            if name is not None:
                found += _language_map(name, "object.definition.name")
    elif target is not None:
        found.append("object is an object")
    if "result" in document:
        found += _result(document["result"])
    context = document.get("context", {})
    if "registration" in context and not _UUID.match(str(context["registration"])):
        found.append("context.registration is a UUID")
    if "timestamp" in document and not _TIMESTAMP.match(str(document["timestamp"])):
        found.append("timestamp is an ISO 8601 date and time with its offset")
    if "version" in document and not str(document["version"]).startswith("1.0."):
        found.append("version is 1.0.x")
    return found

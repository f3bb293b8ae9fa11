"""The audit trail, for auditors: its entries, and whether its hash chain is whole."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from cadre.access.policy import AUDIT_TRAIL, Verb, reach
from cadre.api.errors import RESPONSES
from cadre.api.schemas import AuditEntryOut, AuditPageOut, VerificationOut
from cadre.api.security import CurrentPrincipal, Work
from cadre.domain.errors import Forbidden
from cadre.services.access import audit

router = APIRouter(
    prefix="/audit", tags=["audit"], responses={401: RESPONSES[401], 403: RESPONSES[403]}
)
Text = Annotated[str | None, Query(max_length=200)]


@router.get("", response_model=AuditPageOut)
def entries(
    principal: CurrentPrincipal,
    work: Work,
    mission: Text = None,
    kind: Text = None,
    actor: Text = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> AuditPageOut:
    """Entries newest first; those about records the caller may not see are left out."""
    page = audit.entries_page(
        work, principal, mission=mission, kind=kind, actor=actor, limit=limit, offset=offset
    )
    return AuditPageOut(
        total=page.total,
        limit=limit,
        offset=offset,
        items=[
            AuditEntryOut(
                seq=e.seq,
                at=e.at,
                actor=e.actor,
                action=e.action,
                mission=e.mission,
                kind=e.kind,
                key=e.key,
                before=e.before,
                after=e.after,
                hash=e.hash,
            )
            for e in page.entries
        ],
    )


@router.get("/verification", response_model=VerificationOut)
def verification(principal: CurrentPrincipal, work: Work) -> VerificationOut:
    """Walk the whole chain: is any entry changed, missing or out of place?"""
    if reach(principal.roles, Verb.AUDIT, AUDIT_TRAIL) is None:
        raise Forbidden("only auditors and administrators may verify the audit trail")
    result = audit.verify_trail(work)
    return VerificationOut(
        intact=result.intact,
        entries=result.entries,
        head_seq=result.head[0] if result.head else None,
        head_hash=result.head[1] if result.head else None,
        findings=[str(f) for f in result.findings],
    )

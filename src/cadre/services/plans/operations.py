"""Adopting a plan: the explicit, audited act that makes a plan version the mission's plan of
its kind (`domain/lifecycle.py`). It first says what changes against the adopted plan (the
headline figures before and after, the lines added and removed), and refuses a plan that
failed, or one worse by rule than the adopted plan unless forced with a reason, which the
audit entry and the version both keep."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from cadre.access.policy import Principal, Verb
from cadre.domain.errors import Conflict, InvalidInput, NotFound, Problem
from cadre.domain.lifecycle import KINDS, PlanState, Refusal, failure, headline, regression
from cadre.services.access.scope import Scope, read
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import plans
from cadre.storage.mission_scope import lock_mission
from cadre.storage.models import PlanVersionRow
from cadre.storage.scenarios import find_mission

LABEL_KINDS = {"capacity": "capacity-plans", "force": "force-plans", "timetable": "timetable-plans"}
REASON_LIMIT = 500


@dataclass(frozen=True)
class FigureChange:
    name: str
    before: float | None  # None: nothing adopted yet
    after: float


@dataclass(frozen=True)
class Adoption:
    """What adopting a version changes (or changed), and whether it was done."""

    mission: str
    kind: str
    number: int
    previous: int | None  # the version adopted before; None when none was
    figures: tuple[FigureChange, ...]
    added: tuple[str, ...]  # lines in this plan and not in the adopted one
    removed: tuple[str, ...]  # lines in the adopted plan and not in this one
    refusal: Refusal | None  # why adopting it is refused (a dry run says so instead of raising)
    needs_force: bool  # refused only because it is worse by rule: force with a reason
    done: bool
    forced_reason: str | None = None
    adopted_at: dt.datetime | None = None


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise NotFound(
            f"there are no plans of kind {kind}; kinds: {', '.join(KINDS)}",
            code="plan.unknown_kind",
            kind=kind,
        )
    return kind


def _lines(kind: str, result: dict[str, Any]) -> dict[str, str]:
    """A plan's lines as a reader compares them: a capacity plan's runs by course, site and
    mode; a timetable's placed runs by code with their dates and room."""
    if kind == "capacity":
        total: dict[str, float] = defaultdict(float)
        for run in result.get("runs") or []:
            total[f"{run.get('course')} at {run.get('site') or '-'} ({run.get('mode')})"] += float(
                run.get("runs") or 0
            )
        return {k: f"{k}: {v:g} runs" for k, v in total.items() if v > 0}
    if kind == "timetable":
        return {
            str(p["run"]): f"{p['run']} {p['start']}–{p['end']} in {p['room']}"
            for p in result.get("placed") or []
        }
    return {}


def _compare(
    kind: str, row: PlanVersionRow, adopted: PlanVersionRow | None
) -> tuple[tuple[FigureChange, ...], tuple[str, ...], tuple[str, ...]]:
    before = headline(kind, adopted.summary) if adopted is not None else None
    figures = tuple(
        FigureChange(name, before.get(name) if before else None, value)
        for name, value in headline(kind, row.summary).figures
    )
    mine = _lines(kind, row.result)
    theirs = _lines(kind, adopted.result) if adopted is not None else {}
    added = tuple(mine[k] for k in sorted(set(mine) - set(theirs)))
    removed = tuple(theirs[k] for k in sorted(set(theirs) - set(mine)))
    return figures, added, removed


def _check_reason(force: bool, reason: str | None) -> str | None:
    text = (reason or "").strip()
    if force and not text:
        raise InvalidInput(
            [
                Problem(
                    "forcing an adoption needs a reason, which the audit trail keeps",
                    field="reason",
                    code="plan.reason_required",
                )
            ]
        )
    if len(text) > REASON_LIMIT:
        raise InvalidInput(
            [
                Problem(
                    f"the reason is {len(text)} characters; at most {REASON_LIMIT}",
                    field="reason",
                    code="plan.reason_too_long",
                    params={"limit": REASON_LIMIT},
                )
            ]
        )
    return text if force else None


def _may_adopt(uow: UnitOfWork, principal: Principal, mission: str, kind: str, number: int) -> None:
    """The principal's roles adopt plans of the kind, and it sees this version."""
    label_kind = LABEL_KINDS[kind]

    def check(scope: Scope) -> None:
        scope.gate.require_role(Verb.ADOPT, label_kind)
        what = f"{kind} plan version {number}"
        scope.gate.require_visible(label_kind, scope.label(label_kind, str(number)), what)

    read(uow, principal, mission, check)


def adopt_plan(
    uow: UnitOfWork,
    mission: str | None,
    kind: str,
    number: int,
    *,
    force: bool = False,
    reason: str | None = None,
    principal: Principal | None = None,
    dry_run: bool = False,
) -> Adoption:
    """Adopt version `number` of the mission's `kind` plans, superseding the adopted one, in one
    audited transaction. A dry run changes nothing and says what adopting would change and
    whether it would be refused. `principal` is checked when given (the API and the web); the
    command line acts for its operating-system user, as every write there does."""
    kind = _kind(kind)
    if principal is not None and mission is not None:
        _may_adopt(uow, principal, mission, kind, number)
    forced_reason = _check_reason(force, reason)
    with uow.transaction() as session:
        code = find_mission(session, mission).code
        if not dry_run:
            lock_mission(session, code)  # two adoptions at once: one after the other
        row = plans.plan_version(session, code, kind, number)
        adopted = plans.adopted_version(session, row.mission_id, kind)
        figures, added, removed = _compare(kind, row, adopted)
        refusal, needs_force = _refusal(kind, row, adopted, force)
        outcome = Adoption(
            code,
            kind,
            number,
            adopted.number if adopted is not None else None,
            figures,
            added,
            removed,
            refusal,
            needs_force,
            done=False,
        )
        if dry_run:
            return outcome
        if refusal is not None:
            raise Conflict(
                f"{kind} plan {number} of {code} is not adopted: {refusal.message}",
                code=refusal.code,
                kind=kind,
                mission=code,
                number=number,
                adopted=outcome.previous,
                forceable=needs_force,
                **refusal.params,
            )
        now = dt.datetime.now(dt.UTC)
        replaced = plans.adopt(session, row, by=uow.actor, at=now, reason=forced_reason)
        uow.audit(
            session,
            "plan adopt",
            mission=code,
            kind=LABEL_KINDS[kind],
            key=str(number),
            before={"adopted": replaced.number if replaced is not None else None},
            after={
                "adopted": number,
                "replaces": replaced.number if replaced is not None else None,
                "forced": forced_reason is not None,
                "reason": forced_reason,
                "figures": {f.name: [f.before, f.after] for f in figures},
            },
        )
        return Adoption(
            code,
            kind,
            number,
            outcome.previous,
            figures,
            added,
            removed,
            None,
            needs_force,
            done=True,
            forced_reason=forced_reason,
            adopted_at=now,
        )


def _refusal(
    kind: str, row: PlanVersionRow, adopted: PlanVersionRow | None, force: bool
) -> tuple[Refusal | None, bool]:
    """Why adopting `row` is refused (None: it is not), and whether force would overcome it."""
    if row.state == PlanState.ADOPTED.value:
        return Refusal(code="plan.already_adopted", message="it is the adopted plan already"), False
    failed = failure(kind, row.status, row.summary)
    if failed is not None or row.state == PlanState.FAILED.value:
        return failed or Refusal(
            code="plan.failed_status", message="it failed", params={"status": row.status}
        ), False
    worse = regression(kind, row.summary, adopted.summary) if adopted is not None else None
    if worse is not None:
        return (None if force else worse), True
    return None, False


def adopt_if_sound(uow: UnitOfWork, mission: str, kind: str, number: int) -> Adoption:
    """Adopt a plan just made when it may be adopted without force (`--adopt`); otherwise it
    stays a draft and the answer says why (the plan is kept either way)."""
    trial = adopt_plan(uow, mission, kind, number, dry_run=True)
    if trial.refusal is not None:
        return trial
    return adopt_plan(uow, mission, kind, number)

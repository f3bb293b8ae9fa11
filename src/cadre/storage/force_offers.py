"""Sourcing rounds and offers as rows and back, each offer with every state it went through."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import Session, selectinload

from cadre.domain.force.offers import Offer, OfferState, SourcingRound, StateChange
from cadre.domain.ranks import Rank, RankBand
from cadre.storage.force_lines import line_row
from cadre.storage.force_models import ForceOfferEventRow, ForceOfferRow, ForceRoundRow


def ensure_round(session: Session, mission_id: int, code: str, held_on: dt.date) -> SourcingRound:
    row = session.scalars(
        select(ForceRoundRow).where(
            ForceRoundRow.mission_id == mission_id, ForceRoundRow.code == code
        )
    ).first()
    if row is None:
        row = ForceRoundRow(mission_id=mission_id, code=code, name=code, held_on=held_on)
        session.add(row)
        session.flush()
    return SourcingRound(row.code, row.name, row.held_on)


def latest_round(session: Session, mission_id: int) -> SourcingRound | None:
    row = session.scalars(
        select(ForceRoundRow)
        .where(ForceRoundRow.mission_id == mission_id)
        .order_by(ForceRoundRow.held_on.desc(), ForceRoundRow.id.desc())
    ).first()
    return SourcingRound(row.code, row.name, row.held_on) if row else None


def all_rounds(session: Session, mission_id: int) -> list[SourcingRound]:
    """The mission's rounds, oldest first."""
    rows = session.scalars(
        select(ForceRoundRow)
        .where(ForceRoundRow.mission_id == mission_id)
        .order_by(ForceRoundRow.held_on, ForceRoundRow.id)
    )
    return [SourcingRound(r.code, r.name, r.held_on) for r in rows]


def to_offer(row: ForceOfferRow) -> Offer:
    band = None
    if row.rank_low and row.rank_high:
        band = RankBand(Rank.parse(row.rank_low), Rank.parse(row.rank_high))
    return Offer(
        code=row.code,
        nation=row.nation,
        count=row.count,
        start=row.start_date,
        end=row.end_date,
        tour_months=row.tour_months,
        line=row.line.number if row.line else None,
        qualification=row.qualification,
        rank_band=band,
        caveats=tuple(row.caveats),
        history=tuple(
            StateChange(OfferState(e.state), e.on_date, e.round.code if e.round else None, e.note)
            for e in row.events
        ),
        reference=row.reference,
    )


# An offer's history, round and line come with it in a few queries, not three per offer.
_WHOLE = (
    selectinload(ForceOfferRow.events).selectinload(ForceOfferEventRow.round),
    selectinload(ForceOfferRow.round),
    selectinload(ForceOfferRow.line),
)


def offer_rows(session: Session, mission_id: int) -> list[ForceOfferRow]:
    query = select(ForceOfferRow).where(ForceOfferRow.mission_id == mission_id)
    return list(session.scalars(query.options(*_WHOLE).order_by(ForceOfferRow.id)))


@dataclass(frozen=True)
class Shown:
    """Which of a round's offers a reader sees, as the database can ask it: an offer with a
    label of its own by that label, every other one by its nation's default label."""

    nations: frozenset[str]  # nations whose unlabelled offers the reader sees
    labelled: frozenset[str]  # codes of the offers with a label of their own
    labelled_shown: frozenset[str]  # those of them the reader sees


@dataclass(frozen=True)
class OfferFilter:
    round: str
    state: str | None = None  # one state, or every state
    nation: str | None = None  # one nation, or every nation


def _seen(mission_id: int, shown: Shown | None, round_code: str) -> ColumnElement[bool]:
    made_in = select(ForceRoundRow.id).where(
        ForceRoundRow.mission_id == mission_id, ForceRoundRow.code == round_code
    )
    in_round = and_(
        ForceOfferRow.mission_id == mission_id,
        ForceOfferRow.round_id == made_in.scalar_subquery(),
    )
    if shown is None:
        return in_round
    by_nation: ColumnElement[bool] = (
        ForceOfferRow.nation.in_(shown.nations) if shown.nations else false()
    )
    if shown.labelled:
        by_nation = and_(by_nation, ForceOfferRow.code.not_in(shown.labelled))
    return and_(in_round, or_(by_nation, ForceOfferRow.code.in_(shown.labelled_shown)))


def round_nations(
    session: Session, mission_id: int, round_code: str, shown: Shown | None = None
) -> list[str]:
    """The nations of the offers made in the round (that the reader sees, when `shown`)."""
    query = select(ForceOfferRow.nation).where(_seen(mission_id, shown, round_code)).distinct()
    return sorted(session.scalars(query))


def count_by_state(
    session: Session, mission_id: int, shown: Shown, within: OfferFilter
) -> dict[str, int]:
    """How many offers of the round, of the nation asked for, the reader sees in each state."""
    query = select(ForceOfferRow.state, func.count()).where(_seen(mission_id, shown, within.round))
    if within.nation:
        query = query.where(ForceOfferRow.nation == within.nation)
    rows = session.execute(query.group_by(ForceOfferRow.state)).all()
    return {row[0]: row[1] for row in rows}


def offers_page(
    session: Session, mission_id: int, shown: Shown, within: OfferFilter, offset: int, limit: int
) -> list[Offer]:
    """One page of the round's offers the reader sees, in the order they were received; the
    database skips and limits, so a round of thousands loads one page's worth."""
    query = select(ForceOfferRow).where(_seen(mission_id, shown, within.round))
    if within.state:
        query = query.where(ForceOfferRow.state == within.state)
    if within.nation:
        query = query.where(ForceOfferRow.nation == within.nation)
    query = query.options(*_WHOLE).order_by(ForceOfferRow.id).offset(offset).limit(limit)
    return [to_offer(row) for row in session.scalars(query)]


def load_offer(session: Session, mission_id: int, code: str) -> tuple[Offer, str | None] | None:
    """One offer with the round it was first made in; None when there is none of that code."""
    row = session.scalars(
        select(ForceOfferRow)
        .where(ForceOfferRow.mission_id == mission_id, ForceOfferRow.code == code)
        .options(*_WHOLE)
    ).first()
    return (to_offer(row), row.round.code if row.round else None) if row else None


def load_offers(session: Session, mission_id: int) -> dict[str, tuple[Offer, str | None]]:
    """Every offer with the round it was first made in, by code."""
    return {
        r.code: (to_offer(r), r.round.code if r.round else None)
        for r in offer_rows(session, mission_id)
    }


def store_offer(
    session: Session,
    mission_id: int,
    offer: Offer,
    round_code: str | None,
    source: str,
    at: dt.datetime,
) -> None:
    """Write the offer's terms and the steps of its history not stored yet."""
    row = session.scalars(
        select(ForceOfferRow).where(
            ForceOfferRow.mission_id == mission_id, ForceOfferRow.code == offer.code
        )
    ).first()
    rounds = {
        r.code: r
        for r in session.scalars(
            select(ForceRoundRow).where(ForceRoundRow.mission_id == mission_id)
        )
    }
    line = line_row(session, mission_id, offer.line) if offer.line else None
    if row is None:
        row = ForceOfferRow(mission_id=mission_id, code=offer.code, source=source)
        row.round = rounds.get(round_code or "")
    row.nation, row.count, row.tour_months = offer.nation, offer.count, offer.tour_months
    row.start_date, row.end_date = offer.start, offer.end
    row.line = line
    row.qualification = offer.qualification
    row.rank_low = offer.rank_band.low.code if offer.rank_band else None
    row.rank_high = offer.rank_band.high.code if offer.rank_band else None
    row.caveats, row.reference, row.state = list(offer.caveats), offer.reference, offer.state.value
    session.add(row)
    for change in offer.history[len(row.events) :]:
        row.events.append(
            ForceOfferEventRow(
                at=at,
                state=change.state.value,
                on_date=change.on,
                round=rounds.get(change.round or ""),
                note=change.note,
            )
        )
    session.flush()

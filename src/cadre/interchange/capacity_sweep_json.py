"""A capacity sweep's ranges as JSON: what a sweep version stores, `--json` writes and the API
returns; and back."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cadre.domain.capacity.uncertainty import Band, HandoverRange, Sensitivity, SweepRanges


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _band(band: Band, digits: int = 3) -> dict[str, list[float]]:
    return {
        "p10": [round(v, digits) for v in band.p10],
        "p50": [round(v, digits) for v in band.p50],
        "p90": [round(v, digits) for v in band.p90],
    }


def ranges_to_json(ranges: SweepRanges) -> dict[str, Any]:
    return {
        "samples": ranges.samples,
        "stopped": ranges.stopped,
        "months": [m.isoformat() for m in ranges.months],
        "force": _band(ranges.force),
        "deployed": _band(ranges.deployed),
        "peak_force": {k: v[0] for k, v in _band(ranges.peak_force).items()},
        "unmet": {k: v[0] for k, v in _band(ranges.unmet).items()},
        "handovers": [
            {
                "subject": h.subject,
                "p10": _day(h.p10),
                "p50": _day(h.p50),
                "p90": _day(h.p90),
                "not_within_horizon": h.beyond,
            }
            for h in ranges.handovers
        ],
        "sensitivity": [
            {"input": s.input, "answer": s.answer, "rho": round(s.rho, 4)}
            for s in ranges.sensitivity
        ],
    }


def _band_from(data: dict[str, list[float]]) -> Band:
    return Band(tuple(data["p10"]), tuple(data["p50"]), tuple(data["p90"]))


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def ranges_from_json(data: dict[str, Any]) -> SweepRanges:
    return SweepRanges(
        samples=data["samples"],
        stopped=data["stopped"],
        months=tuple(dt.date.fromisoformat(m) for m in data["months"]),
        force=_band_from(data["force"]),
        deployed=_band_from(data["deployed"]),
        peak_force=_band_from({k: [v] for k, v in data["peak_force"].items()}),
        unmet=_band_from({k: [v] for k, v in data["unmet"].items()}),
        handovers=tuple(
            HandoverRange(
                h["subject"],
                _date(h["p10"]),
                _date(h["p50"]),
                _date(h["p90"]),
                h["not_within_horizon"],
            )
            for h in data["handovers"]
        ),
        sensitivity=tuple(
            Sensitivity(s["input"], s["answer"], s["rho"]) for s in data["sensitivity"]
        ),
    )

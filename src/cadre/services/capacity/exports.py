"""A capacity plan written out for people and other tools: its figures as JSON, its plots as
PNG and SVG files."""

from __future__ import annotations

import json
import pathlib
from typing import Any

from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.uncertainty import SweepRanges
from cadre.interchange.capacity_json import plan_to_json
from cadre.interchange.capacity_plots import write_plots, write_sweep_plots
from cadre.interchange.capacity_sweep_json import ranges_to_json


def plan_document(plan: CapacityPlan) -> dict[str, Any]:
    """The plan's figures as JSON, as `write_plan_json` writes them."""
    return plan_to_json(plan)


def write_plan_json(plan: CapacityPlan, path: pathlib.Path) -> None:
    path.write_text(json.dumps(plan_document(plan), indent=1), encoding="utf-8")


def write_plan_plots(plan: CapacityPlan, folder: pathlib.Path) -> list[pathlib.Path]:
    return write_plots(plan, folder)


def sweep_document(ranges: SweepRanges) -> dict[str, Any]:
    """A sweep's ranges as JSON, as the API returns them."""
    return ranges_to_json(ranges)


def write_sweep_plot_files(ranges: SweepRanges, folder: pathlib.Path) -> list[pathlib.Path]:
    return write_sweep_plots(ranges, folder)

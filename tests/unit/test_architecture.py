"""The house plan in docs/architecture.md is held against the code: its picture names every
package there is (and no other), rows in the order the layers contract gives, and every
import-linter contract is named in its table, so the page cannot drift from the code."""

from __future__ import annotations

import pathlib
import re
import tomllib

import cadre

ROOT = pathlib.Path(__file__).resolve().parents[2]
SRC = pathlib.Path(cadre.__file__).parent
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
PICTURE = DOC.split("## The rooms and the arrows", 1)[1].split("```")[1]
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
    "contracts"
]


def _packages(folder: pathlib.Path) -> set[str]:
    return {
        p.stem if p.is_file() else p.name
        for p in folder.iterdir()
        if (p.is_dir() and (p / "__init__.py").exists())
        or (p.suffix == ".py" and p.name != "__init__.py")
    }


def _row(name: str) -> set[str]:
    """The parts the picture lists beside `cadre.<name>`, on its line and the lines after."""
    lines = PICTURE.splitlines()
    start = next(i for i, line in enumerate(lines) if f"cadre.{name} " in line)
    text = lines[start].split(f"cadre.{name}", 1)[1]
    for line in lines[start + 1 :]:
        if "cadre." in line or not line.strip(" │"):
            break
        text += " " + line
    return set(re.findall(r"[a-z_0-9]+", text.replace("─ over ─", " "))) - {"over"}


def test_the_picture_names_every_top_level_part_and_no_other() -> None:
    named = set(re.findall(r"cadre\.([a-z_]+)", PICTURE))
    top = {p for p in _packages(SRC) if p not in ("__main__",)}
    assert named == top


def test_the_picture_lists_every_capability_of_the_services_and_of_the_domain() -> None:
    services = _packages(SRC / "services")
    domain = {p for p in _packages(SRC / "domain") if (SRC / "domain" / p).is_dir()}
    shown_services = _row("services")
    shown_domain = _row("domain")
    assert (services - shown_services, shown_services - services) == (set(), set())
    assert domain - shown_domain == set()


def test_the_pictures_rows_follow_the_layers_contract() -> None:
    layers = next(c for c in CONTRACTS if c["name"].startswith("Imports point inward"))["layers"]
    order = [re.findall(r"cadre\.([a-z_]+)", layer) for layer in layers]
    lines = PICTURE.splitlines()

    def line_of(part: str) -> int:
        return next(i for i, line in enumerate(lines) if f"cadre.{part}" in line)

    rows = [sorted({line_of(part) for part in layer}) for layer in order]
    assert all(len(row) == 1 for row in rows), rows  # one layer, one row
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)


def test_every_import_contract_is_named_in_the_house_plan() -> None:
    assert [c["name"] for c in CONTRACTS if f'"{c["name"]}"' not in DOC] == []

"""The house in figures: modules per package (services per capability), modules over 300 lines,
and the longest functions, counted over `src/cadre` (migrations left out: they are history).

    .venv/bin/python bench/house.py [SOURCE_ROOT]      # or: make house
"""

from __future__ import annotations

import ast
import collections
import pathlib
import sys

LONG_MODULE = 300


def _package(relative: pathlib.Path) -> str:
    parts = relative.parts
    if parts[0] == "services" and len(parts) > 2:
        return "/".join(parts[:2])
    return parts[0] if len(parts) > 1 else "(top)"


def main(root: pathlib.Path) -> None:
    source = root / "src" / "cadre"
    modules: collections.Counter[str] = collections.Counter()
    long_modules: list[tuple[int, str]] = []
    functions: list[tuple[int, str]] = []
    for path in sorted(source.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        relative = path.relative_to(source)
        modules[_package(relative)] += 1
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > LONG_MODULE:
            long_modules.append((text.count("\n"), str(relative)))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                functions.append((length, f"{relative}:{node.name}"))
    print(f"modules: {sum(modules.values())}")
    for package, count in sorted(modules.items()):
        print(f"  {package}: {count}")
    print(f"modules over {LONG_MODULE} lines: {len(long_modules)}")
    for lines, name in sorted(long_modules, reverse=True):
        print(f"  {lines} {name}")
    print("longest functions:")
    for lines, name in sorted(functions, reverse=True)[:8]:
        print(f"  {lines} {name}")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).parents[1])

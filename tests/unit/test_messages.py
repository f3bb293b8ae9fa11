"""Messages belong to no edge: below the edges an error carries a code and the values it names,
in a sentence that names no command, flag, page or button; the command line and the web app
each say it in their own words (the web in the reader's language)."""

from __future__ import annotations

import ast
import pathlib
import re

import pytest

import cadre
from cadre.cli import messages as cli_messages
from cadre.domain.errors import InvalidInput, NotFound, Problem
from cadre.web import i18n
from cadre.web import messages as web_messages

SRC = pathlib.Path(cadre.__file__).parent
BELOW_THE_EDGES = ("domain", "solvers", "services", "storage", "interchange", "access")
ERRORS = {
    "CadreError",
    "NotFound",
    "InvalidInput",
    "Conflict",
    "Forbidden",
    "Infeasible",
    "NotAuthenticated",
    "Throttled",
    "Problem",
}
COMMAND = re.compile(
    r"`cadre\b|\bcadre (?:plan|schedule|import|export|force|user|serve|demo|coord|token|audit"
    r"|backup|restore|worker|validate|show|itc2007)\b"
)
FLAG = re.compile(r"(?:^|[\s`(\"'])--[a-z][a-z0-9_-]*")


def _modules() -> list[pathlib.Path]:
    return [p for part in BELOW_THE_EDGES for p in sorted((SRC / part).rglob("*.py"))]


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        kinds = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        if isinstance(node, kinds) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _texts(node: ast.AST) -> list[ast.Constant]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def test_no_message_below_the_edges_names_a_command_or_a_flag() -> None:
    found = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        where = path.relative_to(SRC)
        found += [
            f"{where}:{text.lineno}: {text.value!r}"
            for text in _texts(tree)
            if id(text) not in docs and COMMAND.search(text.value)
        ]
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            if _name(call) in ERRORS:
                found += [
                    f"{where}:{text.lineno}: {text.value!r}"
                    for text in _texts(call)
                    if FLAG.search(text.value)
                ]
    assert found == []


def _prefixes(tree: ast.AST) -> dict[str, str]:
    """A module's refusal helpers, `def _refusal(reason, code, ...)` that raise
    `code=f"enrolment.{code}"`: each helper's name and its prefix."""
    found = {}
    for helper in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        for keyword in (k for n in ast.walk(helper) if isinstance(n, ast.Call) for k in n.keywords):
            value = keyword.value
            if keyword.arg == "code" and isinstance(value, ast.JoinedStr) and value.values:
                head = value.values[0]
                if isinstance(head, ast.Constant):
                    found[helper.name] = str(head.value)
    return found


def _codes_raised() -> set[str]:
    """The codes of the errors raised (by a refusal helper too) and of the phases reported
    (`Phase(code, ...)`)."""
    codes = set()
    for path in _modules():
        tree = ast.parse(path.read_text())
        helpers = _prefixes(tree)
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            first = call.args[0] if call.args else None
            if _name(call) in ("Phase", "said") and isinstance(first, ast.Constant):
                codes.add(str(first.value))
            second = call.args[1] if len(call.args) > 1 else None
            if _name(call) in helpers and isinstance(second, ast.Constant):
                codes.add(helpers[_name(call)] + str(second.value))
            for keyword in call.keywords:
                value = keyword.value
                if keyword.arg == "code" and isinstance(value, ast.Constant):
                    codes.add(str(value.value))
                elif keyword.arg == "code" and isinstance(value, ast.IfExp):
                    codes |= {
                        str(v.value)
                        for v in (value.body, value.orelse)
                        if isinstance(v, ast.Constant)
                    }
    return codes


@pytest.mark.parametrize("edge", [cli_messages.WORDS, web_messages.WORDS], ids=["cli", "web"])
def test_every_code_an_edge_has_words_for_is_raised_below_the_edges(edge: dict[str, str]) -> None:
    assert set(edge) - _codes_raised() == set()


def test_the_command_line_names_the_flag_the_core_does_not() -> None:
    problem = Problem(
        "atrition: not a planning figure; one of attrition, lag",
        field="atrition",
        code="planning.unknown_figure",
        params={"figure": "atrition", "figures": "attrition, lag"},
    )
    assert cli_messages.problem_text(problem) == (
        "atrition: --set atrition: not a planning figure; one of attrition, lag"
    )


def test_the_command_line_names_the_command_that_makes_a_missing_plan() -> None:
    error = NotFound("capacity plan of TINY: no version yet", code="plan.none", kind="capacity")
    other = NotFound("force plan of TINY: no version yet", code="plan.none", kind="force")
    assert (cli_messages.error_text(error), cli_messages.error_text(other)) == (
        "capacity plan of TINY: no version yet; run `cadre plan capacity` first",
        "force plan of TINY: no version yet",
    )


def test_an_error_without_words_at_the_edge_keeps_the_cores_sentence() -> None:
    error = InvalidInput("a pledge file is an .xlsx workbook or a .csv file")
    assert cli_messages.error_text(error) == "a pledge file is an .xlsx workbook or a .csv file"
    assert str(web_messages.error_markup(error)) == (
        '<bdi lang="en" dir="ltr">a pledge file is an .xlsx workbook or a .csv file</bdi>'
    )


def test_the_web_says_it_in_arabic_naming_the_page_and_escapes_the_values() -> None:
    error = NotFound("there is no timetable yet", code="timetable.none")
    problem = Problem(
        "<b>x</b>=y: not a number",
        code="planning.not_a_number",
        params={"figure": "<b>x</b>", "value": "y"},
    )
    token = i18n.current.set(i18n.LANGUAGES["ar"])
    try:
        arabic = (str(web_messages.error_markup(error)), str(web_messages.problem_markup(problem)))
    finally:
        i18n.current.reset(token)
    english = str(web_messages.error_markup(error))
    assert arabic == (
        "لا يوجد جدول زمني بعد؛ يبدأه المخطط من «تخطيط الجدول الزمني» في صفحة الجدول الزمني.",
        # escaped, and each word in Latin letters it quotes marked as such
        '&lt;<bdi lang="en" dir="ltr">b</bdi>&gt;<bdi lang="en" dir="ltr">x</bdi>&lt;/'
        '<bdi lang="en" dir="ltr">b</bdi>&gt;: «<bdi lang="en" dir="ltr">y</bdi>» ليس رقماً.',
    )
    assert english == (
        "There is no timetable yet; a planner starts one under “Plan the timetable” on the "
        "Timetable page."
    )

"""Reading scenario files: shapes, positions of problems, and the shipped JSON Schema."""

from __future__ import annotations

import json

import pytest

from cadre.domain.errors import InvalidInput, Problem
from cadre.interchange.scenario_file import dump_scenario, parse_scenario
from cadre.interchange.schema import json_schema
from tests.conftest import EXAMPLES, ROOT

TINY = (EXAMPLES / "tiny.yaml").read_text(encoding="utf-8")


def problems(text: str) -> list[Problem]:
    with pytest.raises(InvalidInput) as caught:
        parse_scenario(text, "s.yaml")
    return list(caught.value.problems)


def test_yaml_syntax_error_is_located() -> None:
    assert problems("mission:\n  code: [unclosed\n") == [
        Problem(
            "the YAML is not well formed: a flow sequence is not closed (expected ',' or ']', "
            "but got '<stream end>')",
            file="s.yaml",
            line=2,
            column=9,
        )
    ]


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_a_date_that_does_not_exist_is_reported_at_its_line() -> None:
    found = problems(TINY.replace("end: 2020-12-31", "end: 2020-02-30", 1))
    assert [(p.line, p.field, p.reason) for p in found] == [
        (
            line_of(TINY, "end: 2020-12-31"),
            "mission.end",
            "mission: field end must be a date written YYYY-MM-DD, not '2020-02-30'",
        )
    ]


def test_true_is_not_taken_for_a_number() -> None:
    found = problems(TINY.replace("duration_days: 25", "duration_days: true"))
    assert [p.reason for p in found] == [
        "course CIED-101: field duration_days must be a number, not true"
    ]


def test_a_code_too_long_for_storage_is_refused_at_its_line() -> None:
    found = problems(TINY.replace("code: TINY", f"code: {'X' * 65}", 1))
    assert [(p.line, p.reason) for p in found] == [
        (line_of(TINY, "code: TINY"), "mission: field code must be at most 64 characters long")
    ]


def test_a_list_naming_a_member_twice_points_at_the_second() -> None:
    found = problems(
        TINY.replace("prerequisites: [CIED-101]", "prerequisites: [CIED-101, CIED-101]")
    )
    assert [(p.field, p.reason) for p in found] == [
        ("courses[1].prerequisites[1]", "course CIED-TTT lists prerequisite CIED-101 twice")
    ]


def test_an_unknown_member_of_a_set_points_at_the_member() -> None:
    text = TINY.replace("allowed_regions: [Baghdad]", "allowed_regions: [Baghdad, Anbar]")
    line = line_of(text, "Anbar")
    column = text.splitlines()[line - 1].index("Anbar") + 1
    assert [(p.line, p.column, p.field) for p in problems(text)] == [
        (line, column, "caveats[0].allowed_regions[1]")
    ]


def test_an_empty_file_says_so() -> None:
    assert [str(p) for p in problems("# nothing yet\n")] == [
        "s.yaml, line 1, column 1: the file is empty"
    ]


def test_duplicate_key_is_located_at_the_second() -> None:
    found = problems(TINY.replace("  code: TINY\n", "  code: TINY\n  code: TINY2\n"))
    assert [(p.line, "duplicate key" in p.reason) for p in found] == [(6, True)]


def test_unknown_field_suggests_the_right_name() -> None:
    found = problems(TINY.replace("    duration_days: 25", "    duraton_days: 25"))
    assert [(p.field, p.reason) for p in found] == [
        ("courses[0].duration_days", "course CIED-101 is missing the field duration_days"),
        (
            "courses[0].duraton_days",
            "course CIED-101 has an unknown field duraton_days (did you mean duration_days?)",
        ),
    ]


def test_wrong_enum_value_lists_the_allowed_ones() -> None:
    found = problems(
        TINY.replace(
            "kind: training_centre\n    region: Baghdad\n    rooms:\n      - {code: TAJI",
            "kind: barracks\n    region: Baghdad\n    rooms:\n      - {code: TAJI",
        )
    )
    line = next(n for n, text in enumerate(TINY.splitlines(), 1) if "training_centre" in text)
    assert [(p.line, p.column, p.reason) for p in found] == [
        (
            line,
            11,
            "site TAJI: field kind must be one of 'school', 'academy', 'training_centre', "
            "'headquarters' or 'abroad', not 'barracks'",
        ),
    ]


def test_a_file_that_is_not_a_mapping_is_refused() -> None:
    assert [p.reason for p in problems("- just\n- a list\n")] == [
        "a scenario file must be a mapping with a mission: section at its top"
    ]


def test_written_scenario_reads_back_equal() -> None:
    scenario = parse_scenario(TINY)
    assert parse_scenario(dump_scenario(scenario)) == scenario


def test_shipped_json_schema_is_the_generated_one() -> None:
    shipped = ROOT / "src" / "cadre" / "interchange" / "scenario.schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == json_schema(), (
        "run `make schema` to regenerate the shipped JSON Schema"
    )


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """Nine levels of nine aliases: 540 bytes that stand for 9**9 values."""
    lines = [f"x0: &x0 [{', '.join(['lol'] * width)}]"]
    lines += [f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_before_a_valid_scenario_is_refused_at_the_alias_that_passes_the_limit() -> (
    None
):
    found = problems(alias_bomb() + TINY)
    assert [(p.line, p.column, p.code, dict(p.params)) for p in found] == [
        (5, 10, "yaml.alias_expansion", {"alias": "x3", "limit": 10_000})
    ]


def test_an_alias_inside_the_value_it_names_is_refused() -> None:
    found = problems("mission: &m {code: *m}\n")
    assert [(p.line, p.column, p.code) for p in found] == [(1, 20, "yaml.alias_recursive")]


def test_the_example_s_shared_holiday_lists_are_still_read_through_their_aliases() -> None:
    text = (EXAMPLES / "nmi-2018.yaml").read_text(encoding="utf-8")
    assert "*iraq_holidays" in text
    scenario = parse_scenario(text, "nmi-2018.yaml")
    lists = {site.holidays for site in scenario.sites if site.holidays}
    assert len(lists) == 2


@pytest.mark.parametrize(
    ("line", "written", "reason"),
    [
        ("end: 2020-12-31", "end: 9999-12-31", "mission: field end must be at most 2199-12-31"),
        ("duration_days: 25", "duration_days: 1e9", "field duration_days must be at most 3,650"),
        ("duration_days: 25", "duration_days: .nan", "field duration_days must be a finite"),
        ("pass_rate: 0.85", "pass_rate: .nan", "field pass_rate must be a finite number, not nan"),
        ("pass_rate: 0.85", "pass_rate: .inf", "field pass_rate must be a finite number, not inf"),
        (
            "pass_rate: 0.85",
            "pass_rate: -.inf",
            "field pass_rate must be a finite number, not -inf",
        ),
    ],
)
def test_dates_past_the_plannable_range_and_numbers_that_are_not_finite_are_refused_at_their_line(
    line: str, written: str, reason: str
) -> None:
    assert line in TINY
    found = problems(TINY.replace(line, written, 1))
    assert [(p.line, reason in p.reason) for p in found] == [(line_of(TINY, line), True)]


@pytest.mark.parametrize(
    ("line", "written", "character"),
    [
        ("code: TINY", 'code: "TI\\u202eNY"', "U+202E"),  # right-to-left override
        ("code: TINY", 'code: "TI\\u2066NY"', "U+2066"),  # left-to-right isolate
        ("code: TINY", 'code: "TI\\r\\nNY"', "U+000D"),
        ("code: TINY", 'code: "TI\\x07NY"', "U+0007"),
        ("code: CIED-101", 'code: "CIED-101\\n"', "U+000A"),
    ],
)
def test_control_characters_line_breaks_and_direction_overrides_are_refused_in_codes_and_names(
    line: str, written: str, character: str
) -> None:
    found = problems(TINY.replace(line, written, 1))
    assert [(p.line, p.reason.endswith(f"direction overrides ({character})")) for p in found] == [
        (line_of(TINY, line), True)
    ]
    assert not {"\r", "\n"} & set(found[0].reason)


def test_the_uncertainty_section_reads_back_equal_and_is_left_out_when_empty() -> None:
    text = (EXAMPLES / "tiny.yaml").read_text(encoding="utf-8")
    assert "uncertainty" not in dump_scenario(parse_scenario(text))
    stated = (
        text
        + "uncertainty:\n"
        + "  attrition: {distribution: triangular, low: 0.01, mode: 0.02, high: 0.04}\n"
        + "  vetting_yield: {distribution: beta, low: 0.5, high: 1.0, alpha: 8, beta: 2}\n"
    )
    scenario = parse_scenario(stated)
    assert scenario.uncertainty.attrition is not None
    assert scenario.uncertainty.attrition.mode == 0.02
    assert scenario.uncertainty.pass_rate is None
    assert parse_scenario(dump_scenario(scenario)) == scenario

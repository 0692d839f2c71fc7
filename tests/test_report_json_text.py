"""``report.indented_json`` writes what ``json.dumps(value, ensure_ascii=False, indent=2)`` writes, byte for byte, on
every kind of value a report holds and a few it never does; a value JSON cannot hold is the same TypeError."""

from __future__ import annotations

import enum
import json
import math

import pytest

from claimcheck.report import indented_json, render_json


class Kind(str, enum.Enum):
    DATE = "date"


class Rank(enum.IntEnum):
    FIRST = 1


VALUES = [
    {},
    [],
    (),
    "",
    None,
    True,
    False,
    0,
    -17,
    10**30,
    0.1,
    -2.5e-12,
    1e22,
    float("nan"),
    math.inf,
    -math.inf,
    "Kim Jong-un said “beautiful” \"letters\"\n\t\\ \u2028 é 北朝鮮 \x00 \x1f",
    {"a": [], "b": {}, "c": [{}], "d": [[1, [2, []]], {"e": {"f": None}}]},
    {3: "int key", 2.5: "float key", True: "bool key", None: "none key", "s": "str key"},
    {"kind": Kind.DATE, "rank": Rank.FIRST, "tuple": (1, "two", (3.0,))},
    [{"finding": {"conflicts": [{"values": [["a.txt", "2019"], ["b.txt", "2020"]], "similarity": 0.8731}]}}],
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_indented_json_is_json_dumps_byte_for_byte(value: object) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("level", [1, 2, 3])
def test_indented_json_at_a_level_is_json_dumps_with_its_lines_indented(level: int) -> None:
    value = VALUES[17]
    assert indented_json(value, level=level) == json.dumps(value, ensure_ascii=False, indent=2).replace(
        "\n", "\n" + "  " * level)


def test_render_json_is_json_dumps_with_a_trailing_newline() -> None:
    data = {"format_version": 2, "findings": VALUES[17:], "warnings": []}
    assert render_json(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("value", [{"a": {1, 2}}, [object()], {("tuple", "key"): 1}])
def test_a_value_json_cannot_hold_is_a_type_error_as_in_json_dumps(value: object) -> None:
    with pytest.raises(TypeError):
        json.dumps(value, ensure_ascii=False, indent=2)
    with pytest.raises(TypeError):
        indented_json(value)

"""``report.indented_json``'s container loops write a value of an exact built-in type in place and hand anything
else to the general path: each kind of value, in a dict and in a list, at any level, is still what
``json.dumps(value, ensure_ascii=False, indent=2)`` writes, and a value JSON cannot hold is still a TypeError."""

from __future__ import annotations

import enum
import json
import math

import pytest

from claimcheck.report import indented_json


class Kind(str, enum.Enum):
    DATE = "date"


class Rank(enum.IntEnum):
    FIRST = 1


class Text(str):
    pass


class Count(int):
    def __repr__(self) -> str:  # json writes int.__repr__, never a subclass's own
        return "Count!"


class Share(float):
    def __repr__(self) -> str:  # json writes float.__repr__, never a subclass's own
        return "Share!"


class Mapping(dict):  # type: ignore[type-arg]
    pass


class Items(list):  # type: ignore[type-arg]
    pass


SCALARS = ["", "é 北 \"q\" \\ \n \x00 \u2028", Text("sub"), Kind.DATE, None, True, False, 0, -7, 10**40, Rank.FIRST,
           Count(5), 0.5, -1e-300, 1e22, 3.0, Share(0.25), math.nan, math.inf, -math.inf]
CONTAINERS = [{}, [], (), {"a": {}}, {"a": []}, [[]], [{}], [()], ((1,), [2]), Mapping(x=1), Items([1, "a"]),
              {"t": (1, "two", (3.0, None))}, [[[[1]]], {"b": [{"c": {"d": [True]}}]}]]
KEYS = ["s", Text("sub"), Kind.DATE, 3, -4, Rank.FIRST, Count(9), True, False, None, 2.5, Share(1.5), math.nan,
        math.inf, -math.inf, 10**30]


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", SCALARS + CONTAINERS, ids=range(len(SCALARS + CONTAINERS)))
def test_each_kind_of_value_alone_in_a_dict_and_in_a_list(value: object) -> None:
    for holder in (value, [value], {"k": value}, [1, value, "x"], {"a": 1, "k": value, "z": "x"},
                   (value,), Mapping(k=value), Items([value])):
        assert indented_json(holder) == _dumps(holder)


def test_every_kind_of_value_side_by_side() -> None:
    values = SCALARS + CONTAINERS
    data = {"list": values, "dict": {f"k{i}": v for i, v in enumerate(values)}, "tuple": tuple(values),
            "deep": [{"x": values, "y": [values, {"z": values}]}]}
    assert indented_json(data) == _dumps(data)


@pytest.mark.parametrize("level", [0, 1, 4])
def test_every_kind_of_value_at_a_level(level: int) -> None:
    data = [{"a": SCALARS, "b": CONTAINERS}]
    assert indented_json(data, level=level) == _dumps(data).replace("\n", "\n" + "  " * level)


@pytest.mark.parametrize("key", KEYS, ids=range(len(KEYS)))
def test_each_kind_of_key(key: object) -> None:
    for value in ("v", 1, None, [1], {"n": {}}):
        assert indented_json({key: value}) == _dumps({key: value})
        assert indented_json([{"a": 1, key: value}]) == _dumps([{"a": 1, key: value}])


@pytest.mark.parametrize("value", [[1, {2}], {"a": [object()]}, {"a": {"b": b"bytes"}}, [{(1, 2): "tuple key"}],
                                   {"a": 1, frozenset(): 2}, [1j]])
def test_a_value_json_cannot_hold_deep_inside_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError):
        _dumps(value)
    with pytest.raises(TypeError):
        indented_json(value)

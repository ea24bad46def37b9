"""The one-pass construction of YAML data gives what PyYAML's safe constructor gives.

For the fixtures, for the YAML features records may hold (aliases, dates, long numbers,
repeated keys, non-text keys) and for YAML texts made from random data, the data and the
repeated keys noted are those of PyYAML's constructor; for what the pass leaves to PyYAML
(merge keys, explicit tags, recursive aliases, a bad scalar) it says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cls_check.model import yaml_build, yaml_safety

FIXTURES = sorted((Path(__file__).resolve().parents[2] / "fixtures").glob("*.yaml"))

USUAL = [
    "a: &x {b: [1, 2]}\nc: *x\nd: *x\n",
    "date: 1998-05-14\nquand: 2001-01-01 10:00:00\noui: yes\nnon: Off\nrien: ~\n",
    "n: " + "9" * 5000 + "\noctal: 012\nhex: 0x1F\nsexa: 1:30\nf: .inf\nnan: .nan\n",
    "a: 1\nb: {a: 2, a: 3}\na: 4\n",
    "1: un\n1.5: x\ntrue: vrai\n~: nul\n2001-01-01: date\n'1': texte\n",
    "liste:\n- - a\n  - b\n- {c: d}\n- []\n- {}\n",
    '"é": "\\u00e9"\nplié: |\n  deux\n  lignes\n',
    "a: !!str 12\nb: !!int '7'\n",
]
UNUSUAL = [
    "base: &b {x: 1}\nautre:\n  <<: *b\n  y: 2\n",
    "a: !!set {x, y}\n",
    "a: !!binary aGVsbG8=\n",
    "a: &r [*r]\n",
    "? [a, b]\n: c\n",
    "a: 2001-02-30\n",
]


def constructed(text: str) -> tuple[Any, list[tuple[int, int]]]:
    loader = yaml_safety.RecordYamlLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root)
        return data, lines(loader.duplicates)
    finally:
        loader.dispose()


def built(text: str) -> tuple[Any, list[tuple[int, int]]]:
    loader = yaml_safety.RecordYamlLoader(text)
    try:
        data, duplicates = yaml_build.build(loader, loader.get_single_node())
        return data, lines(duplicates)
    finally:
        loader.dispose()


def lines(duplicates: list[yaml_build.Duplicate]) -> list[tuple[int, int]]:
    return sorted((first.start_mark.line, key.start_mark.line) for _, first, key in duplicates)


def same(a: Any, b: Any) -> bool:
    """Equal, with the same types (``1`` is not ``True``), NaN equal to NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, float) and a != a:
        return b != b
    return bool(a == b)


@pytest.mark.parametrize("text", [p.read_text(encoding="utf-8") for p in FIXTURES] + USUAL)
def test_usual_trees_are_built_as_pyyaml_builds_them(text: str) -> None:
    expected, expected_duplicates = constructed(text)
    data, duplicates = built(text)
    assert same(data, expected)
    assert duplicates == expected_duplicates


@pytest.mark.parametrize("text", UNUSUAL)
def test_the_rest_is_left_to_pyyaml(text: str) -> None:
    with pytest.raises(yaml_build.Unusual):
        built(text)


def test_an_alias_gives_one_object_as_with_pyyaml() -> None:
    data, _ = built(USUAL[0])
    assert data["a"] is data["c"] is data["d"]


KEYS = st.text(max_size=6) | st.integers() | st.booleans() | st.dates()
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None)
@given(VALUES, st.sampled_from([False, True]))
def test_yaml_made_from_random_data_is_built_as_pyyaml_builds_it(value: Any, flow: bool) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True)
    expected, _ = constructed(text)
    data, _ = built(text)
    assert same(data, expected)

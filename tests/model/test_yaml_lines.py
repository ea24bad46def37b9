"""Reading YAML line by line gives what libyaml gives, or leaves the text to libyaml.

The reference is the libyaml reading of :mod:`cls_check.model.parse_yaml` (the data, the
repeated keys, the errors). On every fixture and on the usual shapes of a record, the line
reading must answer, and answer the same; on what it leaves to libyaml, it must say so; on
random texts made of record-like lines (most of them broken YAML), it must never answer
when libyaml refuses the text or reads something else.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cls_check.errors import RecordError
from cls_check.model.parse_yaml import parse_yaml, read_with_libyaml
from cls_check.model.yaml_lines import Unusual, read_block_yaml
from tests.model.test_yaml_build import FIXTURES, same

USUAL = [
    "date: 1998-05-14\nquand: 2001-01-01 10:00:00\noui: yes\nnon: Off\nrien: ~\nvide:\n",
    "octal: 012\nhex: 0x1F\nsexa: 1:30\nmille: 1_000\nf: .inf\nnan: .nan\nmoins: -5\n",
    "long: " + "9" * 5000 + "\n",
    "liste:\n- a\n- 'b'\n-\n- c: 1\n  d:\n  - e\nautre: [a, l'îlot, yes, 12]\n",
    "a:\n  b:\n    - x\n    - y\n  c: {valeur: 16, unite: patrouilles par mois}\nd: {}\ne: []\n",
    "# en-tête\n---\na: 1   # commentaire\n\n  # indenté\nb: 'a # b'\nc: \"x: y\"\n",
    "a: un texte\n  sur deux lignes\nb:\n- un élément\n  qui continue\n- c: d\n    e f\n",
    "a: 1\r\nb:\r\n  - x\r\n",
    "url: http://exemple.fr/a#b\ntexte: l'apostrophe d'un mot\nneutre: '' \nguillemets: \"\"\n",
    "tiret-cle: -x\ncle_2: x:y\nespaces:   deux   mots  \ninsecable: a\u00a0\n",
]
UNUSUAL = [
    "",
    "# rien\n",
    "- a\n- b\n",
    "texte\n",
    "  a: 1\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 12\n",
    "a: |\n  deux\n  lignes\n",
    'a: "\\u00e9"\n',
    "a: 'sur\n  deux lignes'\n",
    "a: [[b]]\n",
    "a: {b: {c: 1}}\n",
    '"a": 1\n',
    "clé_é: 1\n",
    "1: un\n",
    "yes: oui\n",
    "a: 1\na: 2\n",
    "a: {b: 1, b: 2}\n",
    "a:\n\t- b\n",
    "a:\n- - b\n",
    "a: 1\n b: 2\n",
    "a:\n  b: 1\n c: 2\n",
    "a: b: c\n",
    "a: 2023-02-30\n",
    "<<: {a: 1}\n",
    "a: 1\n...\n",
    "a: 1\n---\nb: 2\n",
    "a: 'non fermé\n",
    "a: @x\n",
    "a: un\n\n  après une ligne vide\n",
    "a: \x07\n",
    "a: 1\u2028b: 2\n",
]


def libyaml(text: str) -> tuple[Any, bool] | None:
    """libyaml's data and whether it found repeated keys, or None when it refuses."""
    try:
        data, tree = read_with_libyaml(text, "contrat.yaml")
    except RecordError:
        return None
    return data, bool(tree.problems)


def agrees(text: str) -> bool:
    """Whether the line reading answered; when it did, that it answered as libyaml."""
    try:
        data = read_block_yaml(text)
    except Unusual:
        return False
    reference = libyaml(text)
    assert reference is not None, f"read, though libyaml refuses it: {text!r}"
    expected, repeated = reference
    assert not repeated, f"read, though libyaml finds a repeated key: {text!r}"
    assert same(data, expected), f"{text!r}: {data!r} ≠ {expected!r}"
    return True


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_fixture_is_read_by_lines_as_libyaml_reads_it(path: Path) -> None:
    assert agrees(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", USUAL)
def test_the_usual_shapes_of_a_record_are_read_by_lines(text: str) -> None:
    assert agrees(text)


@pytest.mark.parametrize("text", UNUSUAL)
def test_the_rest_is_left_to_libyaml(text: str) -> None:
    with pytest.raises(Unusual):
        read_block_yaml(text)


def test_a_record_read_by_lines_has_its_line_numbers_when_a_problem_needs_them() -> None:
    data, tree = parse_yaml("format: cls/1\nstatut: signe\nsignataires:\n- role: roi\n", "c.yaml")
    assert data["signataires"] == [{"role": "roi"}]
    root = tree.compose()
    assert root is not None
    role = root.value[2][1].value[0].value[0][1]
    assert (role.value, role.start_mark.line + 1) == ("roi", 4)


# ------------------------------------------------------------------- random texts

#: Keys and values read by lines (the first ones) and others, that are not.
KEYS = ["a", "b", "c", "d", "e", "f", "nom", "role", "x-y", "a_2"]
ODD_KEYS = ["1", "yes", "null", "é", "'q'", '"q"', "a b", "<<", "? a", "a:b"]
VALUES = [
    *["1", "-5", "012", "0x1F", "1_000", "1:30", "1.5", ".inf", "1e3", "yes", "No", "OFF"],
    *["y", "~", "null", "NULL", "true", "1998-05-14", "2001-01-01 10:00:00", "texte"],
    *["deux mots", "l'îlot", "a #b", "a#b", "x:y", "http://x.fr", "'simple'", "'it''s'"],
    *["'a # b'", "''", '""', '"double"', "[]", "[a, b]", "[a,b]", "[ a , b ]", "{}"],
    *["[l'îlot, yes, 12]", "{a: 1}", "{a: 1, b: x y}", "é", "\u00a0x", "x # commentaire"],
]
ODD_VALUES = [
    *["2023-02-30", "x: y", "fin:", '"esc\\n"', "'non fermé", "[a, ]", "[[a]]", "[a"],
    *["{a: 1, a: 2}", "{a:1}", "&ancre x", "*alias", "!!str 1", "|", ">", "%x", "@x"],
    *["- x", "-x", "? x", ": x", "#", "a\tb", "\x07", "-", "- - x", "=", "<<"],
]
BROKEN = [
    "{key}: {value}", "{key}:", "- {value}", "-", "- {key}: {value}", "# commentaire", "",
    "   ", "---", "...", "{value}", "{key} : {value}", "{key}:{value}", "\t{key}: 1",
]  # fmt: skip


def random_text(rng: random.Random) -> str:
    """A record-like text: nested mappings and sequences of values that are sometimes not
    what they seem, indented by 2 or 4, with comments, blank lines, plain scalars going on
    over the next line; then, one time in two, a line broken or moved."""
    step = rng.choice([2, 4])
    lines: list[str] = []

    def value() -> str:
        return rng.choice(ODD_VALUES if rng.random() < 0.03 else VALUES)

    def key() -> str:
        return rng.choice(ODD_KEYS if rng.random() < 0.03 else KEYS)

    def block(indent: int, depth: int) -> None:
        mapping = not lines or rng.random() < 0.6
        for _ in range(rng.randint(1, 4)):
            pad = " " * indent
            head = f"{pad}{key()}:" if mapping else f"{pad}-"
            if depth < 3 and rng.random() < 0.3:
                lines.append(head)
                inner = indent + step
                if mapping and rng.random() < 0.3:
                    inner = indent  # an indentless sequence, if it is one
                block(inner, depth + 1)
            elif not mapping and depth < 3 and rng.random() < 0.3:
                lines.append(f"{head} {key()}: {value()}")
                for _ in range(rng.randint(0, 2)):
                    lines.append(f"{pad}  {key()}: {value()}")
            else:
                lines.append(f"{head} {value()}")
                if rng.random() < 0.1:
                    lines.append(f"{pad}{' ' * rng.choice([1, step])}{rng.choice(VALUES[19:25])}")
            if rng.random() < 0.1:
                lines.append(rng.choice(["", f"{pad}# commentaire", "#"]))

    block(0, 0)
    if rng.random() < 0.3:
        where = rng.randrange(len(lines))
        moved = rng.choice([-2, -1, 1, 2])
        lines[where] = " " * max(0, len(lines[where]) - len(lines[where].lstrip()) + moved) + (
            lines[where].lstrip()
            if rng.random() < 0.5
            else rng.choice(BROKEN).format(key=key(), value=rng.choice(VALUES + ODD_VALUES))
        )
    end = rng.choice(["\n", "\n", "\r\n"])
    return end.join(lines) + end * rng.randint(0, 1)


@settings(max_examples=300)
@given(st.randoms(use_true_random=False))
def test_random_texts_are_read_as_libyaml_reads_them_or_left_to_it(rng: random.Random) -> None:
    agrees(random_text(rng))


def test_random_texts_are_often_read_by_lines() -> None:
    """The property above is not vacuous: many of its texts are read by lines, and agree."""
    rng = random.Random(19971028)
    read = sum(agrees(random_text(rng)) for _ in range(2000))
    assert 600 < read < 1800


@settings(max_examples=200)
@given(st.sampled_from(FIXTURES), st.integers(min_value=0), st.sampled_from(list(" -:#'\"[]{},\n")))
def test_a_fixture_with_one_character_changed_is_read_as_libyaml_reads_it(
    path: Path, where: int, character: str
) -> None:
    text = path.read_text(encoding="utf-8")
    where %= len(text)
    agrees(text[:where] + character + text[where:])
    agrees(text[:where] + text[where + 1 :])

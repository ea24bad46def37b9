"""Fuzzing the front end with the bundled rules, damaged: only RuleFileError comes out.

Each example takes one bundled rule file and damages it a few times — a word deleted,
duplicated or swapped with another, odd Unicode or a hostile piece (deep nesting, a huge
number, a message full of ``{…}``) inserted, the file truncated — then compiles the whole
rule set. It must compile, or raise :class:`RuleFileError` whose diagnostics all point
inside the texts: never another exception. Bounded to stay within a few seconds of CI.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cls_check.api import load_rules
from cls_check.dsl import compile_rule_sources
from cls_check.errors import RuleFileError
from cls_check.report.diagnostics import format_error
from cls_check.resources import rules_dir
from tests.dsl.conftest import CATALOGUE

BUNDLED = {p.name: p.read_text(encoding="utf-8") for p in sorted(rules_dir().glob("*.cls"))}
_WORDS = re.compile(r"\s+|[^\s]+")

ODD = [
    "\u00a0", "\u202f", "\u200b", "\ufeff", "\u200f", "\u0301", "’", "“", "»", "«", "{", "}",
    "\x00", "\x0c", "\r", "\u2028", "😀", "𝔸", "ﬁ", "İ", "ß", "\t",
    "non " * 300, "(" * 300, ")" * 300, "9" * 5000, " + 100000000000000000000 mois",
    " ou vrai" * 500, "{date_signature}" * 300, "1999-02-30", "0000-00-00", "exigence ",
    "soit ", "\n", "#", '"', "toutes ces conditions : - ",
]  # fmt: skip


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, str]:
    """A bundled file name and its text, damaged one to four times."""
    name = draw(st.sampled_from(sorted(BUNDLED)))
    words = _WORDS.findall(BUNDLED[name])
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate"]))
        at = draw(st.integers(0, len(words) - 1)) if words else 0
        if kind == "delete" and words:
            del words[at]
        elif kind == "duplicate" and words:
            words.insert(at, words[at])
        elif kind == "swap" and words:
            other = draw(st.integers(0, len(words) - 1))
            words[at], words[other] = words[other], words[at]
        elif kind == "insert":
            words.insert(at, draw(st.sampled_from(ODD) | st.text(max_size=3)))
        elif kind == "truncate":
            words = words[:at]
    return name, "".join(words)


def _assert_clean(error: RuleFileError, sources: dict[str, str]) -> None:
    assert error.diagnostics
    for d in error.diagnostics:
        assert d.code.startswith("CLS") and d.message
        assert d.span.file in sources
        lines = sources[d.span.file].split("\n")
        assert 1 <= d.span.line <= len(lines), d
    assert format_error(error)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_bundled_rules_compile_or_give_rule_file_errors(damage: tuple[str, str]) -> None:
    name, text = damage
    sources = {**BUNDLED, name: text}
    try:
        compile_rule_sources(sources, CATALOGUE)
    except RuleFileError as error:
        _assert_clean(error, sources)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_rule_folders_load_or_give_rule_file_errors(damage: tuple[str, str]) -> None:
    name, text = damage
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for other, content in BUNDLED.items():
            (folder / other).write_text(content, encoding="utf-8")
        (folder / name).write_text(text, encoding="utf-8")
        try:
            load_rules(folder)
        except RuleFileError as error:
            assert error.diagnostics and format_error(error)

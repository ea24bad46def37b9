"""The rule language's lexer and TextMate grammar: they colour what the grammar says."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pygments.lexers import get_lexer_by_name
from pygments.token import Error, Keyword, Name, String

from cls_check.highlight import CONSTANTS, KEYWORDS, ClsLexer, highlight_html, textmate_grammar
from cls_check.resources import grammar_file, rules_dir

ROOT = Path(__file__).resolve().parent.parent


def grammar_words() -> set[str]:
    """The words the Lark grammar spells out (``"exigence"``, ``"renseigné"``…)."""
    text = grammar_file().read_text(encoding="utf-8")
    text = re.sub(r"//[^\n]*", "", text)
    return {word for word in re.findall(r'"([^"\s]+)"', text) if re.fullmatch(r"\w+", word)}


def test_the_lexer_knows_every_word_of_the_grammar_and_no_other() -> None:
    assert grammar_words() == set(KEYWORDS) | set(CONSTANTS) - {"obligation", "recommandation"}


def test_bundled_rules_lex_without_error_and_keywords_are_keywords() -> None:
    for path in sorted(rules_dir().glob("*.cls")):
        tokens = list(ClsLexer().get_tokens(path.read_text(encoding="utf-8")))
        assert not [value for token, value in tokens if token in Error], path.name
        kinds = {value: token for token, value in tokens}
        if "exigence" in kinds:
            assert kinds["exigence"] in Keyword
    tokens = list(ClsLexer().get_tokens("exige ccpd.existe = vrai sinon « non » # note\n"))
    assert (Name.Attribute, "ccpd.existe") in tokens
    assert (String.Doc, "« non »") in tokens
    assert (Keyword.Constant, "vrai") in tokens


def test_highlighted_html_is_escaped() -> None:
    html = highlight_html('exige s.nom = "<script>alert(1)</script>"')
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_pygments_finds_the_lexer_by_name() -> None:
    assert isinstance(get_lexer_by_name("cls"), ClsLexer)


def test_the_editor_grammar_is_the_lexers() -> None:
    path = ROOT / "editors" / "cls.tmLanguage.json"
    assert json.loads(path.read_text(encoding="utf-8")) == textmate_grammar(), (
        "editors/cls.tmLanguage.json is out of date: regenerate it with "
        "python -m cls_check.highlight > editors/cls.tmLanguage.json"
    )
    for pattern in textmate_grammar()["patterns"]:  # type: ignore[attr-defined]
        re.compile(pattern["match"])  # Oniguruma reads these Python-compatible patterns


def test_what_a_word_processor_writes_is_coloured_as_the_grammar_reads_it() -> None:
    """Curly quotes delimit a value and no-break spaces are spaces, as in the grammar."""
    tokens = list(ClsLexer().get_tokens("exige s.role\u00a0= “maire” et s.nom n’est pas renseigné"))
    assert (String.Double, "“maire”") in tokens
    assert not [value for token, value in tokens if token in Error]

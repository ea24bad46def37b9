"""Rule-file text → syntax tree (:mod:`cls_check.dsl.ast`), syntax errors → diagnostics.

Input: a file name and its text. Output: a :class:`ParseResult` — the
:class:`~cls_check.dsl.ast.RuleFile` of everything that could be parsed, and one
:class:`~cls_check.errors.Diagnostic` (codes ``CLS1xx``) per syntax error.

How: the grammar (``grammar/cls.lark``) is compiled once per process into an LALR parser
(``cache=True`` keeps the analysis on disk between processes). A file is cut before each
``exigence`` that starts a line (outside texts and comments) and each piece is parsed on its
own — an item never spans such a cut, so this changes nothing for a correct file, and a
syntax error loses only its own exigence: the rest of the file is still parsed and checked.
Messages (« … {expr} … ») are split here; each ``{expr}`` is parsed with the ``expr`` start
symbol and its spans point into the file.

Syntax errors are described in the user's words: known mistakes (``==``, a message in "…",
an unclosed «, a clause outside an exigence…) are recognised with lark's ``match_examples``
from the broken snippets in :data:`_MISTAKES`; otherwise the message lists what was expected
(« une expression », « le mot-clé « exige » », « la fin du fichier »), never a token name.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lark import Lark, Token, Transformer, Tree, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.lexer import PatternStr
from lark.tree import Meta

from cls_check.dsl import ast, limits
from cls_check.errors import Diagnostic, Span
from cls_check.resources import grammar_file
from cls_check.suggest import closest

__all__ = [
    "LineIndex",
    "ParseResult",
    "get_parser",
    "parse_expression",
    "parse_rule_file",
]

# ---------------------------------------------------------------- the Lark parser

_lock = threading.Lock()
_parser: Lark | None = None


def get_parser() -> Lark:
    """The LALR parser of the rule language, built once per process (thread-safe)."""
    global _parser
    if _parser is None:
        with _lock:
            if _parser is None:
                _parser = Lark(
                    grammar_file().read_text(encoding="utf-8"),
                    parser="lalr",
                    lexer="contextual",
                    start=["start", "expr"],
                    propagate_positions=True,
                    maybe_placeholders=True,
                    cache=True,
                )
    return _parser


# ---------------------------------------------------------------- positions


class LineIndex:
    """Character offsets ↔ 1-based (line, column), lines cut at ``\\n`` as Lark does."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def span(self, file: str, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end))
        return Span(file, line, column, end_line, end_column)

    def slice(self, span: Span) -> str:
        return self.text[
            self.offset(span.line, span.column) : self.offset(span.end_line, span.end_column)
        ]


_CLOSING = {'"': '"', "“": "”", "«": "»"}  # the quotes a value or a text opens with


def _strip_comments(text: str) -> str:
    """Remove ``# …`` comments from a slice of source (not inside "…", “…” or « … »)."""
    out: list[str] = []
    quote: str | None = None
    skipping = False
    for char in text:
        if skipping:
            if char == "\n":
                skipping = False
                out.append(char)
            continue
        if quote is None:
            if char == "#":
                skipping = True
                continue
            if char in _CLOSING:
                quote = _CLOSING[char]
        elif char == quote or (quote != "»" and char == "\n"):
            quote = None
        out.append(char)
    return "".join(out)


def collapse(text: str) -> str:
    """Runs of whitespace (newlines included) → one space; ends stripped."""
    return " ".join(text.split())


# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class ParseResult:
    file: ast.RuleFile
    diagnostics: tuple[Diagnostic, ...]
    # Names of definitions in pieces that failed to parse: an unknown name among them is
    # a consequence of the syntax error, not worth a second diagnostic.
    lost_names: frozenset[str] = frozenset()


class _Failed(Exception):
    """A syntax error, already reported."""


# ---------------------------------------------------------------- chunks

_OUTSIDE = re.compile(r"\n|#[^\n]*|\"[^\"\n]*\"|“[^”\n]*”|«")
_INSIDE = re.compile(r"»|\n")
_PREPOSITION = re.compile(r"(de\s+la\s+|de\s+l['’]\s*|du\s+)")
_ITEM_START = re.compile(r"[^\S\n]*exigence\b")
_SURE_ITEM_START = re.compile(r"[^\S\n]*exigence[^\S\n]+[A-Z]{2,4}-\d{2,3}\b")


def _chunks(text: str) -> list[tuple[int, int]]:
    """Cut the text before each ``exigence`` that starts a line outside « … » (or that
    starts a line with a requirement id: then the text before lacks its closing »)."""
    cuts = [0]
    position, inside = 0, False
    while True:
        match = (_INSIDE if inside else _OUTSIDE).search(text, position)
        if match is None:
            break
        position = match.end()
        token = match.group()
        if token == "\n":
            start_pattern = _SURE_ITEM_START if inside else _ITEM_START
            if start_pattern.match(text, position):
                cuts.append(position)
                inside = False
        elif token == "«":
            inside = True
        elif token == "»":
            inside = False
    cuts.append(len(text))
    return [(a, b) for a, b in itertools.pairwise(cuts) if a < b or a == 0]


# ---------------------------------------------------------------- describing tokens

_TERMINAL_WORDS = {
    "$END": "la fin du fichier",
    "NAME": "un nom",
    "REQ_ID": "un identifiant d'exigence (comme SIG-01)",
    "TEXT": "un texte entre guillemets « … »",
    "STRING": 'une valeur entre guillemets droits ("…")',
    "NUMBER": "un nombre",
    "DATE": "une date (AAAA-MM-JJ)",
    "SECTION": "une section du texte cité (I.1, II.3 a, IV-2, préambule…)",
    "DOCUMENT": "le texte cité (de la circulaire de 1997, du décret n° 97-1007…)",
    "DURATION_UNIT": "une unité de durée (jours, mois, ans)",
    "COMPARATOR": "un comparateur (=, !=, <, <=, >, >=)",
    "ADD_OP": "« + »",
    "MUL_OP": "« * » ou « / »",
    "D_APOS": "« d' »",
    "NOT_IS": "« n'est pas »",
}
_EXPRESSION_START = {
    "NAME", "NUMBER", "STRING", "DATE", "LPAR", "LSQB", "VRAI", "FAUX", "NON", "IL",
    "POUR", "AUCUN", "AUCUNE", "NOMBRE", "SOMME", "LES", "TOUTES",
}  # fmt: skip
_OPERATORS = {
    "ET", "OU", "COMPARATOR", "DANS", "NOT_IS", "COMMENCE", "EST", "ADD_OP", "MUL_OP", "DOT",
}  # fmt: skip
_CLAUSES = {"SOURCE", "FORCE", "EN", "APPLICABLE", "INCONNU", "SOIT", "EXIGE", "SAUF"}
_CLAUSE_WORDS = {
    "SOURCE": "source", "FORCE": "force", "EN": "en vigueur", "APPLICABLE": "applicable si",
    "INCONNU": "inconnu si", "EXIGE": "exige", "SAUF": "sauf si", "SINON": "sinon",
    "CONSTAT": "constat",
}  # fmt: skip


def _literal(terminal: str) -> str | None:
    """The fixed text of a keyword or punctuation terminal (``EXIGE`` → ``exige``)."""
    try:
        definition = get_parser().get_terminal(terminal)
    except KeyError:
        return None
    pattern = definition.pattern
    return pattern.value if isinstance(pattern, PatternStr) else None


def _is_date_keyword(terminal: str) -> bool:
    return _literal(terminal) == "date" and terminal != "DATE"


def describe_terminal(terminal: str) -> str:
    if terminal in _TERMINAL_WORDS:
        return _TERMINAL_WORDS[terminal]
    literal = _literal(terminal)
    if literal is None:
        return "un autre mot"
    if literal.isalpha():
        return f"le mot-clé « {literal} »"
    return f"« {literal} »"


def describe_expected(terminals: Iterable[str], end: str = "la fin du fichier") -> str:
    """What the parser wanted, in words: « une expression ou « ) » »; ``end`` names the
    end of the text parsed."""
    expected = {t for t in terminals if t.isupper() or t == "$END"} or {"$END"}
    words: list[str] = []
    starts = {t for t in expected if t in _EXPRESSION_START or _is_date_keyword(t)}
    if {"NAME", "NUMBER", "STRING"} <= expected:
        words.append("une expression")
        expected -= starts
    if len(expected & _OPERATORS) >= 3:
        words.append("un opérateur (et, ou, =, +…)")
        expected -= _OPERATORS
    if len(expected & _CLAUSES) >= 3:
        words.append("une clause (source, force, exige, sinon…)")
        expected -= _CLAUSES | {"SINON", "CONSTAT"}
    order = sorted(expected, key=lambda t: (t == "$END", t))
    words.extend(end if t == "$END" else describe_terminal(t) for t in order)
    words = list(dict.fromkeys(words))
    if len(words) > 6:
        words = [*words[:5], "…"]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " ou " + words[-1]


_CHAR_NAMES = {
    "\u00a0": "une espace insécable",
    "\u202f": "une espace fine insécable",
    "\u2009": "une espace fine",
    "\u200b": "une espace de largeur nulle",
    "\ufeff": "une marque d'ordre des octets (BOM)",
}
_CHAR_HINTS = {
    "“": 'une valeur s\'écrit entre guillemets droits : s.role = "maire"',
    "”": 'une valeur s\'écrit entre guillemets droits : s.role = "maire"',
    "'": "l'apostrophe n'apparaît que dans « d' » et « n'est pas »",
    "’": "l'apostrophe n'apparaît que dans « d' » et « n'est pas »",
    "-": "le signe - commence un élément de « toutes ces conditions » ; il n'y a pas de "
    "soustraction",
}


def _describe_char(char: str) -> str:
    if char in _CHAR_NAMES:
        return _CHAR_NAMES[char]
    if char.isprintable() and not char.isspace():
        return f"« {char} »"
    return f"le caractère invisible U+{ord(char):04X}"


def _char_hint(char: str) -> str:
    if char in _CHAR_HINTS:
        return _CHAR_HINTS[char]
    if not char.isprintable() or char.isspace():
        return "remplacez-le par une espace ordinaire (ou supprimez-le)"
    return "vérifiez l'orthographe et la ponctuation ; un commentaire commence par #"


def _describe_token(token: Token) -> str:
    if token.type == "$END":
        return "la fin du fichier"
    text = str(token)
    if len(text) > 30:
        text = text[:29] + "…"
    if token.type == "TEXT" or "\n" in text:
        text = collapse(text)
    return f"« {text} »"


# ---------------------------------------------------------------- known mistakes

_REQ = "exigence AB-01 « t »\n"


@dataclass(frozen=True, slots=True)
class _Mistake:
    code: str
    examples: tuple[str, ...]
    # Confirms the match on the actual error (the state alone may be shared by contexts).
    applies: Callable[[UnexpectedInput, str], bool]
    message: Callable[[UnexpectedInput, str], str]
    hint: str | Callable[[UnexpectedInput, str], str]


def _token_type(error: UnexpectedInput) -> str | None:
    token = getattr(error, "token", None)
    return token.type if isinstance(token, Token) else None


def _stack(error: UnexpectedInput) -> list[Any]:
    state = getattr(error, "state", None)
    return list(getattr(state, "value_stack", None) or [])


def _expects(error: UnexpectedInput, terminal: str) -> bool:
    return terminal in _expected(error)


def _open_for_each(error: UnexpectedInput) -> bool:
    """The parser is inside ``pour chaque … de collection`` and before its « : »."""
    stack = _stack(error)
    for index in range(len(stack) - 1, 0, -1):
        item = stack[index]
        if isinstance(item, Token) and item.type == "COLON":
            return False
        if isinstance(item, Token) and item.type == "CHAQUE":
            before = stack[: index - 1]
            # « somme de x pour chaque m de … » has no colon: not this mistake.
            return not any(isinstance(v, Token) and v.type == "SOMME" for v in before[-3:])
    return False


def _open_condition(error: UnexpectedInput, keyword: str) -> bool:
    """After ``keyword si expr`` (``sauf`` or ``sinon``) and before its « : »."""
    stack = _stack(error)
    for index in range(len(stack) - 1, 0, -1):
        item = stack[index]
        if isinstance(item, Token) and item.type == "COLON":
            return False
        if isinstance(item, Token) and item.type == "SI":
            previous = stack[index - 1]
            return isinstance(previous, Token) and previous.type == keyword
    return False


def _inside_requirement(error: UnexpectedInput) -> bool:
    return any(isinstance(v, Token) and v.type == "EXIGENCE" for v in _stack(error))


def _previous_char(error: UnexpectedInput, text: str) -> str:
    position = _position(error)
    before = text[:position].rstrip()
    return before[-1:] if before else ""


def _double_equal_message(error: UnexpectedInput, text: str) -> str:
    token = getattr(error, "token", "")
    if str(token) == "=" and _previous_char(error, text) == "=":
        return "« == » n'existe pas : l'égalité s'écrit avec un seul « = »"
    return f"deux comparateurs se suivent (« {_previous_char(error, text)} » puis « {token} »)"


_MISTAKES: tuple[_Mistake, ...] = (
    _Mistake(
        "CLS103",
        (),  # recognised from the character (a « whose » is missing)
        lambda e, _: isinstance(e, UnexpectedCharacters) and e.char == "«",
        lambda e, _: "guillemet « non fermé",
        "fermez le texte par » ; un texte peut tenir sur plusieurs lignes mais ne contient pas "
        "d'autre guillemet",
    ),
    _Mistake(
        "CLS104",
        (
            'exigence AB-01 "titre"',
            _REQ + 'exige x sinon "m"',
            _REQ + 'exige x sinon si y : "m"',
            _REQ + 'exige x constat "m"',
            _REQ + 'source I.1 de la circulaire de 1997 "q"',
            _REQ + 'exige toutes ces conditions : - x "m"',
        ),
        lambda e, _: _token_type(e) == "STRING" and _expects(e, "TEXT"),
        lambda e, _: 'un texte en français s\'écrit entre guillemets « … », pas entre "…"',
        "remplacez les guillemets droits par « et » : sinon « Le maire n'a pas signé. » ; "
        'les guillemets droits sont pour les valeurs comparées (s.role = "maire")',
    ),
    _Mistake(
        "CLS105",
        (
            _REQ + "exige x == 1",
            _REQ + "applicable si x == 1",
            "soit a = x == 1",
            _REQ + "exige x >= = 1",
        ),
        lambda e, t: (
            _token_type(e) in ("EQUAL", "COMPARATOR") and _previous_char(e, t) in "=<>!≠≤≥"
        ),
        _double_equal_message,
        "écrivez a = b pour l'égalité, a != b pour la différence, a >= b, a <= b…",
    ),
    _Mistake(
        "CLS106",
        (
            _REQ + "exige x sinon",
            _REQ + "exige x sinon force obligation",
            _REQ + "exige x sinon si y :",
            _REQ + "exige x sinon si y : force obligation",
            _REQ + "exige x constat",
            _REQ + "exige x constat force obligation",
        ),
        lambda e, _: (
            _expects(e, "TEXT")
            and _token_type(e) != "STRING"
            and _after_message_word(e) is not None
        ),
        lambda e, _: f"il manque le message après « {_after_message_word(e)} »",
        "écrivez le message entre guillemets français : sinon « Aucun signataire n'est préfet. »",
    ),
    _Mistake(
        "CLS107",
        (
            _REQ + "exige pour chaque c de l il existe un s de m",
            _REQ + "exige pour chaque c de a.b x",
            _REQ + "exige pour chaque commune c de l x = 1",
            _REQ + "exige x sauf si y exige z",
            _REQ + "exige x sinon si y « m »",
            _REQ + "exige toutes ces conditions - x",
        ),
        lambda e, _: _missing_colon_after(e) is not None,
        lambda e, _: f"il manque « : » après « {_missing_colon_after(e)} »",
        lambda e, _: _COLON_HINTS[str(_missing_colon_after(e))],
    ),
    _Mistake(
        "CLS108",
        (
            "force obligation",
            "source I.1 de la circulaire de 1997 « q »",
            "exige x",
            "applicable si x",
            "soit a = 1 force obligation",
            "soit a = 1 sinon « m »",
        ),
        lambda e, _: _token_type(e) in _CLAUSE_WORDS and not _inside_requirement(e),
        lambda e, _: f"la clause « {_CLAUSE_WORDS[str(_token_type(e))]} » est hors d'une exigence",
        "les clauses source, force, exige, sinon… suivent une ligne « exigence XXX-00 « titre » »",
    ),
)


_COLON_HINTS: dict[str, str] = {
    "pour chaque …": "pour chaque commune c de territoire.communes : <condition>",
    "sauf si …": "sauf si <condition> : exige …",
    "sinon si …": "sinon si <condition> : « message »",
    "toutes ces conditions": "toutes ces conditions : puis une ligne « - <condition> » par "
    "condition",
    "None": "ajoutez « : »",
}


def _after_message_word(error: UnexpectedInput) -> str | None:
    stack = _stack(error)
    if not stack or not isinstance(stack[-1], Token):
        return None
    last = stack[-1].type
    if last == "SINON":
        return "sinon"
    if last == "CONSTAT":
        return "constat"
    if last == "COLON" and len(stack) >= 4:
        head = stack[-4]
        if isinstance(head, Token) and head.type == "SINON":
            return "sinon si … :"
    return None


def _missing_colon_after(error: UnexpectedInput) -> str | None:
    if not _expects(error, "COLON") or _token_type(error) == "COLON":
        return None
    stack = _stack(error)
    if stack and isinstance(stack[-1], Token) and stack[-1].type == "CONDITIONS":
        return "toutes ces conditions"
    if _open_condition(error, "SAUF"):
        return "sauf si …"
    if _open_condition(error, "SINON"):
        return "sinon si …"
    if _open_for_each(error):
        return "pour chaque …"
    return None


class _PositionOnly:
    """A parser state compared by LR state only, not by stack depth, so that an example
    matches the same mistake at any nesting depth (lark compares both)."""

    def __init__(self, position: object):
        self.position = position

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _PositionOnly) and other.position == self.position

    def __hash__(self) -> int:
        return hash(self.position)


_example_errors: dict[str, UnexpectedInput | None] = {}


def _parse_example(text: str) -> Tree[Token]:
    """Parse a broken example for ``match_examples`` (memoised: the grammar is fixed)."""
    if text not in _example_errors:
        try:
            get_parser().parse(text, start="start")
            _example_errors[text] = None
        except UnexpectedInput as error:
            error.state = _PositionOnly(_position_of_state(error))
            _example_errors[text] = error
    found = _example_errors[text]
    if found is not None:
        raise found.with_traceback(None)
    return Tree("start", [])  # pragma: no cover - every example is broken


def _position_of_state(error: UnexpectedInput) -> object:
    state = getattr(error, "state", None)
    return getattr(state, "position", state)


_classify_lock = threading.Lock()


def _classify(error: UnexpectedInput, text: str) -> _Mistake | None:
    examples = [(m, m.examples) for m in _MISTAKES if m.examples]
    original = error.state
    error.state = _PositionOnly(_position_of_state(error))
    try:
        with _classify_lock:  # the memoised example errors are shared
            found = error.match_examples(
                _parse_example, examples, token_type_match_fallback=True, use_accepts=False
            )
    finally:
        error.state = original
    if found is not None and found.applies(error, text):
        return found
    # The state may be shared with other contexts: confirm from the parser's stack.
    for mistake in _MISTAKES:
        if mistake.applies(error, text):
            return mistake
    return None


# ---------------------------------------------------------------- errors → diagnostics


def _position(error: UnexpectedInput) -> int:
    token = getattr(error, "token", None)
    if isinstance(token, Token) and token.type != "$END" and token.start_pos is not None:
        return token.start_pos
    if isinstance(error, UnexpectedCharacters):
        return error.pos_in_stream or 0
    return -1  # the end of the text


def _expected(error: UnexpectedInput) -> set[str]:
    state = getattr(error, "state", None)
    parse_conf = getattr(state, "parse_conf", None)
    position = getattr(state, "position", None)
    if parse_conf is not None and position is not None:
        found = {t for t in parse_conf.states[position] if t.isupper() or t == "$END"}
        return found or {"$END"}  # the accepting state has no actions: only the end fits
    if isinstance(error, UnexpectedToken):
        return set(error.expected)
    return set(getattr(error, "allowed", None) or ())


def _syntax_diagnostic(
    error: UnexpectedInput,
    text: str,
    file: str,
    index: LineIndex,
    base: int,
    in_message: bool = False,
) -> Diagnostic:
    """``text`` is the piece parsed, found at ``base`` in the file."""
    position = _position(error)
    at_end = position < 0
    if at_end:  # point just after the last thing written
        stripped = text.rstrip()
        position = len(stripped) if stripped else 0
        end = position
    elif isinstance(error, UnexpectedToken):
        end = error.token.end_pos if error.token.end_pos is not None else position + 1
    else:
        end = position + 1
    newline = text.find("\n", position, end) if not at_end else -1
    if newline >= 0:  # a token over several lines (a text): underline its first line
        end = newline
    span = index.span(file, base + position, base + max(end, position))
    end_word = "la fin de l'expression (« } »)" if in_message else "la fin du fichier"
    expected = describe_expected(_expected(error), end_word)
    mistake = _classify(error, text)
    if mistake is not None:
        message = mistake.message(error, text)
        if mistake.code == "CLS103":
            line_end = text.find("\n", position)
            span = index.span(
                file, base + position, base + (line_end if line_end >= 0 else len(text))
            )
        hint = mistake.hint if isinstance(mistake.hint, str) else mistake.hint(error, text)
        return Diagnostic(mistake.code, message, span, hint)
    suggestion = _keyword_suggestion(error)
    if suggestion is None and _stray_line(error, text, position):
        line_end = text.find("\n", position)
        line = text[position : line_end if line_end >= 0 else len(text)].rstrip()
        shown = line if len(line) <= 40 else line[:39] + "…"
        return Diagnostic(
            "CLS102" if isinstance(error, UnexpectedCharacters) else "CLS101",
            f"ligne inattendue « {shown} » ; attendu : {expected}",
            index.span(file, base + position, base + position + len(line)),
            "une note ? commencez une note par # (par exemple « # À revoir ») ; sinon, "
            "vérifiez l'orthographe du premier mot",
        )
    if isinstance(error, UnexpectedCharacters):
        found = _describe_char(error.char)
        return Diagnostic(
            "CLS102",
            f"caractère inattendu : {found} ; attendu : {expected}",
            span,
            _char_hint(error.char),
        )
    if at_end:
        what = "l'expression" if in_message else "le fichier"
        return Diagnostic(
            "CLS101",
            f"{what} se termine trop tôt ; attendu : {expected}",
            span,
            "complétez l'expression commencée ici"
            if in_message
            else "complétez la clause commencée ici",
        )
    token = error.token if isinstance(error, UnexpectedToken) else None
    found = _describe_token(token) if token is not None else "ce texte"
    hint = "vérifiez le mot indiqué et ce qui le précède"
    if token is not None and token.type == "TEXT" and _expects(error, "STRING"):
        hint = (
            "les guillemets « » sont pour les titres, citations et messages ; une valeur "
            'comparée s\'écrit entre guillemets droits : "…"'
        )
    if token is not None and token.type == "NAME" and not _expects(error, "NAME"):
        hint = (
            f"vouliez-vous dire « {suggestion} » ?"
            if suggestion
            else "un mot inconnu ici : vérifiez son orthographe (les mots-clés sont en minuscules)"
        )
    return Diagnostic("CLS101", f"{found} inattendu ici ; attendu : {expected}", span, hint)


def _keyword_suggestion(error: UnexpectedInput) -> str | None:
    """The keyword an unexpected word is a misspelling of (``exigance`` → ``exigence``)."""
    token = getattr(error, "token", None)
    if not isinstance(token, Token) or token.type != "NAME" or _expects(error, "NAME"):
        return None
    keywords = [w for t in _expected(error) if (w := _literal(t)) and w.isalpha()]
    return closest(str(token), keywords)


def _stray_line(error: UnexpectedInput, text: str, position: int) -> bool:
    """The unexpected input starts a line, and the file could have ended just before it:
    a line of free text (a note) among the rules, most often after the last one."""
    if position < 0 or "$END" not in _expected(error):
        return False
    if isinstance(error, UnexpectedCharacters) and not (
        error.char.isprintable() and not error.char.isspace()
    ):
        return False  # an invisible character has a hint of its own
    return not text[text.rfind("\n", 0, position) + 1 : position].strip()


# ---------------------------------------------------------------- tree → AST


@v_args(meta=True)
class _Builder(Transformer[Token, Any]):
    """Builds AST nodes from the Lark tree of one piece of a file.

    Only builds nodes: diagnostics found on the way (a date that does not exist, a broken
    interpolation) are collected in ``diagnostics``.
    """

    def __init__(self, context: _FileContext, base: int):
        super().__init__(visit_tokens=False)
        self.context = context
        self.base = base

    # -- positions

    def _span(self, meta: Meta) -> Span:
        return self.context.index.span(
            self.context.file, self.base + meta.start_pos, self.base + meta.end_pos
        )

    def _token_span(self, token: Token) -> Span:
        start = token.start_pos or 0
        end = token.end_pos if token.end_pos is not None else start
        return self.context.index.span(self.context.file, self.base + start, self.base + end)

    def _name(self, token: Token) -> ast.Name:
        return ast.Name(str(token), self._token_span(token))

    def _error(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        self.context.diagnostics.append(Diagnostic(code, message, span, hint))

    def _refused(self, diagnostic: Diagnostic | None) -> bool:
        """Report a bound of :mod:`~cls_check.dsl.limits` crossed, if it is."""
        if diagnostic is not None:
            self.context.diagnostics.append(diagnostic)
        return diagnostic is not None

    def _source_text(self, node: ast.Expr) -> str:
        return collapse(_strip_comments(self.context.index.slice(node.span)))

    # -- items

    def start(self, meta: Meta, children: list[Any]) -> list[ast.Item]:
        return children

    def definition(self, meta: Meta, children: list[Any]) -> ast.Definition:
        name, expr = children
        return ast.Definition(self._name(name), expr, self._span(meta))

    def requirement(self, meta: Meta, children: list[Any]) -> ast.Requirement:
        req_id, title, *clauses = children
        return ast.Requirement(
            self._name(req_id),
            self._text(title) if title is not None else None,
            tuple(clauses),
            self._span(meta),
        )

    def source(self, meta: Meta, children: list[Any]) -> ast.Source:
        section, document, reference, quote = children
        return ast.Source(
            self._name(section) if section is not None else None,
            self._document(document),
            self._text(reference) if reference is not None else None,
            self._text(quote) if quote is not None else None,
            self._span(meta),
        )

    def _document(self, token: Token) -> ast.Name:
        """The cited text's name, without « de la », « de l' » or « du »."""
        text = str(token)
        name = _PREPOSITION.sub("", text, count=1)
        start = (token.start_pos or 0) + len(text) - len(name)
        end = token.end_pos if token.end_pos is not None else start
        span = self.context.index.span(self.context.file, self.base + start, self.base + end)
        return ast.Name(collapse(name), span)

    def force(self, meta: Meta, children: list[Any]) -> ast.Force:
        return ast.Force(self._name(children[0]), self._span(meta))

    def in_force(self, meta: Meta, children: list[Any]) -> ast.InForce:
        token = children[-1]
        return ast.InForce(self._date_value(token), self._span(meta))

    def applicable(self, meta: Meta, children: list[Any]) -> ast.Applicable:
        (expr,) = children
        return ast.Applicable(expr, self._source_text(expr), self._span(meta))

    def unknown_if(self, meta: Meta, children: list[Any]) -> ast.UnknownIf:
        (expr,) = children
        return ast.UnknownIf(expr, self._source_text(expr), self._span(meta))

    def requires(self, meta: Meta, children: list[Any]) -> ast.Requires:
        expr, *rest = children
        note = rest.pop() if rest and isinstance(rest[-1], ast.Note) else None
        return ast.Requires(expr, tuple(rest), note, self._span(meta))

    def exception(self, meta: Meta, children: list[Any]) -> ast.Exception_:
        condition, requires = children
        return ast.Exception_(condition, self._source_text(condition), requires, self._span(meta))

    def conditional_message(self, meta: Meta, children: list[Any]) -> ast.ConditionalMessage:
        condition, text = children
        return ast.ConditionalMessage(condition, self._message(text), self._span(meta))

    def default_message(self, meta: Meta, children: list[Any]) -> ast.DefaultMessage:
        return ast.DefaultMessage(self._message(children[0]), self._span(meta))

    def note(self, meta: Meta, children: list[Any]) -> ast.Note:
        return ast.Note(self._message(children[0]), self._span(meta))

    # -- expressions

    def or_(self, meta: Meta, children: list[Any]) -> ast.Or:
        return ast.Or(children[0], children[1], self._span(meta))

    def and_(self, meta: Meta, children: list[Any]) -> ast.And:
        return ast.And(children[0], children[1], self._span(meta))

    def not_(self, meta: Meta, children: list[Any]) -> ast.Not:
        return ast.Not(children[0], self._span(meta))

    def compare(self, meta: Meta, children: list[Any]) -> ast.Compare:
        left, op, right = children
        return ast.Compare(str(op), left, right, self._span(meta), self._token_span(op))

    def member(self, meta: Meta, children: list[Any]) -> ast.Member:
        return ast.Member(children[0], children[-1], self._span(meta))

    def not_member(self, meta: Meta, children: list[Any]) -> ast.NotMember:
        return ast.NotMember(children[0], children[-1], self._span(meta))

    def starts_with(self, meta: Meta, children: list[Any]) -> ast.StartsWith:
        return ast.StartsWith(children[0], children[-1], self._span(meta))

    def is_known(self, meta: Meta, children: list[Any]) -> ast.IsKnown:
        return ast.IsKnown(children[0], self._span(meta))

    def is_unknown(self, meta: Meta, children: list[Any]) -> ast.IsUnknown:
        return ast.IsUnknown(children[0], self._span(meta))

    def arith(self, meta: Meta, children: list[Any]) -> ast.Arith:
        left, op, right = children
        return ast.Arith(str(op), left, right, self._span(meta), self._token_span(op))

    def check_date(self, meta: Meta, children: list[Any]) -> ast.CheckDate:
        return ast.CheckDate(self._span(meta))

    def path(self, meta: Meta, children: list[Any]) -> ast.Path:
        return ast.Path(tuple(self._name(t) for t in children), self._span(meta))

    def string(self, meta: Meta, children: list[Any]) -> ast.String:
        value = unicodedata.normalize("NFC", str(children[0])[1:-1])
        return ast.String(value, self._span(meta))

    def number(self, meta: Meta, children: list[Any]) -> ast.Number:
        text = str(children[0])
        if self._refused(limits.number(text, self._span(meta))):
            return ast.Number(0, self._span(meta))
        value: int | float = float(text) if "." in text else int(text)
        return ast.Number(value, self._span(meta))

    def date(self, meta: Meta, children: list[Any]) -> ast.Date:
        return ast.Date(self._date_value(children[0]) or datetime.date.min, self._span(meta))

    def duration(self, meta: Meta, children: list[Any]) -> ast.Duration:
        amount, unit = children
        span = self._span(meta)
        if "." in str(amount):
            self._error(
                "CLS110",
                f"durée « {amount} {unit} » incorrecte : une durée se compte en unités entières",
                span,
                "écrivez par exemple 18 mois plutôt que 1.5 ans",
            )
            return ast.Duration(0, str(unit), span)
        if self._refused(limits.duration(str(amount), str(unit), span)):
            return ast.Duration(0, str(unit), span)
        return ast.Duration(int(str(amount)), str(unit), span)

    def true(self, meta: Meta, children: list[Any]) -> ast.Boolean:
        return ast.Boolean(True, self._span(meta))

    def false(self, meta: Meta, children: list[Any]) -> ast.Boolean:
        return ast.Boolean(False, self._span(meta))

    def none_(self, meta: Meta, children: list[Any]) -> ast.Aucun:
        span = self._span(meta)
        written = self.context.index.slice(span)
        return ast.Aucun("aucune" if written.startswith("aucune") else "aucun", span)

    def list_(self, meta: Meta, children: list[Any]) -> ast.List_:
        return ast.List_(tuple(c for c in children if c is not None), self._span(meta))

    def binder(self, meta: Meta, children: list[Any]) -> ast.Binder:
        names = [c for c in children if isinstance(c, Token) and c.type == "NAME"]
        collection = children[-1]
        noun = self._name(names[0]) if len(names) == 2 else None
        return ast.Binder(noun, self._name(names[-1]), collection, self._span(meta))

    def for_all(self, meta: Meta, children: list[Any]) -> ast.ForAll:
        binder, body = children
        return ast.ForAll(binder, body, self._span(meta))

    def exists(self, meta: Meta, children: list[Any]) -> ast.Exists:
        binder, condition = children
        return ast.Exists(binder, condition, self._span(meta))

    def no_element(self, meta: Meta, children: list[Any]) -> ast.NoElement:
        binder, condition = children
        return ast.NoElement(binder, condition, self._span(meta))

    def count(self, meta: Meta, children: list[Any]) -> ast.Count:
        return ast.Count(_without_apostrophes(children)[0], self._span(meta))

    def count_where(self, meta: Meta, children: list[Any]) -> ast.CountWhere:
        binder, condition = _without_apostrophes(children)
        return ast.CountWhere(binder, condition, self._span(meta))

    def sum_of(self, meta: Meta, children: list[Any]) -> ast.SumOf:
        value, binder, condition = _without_apostrophes(children)
        return ast.SumOf(value, binder, condition, self._span(meta))

    def filter(self, meta: Meta, children: list[Any]) -> ast.Filter:
        binder, condition = children
        return ast.Filter(binder, condition, self._span(meta))

    def checklist(self, meta: Meta, children: list[Any]) -> ast.Checklist:
        return ast.Checklist(tuple(children), self._span(meta))

    def check_item(self, meta: Meta, children: list[Any]) -> ast.CheckItem:
        condition, text = children
        message = self._message(text) if text is not None else None
        return ast.CheckItem(condition, message, self._span(meta))

    # -- literals

    def _date_value(self, token: Token) -> datetime.date | None:
        try:
            return datetime.date.fromisoformat(str(token))
        except ValueError:
            self._error(
                "CLS110",
                f"la date « {token} » n'existe pas",
                self._token_span(token),
                "écrivez une date réelle sous la forme AAAA-MM-JJ, par exemple 1999-06-15",
            )
            return None

    def _check_guillemets(self, token: Token) -> None:
        inner = str(token).find("«", 1)
        if inner >= 0:
            start = (token.start_pos or 0) + self.base
            line_end = str(token).find("\n")
            end = start + (line_end if line_end >= 0 else len(token))
            self._error(
                "CLS103",
                "guillemet « non fermé : un autre « commence avant le » qui le fermerait",
                self.context.index.span(self.context.file, start, end),
                "fermez ce texte par » avant d'en commencer un autre",
            )

    def _text(self, token: Token) -> ast.Text:
        self._check_guillemets(token)
        return ast.Text(collapse(str(token)[1:-1]), self._token_span(token))

    def _message(self, token: Token) -> ast.Message:
        self._check_guillemets(token)
        raw = str(token)[1:-1]
        start = (token.start_pos or 0) + self.base + 1  # offset of raw[0] in the file
        parts: list[str | ast.Expr] = []
        literal: list[str] = []

        def flush() -> None:
            if literal:
                parts.append(" ".join("".join(literal).split(" ")))
                literal.clear()

        i = expressions = 0
        while i < len(raw):
            char = raw[i]
            if char in "{}" and raw[i + 1 : i + 2] == char:
                literal.append(char)
                i += 2
                continue
            if char == "}":
                self._error(
                    "CLS109",
                    "accolade « } » sans accolade ouvrante dans le message",
                    self.context.index.span(self.context.file, start + i, start + i + 1),
                    "pour écrire une accolade dans un message, doublez-la : }}",
                )
                i += 1
                continue
            if char != "{":
                literal.append(char)
                i += 1
                continue
            close = raw.find("}", i + 1)
            if close < 0:
                self._error(
                    "CLS109",
                    "accolade « { » non fermée dans le message",
                    self.context.index.span(self.context.file, start + i, start + i + 1),
                    "fermez l'expression à afficher par } ; pour une accolade, écrivez {{",
                )
                break
            inner = raw[i + 1 : close]
            if not inner.strip():
                self._error(
                    "CLS109",
                    "expression vide entre accolades dans le message",
                    self.context.index.span(self.context.file, start + i, start + close + 1),
                    "mettez entre { } ce qu'il faut afficher, par exemple {c.nom}",
                )
            else:
                expressions += 1
                where = self.context.index.span(self.context.file, start + i, start + close + 1)
                if self._refused(limits.message_expressions(expressions, where)):
                    break
                expr = _parse_piece(self.context, inner, start + i + 1, "expr")
                if expr is not None:
                    flush()
                    parts.append(expr)
            i = close + 1
        flush()
        cleaned = _clean_message(parts)
        return ast.Message(cleaned, self._token_span(token))


def _clean_message(parts: Sequence[str | ast.Expr]) -> tuple[str | ast.Expr, ...]:
    """Collapse whitespace in the literal parts; strip the message's two ends."""
    out: list[str | ast.Expr] = []
    for index, part in enumerate(parts):
        if isinstance(part, str):
            text = re.sub(r"\s+", " ", part)
            if index == 0:
                text = text.lstrip()
            if index == len(parts) - 1:
                text = text.rstrip()
            if text:
                out.append(text)
        else:
            out.append(part)
    return tuple(out)


def _without_apostrophes(children: list[Any]) -> list[Any]:
    return [c for c in children if not (isinstance(c, Token) and c.type == "D_APOS")]


# ---------------------------------------------------------------- parsing


@dataclass(slots=True)
class _FileContext:
    file: str
    index: LineIndex
    diagnostics: list[Diagnostic]


def _parse_piece(context: _FileContext, text: str, base: int, start: str) -> Any:
    """Parse ``text`` (found at ``base`` in the file) from ``start``; None after an error."""
    try:
        tree = get_parser().parse(text, start=start)
    except UnexpectedInput as error:
        context.diagnostics.append(
            _syntax_diagnostic(error, text, context.file, context.index, base, start == "expr")
        )
        return None
    deep = limits.too_deep(limits.balance_chains(tree))
    if deep is not None:
        meta = deep.meta
        position = base + (meta.start_pos if not meta.empty else 0)
        context.diagnostics.append(
            Diagnostic(
                "CLS111",
                f"expression trop imbriquée (plus de {limits.MAX_DEPTH} niveaux)",
                context.index.span(context.file, position, position + 1),
                "découpez-la en définitions nommées (soit … = …)",
            )
        )
        return None
    return _Builder(context, base).transform(tree)


_DEFINED = re.compile(r"\bsoit\s+(\w+)")


def parse_rule_file(file: str, text: str) -> ParseResult:
    """Parse one rule file: its AST (what parsed) and its syntax errors."""
    context = _FileContext(file, LineIndex(text), [])
    items: list[ast.Item] = []
    lost: set[str] = set()
    for begin, end in _chunks(text):
        piece = text[begin:end]
        parsed = _parse_piece(context, piece, begin, "start")
        if parsed is None:
            lost.update(_DEFINED.findall(piece))
            continue
        items.extend(parsed)
    return ParseResult(
        ast.RuleFile(file, tuple(items)), tuple(context.diagnostics), frozenset(lost)
    )


def parse_expression(
    text: str, file: str = "<expression>"
) -> tuple[ast.Expr | None, tuple[Diagnostic, ...]]:
    """Parse a lone expression (used by tests and tools)."""
    context = _FileContext(file, LineIndex(text), [])
    expr = _parse_piece(context, text, 0, "expr")
    return expr, tuple(context.diagnostics)

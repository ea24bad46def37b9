"""Syntax errors in the user's words: what was expected, or which known mistake was made.

Input: lark's :class:`~lark.exceptions.UnexpectedInput` for a piece of a rule file, the
piece and where it stands. Output: one :class:`~cls_check.errors.Diagnostic` (``CLS1xx``)
with ``file:line:col``, a French message and a hint.

Known mistakes (``==``, a message in "…", an unclosed «, a clause outside an exigence…) are
recognised with lark's ``match_examples`` from the broken snippets in :data:`_MISTAKES`;
otherwise the message lists what was expected (« une expression », « le mot-clé
« exige » », « la fin du fichier »), never a token name.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from lark import Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.lexer import PatternStr

from cls_check.codes import Code
from cls_check.dsl.grammar import LineIndex, collapse, get_parser
from cls_check.errors import Diagnostic
from cls_check.suggest import closest

__all__ = ["describe_expected", "describe_terminal", "syntax_diagnostic"]

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
    code: Code
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
        Code.UNCLOSED_QUOTE,
        (),  # recognised from the character (a « whose » is missing)
        lambda e, _: isinstance(e, UnexpectedCharacters) and e.char == "«",
        lambda e, _: "guillemet « non fermé",
        "fermez le texte par » ; un texte peut tenir sur plusieurs lignes mais ne contient pas "
        "d'autre guillemet",
    ),
    _Mistake(
        Code.STRAIGHT_QUOTES,
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
        Code.DOUBLE_EQUALS,
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
        Code.MISSING_MESSAGE,
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
        Code.MISSING_COLON,
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
        Code.CLAUSE_OUTSIDE_REQUIREMENT,
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


def syntax_diagnostic(
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
        if mistake.code == Code.UNCLOSED_QUOTE:
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
            Code.UNEXPECTED_CHARACTER if isinstance(error, UnexpectedCharacters) else Code.SYNTAX,
            f"ligne inattendue « {shown} » ; attendu : {expected}",
            index.span(file, base + position, base + position + len(line)),
            "une note ? commencez une note par # (par exemple « # À revoir ») ; sinon, "
            "vérifiez l'orthographe du premier mot",
        )
    if isinstance(error, UnexpectedCharacters):
        found = _describe_char(error.char)
        return Diagnostic(
            Code.UNEXPECTED_CHARACTER,
            f"caractère inattendu : {found} ; attendu : {expected}",
            span,
            _char_hint(error.char),
        )
    if at_end:
        what = "l'expression" if in_message else "le fichier"
        return Diagnostic(
            Code.SYNTAX,
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
    return Diagnostic(Code.SYNTAX, f"{found} inattendu ici ; attendu : {expected}", span, hint)


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

"""The code of every diagnostic the rule-language front end gives, one member per mistake.

Input: nothing. Output: :class:`Code`, the only place a diagnostic code is written. Every
:class:`~cls_check.errors.Diagnostic` carries one of its members (this module sits at the
bottom of the package, beside :mod:`cls_check.errors`, which imports it); being a
:class:`~enum.StrEnum`, a member prints, formats and serialises as its code (``CLS201``), so
the text of a diagnostic is the same as with a plain string.

Codes are stable — tests, documentation and users refer to them. ``CLS1xx``: a file that
cannot be read or parsed (:mod:`cls_check.dsl.parser`, :mod:`cls_check.dsl.syntax_errors`,
:mod:`cls_check.dsl.limits`); ``CLS2xx``: the static checks (:mod:`cls_check.dsl.checker`)
and the catalogue.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Code"]


class Code(StrEnum):
    """A kind of mistake in rule files or in the catalogue; its value is the code shown."""

    UNREADABLE_FILE = "CLS100"
    """A rule folder or file cannot be read: missing, too big, not UTF-8, no ``.cls`` file."""
    SYNTAX = "CLS101"
    """A token the grammar does not accept at this place, or a text that ends too early."""
    UNEXPECTED_CHARACTER = "CLS102"
    """A character that starts no token of the language."""
    UNCLOSED_QUOTE = "CLS103"
    """A « text » not closed by » before the next «."""
    STRAIGHT_QUOTES = "CLS104"
    """A title or message between straight quotes "…" where « … » is expected."""
    DOUBLE_EQUALS = "CLS105"
    """Two comparison operators in a row, such as ``==``."""
    MISSING_MESSAGE = "CLS106"
    """``sinon`` without the « message » that follows it."""
    MISSING_COLON = "CLS107"
    """A quantifier or ``sauf si`` condition without its « : »."""
    CLAUSE_OUTSIDE_REQUIREMENT = "CLS108"
    """A clause (``force``, ``exige``…) written before any ``exigence``."""
    MESSAGE_BRACE = "CLS109"
    """A { or } of a message that opens or closes nothing, an empty {}, too many {…}."""
    INVALID_LITERAL = "CLS110"
    """A date that does not exist, a number or duration too long."""
    TOO_DEEP = "CLS111"
    """An expression, or a chain of definitions, nested beyond the bound."""
    UNKNOWN_FIELD = "CLS201"
    """A path names a field its record does not have (or reads a field of a non-record)."""
    UNKNOWN_NAME = "CLS202"
    """A path starts with no variable, definition or field of the contract."""
    TYPE_MISMATCH = "CLS203"
    """Operands of different kinds: a comparison, a calculation, a list, a message's {…}."""
    NOT_A_CONDITION = "CLS204"
    """A condition that is not true or false."""
    NOT_A_LIST = "CLS205"
    """A quantifier, ``nombre de`` or ``dans`` over something that is not a list."""
    NON_NUMERIC_SUM = "CLS206"
    """``somme de`` over values that are not always numbers."""
    UNKNOWN_ENUM_VALUE = "CLS207"
    """A text compared with an enumerated field that is not one of its values."""
    VARIABLE_OUT_OF_SCOPE = "CLS208"
    """A variable used outside the quantifier that binds it."""
    SHADOWED_NAME = "CLS209"
    """A quantifier's variable that hides a variable, definition or field of the same name."""
    UNKNOWN_REQUIREMENT = "CLS220"
    """A rule for a requirement id that is not in the catalogue."""
    DUPLICATE_RULE = "CLS221"
    """A second rule for the same requirement."""
    MISSING_CLAUSE = "CLS222"
    """A requirement without its ``exige`` clause."""
    REPEATED_CLAUSE = "CLS223"
    """A clause written twice, or « sinon » messages out of order."""
    INVALID_FORCE = "CLS224"
    """A ``force`` that is not one of the forces of the catalogue."""
    CATALOGUE_DISAGREEMENT = "CLS225"
    """A title, force, source or date that contradicts the catalogue entry."""
    REQUIREMENT_WITHOUT_RULE = "CLS226"
    """A catalogue entry that no rule file encodes."""
    DUPLICATE_DEFINITION = "CLS230"
    """A name defined twice, or a local definition named like a shared one."""
    CIRCULAR_DEFINITION = "CLS231"
    """Definitions that depend on themselves, directly or through others."""
    INVALID_CATALOGUE = "CLS250"
    """The catalogue ``exigences.yaml`` cannot be read or breaks its schema."""

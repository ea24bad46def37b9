"""The French sentences an engine writes into a finding when the rule's own message does not
apply: why a rule is unknown, not applicable or not in force, and the default message of a
violated requirement.

Input: the IR of a rule (its title, applicability, date of entry into force, citation) and
what the evaluation found missing. Output: the ``message`` of a finding, in French.

They live in :mod:`cls_check.engine` because only an engine writes them — they are part of
what a backend decides, like the verdict, and every backend gives the same one (``durable``
takes its messages from the ``python`` backend) — and, being about the rule language's IR,
they sit above :mod:`cls_check.ir`; the renderers only show them. Kept apart from the
evaluation so that their wording is read, and reviewed by legal staff, in one place.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from cls_check.ir import nodes as ir
from cls_check.values import format_value

__all__ = ["missing", "not_applicable", "not_in_force", "undated", "violated"]


def violated(rule: ir.Rule) -> str:
    """The message of a violated requirement whose rule gives none (no ``sinon « … »``)."""
    return f"Exigence non respectée : {rule.title}."


def missing(paths: Iterable[str]) -> str:
    """An unknown verdict: the record paths the rule needed and the record does not give
    (``""``: the contract as a whole), in the order they were read."""
    named = list(dict.fromkeys(path or "(contrat)" for path in paths))
    if not named:
        return "Les informations du contrat ne permettent pas de conclure."
    return "Le contrat ne renseigne pas : " + ", ".join(named) + "."


def not_applicable(condition: ir.Condition) -> str:
    return f"Sans objet pour ce contrat : la condition « {condition.text} » n'est pas remplie."


def not_in_force(rule: ir.Rule, reference: datetime.date | None) -> str:
    """The reference is the signature date (for a draft, the date of the check)."""
    text = _bringing_text(rule)
    return (
        f"Sans objet : cette exigence{f' ({text})' if text else ''} s'applique aux "
        f"contrats signés à partir du {format_value(rule.in_force_from)} ; la date retenue "
        f"pour ce contrat est le {format_value(reference)}."
    )


def undated(rule: ir.Rule) -> str:
    """A rule whose entry into force depends on a signature date the record does not give."""
    text = _bringing_text(rule)
    return (
        f"La date de signature n'est pas renseignée : on ne peut pas dire si cette exigence "
        f"({f'{text}, ' if text else ''}en vigueur à partir du "
        f"{format_value(rule.in_force_from)}) s'applique."
    )


def _bringing_text(rule: ir.Rule) -> str | None:
    """The cited text, when it is what brought the rule into force (not a later text cited
    for want of the original passage)."""
    start = rule.in_force_from
    return None if start is None or rule.source.text > start.year else rule.source.document

"""The rules as ``cls-check rules`` shows them: the table of ``rules list``, one line per
requirement a rule set encodes, and one rule as ``rules show`` prints it.

Input: the rules (IR) and, when the specifications are at hand, the number of scenarios
per requirement; for one rule, its text as written in its file. Output: aligned text, one
header line then one line per rule, the title last so that long titles do not push the
other columns; or a rule headed by where it stands, its id, force and theme.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from cls_check.ir.nodes import Rule

__all__ = ["HEADER", "render", "render_rule"]

HEADER = ("exigence", "thème", "force", "section", "texte", "source", "scénarios", "titre")
_NONE = "—"


def render(rules: Iterable[Rule], scenarios: Mapping[str, int] | None) -> str:
    """The table; ``scenarios`` None when no specification was found (shown as « — »)."""
    rows = [
        (
            rule.requirement,
            rule.theme,
            rule.force,
            rule.source.section or _NONE,
            rule.source.document_id,
            rule.source.kind,
            str(scenarios.get(rule.requirement, 0)) if scenarios is not None else _NONE,
            rule.title,
        )
        for rule in rules
    ]
    widths = [max(len(row[i]) for row in (HEADER, *rows)) for i in range(len(HEADER) - 1)]
    lines = []
    for row in (HEADER, *rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]))
    return "\n".join(lines) + "\n"


def render_rule(rule: Rule, written: str) -> str:
    """``# fichier:ligne — id (force, thème …)`` then the rule as ``written``."""
    return f"# {rule.span} — {rule.id} ({rule.force}, thème {rule.theme})\n{written}\n"

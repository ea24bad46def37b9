"""The table of ``cls-check rules list``: one line per requirement a rule set encodes.

Input: the rules (IR) and, when the specifications are at hand, the number of scenarios
per requirement. Output: aligned text, one header line then one line per rule, the title
last so that long titles do not push the other columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from cls_check.ir.nodes import Rule

__all__ = ["HEADER", "render"]

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

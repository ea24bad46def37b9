"""The JSON report: the documented, versioned interface for programs.

Input: a :class:`~cls_check.report.model.Report`. Output: exactly :meth:`Report.to_json`
(keys as architecture.md names them, two-space indent, a final newline), so that the JSON
a program reads is the model's own serialisation and nothing else. ``Finding.theme`` is
in-process only and does not appear.

Invariants: byte-identical for equal reports; ``Report.model_validate_json`` reads it back
to an equal report (apart from ``theme``).
"""

from __future__ import annotations

from cls_check.report.model import Report


def render(report: Report) -> str:
    """The report as JSON text (the model's serialisation)."""
    return report.to_json()

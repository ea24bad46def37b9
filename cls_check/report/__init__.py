"""Reports: one model, one renderer per format.

Input: a :class:`~cls_check.report.model.Report` (the only thing any renderer reads; a
batch's JSON is also written contract by contract from plain data, see :mod:`.json_format`).
Output: the report as a string in one of :data:`FORMATS`:

* ``text`` — the terminal view for reviewers (:mod:`.text`), optionally coloured;
* ``json`` — the model's own serialisation, the documented interface (:mod:`.json_format`);
* ``markdown`` — to attach to a ticket (:mod:`.markdown`);
* ``html`` — one self-contained printable page (:mod:`.html`);
* ``csv`` — one row per finding, machine values, for spreadsheets (:mod:`.csv_format`);
* ``csv-contracts`` — one row per contract, its counts and gaps (:mod:`.csv_format`);
* ``sarif``, ``junit`` — for CI pipelines, pointing at record lines (:mod:`.ci_formats`).

and as bytes, with :func:`render_bytes`, in one of :data:`BINARY_FORMATS`:

* ``pdf`` — the HTML report printed on A4 pages by WeasyPrint (:mod:`.pdf`);
* ``lettre`` — a DOCX letter to the commune for each contract (:mod:`.letter`).

Both import their library only when called: checks in other formats do not load them.

Every renderer is deterministic (same report → same string) and total (any valid report
renders without raising). Shared French labels and the grouping of findings live in
:mod:`.labels`.

The other commands' output is rendered here too, so that the command line only writes it:
``explain`` (:mod:`.explain_text`, :mod:`.trace_text`), ``rules list`` and ``rules show``
(:mod:`.rule_table`), ``rules doc`` (:mod:`.referentiel_render`), ``diff`` (:mod:`.diff`),
and errors, problems and progress on standard error (:mod:`.messages`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cls_check.report.model import Report

if TYPE_CHECKING:
    from cls_check.report.ci_formats import Lines

FORMATS = ("text", "json", "markdown", "html", "csv", "csv-contracts", "sarif", "junit")
#: The formats that point at lines of the records (``lines`` of :func:`render`).
LINE_FORMATS = ("sarif", "junit")
#: The formats rendered as bytes (:func:`render_bytes`), with the extension of their file.
BINARY_FORMATS = {"pdf": "pdf", "lettre": "docx"}


def render(
    report: Report,
    fmt: str,
    *,
    color: bool = False,
    width: int | None = None,
    lines: Lines | None = None,
) -> str:
    """Render ``report`` in format ``fmt`` (one of :data:`FORMATS`).

    ``color`` adds ANSI colours to the ``text`` format and ``width`` sets its line width
    (a terminal's, default :data:`.text.WIDTH`); the other formats ignore both. ``lines``
    gives SARIF and JUnit the line of each evidence path in its record.
    Raises :class:`ValueError` for an unknown format.

    Each renderer is imported when its format is asked for: a check pays only for its own.
    """
    if fmt in {"text", "compact"}:
        from cls_check.report import text

        # ``compact``: one line per contract (``check --compact``).
        layout = text.render if fmt == "text" else text.render_compact
        return layout(report, color=color, width=width or text.WIDTH)
    if fmt == "json":
        from cls_check.report import json_format

        return json_format.render(report)
    if fmt == "markdown":
        from cls_check.report import markdown

        return markdown.render(report)
    if fmt == "html":
        from cls_check.report import html

        return html.render(report)
    if fmt in {"csv", "csv-contracts"}:
        from cls_check.report import csv_format

        return (csv_format.render if fmt == "csv" else csv_format.render_contracts)(report)
    if fmt in {"sarif", "junit"}:
        from cls_check.report import ci_formats

        return (ci_formats.render_sarif if fmt == "sarif" else ci_formats.render_junit)(
            report, lines
        )
    raise ValueError(f"format de rapport inconnu : {fmt!r} (formats : {', '.join(FORMATS)})")


def render_bytes(report: Report, fmt: str) -> bytes:
    """Render ``report`` in binary format ``fmt`` (one of :data:`BINARY_FORMATS`).

    Raises :class:`ValueError` for an unknown format, and
    :class:`~cls_check.errors.OutputError` when the PDF library cannot be loaded.
    """
    if fmt == "pdf":
        from cls_check.report import pdf

        return pdf.render(report)
    if fmt == "lettre":
        from cls_check.report import letter

        return letter.render(report)
    raise ValueError(f"format binaire inconnu : {fmt!r} (formats : {', '.join(BINARY_FORMATS)})")


__all__ = ["BINARY_FORMATS", "FORMATS", "LINE_FORMATS", "render", "render_bytes"]

"""Reports: one model, one renderer per format.

Input: a :class:`~cls_check.report.model.Report` (the only thing any renderer reads).
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
"""

from __future__ import annotations

from cls_check.report import ci_formats, csv_format, html, json_format, markdown, text
from cls_check.report.model import Report

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
    width: int = text.WIDTH,
    lines: ci_formats.Lines | None = None,
) -> str:
    """Render ``report`` in format ``fmt`` (one of :data:`FORMATS`).

    ``color`` adds ANSI colours to the ``text`` format and ``width`` sets its line width
    (a terminal's); the other formats ignore both. ``lines`` gives SARIF and JUnit the
    line of each evidence path in its record.
    Raises :class:`ValueError` for an unknown format.
    """
    if fmt == "text":
        return text.render(report, color=color, width=width)
    if fmt == "compact":  # text, one line per contract (``check --compact``)
        return text.render_compact(report, color=color, width=width)
    if fmt == "json":
        return json_format.render(report)
    if fmt == "markdown":
        return markdown.render(report)
    if fmt == "html":
        return html.render(report)
    if fmt == "csv":
        return csv_format.render(report)
    if fmt == "csv-contracts":
        return csv_format.render_contracts(report)
    if fmt == "sarif":
        return ci_formats.render_sarif(report, lines)
    if fmt == "junit":
        return ci_formats.render_junit(report, lines)
    raise ValueError(f"format de rapport inconnu : {fmt!r} (formats : {', '.join(FORMATS)})")


def render_bytes(report: Report, fmt: str) -> bytes:
    """Render ``report`` in binary format ``fmt`` (one of :data:`BINARY_FORMATS`).

    Raises :class:`ValueError` for an unknown format, and
    :class:`~cls_check.output.OutputError` when the PDF library cannot be loaded.
    """
    if fmt == "pdf":
        from cls_check.report import pdf

        return pdf.render(report)
    if fmt == "lettre":
        from cls_check.report import letter

        return letter.render(report)
    raise ValueError(f"format binaire inconnu : {fmt!r} (formats : {', '.join(BINARY_FORMATS)})")


__all__ = ["BINARY_FORMATS", "FORMATS", "LINE_FORMATS", "render", "render_bytes"]

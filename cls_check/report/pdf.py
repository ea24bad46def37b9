"""The PDF report: the HTML report (:mod:`.html`) laid out on A4 pages by WeasyPrint.

Input: a :class:`~cls_check.report.model.Report`. Output: the bytes of a PDF document.

The HTML report already carries its print stylesheet (``@page { size: A4 }``, the folder
summary then one contract per page), so the PDF is that page printed: one layout to
maintain, and the PDF says exactly what the HTML says. WeasyPrint is imported here, when a
PDF is asked for, so that a check in another format never pays for loading it. It fetches
nothing: the page has no external resource, and the URL fetcher allows no protocol at all,
so that no text of a record could ever make it read a file or the network.
"""

from __future__ import annotations

from cls_check.errors import OutputError
from cls_check.report import html, labels
from cls_check.report.model import Report


def render(report: Report) -> bytes:
    """The report as a PDF document on A4 pages."""
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as error:  # the package, or its Pango libraries, missing
        raise OutputError(
            f"impossible de produire le PDF : WeasyPrint n'est pas utilisable ({error})",
            "installez WeasyPrint et les bibliothèques Pango de votre système "
            "(https://doc.courtbouillon.org/weasyprint), ou choisissez --format html",
        ) from error
    source = labels.without_noncharacters(html.render(report))
    page = HTML(string=source, url_fetcher=URLFetcher(allowed_protocols=()))
    document: bytes = page.write_pdf()
    return document

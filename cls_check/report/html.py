"""The HTML report: one self-contained page to read in a browser, print or file.

Input: a :class:`~cls_check.report.model.Report`. Output: an HTML5 document, ``lang="fr"``,
UTF-8, with its CSS inline — no script, no external resource (no font, image or link to
fetch), so it opens the same offline and years later.

Layout (``templates/report.html``, Jinja2): the text report's structure (header; per
contract the status first, the table of counts, the warnings, then the findings by theme,
gaps first; the inputs not checked; the total). Citations are quoted in full; evidence is
cut after a few entries as in the text report. Statuses and verdicts carry classes and
colours, and always their word and symbol too, so that a black-and-white print loses
nothing (borders differ as well).

Invariants: deterministic; every value the template prints is one line of text made
readable by :func:`labels.clean` (control characters shown, not run), then escaped by
:func:`html.escape` in the environment's ``finalize``, attributes included — unless it is
markup the template made itself (a macro's output); autoescaping stays on, so anything
that would bypass ``finalize`` is escaped all the same. Quotes are spelled as the report
always has (``&#x27;``, ``&quot;``; markupsafe would write ``&#39;``, ``&#34;``). Class
names come only from the model's fixed vocabularies.
"""

from __future__ import annotations

import functools
from html import escape
from pathlib import Path

import jinja2
from markupsafe import Markup

from cls_check import vocab
from cls_check.report import folder, labels
from cls_check.report.model import Report
from cls_check.values import french_date

__all__ = ["render"]

_TEMPLATES = Path(__file__).resolve().parent / "templates"


def _text(value: object) -> object:
    """What a ``{{ … }}`` prints: markup as it is, anything else as one clean line escaped
    as :func:`html.escape` spells it (``&#x27;``, ``&quot;``)."""
    return value if isinstance(value, Markup) else Markup(escape(labels.clean(str(value))))


@functools.cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,
        finalize=_text,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals.update(labels=labels, folder=folder, vocab=vocab, french_date=french_date)
    return environment.get_template("report.html")


def render(report: Report) -> str:
    """The report as one self-contained HTML page."""
    return _template().render(report=report)

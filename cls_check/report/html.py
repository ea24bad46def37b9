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
Jinja's autoescaping, attributes included — unless it is markup the template made itself
(a macro's output). Quotes are spelled as :func:`html.escape` spells them (``&#x27;``,
``&quot;``), as the report always has: markupsafe writes ``&#39;`` and ``&#34;``, which
only escaping can produce (a record's own ``&`` is escaped), so they are respelled once
in the finished page. Class names come only from the model's fixed vocabularies.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from markupsafe import Markup

from cls_check import vocab
from cls_check.report import folder, labels
from cls_check.report.model import Report
from cls_check.values import french_date

__all__ = ["render"]

_TEMPLATES = Path(__file__).resolve().parent / "templates"


#: markupsafe's spelling of the quotes, and :func:`html.escape`'s.
_QUOTES = (("&#39;", "&#x27;"), ("&#34;", "&quot;"))


def _text(value: object) -> object:
    """What a ``{{ … }}`` prints before it is escaped: markup as it is, anything else as
    one clean line."""
    return value if isinstance(value, Markup) else labels.clean(str(value))


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
    page = _template().render(report=report)
    for markupsafe, escaped in _QUOTES:
        page = page.replace(markupsafe, escaped)
    return page

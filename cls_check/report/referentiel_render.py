"""The référentiel as a document: one self-contained HTML page, or Markdown.

Input: a :class:`~cls_check.report.referentiel.Referentiel`. Output: text.

The layout lives in Jinja2 templates beside this module (``templates/``): HTML is rendered
with autoescaping on, so a quote or a rule text can never inject markup; the rule texts
are coloured by the rule language's Pygments lexer (:mod:`cls_check.highlight`), whose
output is already escaped. The HTML page carries its CSS inline (screen and A4 print)
and fetches nothing.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from markupsafe import Markup

from cls_check.highlight import highlight_html, style_sheet
from cls_check.report.referentiel import Referentiel

__all__ = ["TEMPLATES", "render"]

#: Each format and its template.
TEMPLATES = {"markdown": "referentiel.md", "html": "referentiel.html"}

_TEMPLATES = Path(__file__).resolve().parent / "templates"


@functools.cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["cls"] = lambda text: Markup(highlight_html(text))
    return environment


def render(referentiel: Referentiel, format: str) -> str:
    """The référentiel in ``format``, one of :data:`TEMPLATES`."""
    template = _environment().get_template(TEMPLATES[format])
    return template.render(ref=referentiel, highlight_css=Markup(style_sheet()))

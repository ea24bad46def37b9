"""Every renderer is total and deterministic over arbitrary valid reports.

Reports are generated field by field from the model, with arbitrary text (control
characters, quotes, markup, newlines…), arbitrary evidence values, inconsistent summaries
and any status: a renderer must not assume the engine's invariants to stay on its feet.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from html.parser import HTMLParser
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cls_check.report import FORMATS, json_format, render
from cls_check.report.csv_format import COLUMNS, CONTRACT_COLUMNS
from cls_check.report.labels import THEME_ORDER
from cls_check.report.model import (
    ContractReport,
    Evidence,
    Finding,
    ForceCounts,
    InputError,
    InputProblem,
    OrphanedWaiver,
    Report,
    RulesInfo,
    Source,
    Summary,
    ToolInfo,
    Waiver,
    WaiverReview,
)
from cls_check.report.text import WIDTH
from cls_check.vocab import FORCES, VERDICTS

texts = st.text(max_size=40) | st.sampled_from(["<script>", "|", '"', "\n", "\x1b[31m", "=1+1"])
long_texts = texts | st.text(min_size=200, max_size=600)
optional_texts = st.none() | texts
counts = st.integers(min_value=-3, max_value=10**6)

scalars = st.none() | st.booleans() | st.integers() | st.floats() | texts | st.dates().map(str)
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=6,
)

evidence = st.builds(Evidence, path=texts, value=values)
sources = st.builds(
    Source,
    section=texts | st.sampled_from(["I.1", "preambule", "1999"]),
    quote=long_texts,
    text=st.sampled_from([1997, 1999]) | st.integers(),
)
_waiver_fields = {
    "requirement": texts,
    "contract": texts,
    "justification": long_texts,
    "author": texts,
    "date": st.dates(),
    "expires": st.none() | st.dates(),
}
waivers = st.builds(Waiver, **_waiver_fields)
orphaned = st.builds(OrphanedWaiver, reason=texts, **_waiver_fields)
reviews = st.builds(
    WaiverReview,
    applied=st.lists(waivers, max_size=2).map(tuple),
    expired=st.lists(waivers, max_size=2).map(tuple),
    orphaned=st.lists(orphaned, max_size=2).map(tuple),
)
findings = st.builds(
    Finding,
    requirement=texts,
    rule=texts,
    verdict=st.sampled_from(VERDICTS),
    force=st.sampled_from(FORCES),
    title=long_texts,
    message=long_texts,
    evidence=st.lists(evidence, max_size=8).map(tuple),
    source=sources,
    theme=st.sampled_from(THEME_ORDER) | texts,
    waiver=st.none() | waivers,
)
force_counts = st.builds(
    ForceCounts,
    satisfied=counts,
    violated=counts,
    unknown=counts,
    not_applicable=counts,
    waived=counts,
)
summaries = st.builds(
    Summary,
    satisfied=counts,
    violated=counts,
    unknown=counts,
    not_applicable=counts,
    waived=counts,
    obligation=force_counts,
    recommandation=force_counts,
)
problems = st.builds(
    InputProblem,
    path=optional_texts,
    line=st.none() | st.integers(),
    message=long_texts,
    hint=optional_texts,
)
contracts = st.builds(
    ContractReport,
    file=texts,
    id=optional_texts,
    status=st.sampled_from(["conforme", "non_conforme", "incomplet", "invalide"]),
    summary=summaries,
    findings=st.lists(findings, max_size=6).map(tuple),
    warnings=st.lists(problems, max_size=3).map(tuple),
)
errors = st.builds(InputError, file=texts, problems=st.lists(problems, max_size=3).map(tuple))
reports = st.builds(
    Report,
    tool=st.builds(ToolInfo, name=texts, version=texts),
    rules=st.builds(RulesInfo, version=texts, sha256=texts),
    checked_at=st.dates(min_value=datetime.date(1, 1, 1)),
    contracts=st.lists(contracts, max_size=3).map(tuple),
    errors=st.lists(errors, max_size=3).map(tuple),
    waivers=st.none() | reviews,
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(reports)
def test_every_format_renders_deterministically(report: Report) -> None:
    for fmt in FORMATS:
        out = render(report, fmt)
        assert isinstance(out, str)
        assert render(report, fmt) == out


@SETTINGS
@given(reports)
def test_csv_parses_back_to_the_expected_rows(report: Report) -> None:
    def parse(fmt: str) -> list[list[str]]:
        text = render(report, fmt)
        assert text.startswith("\ufeff")
        return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))

    rows = parse("csv")
    findings_rows = sum(max(1, len(c.findings)) for c in report.contracts)
    problem_rows = sum(max(1, len(e.problems)) for e in report.errors)
    assert len(rows) == 1 + findings_rows + problem_rows
    assert all(len(row) == len(COLUMNS) for row in rows)
    per_contract = parse("csv-contracts")
    assert len(per_contract) == 1 + len(report.contracts) + len(report.errors)
    assert all(len(row) == len(CONTRACT_COLUMNS) for row in per_contract)


@SETTINGS
@given(reports)
def test_text_never_escapes_without_colour_and_fits_100_columns(report: Report) -> None:
    plain = render(report, "text")
    assert "\x1b" not in plain
    assert all(len(line) <= WIDTH for line in plain.splitlines())
    coloured = render(report, "text", color=True)
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


@SETTINGS
@given(reports)
def test_html_record_text_never_becomes_markup(report: Report) -> None:
    parser = _Tags()
    parser.feed(render(report, "html"))
    parser.close()
    assert parser.tags <= {
        "html", "head", "meta", "title", "style", "body", "header", "main", "section", "h1",
        "h2", "h3", "p", "span", "code", "cite", "blockquote", "ul", "li", "br", "table",
        "thead", "tbody", "tr", "th", "td",
    }  # fmt: skip


@SETTINGS
@given(reports)
def test_json_round_trips(report: Report) -> None:
    out = render(report, "json")
    assert Report.model_validate_json(out).to_json() == out
    streamed = json_format.stream(report, report.contracts, lambda: report.errors)
    assert b"".join(streamed).decode() == out

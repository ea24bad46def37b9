"""The HTML report: self-contained, French, escaped, readable without colour."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from cls_check.report import render
from cls_check.report.model import Report

from .samples import SCRIPT

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "section", "h1",
    "h2", "h3", "p", "span", "strong", "code", "cite", "blockquote", "ul", "li", "br",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> TagCollector:
    parser = TagCollector()
    parser.feed(page)
    parser.close()
    return parser


def test_page_is_french_utf8_and_self_contained(sample: Report) -> None:
    page = render(sample, "html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">')
    parsed = parse(page)
    assert set(parsed.tags) <= ALLOWED_TAGS
    names = {name for name, _ in parsed.attributes}
    assert not names & {"src", "href", "srcset", "action", "onload", "onclick"}
    assert "<script" not in page
    assert "url(" not in page and "@import" not in page and "http" not in page


def test_status_and_verdicts_are_words_with_classes(sample: Report) -> None:
    page = render(sample, "html")
    assert '<p class="statut statut-non_conforme">Statut : non conforme</p>' in page
    assert '<p class="statut statut-incomplet">Statut : incomplet (informations manquantes)' in page
    assert '<li class="constat verdict-violated">' in page
    assert '<span class="verdict">violée</span>' in page
    assert '<span class="verdict">inconnue</span>' in page
    assert "@media print" in page


def test_status_before_findings(sample: Report) -> None:
    page = render(sample, "html")
    for section in page.split('<section class="contrat">')[1:]:
        assert section.index('class="statut ') < section.index("<h3>")


def test_hostile_strings_are_escaped(hostile: Report) -> None:
    page = render(hostile, "html")
    parsed = parse(page)
    assert "script" not in parsed.tags
    assert "b" not in parsed.tags and "i" not in parsed.tags and "c" not in parsed.tags
    assert set(parsed.tags) <= ALLOWED_TAGS
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "a &quot;b&quot; &lt;c&gt;.yaml" in page
    assert SCRIPT in "".join(parsed.text)  # shown as text
    assert "\x1b" not in page


def test_empty_report(empty: Report) -> None:
    page = render(empty, "html")
    assert "<p>Aucun contrat vérifié.</p>" in page
    assert page.endswith("</html>\n")


def test_each_contract_is_headed_by_its_intitule_communes_and_date_escaped(
    tmp_path: Path,
) -> None:
    """A reviewer files the page: the contract must be recognisable, and a record's text can
    never become markup."""
    import yaml
    from click.testing import CliRunner

    from cls_check.cli import main

    root = Path(__file__).resolve().parents[2]
    record = yaml.safe_load((root / "fixtures" / "contrat-exemple.yaml").read_text("utf-8"))
    record["intitule"] = "CLS <script>alert('x')</script> de Val-de-Lys"
    path = tmp_path / "contrat.yaml"
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "-f", "html", "--at", "2001-01-01"])
    page = result.stdout
    assert "<script>" not in page
    assert "CLS &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; de Val-de-Lys" in page
    assert "Saint-Amand-sur-Lys (59992)" in page and "signé le 14 mai 1998" in page
    assert "département 59" in page

"""The référentiel a jurist hands to a colleague: every requirement, its text, the plan."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from cls_check.api import load_rules
from cls_check.cli import main
from cls_check.referentiel import build
from cls_check.report.referentiel import DocRule, Referentiel, ThemeSection
from cls_check.report.referentiel_render import render
from cls_check.resources import rules_dir


def referentiel(folder: Path | None = None) -> Referentiel:
    folder = folder or rules_dir()
    rule_set = load_rules(folder)
    return build(rule_set.rules, folder, rule_set.info.version, rule_set.info.sha256)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.external: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in {"src", "href"} and value and not value.startswith("#"):
                self.external.append(value)


def test_every_requirement_is_documented_by_theme_with_its_quote_and_rule() -> None:
    ref = referentiel()
    rules = load_rules().rules
    documented = [rule.requirement for theme in ref.themes for rule in theme.rules]
    assert sorted(documented) == sorted(rule.requirement for rule in rules)
    assert [theme.label for theme in ref.themes][:2] == ["Signataires", "Territoire"]
    sig03 = next(r for theme in ref.themes for r in theme.rules if r.requirement == "SIG-03")
    assert sig03.quote.startswith("Dans ce cas, chacun des maires")
    assert sig03.text.startswith("exigence SIG-03") and "pour chaque commune" in sig03.text
    assert sig03.description and "INSEE" in sig03.description
    assert sig03.kind == "primaire" and sig03.force == "obligation"


def test_shared_definitions_come_with_the_comment_that_explains_them() -> None:
    paris = next(d for d in referentiel().definitions if d.name == "paris")
    assert paris.text.startswith("soit paris =")
    assert "préfet de police" in paris.explanation
    assert paris.location.endswith("communs.cls:9")


def test_the_plan_maps_paragraphs_to_requirements_and_shows_those_encoded_by_none() -> None:
    rows = {(row.document, row.section): row for row in referentiel().plan}
    assert "SIG-03" in rows[("circulaire du 28 octobre 1997", "I.2")].requirements
    # « I.3 a » has a row of its own, so DIA-03 is there and not under « I.3 ».
    assert "DIA-03" in rows[("circulaire du 28 octobre 1997", "I.3 a")].requirements
    assert "DIA-03" not in rows[("circulaire du 28 octobre 1997", "I.3")].requirements
    assert rows[("circulaire du 28 octobre 1997", "I.3 c")].requirements == ()


def test_a_requirement_outside_the_plan_is_listed_as_such(tmp_path: Path) -> None:
    folder = tmp_path / "regles"
    shutil.copytree(rules_dir(), folder)
    plan = folder / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("{section: I.2,", "{section: I.9,"),
        encoding="utf-8",
    )
    ref = referentiel(folder)
    assert {"SIG-03", "TER-01"} <= set(ref.unplaced)
    assert "Exigences dont le paragraphe n'est pas dans le plan" in render(ref, "markdown")


def test_html_is_one_self_contained_page_that_escapes_what_it_quotes() -> None:
    ref = referentiel()
    hostile = DocRule(
        requirement="XSS-01",
        title="<b>titre</b>",
        force="obligation",
        citation="§ I.1 (circulaire de 1997)",
        kind="secondaire",
        quote='<script>alert("citation")</script>',
        description="<img src=x onerror=alert(1)>",
        applicable_when=None,
        unknown_when=None,
        in_force_from=None,
        text='exige s.nom = "<script>"',
        location="rules/x.cls:1",
    )
    page = render(
        Referentiel(
            ref.version,
            ref.sha256,
            (*ref.themes, ThemeSection("autre", "Autre", (hostile,))),
            ref.definitions,
            ref.plan,
            (),
        ),
        "html",
    )
    collector = _Collector()
    collector.feed(page)
    assert "script" not in collector.tags and "img" not in collector.tags
    assert "&lt;script&gt;alert(&#34;citation&#34;)&lt;/script&gt;" in page
    assert collector.external == []  # nothing to fetch: it opens offline
    assert {"SIG-03", "definitions", "plan"} <= collector.ids
    assert "@page { size: A4" in page and 'lang="fr"' in page
    assert "source secondaire" in page


def test_cli_writes_the_html_referentiel_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "referentiel.html"
    result = CliRunner().invoke(main, ["rules", "doc", "-f", "html", "-o", str(target)])
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert len(re.findall(r'<article class="exigence force-', page)) == len(load_rules().rules)
    assert '<span class="k">exigence</span>' in page  # the rule text is highlighted

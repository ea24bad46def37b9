"""The Markdown report: the text structure, with record text escaped."""

from __future__ import annotations

import re

import pytest

from cls_check.report import render
from cls_check.report.markdown import escape
from cls_check.report.model import Report


def test_structure(sample: Report) -> None:
    md = render(sample, "markdown")
    assert md.startswith("# Rapport de vérification des contrats locaux de sécurité\n")
    assert "## Contrat cls-1999-plaine — contrats/plaine-saint-denis.yaml\n" in md
    assert "### Signataires\n" in md
    assert "| Obligations | 3 | 1 | 1 | 3 | 0 |\n" in md
    assert (
        "  > § I.2, circulaire du 28 octobre 1997 « Dans ce cas, chacun des maires concernés "
        "signera le contrat intercommunal. »\n"
    ) in md
    assert md.endswith(
        "**Total : 1 conforme, 1 non conforme, 1 incomplet, 1 invalide (4 entrées)**\n"
    )


def test_status_before_findings_and_gaps_first(sample: Report) -> None:
    md = render(sample, "markdown")
    section = md.split("## Contrat cls-1999-plaine")[1].split("\n## ")[0]
    assert section.index("**Statut : non conforme**") < section.index("### ")
    signataires = section.split("### Signataires")[1].split("\n### ")[0]
    assert signataires.index("SIG-03") < signataires.index("SIG-01")


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a|b", "a\\|b"),
        ("*gras* _souligné_", "\\*gras\\* \\_souligné\\_"),
        ("<script>", "\\<script\\>"),
        ("[lien](http://x)", "\\[lien\\](http://x)"),
        ("`code`", "\\`code\\`"),
        ("a\\b", "a\\\\b"),
        ("# titre", "\\# titre"),
        ("- puce", "\\- puce"),
        ("+ puce", "\\+ puce"),
        ("> citation", "\\> citation"),
        ("1. liste", "1\\. liste"),
        ("12) liste", "12\\) liste"),
        ("===", "\\==="),
        ("@quelqu'un", "\\@quelqu'un"),
        ("ligne 1\nligne 2", "ligne 1 ligne 2"),
        ("Élise — « à côté »", "Élise — « à côté »"),
        ("Saint-Denis", "Saint-Denis"),
    ],
)
def test_escape(raw: str, escaped: str) -> None:
    assert escape(raw) == escaped


#: How the report's own table lines start: the counts of a contract, the folder summary.
_TABLE_LINES = (
    "| |",
    "|---",
    "| Obligations",
    "| Recommandations",
    "| **",
    "| exigence |",
    "| département |",
    "| statut |",
    "| conforme |",
    "| non conforme |",
    "| incomplet |",
    "| (non renseigné) |",
)


def test_hostile_record_text_is_escaped(hostile: Report) -> None:
    md = render(hostile, "markdown")
    assert "<script>" not in md
    assert "\\<script\\>alert('x')\\</script\\>" in md
    assert "\\| \\*gras\\* \\_souligné\\_" in md
    assert "\\[lien\\](http://x)" in md
    assert "\x1b" not in md
    for line in md.splitlines():
        # Only the tables of the report start a line with a pipe; record text never does.
        if line.startswith("|"):
            assert line.startswith(_TABLE_LINES) or re.match(r"\| [A-Z]{2,4}-\d{2,3} \|", line)

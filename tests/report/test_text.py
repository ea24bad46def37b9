"""The terminal report: status first, gaps first, wrapping, colour only on request."""

from __future__ import annotations

import re

from cls_check.report import labels, render
from cls_check.report.model import Report, Source
from cls_check.report.text import WIDTH

from . import samples

SYMBOL_RANK = {"✗": 0, "?": 1, "✓": 2, "–": 3}
FINDING_LINE = re.compile(r"^  ([✗?✓–]) ")


def contract_blocks(text: str) -> list[list[str]]:
    """The lines of each contract, split on the ═ rule lines."""
    blocks = [block.splitlines() for block in text.split("═" * WIDTH + "\n")[1:]]
    return [lines for lines in blocks if len(lines) > 1 and lines[1].startswith("STATUT : ")]


def test_header_names_tool_rules_and_french_date(sample: Report) -> None:
    first = render(sample, "text").splitlines()[0]
    assert first == (
        "cls-check 0.1.0 · règles 2026.1 (sha256 3f2a9c1b7d4e) · vérification du 1er mars 2026"
    )


def test_status_comes_before_any_finding(sample: Report) -> None:
    blocks = contract_blocks(render(sample, "text"))
    assert len(blocks) == len(sample.contracts)
    for block, contract in zip(blocks, sample.contracts, strict=True):
        status_at = next(i for i, line in enumerate(block) if line.startswith("STATUT : "))
        findings_at = [i for i, line in enumerate(block) if FINDING_LINE.match(line)]
        assert findings_at, "every sample contract has findings"
        assert status_at < min(findings_at)
        assert status_at <= 1, "the status follows the file and id line directly"
        word = labels.status_label(contract.status).partition(" (")[0].upper()
        assert block[status_at].startswith(f"STATUT : {word}")


def test_within_each_theme_gaps_come_before_satisfied(sample: Report) -> None:
    text = render(sample, "text")
    for block in contract_blocks(text):
        ranks: list[int] = []
        for line in block:
            if line and not line.startswith(" "):  # a theme heading (or the status lines)
                ranks = []
            match = FINDING_LINE.match(line)
            if match:
                ranks.append(SYMBOL_RANK[match.group(1)])
                assert ranks == sorted(ranks), block


def test_gap_shows_force_message_citation_and_evidence(sample: Report) -> None:
    text = render(sample, "text")
    assert (
        "  ✗ SIG-02 [obligation] Le procureur de la République est partie au contrat\n"
        "    Le procureur de la République n'est pas partie au contrat.\n"
        "    § I.1, circulaire du 28 octobre 1997 « élaborés conjointement par le préfet, [...] le "
        "procureur\n"
        "      de la République et le (ou les) maire(s) »\n"
        "    · signataires[0].role = prefet\n"
    ) in text
    assert "    · suivi.instance = (non renseigné)\n" in text


def test_satisfied_and_not_applicable_are_condensed_with_their_reason(sample: Report) -> None:
    lines = render(sample, "text").splitlines()
    i = lines.index("  – SIG-05 Le partenariat est élargi au-delà de l'État et des communes")
    assert lines[i + 1].startswith("    ")  # why it does not apply
    assert not lines[i + 2].startswith("    ")  # no citation nor evidence


def test_evidence_is_cut_after_six_entries(sample: Report) -> None:
    text = render(sample, "text")
    assert "territoire.communes[5].insee = 93005" in text
    assert "territoire.communes[6]" not in text
    assert "    … et 4 autres\n" in text


def test_long_quotes_are_shortened_with_an_ellipsis(sample: Report) -> None:
    text = render(sample, "text")
    assert "la mise en oeuvre" not in text  # the end of the II.1 b quote
    assert "suivi des… »" in text
    assert labels.shorten("mot " * 100).endswith("mot…")
    assert len(labels.shorten("x" * 500)) == labels.QUOTE_WIDTH


def test_no_line_is_wider_than_100_columns(sample: Report, hostile: Report) -> None:
    for report in (sample, hostile):
        for line in render(report, "text").splitlines():
            assert len(line) <= WIDTH, line


def test_errors_show_each_problem_with_line_path_and_hint(sample: Report) -> None:
    text = render(sample, "text")
    assert "contrats/sans-format.yaml — STATUT : INVALIDE (non vérifié)\n" in text
    assert (
        "  contrats/sans-format.yaml:17  signataires[2].role : valeur inconnue : « prefete »\n"
        "    aide : valeurs possibles : prefet, prefet_de_police, procureur, maire, recteur\n"
    ) in text
    assert "  contrats/sans-format.yaml  le champ « format » manque (attendu : cls/1)\n" in text


def test_warnings_are_listed_under_their_contract(sample: Report) -> None:
    block = "\n".join(contract_blocks(render(sample, "text"))[2])
    assert "Avertissements (2) :" in block
    assert "contrats/bourg-est.json:42  suivi.instanse : clé inconnue, ignorée" in block
    assert "aide : vouliez-vous dire « instance » ?" in block


def test_total_line_counts_every_input(sample: Report) -> None:
    last = render(sample, "text").splitlines()[-1]
    assert last == "Total : 1 conforme, 1 non conforme, 1 incomplet, 1 invalide (4 entrées)"


def test_no_escape_codes_without_color_even_from_hostile_records(hostile: Report) -> None:
    text = render(hostile, "text", color=False)
    assert "\x1b" not in text
    assert "\\x1b[31mrouge" in text  # the record's escape is shown, not run


def test_colours_when_asked(sample: Report) -> None:
    text = render(sample, "text", color=True)
    assert "\x1b[31m  ✗ SIG-02" in text  # violated in red
    assert "\x1b[33m  ? PRI-01" in text  # unknown in yellow
    assert "\x1b[32m  ✓ SIG-01" in text  # satisfied in green
    assert "\x1b[2m  – SIG-05" in text  # not applicable dimmed
    assert "\x1b[1m\x1b[31mSTATUT : NON CONFORME\x1b[0m" in text
    assert "\x1b[1m\x1b[32mSTATUT : CONFORME\x1b[0m" in text
    assert "\x1b[1m\x1b[33mSTATUT : INCOMPLET" in text
    stripped = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert stripped == render(sample, "text", color=False)


def test_empty_report(empty: Report) -> None:
    text = render(empty, "text")
    assert "Aucun contrat vérifié." in text
    assert text.endswith("Total : 0 conforme, 0 non conforme, 0 incomplet, 0 invalide (0 entrée)\n")


def test_contract_without_findings_or_id() -> None:
    report = samples.sample_report().model_copy(
        update={"contracts": (samples.contract("vide.yaml", None, ()),), "errors": ()}
    )
    text = render(report, "text")
    assert "vide.yaml — contrat sans identifiant\nSTATUT : CONFORME\n" in text
    assert "Aucune exigence évaluée." in text


def test_unknown_and_missing_themes_come_after_the_catalogue_themes() -> None:
    findings = tuple(
        samples.finding(
            f"R-{theme or 'vide'}",
            "violated",
            theme=theme,
            title="t",
            source=samples.I1,
        )
        for theme in ("", "zèbre", "suivi", "autre", "signataires")
    )
    groups = [g.label for g in labels.by_theme(findings)]
    assert groups == ["Signataires", "Suivi et évaluation", "Autre", "Zèbre", "Autres exigences"]


def test_section_labels() -> None:
    assert labels.source_label(samples.I1) == "§ I.1, circulaire du 28 octobre 1997"
    assert labels.source_label(samples.PREAMBULE) == (
        "préambule, circulaire du 28 octobre 1997 (source secondaire : source non identifiée "
        "(la fin du préambule n'a pas été retrouvée))"
    )
    assert labels.source_label(samples.SUIVI_1999) == (
        f"circulaire du 7 juin 1999 (source secondaire : {samples.SENAT})"
    )
    # A source built without its document (before texts were named) still reads.
    assert labels.source_label(Source(section="1999", quote="", text=1999)) == (
        "circulaire de 1999"
    )


def test_text_follows_a_narrow_terminal(sample: Report) -> None:
    """Laid out for 80 columns, no line is wider: the terminal never wraps it mid-word."""
    from cls_check.report import render

    narrow = render(sample, "text", width=80)
    assert max(len(line) for line in narrow.splitlines()) <= 80
    assert "═" * 80 in narrow and "═" * 81 not in narrow
    assert max(len(line) for line in render(sample, "text", width=300).splitlines()) <= 100

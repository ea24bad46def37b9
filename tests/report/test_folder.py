"""The summary of a folder: statuses, most frequent gaps, départements, every contract."""

from __future__ import annotations

from cls_check.report import render
from cls_check.report.folder import summarise
from cls_check.report.model import Report

from . import samples


def test_summary_counts_statuses_and_ranks_gaps_by_contracts(sample: Report) -> None:
    summary = summarise(sample)
    assert summary.statuses == {
        "conforme": 1,
        "non_conforme": 1,
        "incomplet": 1,
        "invalide": 1,
    }
    assert [line.file for line in summary.contracts] == [c.file for c in sample.contracts]
    violated = [gap for gap in summary.gaps if gap.violated]
    assert [gap.requirement for gap in violated] == ["DIA-03", "SIG-02", "SIG-03"]
    assert all(gap.violated or gap.unknown for gap in summary.gaps)
    assert summarise(sample, limit=2).gaps == summary.gaps[:2]


def test_a_gap_found_in_more_contracts_comes_first(sample: Report) -> None:
    twice = sample.model_copy(update={"contracts": (*sample.contracts, sample.contracts[1])})
    first = summarise(twice).gaps[0]
    assert first.violated == 2 and first.requirement == "DIA-03"


def test_every_human_format_shows_the_summary_of_a_batch_but_not_of_one_contract(
    sample: Report,
) -> None:
    text = render(sample, "text")
    assert text.index("Synthèse du dossier") > text.index(sample.contracts[-1].file)
    assert text.rstrip().endswith("(4 entrées)")  # the recap is what the terminal shows last
    for fmt in ("markdown", "html"):
        page = render(sample, fmt)
        assert "Synthèse du dossier" in page
        assert page.index("Synthèse du dossier") < page.index("Statut :")  # summary first
    single = sample.model_copy(update={"contracts": sample.contracts[:1], "errors": ()})
    for fmt in ("text", "markdown", "html"):
        assert "Synthèse du dossier" not in render(single, fmt)


def test_contracts_of_unknown_departement_are_grouped_last() -> None:
    summary = summarise(samples.sample_report())
    assert summary.departements[-1].departement == "(non renseigné)"


def test_ignored_files_are_listed_in_every_human_format(sample: Report) -> None:
    from cls_check.report.model import IgnoredInput

    ignored = (IgnoredInput(file="dossier/notes.txt", reason="pas un enregistrement"),)
    report = sample.model_copy(update={"ignored": ignored})
    for fmt in ("text", "compact", "markdown", "html"):
        page = render(report, fmt)
        assert "Fichiers ignorés (1)" in page and "notes.txt" in page, fmt

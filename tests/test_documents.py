"""The documents a reviewer files or sends: the PDF report and the letter to the commune."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from cls_check.cli import main
from cls_check.report import BINARY_FORMATS, render_bytes
from cls_check.report.model import RecordFacts, Report
from tests.report import samples

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "contrat-exemple.yaml"
VIOLATING = ROOT / "fixtures" / "viole-signataires.yaml"
A4 = (595.3, 841.9)  # points
HOSTILE_TITLE = "Contrat <script>alert('x')</script> \x1b[31mrouge\x07 \u202eélif"


def check(tmp_path: Path, fmt: str, *paths: Path, name: str = "rapport") -> tuple[int, bytes]:
    target = tmp_path / f"{name}.{BINARY_FORMATS[fmt]}"
    result = CliRunner().invoke(
        main, ["check", *map(str, paths), "-f", fmt, "-o", str(target), "--at", "2001-01-01"]
    )
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, target.read_bytes()


def pdf_pages(data: bytes) -> list[tuple[tuple[float, float], str]]:
    reader = PdfReader(io.BytesIO(data))
    return [
        ((float(page.mediabox.width), float(page.mediabox.height)), page.extract_text())
        for page in reader.pages
    ]


def letters(data: bytes) -> list[str]:
    """The text of each letter: they are separated by page breaks."""
    found: list[list[str]] = [[]]
    for paragraph in docx.Document(io.BytesIO(data)).paragraphs:
        if 'w:type="page"' in paragraph._p.xml:
            found.append([])
        else:
            found[-1].append(paragraph.text)
    return ["\n".join(lines) for lines in found]


def letter_text(data: bytes) -> str:
    return "\n\n".join(letters(data))


def intitule(path: Path) -> str:
    value: str = yaml.safe_load(path.read_text(encoding="utf-8"))["intitule"]
    return value


def hostile_record(tmp_path: Path) -> Path:
    record = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    record["intitule"] = HOSTILE_TITLE
    record["territoire"]["communes"][0]["nom"] = "<b>Val</b>\x00-de-Lys"
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    return path


def squeeze(text: str) -> str:
    """PDF text as words: line breaks where the layout put them do not count."""
    return " ".join(text.split())


@pytest.mark.parametrize("record", [EXAMPLE, VIOLATING], ids=["exemple", "violations"])
def test_pdf_of_one_contract_is_a4_and_names_it(tmp_path: Path, record: Path) -> None:
    code, data = check(tmp_path, "pdf", record)
    assert data.startswith(b"%PDF-")
    pages = pdf_pages(data)
    for size, _ in pages:
        assert size == pytest.approx(A4, abs=1)
    assert squeeze(intitule(record)) in squeeze(pages[0][1])
    assert code == (1 if record is VIOLATING else 0)


def test_pdf_of_a_folder_starts_each_contract_on_a_page_after_the_summary(
    tmp_path: Path,
) -> None:
    records = [EXAMPLE, VIOLATING, ROOT / "fixtures" / "projet-debut.yaml"]
    _, data = check(tmp_path, "pdf", *records)
    texts = [text for _, text in pdf_pages(data)]
    assert texts[0].splitlines()[2] == "Synthèse du dossier"
    starts = [i for i, text in enumerate(texts) if text.startswith("Contrat cls-")]
    assert len(starts) == len(records)
    assert starts[0] > 0 and starts == sorted(starts)
    for start, record in zip(starts, records, strict=True):
        assert squeeze(intitule(record)) in squeeze(texts[start])


def test_letter_lists_violations_with_citations_and_the_questions(tmp_path: Path) -> None:
    draft = ROOT / "fixtures" / "projet-debut.yaml"
    _, data = check(tmp_path, "lettre", VIOLATING, draft)
    report = CliRunner().invoke(main, ["check", str(VIOLATING), str(draft), "-f", "json"])
    contracts = yaml.safe_load(report.stdout)["contracts"]
    texts = letters(data)
    assert len(texts) == len(contracts)
    for text, contract in zip(texts, contracts, strict=True):
        assert text.count("Objet : contrat local de sécurité") == 1
        assert contract["record"]["intitule"][len("Contrat") :] in text
        for finding in contract["findings"]:
            if finding["verdict"] == "violated":
                assert f"{finding['requirement']} — {finding['title']}" in text
                assert f"« {' '.join(finding['source']['quote'].split())} »" in text
            else:
                assert f"{finding['requirement']} —" not in text
        for question in contract["questions"]:
            assert question["question"] in text
    assert any(c["questions"] for c in contracts)
    assert any(f["verdict"] == "violated" for c in contracts for f in c["findings"])


def test_letter_is_a4_and_addresses_each_maire(tmp_path: Path) -> None:
    _, data = check(tmp_path, "lettre", EXAMPLE)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.5)
    text = letter_text(data)
    assert "Madame, Monsieur le Maire de Val-de-Lys" in text
    assert "Madame, Monsieur le Maire de Saint-Amand-sur-Lys" in text
    assert "Mesdames et Messieurs les Maires," in text


def test_hostile_record_text_stays_text_in_both_documents(tmp_path: Path) -> None:
    record = hostile_record(tmp_path)
    _, pdf = check(tmp_path, "pdf", record)
    page = pdf_pages(pdf)[0][1]
    assert "<script>alert('x')</script>" in page
    assert "\x1b" not in page and "\\x1b[31mrouge\\x07" in page
    _, letter = check(tmp_path, "lettre", record)
    text = letter_text(letter)
    assert "« Contrat <script>alert('x')</script> \\x1b[31mrouge\\x07 \\u202eélif »" in text
    assert "Maire de <b>Val</b>\\x00-de-Lys" in text


def test_hostile_report_renders_in_both_formats() -> None:
    report = samples.hostile_report()
    contract = report.contracts[0].model_copy(
        update={"record": RecordFacts.model_construct(intitule="a\ufffeb\uffffc\x01d")}
    )
    report = report.model_copy(update={"contracts": (contract,)})
    text = letter_text(render_bytes(report, "lettre"))
    assert "contrat local de sécurité « a\ufffdb\ufffdc\\x01d »" in text
    assert "Titre <script>alert('x')</script>" in text
    page = squeeze(" ".join(text for _, text in pdf_pages(render_bytes(report, "pdf"))))
    assert "Titre <script>alert('x')</script>" in page
    assert "a\ufffdb\ufffdc\\x01d" in page


def test_empty_report_gives_documents_that_say_so() -> None:
    report = Report(tool=samples.TOOL, rules=samples.RULES, checked_at=samples.CHECKED_AT)
    assert "Aucun contrat vérifié" in letter_text(render_bytes(report, "lettre"))
    assert "Aucun contrat vérifié" in pdf_pages(render_bytes(report, "pdf"))[0][1]


@pytest.mark.parametrize("fmt", sorted(BINARY_FORMATS))
def test_binary_format_to_a_terminal_is_refused(fmt: str) -> None:
    controller, terminal = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "cls_check", "check", str(EXAMPLE), "-f", fmt],
            stdout=terminal,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            cwd=ROOT,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert result.returncode == 2
    assert f"-o rapport.{BINARY_FORMATS[fmt]}" in result.stderr
    assert "Traceback" not in result.stderr


def test_binary_format_piped_to_standard_output_is_written() -> None:
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), "-f", "pdf"])
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"%PDF-")


def test_a_text_check_loads_neither_document_library() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from cls_check.cli import main\n"
        f"CliRunner().invoke(main, ['check', {str(EXAMPLE)!r}, '-f', 'html'])\n"
        "print(sorted(m for m in ('weasyprint', 'docx') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"


def test_pdf_without_weasyprint_is_a_french_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails, as without Pango
    target = tmp_path / "rapport.pdf"
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), "-f", "pdf", "-o", str(target)])
    assert result.exit_code == 2
    assert "impossible de produire le PDF" in result.stderr and "--format html" in result.stderr
    assert not target.exists()

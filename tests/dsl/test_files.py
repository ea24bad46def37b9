"""compile_rule_files: a rule folder, its catalogue, its version and its fingerprint."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cls_check.dsl import compile_rule_files
from cls_check.errors import RuleFileError
from cls_check.resources import rules_dir
from tests.dsl.conftest import BUNDLED_CATALOGUE, CATALOGUE, HEADER, RECORD, catalogue_of


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_folder_of_rules_with_its_catalogue(tmp_path: Path) -> None:
    write(tmp_path, "exigences.yaml", catalogue_of("SIG-01", "SIG-02"))
    write(tmp_path, "b.cls", HEADER + "  exige vrai\n")
    write(tmp_path, "a.cls", "exigence SIG-02\n  exige vrai\n")
    write(tmp_path, "notes.txt", "pas une règle")
    rs = compile_rule_files(tmp_path, record_type=RECORD)
    # In catalogue order, whatever the files: SIG-01 (b.cls) before SIG-02 (a.cls).
    assert [r.id for r in rs.rules] == ["b.SIG-01", "a.SIG-02"]
    assert rs.version == "0"


def test_every_requirement_of_the_catalogue_needs_a_rule(tmp_path: Path) -> None:
    write(tmp_path, "r.cls", HEADER + "  exige vrai\n")  # the bundled catalogue applies
    with pytest.raises(RuleFileError) as caught:
        compile_rule_files(tmp_path, record_type=RECORD)
    missing = caught.value.diagnostics
    assert {d.code for d in missing} == {"CLS226"}
    assert missing[0].message == "exigence « SIG-02 » du catalogue sans règle"
    assert len(missing) == len(CATALOGUE) - 1
    first = missing[0].span
    assert first.file.endswith("exigences.yaml") and first.file in caught.value.sources
    assert caught.value.sources[first.file].splitlines()[first.line - 1] == "- id: SIG-02"


def test_a_folder_without_rule_files_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "exigences.yaml", catalogue_of("SIG-01"))
    with pytest.raises(RuleFileError) as caught:
        compile_rule_files(tmp_path, record_type=RECORD)
    (d,) = caught.value.diagnostics
    assert d.code == "CLS100" and "aucun fichier de règles" in d.message


def test_version_and_a_local_catalogue(tmp_path: Path) -> None:
    write(tmp_path, "VERSION", " 2026.11.0 \n")
    write(tmp_path, "exigences.yaml", catalogue_of("SIG-01").replace("signataires", "parties"))
    write(tmp_path, "r.cls", HEADER + "  exige vrai\n")
    rs = compile_rule_files(tmp_path, record_type=RECORD)
    assert rs.version == "2026.11.0"
    assert rs.rules[0].theme == "parties"


def test_sha256_covers_rules_catalogue_and_version(tmp_path: Path) -> None:
    for rule_file in rules_dir().glob("*.cls"):
        shutil.copy(rule_file, tmp_path)
    first = compile_rule_files(tmp_path).sha256
    assert compile_rule_files(tmp_path).sha256 == first
    write(tmp_path, "VERSION", "1")
    with_version = compile_rule_files(tmp_path).sha256
    assert with_version != first
    write(tmp_path, "exigences.yaml", BUNDLED_CATALOGUE)
    # The same catalogue, bundled or beside the rules, is the same rule set.
    assert compile_rule_files(tmp_path).sha256 == with_version
    write(tmp_path, "exigences.yaml", BUNDLED_CATALOGUE + "\n# une note\n")
    with_catalogue = compile_rule_files(tmp_path).sha256
    assert with_catalogue != with_version
    rule = tmp_path / "signataires.cls"
    rule.write_text(rule.read_text("utf-8") + "# une note\n", "utf-8")
    assert compile_rule_files(tmp_path).sha256 not in (first, with_version, with_catalogue)


def test_errors_of_all_files_with_their_sources(tmp_path: Path) -> None:
    write(tmp_path, "exigences.yaml", catalogue_of("SIG-01"))
    write(tmp_path, "a.cls", HEADER + "  exige signatares est renseigné\n")
    write(tmp_path, "b.cls", "force obligation\n")
    with pytest.raises(RuleFileError) as caught:
        compile_rule_files(tmp_path, record_type=RECORD)
    error = caught.value
    files = [os.path.basename(d.span.file) for d in error.diagnostics]
    assert files == ["a.cls", "b.cls"]
    assert [d.code for d in error.diagnostics] == ["CLS202", "CLS108"]
    for d in error.diagnostics:
        assert d.span.file in error.sources


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    write(tmp_path, "exigences.yaml", catalogue_of("SIG-01"))
    (tmp_path / "latin1.cls").write_bytes("soit é = vrai\n".encode("latin-1"))
    write(tmp_path, "ok.cls", HEADER + "  exige signatares est renseigné\n")
    with pytest.raises(RuleFileError) as caught:
        compile_rule_files(tmp_path, record_type=RECORD)
    codes = [d.code for d in caught.value.diagnostics]
    assert codes == ["CLS100", "CLS202"]
    assert "UTF-8" in caught.value.diagnostics[0].message


def test_a_broken_local_catalogue(tmp_path: Path) -> None:
    write(tmp_path, "exigences.yaml", "exigences:\n- id: A-01\n")
    write(tmp_path, "r.cls", HEADER + "  exige vrai\n  sinon\n")
    with pytest.raises(RuleFileError) as caught:
        compile_rule_files(tmp_path, record_type=RECORD)
    codes = [d.code for d in caught.value.diagnostics]
    assert set(codes[:-1]) == {"CLS250"} and codes[-1] == "CLS106"
    catalogue_file = caught.value.diagnostics[0].span.file
    assert catalogue_file.endswith("exigences.yaml") and catalogue_file in caught.value.sources


def test_the_bundled_rules_compile() -> None:
    rs = compile_rule_files(rules_dir())
    assert rs.version == (rules_dir() / "VERSION").read_text("utf-8").strip()
    assert len({r.requirement for r in rs.rules}) == len(rs.rules)

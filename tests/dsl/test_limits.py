"""Hostile rule folders fail cleanly at load time, never at check time.

Each test copies the bundled rules and adds one hostile piece (a huge duration, a
5,000-digit number, an impossible date, deep nesting, a long chain of definitions, a
message full of ``{…}``, a file name that is not UTF-8, a YAML bomb…). Loading must raise
:class:`RuleFileError` with the diagnostic at the right ``file:line:col`` — through the
library (``load_rules``) and through ``cls-check rules lint`` alike — or succeed and then
check a contract in both engines without an error.
"""

from __future__ import annotations

import datetime
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cls_check.api import load_rules
from cls_check.cli import main
from cls_check.dsl import limits, read
from cls_check.errors import Diagnostic, EngineError, RuleFileError
from cls_check.resources import rules_dir

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "fixtures" / "contrat-exemple.yaml"
# SIG-02 in rules/signataires.cls: line 26 « en vigueur… », line 27 its « exige ».
LINE = 27
REQUIRES = 'exige il existe un signataire s de signataires où s.role = "procureur"'
IN_FORCE = "en vigueur à partir du 1997-10-30\n  " + REQUIRES
START = len("  exige ") + 1  # column where the expression of line 27 starts


def rule_folder(tmp_path: Path, requires: str | None = None, **files: str | bytes) -> Path:
    """The bundled rules, SIG-02's « exige » replaced, and ``files`` added or replaced."""
    folder = tmp_path / "regles"
    shutil.copytree(rules_dir(), folder)
    if requires is not None:
        path = folder / "signataires.cls"
        text = path.read_text(encoding="utf-8")
        assert text.count(REQUIRES) == 1
        path.write_text(text.replace(REQUIRES, requires), encoding="utf-8")
    for name, content in files.items():
        target = folder / name.replace("__", ".")
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return folder


def refused(folder: Path) -> list[Diagnostic]:
    """Every diagnostic, from the library and from ``rules lint`` (which must agree)."""
    with pytest.raises(RuleFileError) as caught:
        load_rules(folder)
    found = list(caught.value.diagnostics)
    result = CliRunner().invoke(main, ["rules", "lint", "--rules", str(folder)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for d in found:
        assert f"{d.span}: {d.code} {d.message}" in result.stderr + result.stdout
    return found


def single(folder: Path, code: str) -> Diagnostic:
    found = refused(folder)
    assert [d.code for d in found] == [code], found
    return found[0]


def at(d: Diagnostic) -> str:
    """``file:line:col`` with the file's name only."""
    return f"{os.path.basename(d.span.file)}:{d.span.line}:{d.span.column}"


def engines() -> Iterator[str]:
    yield "python"
    try:
        import durable.engine  # noqa: F401
    except (ImportError, AttributeError):  # pragma: no cover - Python 3.13+
        return
    yield "durable"


def verdict(folder: Path, requirement: str = "SIG-02", **changes: object) -> set[str]:
    """The verdict of ``requirement`` on the example contract, in every engine (which must
    agree); ``changes`` replace fields of the contract."""
    record = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    record.update(changes)
    found = set()
    for engine in engines():
        try:
            rules = load_rules(folder, engine=engine)
        except EngineError:  # pragma: no cover - durable_rules not importable here
            continue
        found.add(rules.check(record, at=datetime.date(2001, 1, 1)).finding(requirement).verdict)
    assert len(found) == 1, found
    return found


# ---------------------------------------------------------------- literals


def test_a_huge_duration_is_refused_where_it_is_written(tmp_path: Path) -> None:
    folder = rule_folder(tmp_path, "exige date_signature + 100000000000000000000 mois > 1990-01-01")
    d = single(folder, "CLS110")
    assert at(d) == f"signataires.cls:{LINE}:{START + len('date_signature + ')}"
    assert d.message.startswith("durée « 10000000000000000000… (21 chiffres) mois » trop longue")
    assert "1 200 mois" in d.message


@pytest.mark.parametrize(
    ("accepted", "refused_"),
    [("1200 mois", "1201 mois"), ("100 ans", "101 ans"), ("36525 jours", "036526 jours")],
)
def test_durations_up_to_a_hundred_years(tmp_path: Path, accepted: str, refused_: str) -> None:
    folder = rule_folder(tmp_path, f"exige date_signature + {accepted} > 1990-01-01")
    assert verdict(folder) == {"satisfied"}
    folder = rule_folder(tmp_path / "2", f"exige date_signature + {refused_} > 1990-01-01")
    assert single(folder, "CLS110").message.startswith(f"durée « {refused_} » trop longue")


def test_a_date_shifted_past_the_calendar_is_later_than_any_date(tmp_path: Path) -> None:
    folder = rule_folder(tmp_path, "exige date_signature + 100 ans > date du contrôle")
    assert verdict(folder, date_signature="9999-12-31") == {"satisfied"}
    folder = rule_folder(tmp_path / "2", "exige date_signature + 36525 jours > 2000-01-01")
    assert verdict(folder, date_signature="9950-06-30") == {"satisfied"}


def test_a_5000_digit_number_is_refused(tmp_path: Path) -> None:
    folder = rule_folder(tmp_path, "exige nombre de signataires < " + "9" * 5000)
    d = single(folder, "CLS110")
    assert at(d) == f"signataires.cls:{LINE}:{START + len('nombre de signataires < ')}"
    assert d.message == (
        "nombre « 99999999999999999999… (5000 chiffres) » trop long : au plus 15 chiffres"
    )
    decimal = rule_folder(tmp_path / "2", "exige nombre de signataires < 0." + "0" * 5000 + "1")
    assert single(decimal, "CLS110").message.endswith("au plus 15 chiffres")
    fifteen = rule_folder(tmp_path / "3", "exige nombre de signataires < " + "9" * 15)
    assert verdict(fifteen) == {"satisfied"}


def test_products_too_large_for_a_float_are_unknown_not_an_error(tmp_path: Path) -> None:
    big = " * 999999999999999" * 24
    folder = rule_folder(tmp_path, f"exige (nombre de signataires){big} * 0.5 > 1")
    assert verdict(folder) == {"unknown"}


def test_an_impossible_date_of_entry_into_force(tmp_path: Path) -> None:
    path = rules_dir() / "signataires.cls"
    text = path.read_text(encoding="utf-8")
    assert text.count(IN_FORCE) == 1
    broken = text.replace(IN_FORCE, IN_FORCE.replace("1997-10-30", "1999-02-30"))
    d = single(rule_folder(tmp_path, signataires__cls=broken), "CLS110")
    assert at(d) == f"signataires.cls:{LINE - 1}:{len('  en vigueur à partir du ') + 1}"
    assert d.message == "la date « 1999-02-30 » n'existe pas"


# ---------------------------------------------------------------- nesting


def test_true_nesting_is_limited_with_a_clear_message(tmp_path: Path) -> None:
    folder = rule_folder(tmp_path, "exige " + "non " * 200 + "vrai")
    d = single(folder, "CLS111")
    assert d.span.line == LINE
    line = (folder / "signataires.cls").read_text(encoding="utf-8").splitlines()[LINE - 1]
    assert line[d.span.column - 1 :].startswith("non ")
    assert d.message == f"expression trop imbriquée (plus de {limits.MAX_DEPTH} niveaux)"
    assert d.hint is not None and "soit" in d.hint


@pytest.mark.parametrize(
    "deep",
    [
        "(vrai et " * 100 + "vrai" + " ou faux)" * 100,
        "".join(f"il existe un signataire s{i} de signataires où " for i in range(100)) + "vrai",
        "toutes ces conditions : - " * 100 + "vrai",
        "(nombre de signataires)" + " + 1" * 300 + " > 2",
    ],
    ids=["parentheses", "quantifiers", "checklists", "additions"],
)
def test_every_kind_of_nesting_is_limited(tmp_path: Path, deep: str) -> None:
    assert single(rule_folder(tmp_path, "exige " + deep), "CLS111").span.line == LINE


def test_nesting_just_under_the_limit_is_accepted(tmp_path: Path) -> None:
    depth = limits.MAX_DEPTH - 8  # the clause around the expression takes a few levels
    folder = rule_folder(tmp_path, "exige " + "non " * (depth - depth % 2) + "vrai")
    assert verdict(folder) == {"satisfied"}


@pytest.mark.parametrize("terms", [150, 2000])
def test_a_flat_chain_of_ou_is_accepted_and_compiles(tmp_path: Path, terms: int) -> None:
    names = " ou ".join(f's.nom = "nom{i}"' for i in range(terms - 1))
    folder = rule_folder(
        tmp_path,
        f'exige il existe un signataire s de signataires où {names} ou s.role = "procureur"',
    )
    assert verdict(folder) == {"satisfied"}
    chain = " ou ".join(f's.nom = "nom{i}"' for i in range(terms))
    never = rule_folder(
        tmp_path / "2", f"exige il existe un signataire s de signataires où {chain}"
    )
    assert verdict(never) == {"violated"}
    both = " et ".join(["date_signature est renseigné"] * terms)
    assert verdict(rule_folder(tmp_path / "3", f"exige {both}")) == {"satisfied"}


def test_a_long_chain_of_definitions_is_refused_at_its_first_link_too_deep(
    tmp_path: Path,
) -> None:
    chain = "soit d0 = 1\n" + "".join(f"soit d{i + 1} = d{i} + 1\n" for i in range(500))
    folder = rule_folder(tmp_path, "exige nombre de signataires < d500", chaine__cls=chain)
    d = single(folder, "CLS111")
    # Each link adds two levels (« + » and its operands): d48 is the first past 96.
    assert at(d) == "chaine.cls:49:6"
    assert d.message == (
        "définition « d48 » trop imbriquée : avec les définitions qu'elle utilise, elle "
        f"compte 97 niveaux (au plus {limits.MAX_DEFINITION_DEPTH})"
    )
    assert [label for _, label in d.related] == ["« d48 » utilise « d47 »"]


def test_the_deepest_rule_accepted_compiles_and_checks_with_room_to_spare(
    tmp_path: Path,
) -> None:
    """An expression at the nesting bound using a definition at the chain bound: both
    engines compile and run it with 600 frames of stack left to them."""

    def exists(levels: int, inner: str) -> str:  # the costliest level measured
        return (
            "".join(f"il existe un signataire s{i} de signataires où " for i in range(levels))
            + inner
        )

    chain = "soit d0 = vrai\n" + "".join(
        f"soit d{i + 1} = {exists(22, f'd{i}')}\n" for i in range(4)
    )
    expression = exists(limits.MAX_DEPTH - 4, "d4")
    folder = rule_folder(tmp_path, f"exige {expression}", chaine__cls=chain)
    frames, frame = 0, sys._getframe()
    while frame is not None:
        frames, frame = frames + 1, frame.f_back
    before = sys.getrecursionlimit()
    os.environ["CLS_CHECK_CACHE"] = "0"  # compiled here, not read from the cache
    try:
        sys.setrecursionlimit(frames + 600)
        assert verdict(folder) == {"satisfied"}
    finally:
        sys.setrecursionlimit(before)
        del os.environ["CLS_CHECK_CACHE"]


# ---------------------------------------------------------------- messages and files


def test_thousands_of_expressions_in_a_message_are_bounded(tmp_path: Path) -> None:
    message = "{date_signature}" * 5000
    folder = rule_folder(tmp_path, f"{REQUIRES}\n  sinon si vrai : « {message} »")
    d = single(folder, "CLS109")
    column = len("  sinon si vrai : « ") + len("{date_signature}") * 100 + 1
    assert at(d) == f"signataires.cls:{LINE + 1}:{column}"
    assert d.message == "trop d'expressions entre accolades dans le message (plus de 100)"
    hundred = rule_folder(
        tmp_path / "2", f"{REQUIRES}\n  sinon si faux : « {'{date_signature}' * 100} »"
    )
    assert verdict(hundred) == {"satisfied"}


def test_a_rule_file_whose_name_is_not_utf8_is_reported_escaped(tmp_path: Path) -> None:
    folder = rule_folder(tmp_path)
    try:
        (Path(os.fsdecode(bytes(folder))) / os.fsdecode(b"r\xe9gles.cls")).write_text(
            "soit x = vrai\n", encoding="utf-8"
        )
    except (OSError, UnicodeError):  # pragma: no cover - a file system that refuses it
        pytest.skip("ce système de fichiers refuse les noms qui ne sont pas en UTF-8")
    d = single(folder, "CLS100")
    assert at(d) == "r\\xe9gles.cls:1:1"
    assert d.message == "nom de fichier illisible : il n'est pas encodé en UTF-8"


def test_a_rule_file_too_big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_RULE_FILE_BYTES", 1024 * 1024)
    folder = rule_folder(tmp_path, gros__cls="# commentaire\n" * 80_000)
    d = single(folder, "CLS100")
    assert (at(d), d.message) == ("gros.cls:1:1", "fichier trop volumineux : plus de 1 Mo")


# ---------------------------------------------------------------- the catalogue


def catalogue() -> str:
    return (rules_dir() / "exigences.yaml").read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_an_impossible_en_vigueur_in_the_catalogue(tmp_path: Path) -> None:
    text = catalogue().replace("en_vigueur: 1997-10-30", "en_vigueur: 1999-02-30", 1)
    d = single(rule_folder(tmp_path, exigences__yaml=text), "CLS250")
    assert at(d) == f"exigences.yaml:{line_of(text, '1999-02-30')}:15"
    assert d.message == "date « 1999-02-30 » impossible dans le catalogue"


def test_a_number_too_long_for_python_in_the_catalogue(tmp_path: Path) -> None:
    text = catalogue().replace("texte: 1997", "texte: " + "9" * 5000, 1)
    d = single(rule_folder(tmp_path, exigences__yaml=text), "CLS250")
    assert at(d) == f"exigences.yaml:{line_of(text, '99999')}:10"


def test_a_billion_laughs_in_the_catalogue(tmp_path: Path) -> None:
    bomb = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
    text = catalogue() + bomb.replace("a: &a", "zz: &a")
    d = single(rule_folder(tmp_path, exigences__yaml=text), "CLS250")
    assert d.message.startswith("le catalogue est trop volumineux : plus de 2 000 000 valeurs")
    assert d.span.line > line_of(text, "zz: &a")


def test_aliases_and_nesting_in_the_catalogue_are_bounded(tmp_path: Path) -> None:
    scalars = catalogue() + "x: &x 1\ny: [" + ", ".join(["*x"] * 1000) + "]\n"
    assert verdict(rule_folder(tmp_path / "1", exigences__yaml=scalars)) == {"satisfied"}
    aliases = catalogue() + "x: &x [1]\ny: [" + ", ".join(["*x"] * 101) + "]\n"
    d = single(rule_folder(tmp_path, exigences__yaml=aliases), "CLS250")
    assert d.message == "le catalogue utilise plus de 100 alias YAML (*nom) de listes ou de tables"
    assert d.span.line == line_of(aliases, "y: [")
    nested = catalogue() + "x: " + "[" * 500 + "]" * 500 + "\n"
    d = single(rule_folder(tmp_path / "2", exigences__yaml=nested), "CLS250")
    assert d.message == "le catalogue imbrique plus de 20 niveaux de listes ou de tables"
    # Deeper still, libyaml may stop first: a YAML error at its place all the same.
    deeper = catalogue() + "x: " + "[" * 50_000 + "]" * 50_000 + "\n"
    d = single(rule_folder(tmp_path / "3", exigences__yaml=deeper), "CLS250")
    assert d.span.line == line_of(deeper, "x: [")


def test_a_catalogue_too_big_or_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_CATALOGUE_BYTES", 1024 * 1024)
    big = catalogue() + "# commentaire\n" * 80_000
    d = single(rule_folder(tmp_path, exigences__yaml=big), "CLS250")
    assert (at(d), d.message) == ("exigences.yaml:1:1", "fichier trop volumineux : plus de 1 Mo")
    latin1 = (
        catalogue().encode("utf-8").replace("Préambule".encode(), "Préambule".encode("latin-1"))
    )
    latin1 = latin1.replace("préfet".encode(), "préfet".encode("latin-1"), 1)
    d = single(rule_folder(tmp_path / "2", exigences__yaml=latin1), "CLS250")
    assert d.message.startswith("fichier illisible : il n'est pas encodé en UTF-8")

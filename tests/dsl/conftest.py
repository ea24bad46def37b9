"""Shared helpers of the rule front-end tests."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from cls_check.codes import Code
from cls_check.dsl import compile_rule_sources
from cls_check.dsl.catalogue import Catalogue, parse_catalogue
from cls_check.dsl.types import RecordType, record_type
from cls_check.errors import Diagnostic, RuleFileError
from cls_check.ir import nodes as ir
from cls_check.resources import rules_dir
from tests.dsl.models import Contrat

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = (FIXTURES / "exemples.cls").read_text(encoding="utf-8")
BUNDLED_CATALOGUE = (rules_dir() / "exigences.yaml").read_text("utf-8")
CATALOGUE: Catalogue = parse_catalogue(BUNDLED_CATALOGUE)
RECORD: RecordType = record_type(Contrat)

# A requirement header that the catalogue accepts, for tests about one clause: its title,
# source and force are the catalogue's, word for word.
HEADER = (
    "exigence SIG-01 « Le préfet (à Paris, le préfet de police) est partie au contrat »\n"
    "  source I.1 de la circulaire de 1997 « Les contrats locaux de sécurité sont élaborés "
    "conjointement par le préfet, à Paris le préfet de police, le procureur de la République "
    "et le (ou les) maire(s). »\n"
    "  force obligation\n"
)


@pytest.fixture(autouse=True)
def diagnostics_carry_a_code() -> Iterator[None]:
    """Every diagnostic made while a front-end test runs (the corpus of broken rules, files
    and catalogues of these tests) carries a member of :class:`Code`, not a bare string."""
    made = Diagnostic.__init__

    def checked(self: Diagnostic, code: object, *args: Any, **kwargs: Any) -> None:
        assert isinstance(code, Code), f"diagnostic code {code!r} is not a member of Code"
        made(self, code, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Diagnostic, "__init__", checked)
        yield


def catalogue_of(*ids: str) -> str:
    """The bundled catalogue with only these requirements, for a rule folder that encodes
    only them (a folder must encode every requirement of its catalogue)."""
    data = yaml.safe_load(BUNDLED_CATALOGUE)
    data["exigences"] = [entry for entry in data["exigences"] if entry["id"] in ids]
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def compile_sources(sources: Mapping[str, str]) -> ir.RuleSetIR:
    return compile_rule_sources(sources, CATALOGUE, record_type=RECORD)


def compile_text(text: str, name: str = "regles.cls") -> ir.RuleSetIR:
    return compile_sources({name: text})


def diagnostics(sources: Mapping[str, str] | str) -> tuple[Diagnostic, ...]:
    if isinstance(sources, str):
        sources = {"regles.cls": sources}
    with pytest.raises(RuleFileError) as caught:
        compile_sources(sources)
    return caught.value.diagnostics


def only(sources: Mapping[str, str] | str, code: str) -> Diagnostic:
    """The single diagnostic of the text, which must have ``code``."""
    found = diagnostics(sources)
    assert [d.code for d in found] == [code], found
    return found[0]


def where(d: Diagnostic) -> str:
    return str(d.span)


def rule(rs: ir.RuleSetIR, requirement: str) -> ir.Rule:
    (found,) = [r for r in rs.rules if r.requirement == requirement]
    return found

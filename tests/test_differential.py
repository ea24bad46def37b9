"""The two backends agree: identical findings on every fixture and on generated contracts.

The ``python`` backend is the reference; ``durable`` must give the same verdict, message and
evidence for every rule of the bundled rule set. Contracts are generated from the pydantic
model itself (every field absent, null, ``[]`` or a value; accents and decomposed Unicode;
dates around the 1999 circular; up to six communes, Paris among them) and checked under
several ``--at`` dates. A disagreement prints the record as YAML and both findings.

Skipped where durable_rules does not import (not installed, or Python 3.13+), and while the
rule front end cannot be imported.
"""

from __future__ import annotations

import copy
import datetime
import functools
import typing
import unicodedata
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

try:  # the C extension, not just the package: that is what fails on Python 3.13
    import durable.engine  # noqa: F401
except (ImportError, AttributeError) as error:  # pragma: no cover - depends on the platform
    pytest.skip(
        f"durable_rules ne s'importe pas ici ({error}) : comparaison des moteurs impossible",
        allow_module_level=True,
    )
try:
    from cls_check.dsl import compile_rule_files
except ImportError as error:  # pragma: no cover - while the rule front end is being written
    pytest.skip(f"le front end des règles ne s'importe pas ({error})", allow_module_level=True)

from cls_check.api import load_rules
from cls_check.engine.context import EvaluationContext
from cls_check.engine.durable import DurableEngine
from cls_check.engine.python import PythonEngine
from cls_check.errors import EngineError
from cls_check.findings import Finding
from cls_check.model import Contract, load_record
from cls_check.model.contract import DEPARTEMENT_PATTERN, INSEE_PATTERN, MAX_COUNT
from cls_check.model.introspect import admits_none, list_item, model_class, strip_optional
from cls_check.report.model import ContractReport
from cls_check.report.result import ContractResult, status_of, summary_of
from cls_check.resources import rules_dir

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TODAY = datetime.date(2026, 11, 25)
#: None (the signature date decides), before and after the 1999 circular, and later.
AT_DATES = (None, datetime.date(1998, 5, 14), datetime.date(1999, 6, 15), datetime.date(2003, 1, 1))


@functools.cache
def engines() -> tuple[PythonEngine, DurableEngine]:
    ir = compile_rule_files(rules_dir())
    return PythonEngine(ir), DurableEngine(ir)


def context(contract: Contract, at: datetime.date | None) -> EvaluationContext:
    return EvaluationContext.for_contract(
        signed_on=contract.date_signature, status=contract.statut, at=at, today=TODAY
    )


def as_yaml(contract: Contract) -> str:
    data = contract.model_dump(mode="json", exclude_unset=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def assert_same(contract: Contract, at: datetime.date | None) -> None:
    """durable's verdicts and findings are the reference's; else say what differs."""
    python, durable_engine = engines()
    ctx = context(contract, at)
    expected = python.evaluate(contract, ctx)
    try:
        verdicts = durable_engine.verdicts(contract, ctx)
    except EngineError as error:  # durable's own consistency checks failed
        reference = "\n".join(f"python : {f.rule} → {f.verdict}" for f in expected)
        pytest.fail(
            f"Le moteur durable échoue (--at {at}) : {error}\n{as_yaml(contract)}{reference}"
        )
    differ = [(f, v) for f, v in zip(expected, verdicts, strict=True) if f.verdict != v]
    if differ:
        fired = durable_engine.fired(contract, ctx)
        lines = [f"Les moteurs divergent (--at {at}) sur ce contrat :", as_yaml(contract)]
        for finding, verdict in differ:
            index = next(i for i, f in enumerate(expected) if f is finding)
            mine = sorted(n for n in fired if n.startswith(f"r{index}_"))
            lines += [
                f"— {finding.rule} : python → {finding.verdict}, durable → {verdict} "
                f"(règles durable déclenchées : {mine or 'aucune'})",
                f"python : {finding}",
                f"durable : {finding._replace(verdict=verdict)}",
            ]
        pytest.fail("\n".join(lines))
    assert durable_engine.evaluate(contract, ctx) == expected
    # Report models are converted from the findings without validation (Model.trusted):
    # they must validate.
    report = ContractReport.of(_result(expected))
    revalidated = ContractReport.model_validate(
        {
            **report.model_dump(),
            "findings": [{**f.model_dump(), "theme": f.theme} for f in report.findings],
        }
    )
    assert revalidated == report


def _result(findings: tuple[Finding, ...]) -> ContractResult:
    return ContractResult("contrat.yaml", None, status_of(findings), summary_of(findings), findings)


# ---------------------------------------------------------------- fixtures


def fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*") if p.suffix in (".yaml", ".yml", ".json"))


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.name)
def test_fixtures_give_identical_findings_and_reports(path: Path) -> None:
    contract = load_record(path).contract
    for at in AT_DATES:
        assert_same(contract, at)
    # The whole report, through the library, is byte-identical too.
    python, durable_rules = load_rules(engine="python"), load_rules(engine="durable")
    for at in AT_DATES:
        left = python.check(path, at=at, today=TODAY)
        right = durable_rules.check(path, at=at, today=TODAY)
        assert left.to_json() == right.to_json()


@pytest.mark.parametrize("reunions", [["9999-12-31"], ["9999-01-15", "9999-12-31"], []])
def test_dates_whose_deadline_is_beyond_the_year_9999_agree(reunions: list[str]) -> None:
    """« date_signature + 12 mois » after 9999-12-31 is exact in both backends: a meeting
    on 9999-12-31 is within twelve months of a signature on 9999-06-30."""
    record = yaml.safe_load((FIXTURES / "contrat-exemple.yaml").read_text(encoding="utf-8"))
    record["date_signature"] = "9999-06-30"
    record["suivi"]["comite_pilotage"]["reunions"] = reunions
    contract = load_record(record).contract
    for at in (None, datetime.date(9999, 12, 31)):
        assert_same(contract, at)
    report = load_rules(engine="python").check(contract, at=datetime.date(9999, 12, 31))
    assert report.to_json()


# ---------------------------------------------------------------- generated contracts

NFD = functools.partial(unicodedata.normalize, "NFD")
TEXTS = (
    "",
    "Lille",
    "Évry",
    NFD("Évry"),
    "Saint-Étienne",
    NFD("Saint-Étienne"),
    "Œuvre « commune »",
    'guillemets "droits" et \\',
    "Les Hauts-Champs",
    "La Briqueterie",
    "Nord",
)
#: Names shared between quartiers_prioritaires[].nom, actions[].quartiers and moyens: the
#: cross-references the rules follow must sometimes hit.
QUARTIERS = ("Les Hauts-Champs", "La Briqueterie", NFD("Le Pré-Saint-Gervais"), "Nord")
CODES = ("P1", "P2", "P3", "A1", "A2")
INSEE = ("75056", "75101", "75108", "75120", "13055", "13201", "69123", "69381", "59991", "2A004")
DEPARTEMENTS = ("59", "75", "13", "69", "2A", "971")
DATES = (
    datetime.date(1997, 10, 29),
    datetime.date(1997, 10, 30),
    datetime.date(1998, 5, 14),
    datetime.date(1999, 6, 14),
    datetime.date(1999, 6, 15),
    datetime.date(1999, 6, 16),
    datetime.date(2000, 6, 15),
)
#: Fields whose values the rules compare with other fields: drawn from shared pools.
SHARED = {
    ("QuartierPrioritaire", "nom"): QUARTIERS,
    ("Action", "quartiers"): QUARTIERS,
    ("Affectation", "quartier"): QUARTIERS,
    ("Priorite", "code"): CODES,
    ("Action", "priorites"): CODES,
    ("Action", "code"): CODES,
}


def texts() -> st.SearchStrategy[str]:
    return st.sampled_from(TEXTS) | st.text(alphabet="aeEé\u0301\u00c9 -'\"", max_size=6)


def dates() -> st.SearchStrategy[Any]:
    day = st.sampled_from(DATES) | st.dates(datetime.date(1997, 1, 1), datetime.date(2002, 12, 31))
    return day | day.map(datetime.date.isoformat)  # JSON records give dates as text


def _pattern(info: FieldInfo | None) -> str | None:
    for item in info.metadata if info is not None else ():
        pattern = getattr(item, "pattern", None)
        if pattern is not None:
            return str(pattern)
    return None


def _minimum(info: FieldInfo | None) -> int:
    for item in info.metadata if info is not None else ():
        ge = getattr(item, "ge", None)
        if ge is not None:
            return int(ge)
    return 0


def scalar(
    annotation: Any, info: FieldInfo | None, owner: str, name: str, dense: bool
) -> st.SearchStrategy[Any]:
    """A valid value for one non-list field, from its annotation (and a few pools); for a
    field that accepts it, sometimes ``false``: the contract has none."""
    value = _scalar(annotation, info, owner, name, dense)
    if admits_none(annotation) and not admits_none(strip_optional(annotation)):
        return value | st.just(False)
    return value


def _scalar(
    annotation: Any, info: FieldInfo | None, owner: str, name: str, dense: bool
) -> st.SearchStrategy[Any]:
    if (owner, name) in SHARED:
        return st.sampled_from(SHARED[(owner, name)])
    annotation = strip_optional(annotation)
    nested = model_class(annotation)
    if nested is not None:
        return record(nested, dense)
    if get_origin(annotation) is Literal:
        return st.sampled_from(get_args(annotation))
    if get_origin(annotation) is typing.Union:  # int | float, or a quantity that may be false
        numbers = st.one_of(
            st.integers(0, 5000),
            st.sampled_from([0, 0.5, 1e-07, 10**15, 4120.0]),
            st.floats(0, 1e9, allow_nan=False),
        )
        quantity = any(get_origin(a) is Literal for a in get_args(annotation))
        return st.just(False) | numbers if quantity else numbers
    if annotation is str:
        pattern = _pattern(info)
        if pattern == INSEE_PATTERN:
            return st.sampled_from(INSEE)
        if pattern == DEPARTEMENT_PATTERN:
            return st.sampled_from(DEPARTEMENTS)
        assert pattern is None, (owner, name, pattern)
        return texts()
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        low = _minimum(info)
        return st.integers(low, low + 24) | st.just(MAX_COUNT)
    if annotation is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    if annotation is datetime.date:
        return dates()
    raise AssertionError(f"pas de stratégie pour {owner}.{name} : {annotation!r}")


def field_values(
    annotation: Any, info: FieldInfo, owner: str, name: str, dense: bool
) -> st.SearchStrategy[Any]:
    """Null, or for a list ``[]`` or some elements, or a value (mostly a value if dense)."""
    item = list_item(annotation)
    if item is None:
        value = scalar(annotation, info, owner, name, dense)
        return st.one_of([value] * (4 if dense else 1) + [st.none()])
    size = 6 if (owner, name) == ("Territoire", "communes") else 3
    elements = st.lists(scalar(item, None, owner, name, dense), min_size=1, max_size=size)
    return st.one_of([elements] * (4 if dense else 1) + [st.none(), st.just([])])


@functools.cache
def record(model: type[BaseModel], dense: bool) -> st.SearchStrategy[dict[str, Any]]:
    """The model's fields, each null, empty or a value: all present (dense), or any subset."""
    fields = {
        name: field_values(info.annotation, info, model.__name__, name, dense)
        for name, info in model.model_fields.items()
        if name != "format"
    }
    if dense:
        return st.fixed_dictionaries(fields)
    return st.fixed_dictionaries({}, optional=fields)  # type: ignore[arg-type]


@functools.cache
def fixture_data() -> tuple[dict[str, Any], ...]:
    return tuple(load_record(p).contract.model_dump(exclude_unset=True) for p in fixture_files())


def mutate(draw: st.DrawFn, data: dict[str, Any], model: type[BaseModel]) -> None:
    """Change one field somewhere in ``data``: remove it, or draw a new value for it."""
    name = draw(st.sampled_from(sorted(n for n in model.model_fields if n != "format")))
    info = model.model_fields[name]
    value = data.get(name)
    item = list_item(info.annotation)
    nested = model_class(item if item is not None else info.annotation)
    if nested is not None and draw(st.booleans()):
        if isinstance(value, dict):
            return mutate(draw, value, nested)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            return mutate(draw, draw(st.sampled_from(value)), nested)
    if draw(st.integers(0, 3)) == 0:
        data.pop(name, None)
    else:
        data[name] = draw(field_values(info.annotation, info, model.__name__, name, True))


@st.composite
def mutated_fixtures(draw: st.DrawFn) -> dict[str, Any]:
    """A fixture with a few fields changed: near the boundary between verdicts."""
    data = copy.deepcopy(draw(st.sampled_from(fixture_data())))
    for _ in range(draw(st.integers(0, 4))):
        mutate(draw, data, Contract)
    return data


#: Sparse records (most fields absent), dense ones (most fields given), and fixtures with a
#: few changes (most rules decided, satisfied or violated, rather than unknown).
contracts = st.one_of(record(Contract, True), record(Contract, False), mutated_fixtures()).map(
    Contract.model_validate
)


@given(contracts)
@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_generated_contracts_give_identical_findings(contract: Contract) -> None:
    for at in AT_DATES:
        assert_same(contract, at)


def test_the_generator_reaches_the_interesting_cases() -> None:
    """Paris, many communes, a contract signed in 1999 and a quantity that is false."""
    seen: set[str] = set()

    @given(contracts)
    @settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def look(contract: Contract) -> None:
        communes = (contract.territoire.communes if contract.territoire else None) or []
        if any(c.insee == "75056" or (c.insee or "").startswith("751") for c in communes):
            seen.add("paris")
        if len(communes) >= 4:
            seen.add("communes")
        if contract.date_signature and contract.date_signature.year == 1999:
            seen.add("1999")
        quantities = contract.diagnostic.donnees_quantitatives if contract.diagnostic else None
        if quantities and quantities.delinquance is False:
            seen.add("faux")
        if contract.diagnostic is False:
            seen.add("sans diagnostic")
        if any(a.pilote is False or a.echeance is False for a in contract.actions or ()):
            seen.add("aucun")

    look()
    assert {"paris", "communes", "1999", "faux", "sans diagnostic", "aucun"} <= seen

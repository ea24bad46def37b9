"""The floor of each stage of a check, timed with the project's stage on the same records.

Input: the rule set (python backend), generated records (``bench.generate``) and a folder
to write them in, as JSON and as YAML. Output: per stage, µs per contract for the project
and for its floor — the least that stage could cost with the same libraries — and the
figures the performance targets compare (``bench.py`` prints them).

Why floors: absolute times depend on the machine and on its load (two cores shared with
other work); a ratio to a floor measured in the same run does not, or much less. Each floor
computes the same data as the project's stage (:func:`disagreements` checks it, and the
bench refuses to time a floor that does not), without what the project adds for users:
precise French errors, line numbers, unknown-key warnings, shared evidence, validation of
what it builds.

The stages, in the order of ``cls-check check DIR -f json``:

* read: the file's bytes (``Path.read_bytes``) against :func:`read_record_file`;
* parse: ``orjson.loads`` (JSON) and libyaml's node tree (YAML: ``yaml.compose(…,
  CSafeLoader)``, the least any reading with PyYAML does; the data is built from it, for
  the comparison, outside the timing) against the loader's parse (duplicate keys, long
  integers, lone surrogates, alias bombs…). A usual YAML record is read line by line
  (:mod:`cls_check.model.yaml_lines`), for a fifth of libyaml's node tree: that ratio is
  below 1, and the YAML target compares the YAML check with the JSON one;
* validate: the same pydantic models rebuilt from their fields without any Python
  validator (:func:`floor_model`), in JSON mode (``model_validate_json``, one pass in Rust)
  less ``orjson.loads`` of the same bytes, against ``load_record(mapping)``;
* rules: the engine's generated functions over a prepared record and its decision
  procedure, nothing built — a floor only, the work no backend can skip;
* evaluate: those rules then plain tuples with the findings' fields and evidence, against
  the engine's ``evaluate``;
* render: ``orjson.dumps`` (two-space indent) of the report entry as plain data, against
  the entry ``check -f json`` writes (:func:`json_format.rendered`).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import json
import statistics
import time
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import orjson
import yaml
from pydantic import BaseModel, ConfigDict, create_model

from cls_check.api import RuleSet
from cls_check.engine import create_engine
from cls_check.engine.context import EvaluationContext
from cls_check.engine.python import PythonEngine, _Ctx
from cls_check.findings import Finding
from cls_check.model import Contract, load_record
from cls_check.model.parse_json import parse_json
from cls_check.model.parse_yaml import parse_yaml
from cls_check.model.safety import raw_surrogate
from cls_check.model.source import read_record_file
from cls_check.report import json_format
from cls_check.report.model import ContractReport
from cls_check.report.result import ContractResult
from cls_check.values import evidence_value

# ---------------------------------------------------------------- floor model


def floor_model(
    model: type[BaseModel], made: dict[type[BaseModel], type[BaseModel]] | None = None
) -> type[BaseModel]:
    """``model`` rebuilt from its ``model_fields`` alone: the same annotations (nested
    models rebuilt too), constraints and configuration, unknown keys ignored, and no Python
    validator — what pydantic does on its own. Built by introspection, so it follows the
    model when its fields change."""
    made = {} if made is None else made
    if model not in made:
        fields: dict[str, Any] = {}
        for name, info in model.model_fields.items():
            annotation = _floor_annotation(info.annotation, made)
            field = copy.copy(info)
            field.annotation = annotation
            fields[name] = (annotation, field)
        config = ConfigDict(**{**model.model_config, "extra": "ignore"})
        made[model] = create_model(f"Floor{model.__name__}", __config__=config, **fields)
    return made[model]


def _floor_annotation(annotation: Any, made: dict[type[BaseModel], type[BaseModel]]) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return floor_model(annotation, made)
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return Union[tuple(_floor_annotation(a, made) for a in get_args(annotation))]  # noqa: UP007
    if origin is list:
        (item,) = get_args(annotation)
        return list[_floor_annotation(item, made)]  # type: ignore[misc]
    return annotation


FloorContract = floor_model(Contract)

# ---------------------------------------------------------------- records


def write_json(record: dict[str, Any], path: Path) -> None:
    """A record as a JSON file, as a drafting tool would write it."""
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def write_yaml(contract: Contract, path: Path) -> None:
    """The same record as YAML, as people write it (dates unquoted, accents as they are)."""
    data = contract.model_dump(exclude_unset=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Sample:
    """One record in every form a stage takes as input, prepared before any timing."""

    json_path: Path
    yaml_path: Path
    json_bytes: bytes
    json_text: str
    yaml_text: str
    data: dict[str, Any]
    contract: Contract
    context: EvaluationContext
    result: ContractResult  # the check as plain data, as a batch renders it
    entry: dict[str, Any]  # the report entry as plain data (the report model's dump)


def prepare(
    rules: RuleSet, records: Sequence[dict[str, Any]], folder: Path, today: datetime.date
) -> list[Sample]:
    """The records written to ``folder`` as JSON and YAML, each read back in every form."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = []
    for record in records:
        json_path, yaml_path = folder / f"{record['id']}.json", folder / f"{record['id']}.yaml"
        write_json(record, json_path)
        contract = load_record(record).contract
        write_yaml(contract, yaml_path)
        result = rules.evaluate(json_path, today=today)
        samples.append(
            Sample(
                json_path=json_path,
                yaml_path=yaml_path,
                json_bytes=json_path.read_bytes(),
                json_text=json_path.read_text(encoding="utf-8"),
                yaml_text=yaml_path.read_text(encoding="utf-8"),
                data=orjson.loads(json_path.read_bytes()),
                contract=contract,
                context=EvaluationContext.for_contract(
                    signed_on=contract.date_signature, status=contract.statut, at=None, today=today
                ),
                result=result,
                entry=ContractReport.of(result).model_dump(mode="json"),
            )
        )
    return samples


# ---------------------------------------------------------------- rules and findings

Ev = tuple[tuple[str, object], ...]
#: The evidence of a rule whose force depends on an unknown signature date (as the engine's).
_UNDATED: Ev = (("date_signature", None),)
_SCALARS = frozenset({bool, int, float, str, type(None)})


class FloorEngine:
    """The python backend's generated rule functions, called without building findings.

    The hook into :class:`PythonEngine` is its compiled rules (``_rules``), the statuses of
    the rules in force for a reference date (``_in_force``), its per-contract context
    (``_Ctx``) and its decision procedure (``_decide``: applicable, unknown if, the
    exceptions, the requirement): the rules' own work, which every backend does, and which
    returns verdicts, raw evidence and messages — no :class:`Finding` is built.
    """

    def __init__(self, engine: PythonEngine):
        self.engine = engine
        self.sources = tuple(dataclasses.astuple(c.rule.source) for c in engine._rules)

    def outcomes(self, sample: Sample) -> list[tuple[str, Ev, tuple[str, ...]]]:
        """Per rule: verdict, raw evidence, messages."""
        engine, context = self.engine, sample.context
        c = _Ctx(sample.contract, context.check_date)
        statuses = engine._in_force(context.reference_date)
        return [
            engine._decide(compiled, c)
            if status == "in_force"
            else ("unknown", _UNDATED, ())
            if status == "undated"
            else ("not_applicable", (), ())
            for compiled, status in zip(engine._rules, statuses, strict=True)
        ]

    def findings(self, sample: Sample) -> tuple[tuple[Any, ...], ...]:
        """The rules, then one plain tuple per rule with the fields of a finding: its
        evidence deduplicated in reading order, values as the report writes them. Messages
        are the rules' own; the texts the engine composes from the rule and the date alone
        (not in force, undated) or from the missing paths are left out."""
        return tuple(
            (
                compiled.rule.requirement,
                compiled.rule.id,
                verdict,
                compiled.rule.force,
                compiled.rule.title,
                " ".join(messages),
                _plain_evidence(ev),
                source,
                compiled.rule.theme,
            )
            for compiled, source, (verdict, ev, messages) in zip(
                self.engine._rules, self.sources, self.outcomes(sample), strict=True
            )
        )


def _plain_evidence(ev: Ev) -> tuple[tuple[str, object], ...]:
    first: dict[str, object] = {}
    for path, raw in ev:
        first.setdefault(path, raw)
    return tuple(
        (path, raw if type(raw) in _SCALARS else evidence_value(raw)) for path, raw in first.items()
    )


# ---------------------------------------------------------------- stages

READ = "read (JSON file)"
PARSE_JSON = "parse JSON"
PARSE_YAML = "parse YAML"
VALIDATE = "validate"
RULES = "rules"
EVALUATE = "evaluate (rules + findings)"
RENDER = "render (JSON entry)"


def project_parse(text: str, syntax: str) -> Any:
    """The loader's parse of a record's text, as ``record_from_text`` does it: the search
    for lone surrogates (``"\\ud800"``), then the parse of the syntax."""
    if raw_surrogate(text) is not None:
        raise ValueError("the bench's records have no lone surrogate")
    parse = parse_json if syntax == "json" else parse_yaml
    return parse(text, f"record.{syntax}")[0]


@dataclass(frozen=True, slots=True)
class Stage:
    """A stage: the project's function and the floor's, on one sample; ``same`` maps both
    outputs to plain data that must be equal (the floor computes what the project does);
    ``less``: the stage whose floor is part of this one's measure, subtracted."""

    name: str
    project: Callable[[Sample], Any] | None
    floor: Callable[[Sample], Any]
    floor_is: str
    same: Callable[[Any, Any], tuple[Any, Any]] | None = None
    less: str | None = None


def _findings_data(findings: tuple[Finding, ...], tuples: tuple[tuple[Any, ...], ...]) -> Any:
    def project(f: Finding) -> tuple[Any, ...]:
        evidence = tuple((e.path, e.value) for e in f.evidence)
        return (f.requirement, f.rule, f.verdict, evidence)

    return [project(f) for f in findings], [(t[0], t[1], t[2], t[6]) for t in tuples]


def stages(rules: RuleSet) -> list[Stage]:
    engine = create_engine("python", rules.ir)
    assert isinstance(engine, PythonEngine)
    floor_engine = FloorEngine(engine)
    indent = orjson.OPT_INDENT_2
    return [
        Stage(
            READ,
            lambda s: read_record_file(str(s.json_path), s.json_path.name),
            lambda s: s.json_path.read_bytes(),
            "Path.read_bytes",
            same=lambda text, raw: (text.encode(), raw),
        ),
        Stage(
            PARSE_JSON,
            lambda s: project_parse(s.json_text, "json"),
            lambda s: orjson.loads(s.json_bytes),
            "orjson.loads",
            same=lambda a, b: (a, b),
        ),
        Stage(
            PARSE_YAML,
            lambda s: project_parse(s.yaml_text, "yaml"),
            lambda s: yaml.compose(s.yaml_text, Loader=yaml.CSafeLoader),
            "yaml.compose, CSafeLoader (the data left unbuilt)",
            same=lambda data, root: (
                data,
                yaml.constructor.SafeConstructor().construct_document(root),
            ),
        ),
        Stage(
            VALIDATE,
            lambda s: load_record(s.data).contract,
            lambda s: FloorContract.model_validate_json(s.json_bytes),
            "model_validate_json, no validators, less orjson.loads",
            same=lambda a, b: (a.model_dump(mode="json"), b.model_dump(mode="json")),
            less=PARSE_JSON,
        ),
        Stage(RULES, None, floor_engine.outcomes, "the generated rule functions"),
        Stage(
            EVALUATE,
            lambda s: engine.evaluate(s.contract, s.context),
            floor_engine.findings,
            "rules, then plain tuples",
            same=_findings_data,
        ),
        Stage(
            RENDER,
            lambda s: json_format.rendered(s.result).json,
            lambda s: orjson.dumps(s.entry, option=indent),
            "orjson.dumps, indent 2",
            same=lambda a, b: (json.loads(a), json.loads(b)),
        ),
    ]


def disagreements(stage_list: Sequence[Stage], samples: Sequence[Sample]) -> list[str]:
    """The stages whose floor does not compute the project's data, with the record."""
    found = []
    for stage in stage_list:
        if stage.project is None or stage.same is None:
            continue
        for sample in samples:
            mine, floor = stage.same(stage.project(sample), stage.floor(sample))
            if mine != floor:
                found.append(f"{stage.name}: {sample.json_path.name}")
    return found


# ---------------------------------------------------------------- timing

#: Whole checks timed with the stages, for the targets: ``RuleSet.evaluate``, what
#: ``check`` does per record (``RuleSet.check`` is the same plus the pydantic report model
#: a library caller gets).
CHECK = "in-process check + JSON entry"
#: The floors of validate, evaluate and render on each record in turn (the validate floor
#: parses, as in its row: the parse floor is subtracted). Timed in separate loops, each
#: stage runs with the processor's caches holding its own code and data; one record after
#: another, the stages evict each other's, as the check's own stages do (measured: +20 %
#: for the floors, the same for the project). The in-process target compares the check
#: with this, like with like.
FLOORS_CHAINED = "floors of the check, chained"
CHECK_JSON = "check one JSON file"
CHECK_YAML = "check one YAML file"


def checks(
    rules: RuleSet, today: datetime.date, stage_list: Sequence[Stage]
) -> dict[str, Callable[[Sample], Any]]:
    """The whole checks, and the floors of the in-process check's stages run one after
    the other on each record, as the check runs its own (:data:`FLOORS_CHAINED`)."""

    def in_process(s: Sample) -> bytes:
        result = rules.evaluate(s.data, today=today, name=s.json_path.name)
        return json_format.rendered(result).json

    by_name = {stage.name: stage.floor for stage in stage_list}
    chained = [by_name[VALIDATE], by_name[EVALUATE], by_name[RENDER]]

    def floors_chained(s: Sample) -> None:
        for floor in chained:
            floor(s)

    return {
        CHECK: in_process,
        FLOORS_CHAINED: floors_chained,
        CHECK_JSON: lambda s: rules.evaluate(s.json_path, today=today),
        CHECK_YAML: lambda s: rules.evaluate(s.yaml_path, today=today),
    }


@dataclass(frozen=True, slots=True)
class Row:
    stage: Stage
    project: float | None  # µs per contract
    floor: float


#: Samples per turn: every function is timed on these, then the next function, so that a
#: burst of load (other processes on the machine) falls on project and floor alike.
TURN = 50


def measure(
    stage_list: Sequence[Stage],
    whole: Mapping[str, Callable[[Sample], Any]],
    samples: Sequence[Sample],
    runs: int,
    batches: Mapping[str, Callable[[], float]] | None = None,
) -> tuple[list[Row], dict[str, float]]:
    """Median µs per contract, over ``runs`` runs, of each function on all the samples —
    timed in turns of :data:`TURN` samples, in processor time of this process (a shared
    machine's other processes, which would lengthen the wall-clock time of whichever
    function runs while they do, do not count) —, and of each batch (a function giving µs
    per contract itself: a process checking a folder, in wall-clock time), timed once per
    run."""
    timed: dict[str, Callable[[Sample], Any]] = dict(whole)
    for stage in stage_list:
        if stage.project is not None:
            timed[f"project {stage.name}"] = stage.project
        timed[f"floor {stage.name}"] = stage.floor
    times: dict[str, list[float]] = {name: [] for name in [*timed, *(batches or {})]}
    for _ in range(runs):
        spent = dict.fromkeys(timed, 0.0)
        for first in range(0, len(samples), TURN):
            turn = samples[first : first + TURN]
            for name, fn in timed.items():
                start = time.process_time()
                for sample in turn:
                    fn(sample)
                spent[name] += time.process_time() - start
        for name, seconds in spent.items():
            times[name].append(seconds / len(samples) * 1e6)
        for name, batch in (batches or {}).items():
            times[name].append(batch())
    medians = {name: statistics.median(values) for name, values in times.items()}
    rows = []
    for stage in stage_list:
        floor = medians[f"floor {stage.name}"]
        if stage.less is not None:
            floor -= medians[f"floor {stage.less}"]
        project = medians.get(f"project {stage.name}") if stage.project is not None else None
        rows.append(Row(stage, project, floor))
    return rows, {name: medians[name] for name in [*whole, *(batches or {})]}


def floor_of(rows: Sequence[Row], *names: str) -> float:
    """The summed floor of the named stages (µs per contract)."""
    by_name = {row.stage.name: row.floor for row in rows}
    return sum(by_name[name] for name in names)


def print_table(rows: Sequence[Row], whole: Mapping[str, float]) -> None:
    print(f"  {'stage':<30}{'project µs':>12}{'floor µs':>11}{'ratio':>9}   floor")
    for row in rows:
        project = "—" if row.project is None else f"{row.project:,.1f}"
        ratio = "" if row.project is None else f"{row.project / row.floor:.1f}×"
        print(
            f"  {row.stage.name:<30}{project:>12}{row.floor:>11,.1f}{ratio:>9}"
            f"   {row.stage.floor_is}"
        )
    print("  whole checks (µs per contract), timed in turn with the stages:")
    for name, value in whole.items():
        print(f"  {name:<30}{value:>12,.1f}")

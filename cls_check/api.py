"""The library interface: load a rule set once, check records with it, from any thread.

    import cls_check
    rules = cls_check.load_rules()
    report = rules.check("fixtures/contrat-exemple.yaml")
    report.status, report.finding("SIG-01").verdict

Rules: :func:`load_rules` hands the folder to :mod:`cls_check.pipeline`, the one place a
rule set is loaded — read the files once, parse, check, lower to the IR
(:mod:`cls_check.dsl`), keep it in the caches (memory, and the signed disk cache of
:mod:`cls_check.ir.cache`), build the backend (:func:`cls_check.engine.create_engine`) —
which gives back a :class:`RuleSet`. Records go through :func:`cls_check.model.load_record`
and come out as a :class:`~cls_check.report.model.ContractReport` (:meth:`RuleSet.check`) —
or, for batches, as the plain data it is converted from (:meth:`RuleSet.evaluate`): a batch
renders its JSON from that without building a model.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from typing import Any

from cls_check import __version__
from cls_check.engine import Engine
from cls_check.engine.context import EvaluationContext
from cls_check.errors import Problem
from cls_check.ir.nodes import Rule, RuleSetIR
from cls_check.model import Contract, LoadedRecord, load_record
from cls_check.report.model import (
    ContractReport,
    IgnoredInput,
    InputError,
    InputProblem,
    Report,
    RulesInfo,
    ToolInfo,
)
from cls_check.report.questions import questions
from cls_check.report.result import ContractResult, record_facts, status_of, summary_of

RecordSource = Mapping[str, Any] | str | os.PathLike[str] | Contract | LoadedRecord


class RuleSet:
    """A compiled, immutable rule set bound to an evaluation backend.

    Safe to share between threads: nothing in it changes after construction, and each
    check evaluates in its own context.
    """

    __slots__ = ("_engine", "_ir")

    def __init__(self, ir: RuleSetIR, engine: Engine):
        self._ir = ir
        self._engine = engine

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self._ir.rules

    @property
    def ir(self) -> RuleSetIR:
        return self._ir

    @property
    def engine(self) -> str:
        return self._engine.name

    @property
    def info(self) -> RulesInfo:
        return RulesInfo(version=self._ir.version, sha256=self._ir.sha256)

    def check(
        self,
        record: RecordSource,
        *,
        at: datetime.date | None = None,
        today: datetime.date | None = None,
        name: str | None = None,
    ) -> ContractReport:
        """Check one record (a dict, a path to a YAML/JSON file, a Contract, or a record
        already loaded with :func:`cls_check.model.load_record`).

        ``at`` is the date the check is made for (default: today). The texts that apply are
        those in force at the signature date; for a draft, at the date of the check.
        Raises :class:`~cls_check.errors.RecordError` if the record does not fit ``cls/1``.
        """
        return ContractReport.of(self.evaluate(record, at=at, today=today, name=name))

    def evaluate(
        self,
        record: RecordSource,
        *,
        at: datetime.date | None = None,
        today: datetime.date | None = None,
        name: str | None = None,
    ) -> ContractResult:
        """:meth:`check` as plain data, before any report model is built (for batches)."""
        loaded = record if isinstance(record, LoadedRecord) else load_record(record, name=name)
        contract = loaded.contract
        context = EvaluationContext.for_contract(
            signed_on=contract.date_signature,
            status=contract.statut,
            at=at,
            today=today or datetime.date.today(),
        )
        findings = self._engine.evaluate(contract, context)
        return ContractResult(
            file=loaded.file,
            id=contract.id,
            status=status_of(findings),
            summary=summary_of(findings),
            findings=findings,
            warnings=loaded.warnings,
            questions=questions(findings),
            record=record_facts(contract),
        )

    def report(
        self,
        contracts: tuple[ContractReport, ...],
        errors: tuple[InputError, ...] = (),
        *,
        checked_at: datetime.date | None = None,
        ignored: tuple[IgnoredInput, ...] = (),
    ) -> Report:
        """Assemble a batch report (the JSON interface of architecture.md)."""
        return Report(
            tool=ToolInfo(version=__version__),
            rules=self.info,
            checked_at=checked_at or datetime.date.today(),
            contracts=contracts,
            errors=errors,
            ignored=ignored,
        )


def input_problem(problem: Problem) -> InputProblem:
    return InputProblem.of(problem)


def load_rules(
    directory: str | os.PathLike[str] | None = None, *, engine: str = "python"
) -> RuleSet:
    """The rule set of ``directory`` (default: the bundled rules), compiled once per process.

    Raises :class:`~cls_check.errors.RuleFileError` with every problem found in the rule
    files, or :class:`~cls_check.errors.EngineError` if the backend cannot run here.
    """
    # The pipeline builds this module's RuleSet: imported here, not above.
    from cls_check.pipeline import load

    return load(directory, engine)

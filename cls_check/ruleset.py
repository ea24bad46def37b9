"""A loaded rule set: check records with it, from any thread.

Input: the IR of a rule set and the backend built from it (:mod:`cls_check.pipeline` makes
both; :func:`cls_check.load_rules` is how a caller gets one). Output, per record: the plain
result of a check (:meth:`RuleSet.evaluate`, what a batch renders from) or the public
pydantic report (:meth:`RuleSet.check`, converted from it). Records go through
:func:`cls_check.model.load_record`.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from typing import Any

from cls_check import __version__
from cls_check.engine import Engine
from cls_check.engine.context import EvaluationContext
from cls_check.ir.nodes import Rule, RuleSetIR
from cls_check.model import Contract, LoadedRecord, load_record
from cls_check.report.model import (
    ContractReport,
    IgnoredInput,
    InputError,
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
        """:meth:`check` as plain data, before any report model is built: what a batch renders
        its JSON from, and the faster call for a drafting tool that checks on every save."""
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

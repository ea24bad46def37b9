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

import os

from cls_check.pipeline import load
from cls_check.ruleset import RecordSource, RuleSet

__all__ = ["RecordSource", "RuleSet", "load_rules"]


def load_rules(
    directory: str | os.PathLike[str] | None = None, *, engine: str = "python"
) -> RuleSet:
    """The rule set of ``directory`` (default: the bundled rules), compiled once per process.

    Raises :class:`~cls_check.errors.RuleFileError` with every problem found in the rule
    files, or :class:`~cls_check.errors.EngineError` if the backend cannot run here.
    """
    return load(directory, engine)

"""cls-check: checks contrats locaux de sécurité against the circular of 28 October 1997.

The public interface is :func:`load_rules` and the objects it returns; see
:mod:`cls_check.api`. Names are imported on first use, so that ``import cls_check`` stays
cheap for a drafting tool that only needs part of it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# The one place the version is written (pyproject.toml reads it from here).
__version__ = "0.1.0"

if TYPE_CHECKING:
    from cls_check.api import load_rules
    from cls_check.errors import ClsError, EngineError, RecordError, RuleFileError
    from cls_check.model import Contract
    from cls_check.report.model import ContractReport, Finding, Report
    from cls_check.ruleset import RuleSet

_EXPORTS = {
    "RuleSet": "cls_check.ruleset",
    "load_rules": "cls_check.api",
    "ClsError": "cls_check.errors",
    "EngineError": "cls_check.errors",
    "RecordError": "cls_check.errors",
    "RuleFileError": "cls_check.errors",
    "Contract": "cls_check.model",
    "ContractReport": "cls_check.report.model",
    "Finding": "cls_check.report.model",
    "Report": "cls_check.report.model",
}

__all__ = [
    "ClsError",
    "Contract",
    "ContractReport",
    "EngineError",
    "Finding",
    "RecordError",
    "Report",
    "RuleFileError",
    "RuleSet",
    "__version__",
    "load_rules",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cls_check' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)

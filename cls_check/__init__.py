"""cls-check: checks contrats locaux de sécurité against the circular of 28 October 1997.

The public interface is :func:`load_rules` and the objects it returns; see
:mod:`cls_check.api`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cls-check")
except PackageNotFoundError:  # a source checkout that was never installed
    __version__ = "0.0.0+source"

from cls_check.api import RuleSet, load_rules  # noqa: E402
from cls_check.errors import ClsError, EngineError, RecordError, RuleFileError  # noqa: E402
from cls_check.report.model import ContractReport, Finding, Report  # noqa: E402

__all__ = [
    "ClsError",
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

"""Evaluation backends: a compiled rule set in, findings out.

``python`` is the reference backend; ``durable`` runs the same IR on durable_rules where
that library imports. Both implement :class:`Engine`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from cls_check.engine.context import EvaluationContext
from cls_check.errors import EngineError
from cls_check.findings import Finding
from cls_check.ir.nodes import RuleSetIR

if TYPE_CHECKING:
    from cls_check.engine.codegen import ModuleCompiler

ENGINES = ("python", "durable")


class Engine(Protocol):
    name: str

    def evaluate(self, record: object, context: EvaluationContext) -> tuple[Finding, ...]:
        """One finding per rule of the rule set, in rule order."""
        ...


def create_engine(
    name: str, ruleset: RuleSetIR, compile_module: ModuleCompiler | None = None
) -> Engine:
    """Build the named backend for a rule set; EngineError if it cannot run here.

    ``compile_module`` compiles the Python the backends generate (by default, each time).
    """
    if name == "python":
        from cls_check.engine.python import PythonEngine

        return PythonEngine(ruleset, compile_module)
    if name == "durable":
        try:
            from cls_check.engine.durable import DurableEngine
        except (ImportError, AttributeError) as error:  # not installed, or Python 3.13+
            raise EngineError(
                f"le moteur durable n'est pas disponible ici : durable_rules ne s'importe pas "
                f"({error}). Installez l'extra « durable » (pip install 'cls-check[durable]') "
                "avec Python 3.11 ou 3.12 — durable_rules ne fonctionne pas à partir de "
                "Python 3.13 —, ou utilisez --engine python"
            ) from error
        return DurableEngine(ruleset, compile_module)
    raise EngineError(f"moteur inconnu « {name} » ; moteurs disponibles : {', '.join(ENGINES)}")

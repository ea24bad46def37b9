"""The rule language front end: rule files → checked IR.

Pipeline, one module per step, plain data between steps::

    folder ──read──▶ RuleFolder ──parser──▶ ast.RuleFile
           ──checker (types, names, catalogue)──▶ CheckedRuleSet ──lower──▶ ir.RuleSetIR

:mod:`cls_check.pipeline` runs these steps, with its caches, to load a rule set.
:func:`compile_rule_files` reads a rule folder and compiles it (no cache: ``rules lint``,
tests); :func:`compile_rule_sources` compiles texts given in memory. Both report *every*
problem found by raising :class:`~cls_check.errors.RuleFileError`. Rule files are data:
nothing in them is ever executed or imported.

Names are imported on first use: reading a folder (:mod:`cls_check.dsl.read`) must not
load the parser (lark) and the checker, which only run when no cache has the rule set.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cls_check.dsl.compiler import compile_rule_files, compile_rule_sources, load_catalogue

__all__ = ["compile_rule_files", "compile_rule_sources", "load_catalogue"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'cls_check.dsl' has no attribute {name!r}")
    return getattr(importlib.import_module("cls_check.dsl.compiler"), name)

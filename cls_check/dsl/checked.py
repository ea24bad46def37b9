"""What the static checks give: the rule set as checked, as plain data.

Input: nothing (these are the result types). Output: :class:`CheckedRuleSet` and the values
it holds — each requirement with its catalogue entry (:class:`RuleInfo`), each definition
under its name in the rule set (:class:`DefinitionInfo`), the meaning of every path
(:class:`Resolution`) and the type of every expression. The passes of
:mod:`cls_check.dsl.checker` fill them; lowering (:mod:`cls_check.dsl.lower`) reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from cls_check.dsl import ast
from cls_check.dsl import types as T
from cls_check.dsl.catalogue import Exigence
from cls_check.errors import Diagnostic

__all__ = ["CheckedRuleSet", "DefinitionInfo", "PathStep", "Resolution", "RuleInfo"]


@dataclass(frozen=True, slots=True)
class PathStep:
    """One ``.name`` of a path: a record's field, or a field of each element of a list."""

    kind: Literal["field", "project"]
    name: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a path means: its first name, then its steps.

    ``head`` is ``var`` (a quantifier's variable), ``definition`` (``name`` is then the
    qualified name of the definition in the rule set) or ``field`` (a field of the contract
    record; ``name`` is that field).
    """

    head: Literal["var", "definition", "field"]
    name: str
    steps: tuple[PathStep, ...]


@dataclass(frozen=True, slots=True)
class DefinitionInfo:
    """A definition and the name it has in the rule set (``REQ.name`` when local)."""

    qualified_name: str
    definition: ast.Definition
    requirement: str | None


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A requirement of a rule file, with its catalogue entry (when it has one)."""

    file_stem: str
    requirement: ast.Requirement
    exigence: Exigence | None


@dataclass(frozen=True, slots=True)
class CheckedRuleSet:
    rules: tuple[RuleInfo, ...]
    definitions: tuple[DefinitionInfo, ...]  # in dependency order
    # Keyed by ``id()`` of AST nodes, which this object keeps alive through ``rules``
    # and ``definitions``.
    paths: Mapping[int, Resolution]
    types: Mapping[int, T.Type]
    diagnostics: tuple[Diagnostic, ...]

    def type_of(self, node: ast.Expr) -> T.Type:
        return self.types.get(id(node), T.ERROR)

    def resolution(self, path: ast.Path) -> Resolution:
        return self.paths[id(path)]

"""Static checks: names, types, definitions and the requirement catalogue.

Input: the parsed files (:class:`~cls_check.dsl.ast.RuleFile`), the catalogue, and the
record type of the contract (by default introspected from
:class:`cls_check.model.contract.Contract`).
Output: a :class:`CheckedRuleSet` — the same trees plus what lowering needs (the meaning of
every path, the type of every expression, the definitions in dependency order) and every
problem found, as :class:`~cls_check.errors.Diagnostic` values with ``CLS2xx`` codes.

The checks are four passes, each a module with plain data in and out:

1. :mod:`~cls_check.dsl.names` — the requirements and definitions declared, and the names
   defined twice;
2. :mod:`~cls_check.dsl.structure` — each requirement's id and clauses, and what they
   repeat of the catalogue;
3. :mod:`~cls_check.dsl.dependencies` — the definitions in dependency order, their cycles
   and chains too deep;
4. :mod:`~cls_check.dsl.typecheck` — the type of every expression and the meaning of
   every path (:mod:`~cls_check.dsl.resolve`).

Everything is checked, even after errors: a wrong expression gets the type
:data:`~cls_check.dsl.types.ERROR`, which is accepted everywhere, so that one mistake
gives one diagnostic. When :attr:`CheckedRuleSet.diagnostics` is empty, the invariants of
:mod:`cls_check.ir.nodes` hold and lowering cannot fail.

Codes: one per kind of mistake, stable, the members of :class:`cls_check.codes.Code`;
each pass gives its own codes, and the diagnostics of all four are sorted by place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cls_check.dsl import ast
from cls_check.dsl import types as T
from cls_check.dsl.catalogue import Catalogue
from cls_check.dsl.checked import CheckedRuleSet, DefinitionInfo, RuleInfo
from cls_check.dsl.dependencies import order_definitions
from cls_check.dsl.names import collect_names
from cls_check.dsl.reporter import place_order
from cls_check.dsl.structure import check_structure
from cls_check.dsl.typecheck import check_types

# CheckedRuleSet and RuleInfo are imported from here by lowering (cls_check.dsl.lower).
__all__ = ["CheckedRuleSet", "RuleInfo", "check"]


def check(
    files: Sequence[ast.RuleFile],
    catalogue: Catalogue,
    root: T.RecordType | None = None,
    *,
    sources: Mapping[str, str] | None = None,
    lost_names: frozenset[str] = frozenset(),
) -> CheckedRuleSet:
    """Check parsed rule files against the catalogue and the contract's record type.

    ``sources`` (file name → text) lets messages quote expressions as written;
    ``lost_names`` are definitions of pieces that failed to parse (not reported again).
    """
    record = root if root is not None else T.contract_type()
    file_order = {f.name: i for i, f in enumerate(files)}
    names = collect_names(files, catalogue)
    rules = tuple(rule.info for rule in names.rules)
    structure = check_structure(rules, catalogue)
    order = order_definitions(names, file_order)
    typing = check_types(names, order, record, sources or {}, lost_names)
    diagnostics = sorted(
        (*names.diagnostics, *structure, *order.diagnostics, *typing.diagnostics),
        key=lambda d: (*place_order(d.span, file_order), d.code, d.message),
    )
    return CheckedRuleSet(
        rules=rules,
        definitions=tuple(
            DefinitionInfo(d.qualified, d.node, d.requirement) for d in order.definitions
        ),
        paths=typing.paths,
        types=typing.types,
        diagnostics=tuple(diagnostics),
    )

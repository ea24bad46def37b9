"""The definitions of a rule set in dependency order: cycles and chains too deep refused.

Input: :class:`~cls_check.dsl.names.Names` (every definition, shared or local) and the
order of the files. Output: :class:`DefinitionOrder` — the definitions, each after those it
uses (so that typing and lowering meet a definition's type before its uses), the keys of
those in a cycle, and the diagnostics: each cycle once (``CLS231``, with every link), and
each chain of definitions nested beyond the bound of :mod:`cls_check.dsl.limits`
(``CLS111``).

A use is a path whose first name is a definition: the rule's own local definition first,
then a shared one. Both walks are iterative: a long chain of definitions must not overflow
the stack.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cls_check.codes import Code
from cls_check.dsl import limits
from cls_check.dsl.names import Definition, Names
from cls_check.dsl.reporter import Reporter, place_order
from cls_check.dsl.walk import free_references
from cls_check.errors import Diagnostic, Span

__all__ = ["DefinitionOrder", "order_definitions"]

# Definition key → (key of a definition it uses, where), in the order written.
_Uses = Mapping[str, list[tuple[str, Span]]]


@dataclass(frozen=True, slots=True)
class DefinitionOrder:
    definitions: tuple[Definition, ...]  # each after the definitions it uses
    cyclic: frozenset[str]  # keys of the definitions in a cycle
    diagnostics: tuple[Diagnostic, ...]


def order_definitions(names: Names, file_order: Mapping[str, int]) -> DefinitionOrder:
    """The definitions of ``names`` in dependency order, and their cycles and depth."""
    report = Reporter()
    definitions = names.definitions(file_order)
    by_key = {d.key: d for d in definitions}
    uses: dict[str, list[tuple[str, Span]]] = {d.key: [] for d in definitions}
    for d in definitions:
        rule = names.rules[d.owner] if d.owner is not None else None
        for path in free_references(d.node.expr):
            name = path.names[0].value
            if rule is not None and name in rule.locals:
                uses[d.key].append((rule.locals[name].key, path.names[0].span))
            elif name in names.globals:
                uses[d.key].append((name, path.names[0].span))
    cyclic = _report_cycles(definitions, by_key, uses, file_order, report)
    order = _dependency_order(definitions, by_key, uses)
    for deep in limits.deep_definitions((d.key, d.node, uses[d.key]) for d in order):
        report.add(deep)
    return DefinitionOrder(tuple(order), frozenset(cyclic), report.diagnostics)


def _dependency_order(
    definitions: list[Definition], by_key: Mapping[str, Definition], uses: _Uses
) -> list[Definition]:
    """Depth-first, each definition after those it uses (a cycle is cut anywhere)."""
    order: list[Definition] = []
    state: dict[str, int] = {}  # 1: in progress, 2: done
    for d in definitions:
        if d.key in state:
            continue
        stack: list[tuple[Definition, int]] = [(d, 0)]
        state[d.key] = 1
        while stack:
            current, next_edge = stack[-1]
            edges = uses[current.key]
            if next_edge < len(edges):
                stack[-1] = (current, next_edge + 1)
                target = by_key[edges[next_edge][0]]
                if target.key not in state:
                    state[target.key] = 1
                    stack.append((target, 0))
                continue
            stack.pop()
            state[current.key] = 2
            order.append(current)
    return order


def _report_cycles(
    definitions: list[Definition],
    by_key: Mapping[str, Definition],
    uses: _Uses,
    file_order: Mapping[str, int],
    report: Reporter,
) -> set[str]:
    """Report each cycle once (Tarjan's strongly connected components)."""
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for start in definitions:
        if start.key in index_of:
            continue
        work: list[tuple[str, int]] = [(start.key, 0)]
        while work:
            key, edge = work[-1]
            if edge == 0 and key not in index_of:
                index_of[key] = low[key] = counter
                counter += 1
                stack.append(key)
                on_stack.add(key)
            edges = uses[key]
            if edge < len(edges):
                work[-1] = (key, edge + 1)
                target = edges[edge][0]
                if target not in index_of:
                    work.append((target, 0))
                elif target in on_stack:
                    low[key] = min(low[key], index_of[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[key])
            if low[key] == index_of[key]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == key:
                        break
                components.append(component)
    cyclic: set[str] = set()
    for component in components:
        members = set(component)
        first = by_key[component[0]]
        if len(component) == 1 and not any(t == first.key for t, _ in uses[first.key]):
            continue
        cyclic |= members
        _report_cycle([by_key[k] for k in component], members, by_key, uses, file_order, report)
    return cyclic


def _report_cycle(
    component: list[Definition],
    members: set[str],
    by_key: Mapping[str, Definition],
    uses: _Uses,
    file_order: Mapping[str, int],
    report: Reporter,
) -> None:
    start = min(component, key=lambda d: place_order(d.node.span, file_order))
    # A path from start back to start inside the component (breadth-first: shortest).
    previous: dict[str, tuple[str, Span]] = {}
    frontier = [start.key]
    found: tuple[str, Span] | None = None
    while frontier and found is None:
        next_frontier: list[str] = []
        for key in frontier:
            for target, span in uses[key]:
                if target == start.key:
                    found = (key, span)
                    break
                if target in members and target not in previous:
                    previous[target] = (key, span)
                    next_frontier.append(target)
            if found is not None:
                break
        frontier = next_frontier
    assert found is not None
    links: list[tuple[str, str, Span]] = []  # (from, to, where)
    key, span = found
    links.append((key, start.key, span))
    while key != start.key:
        before, where = previous[key]
        links.append((before, key, where))
        key = before
    links.reverse()
    names = [by_key[links[0][0]].node.name.value] + [by_key[b].node.name.value for _, b, _ in links]
    chain = " → ".join(names)
    related = tuple(
        (where, f"« {by_key[a].node.name.value} » utilise « {by_key[b].node.name.value} »")
        for a, b, where in links
    )
    if len(links) == 1:
        message = f"définition circulaire : « {start.node.name.value} » dépend d'elle-même"
    else:
        message = f"définitions circulaires : {chain}"
    report.error(
        Code.CIRCULAR_DEFINITION,
        message,
        start.node.name.span,
        "une définition ne peut pas dépendre d'elle-même, même par d'autres ; "
        "réécrivez l'une d'elles sans utiliser les autres",
        related,
    )

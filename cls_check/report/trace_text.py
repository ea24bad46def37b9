"""The trace of ``explain``, as indented French text or as JSON data.

Input: a :class:`~cls_check.engine.trace.RuleTrace` and the line of each record path read
(:func:`cls_check.model.loader.record_lines`). Output: text — one line per step,
« vrai » / « faux » / « inconnu » or the figure, then the values read with their line —
or the same tree as JSON-ready data.

A definition (``soit …``) read several times is detailed the first time only in text; the
JSON repeats it, so that each subtree stands alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cls_check.findings import RuleTrace, Step
from cls_check.report.labels import clean
from cls_check.values import evidence_value, figure

_TRUTH = {True: "vrai", False: "faux", None: "inconnu"}


def read_paths(trace: RuleTrace) -> list[str]:
    """Every record path the trace read, for :func:`record_lines`."""
    return list(
        dict.fromkeys(r.path for c in trace.clauses for s in _walk(c.step) for r in s.reads)
    )


def shown(step: Step) -> str:
    """« vrai », « faux », « inconnu » for a condition; the figure for a count or sum."""
    if step.kind == "condition" and (step.value is None or isinstance(step.value, bool)):
        return _TRUTH[step.value]
    return figure(step.value)


def render_trace(trace: RuleTrace, lines: Mapping[str, int]) -> str:
    out = ["trace :"]
    seen: set[int] = set()
    for clause in trace.clauses:
        out.append(f"  {clause.role} :")
        _step_lines(clause.step, 4, lines, seen, out)
    out.append(f"branche : {trace.branch}")
    return "\n".join(out)


def _step_lines(
    step: Step, indent: int, lines: Mapping[str, int], seen: set[int], out: list[str]
) -> None:
    pad = " " * indent
    note = f" ({clean(step.note)})" if step.note else ""
    out.append(f"{pad}{clean(step.text)} : {shown(step)}{note}")
    if id(step) in seen:
        return  # a definition already detailed above
    seen.add(id(step))
    for read in _unique(step):
        line = lines.get(read.path) or lines.get(read.path.rsplit(".", 1)[0])
        where = f" (ligne {line})" if line else ""
        out.append(f"{pad}  lu : {read.path} = {figure(read.value)}{where}")
    for child in step.children:
        _step_lines(child, indent + 2, lines, seen, out)


def trace_data(trace: RuleTrace, lines: Mapping[str, int]) -> dict[str, Any]:
    """The trace as JSON-ready data (``explain --format json``)."""
    return {
        "requirement": trace.requirement,
        "verdict": trace.verdict,
        "branch": trace.branch,
        "clauses": [{"role": c.role, "step": _step_data(c.step, lines)} for c in trace.clauses],
    }


def _step_data(step: Step, lines: Mapping[str, int]) -> dict[str, Any]:
    return {
        "text": step.text,
        "kind": step.kind,
        "value": evidence_value(step.value),
        "shown": shown(step),
        "note": step.note,
        "reads": [
            {"path": r.path, "value": evidence_value(r.value), "line": lines.get(r.path)}
            for r in _unique(step)
        ],
        "children": [_step_data(child, lines) for child in step.children],
    }


def _unique(step: Step) -> list[Any]:
    return list({r.path: r for r in step.reads}.values())


def _walk(step: Step) -> Iterator[Step]:
    yield step
    for child in step.children:
        yield from _walk(child)

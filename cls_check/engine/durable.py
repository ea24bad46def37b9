"""The ``durable`` backend: the IR run on durable_rules, with the reference's verdicts.

Input: a :class:`~cls_check.ir.nodes.RuleSetIR` (compiled once, into durable rulesets) and,
per contract, the validated record plus an
:class:`~cls_check.engine.context.EvaluationContext`. Output: one
:class:`~cls_check.findings.Finding` per rule, in rule order — identical to the
``python`` backend's (same verdict, message and evidence).

How (the encoding is described in :mod:`cls_check.engine.durable_encoding`):

1. Python reads the record and precomputes, with the reference semantics, what durable
   cannot evaluate safely — quantifiers, counts, definitions, comparisons of two values of
   the contract — into one fact per contract and shard (a fresh ``sid`` each time): each
   value typed and tagged, unknown ones included.
2. durable decides, for each rule, with two positive rules: ``applies`` (the rule's
   applicability holds) and ``holds`` (it applies, is not « inconnu », and its requirement,
   exceptions included, holds). Their consequences only append the rule's name to a list.
3. Python decides the verdict from which rules fired, with the reference's procedure: not
   in force → ``not_applicable``; applicability unknown → ``unknown``, else not fired →
   ``not_applicable``; « inconnu si » not false → ``unknown``; requirement unknown →
   ``unknown``; else ``holds`` fired → ``satisfied``, not fired → ``violated``. Whether a
   value is *known* is the one thing taken from the reference evaluation; whether it is
   *true* is durable's decision.
4. Message and evidence are the ``python`` backend's for that rule: if its verdict differs
   from durable's, the finding would explain another verdict, so :class:`EngineError` is
   raised rather than a report that contradicts itself.

durable_rules 2.0.28 is not thread-safe and keeps its state in C: one process-wide lock
guards every call into it, the host's background dispatch threads are never started,
each contract's sessions are deleted in ``finally`` (a ruleset holds at most 1,024), and a
ruleset is defined once per process (its name is a digest of its definition; rulesets
cannot be redefined). It scales with processes (``--jobs``), not threads.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import threading
from collections.abc import Callable
from typing import Any

from durable import engine as durable_engine

from cls_check.engine.codegen import ModuleCompiler
from cls_check.engine.context import EvaluationContext
from cls_check.engine.durable_encoding import Layout, RuleLayout, Shard, compile_layout
from cls_check.engine.in_force import in_force, origin
from cls_check.engine.python import PythonEngine, reference_values
from cls_check.errors import EngineError
from cls_check.findings import Finding
from cls_check.ir import nodes as ir
from cls_check.vocab import Verdict

__all__ = ["DurableEngine"]


class _QuietHost(durable_engine.Host):  # type: ignore[misc]  # durable has no type stubs
    """A durable host that never starts its dispatch and timer threads.

    ``Host.__init__`` ends with ``self._run()``, which arms two ``threading.Timer`` loops
    polling every ruleset for queued actions and timers. This backend asserts facts and
    runs their actions synchronously, uses no timers, and must not let a second thread
    into durable's C state (threads posting to one ruleset segfaulted).
    """

    def _run(self) -> None:
        return None


# Process-wide durable state, all guarded by _LOCK.
_LOCK = threading.Lock()
_HOST: Any = None
_REGISTERED: set[str] = set()
_FIRED: list[str] = []  # the names of the durable rules fired by the fact being asserted
_SIDS = itertools.count()


def _reset_after_fork() -> None:
    """A child process starts with the lock free (no other thread of the parent exists)."""
    global _LOCK
    _LOCK = threading.Lock()


os.register_at_fork(after_in_child=_reset_after_fork)


def _consequence(name: str) -> Callable[[Any], None]:
    """A consequence that cannot fail: durable would swallow the error and lose the fact."""

    def fired(c: Any) -> None:
        _FIRED.append(name)

    return fired


def _noop(c: Any) -> None:
    return None


def _host() -> Any:
    """The process's durable host (call with _LOCK held)."""
    global _HOST
    if _HOST is None:
        _HOST = _QuietHost()
    return _HOST


def _register(shard: Shard) -> None:
    """Define a shard's ruleset once per process (call with _LOCK held)."""
    if shard.name in _REGISTERED:
        return
    definition: dict[str, dict[str, Any]] = {}
    for name, rule in shard.definition.items():
        run = _noop if name == "tout" else _consequence(name)
        # durable deletes "run" from the dict it is given: always a fresh copy.
        definition[name] = {"all": [dict(m) for m in rule["all"]], "run": run}
    try:
        _host().register_rulesets({shard.name: definition})
    except Exception as error:
        raise EngineError(
            f"le moteur durable refuse les règles compilées ({error}) ; utilisez --engine python"
        ) from error
    _REGISTERED.add(shard.name)


def _assert(shard: Shard, fact: dict[str, Any]) -> frozenset[str]:
    """Assert one fact in a fresh session and return the rules it fired (call with _LOCK)."""
    sid = f"{os.getpid()}-{next(_SIDS)}"
    fact["sid"] = fact["id"] = sid
    host = _host()
    _FIRED.clear()
    asserted = False
    try:
        host.assert_fact(shard.name, fact)
        asserted = True
        return frozenset(_FIRED)
    except Exception as error:
        raise EngineError(f"le moteur durable a échoué sur ce contrat ({error})") from error
    finally:
        _FIRED.clear()
        try:
            host.delete_state(shard.name, sid)
        except Exception as error:
            # A fact refused before its session existed leaves nothing to delete.
            if asserted:
                raise EngineError(
                    f"le moteur durable n'a pas pu libérer sa session ({error})"
                ) from error


class DurableEngine:
    """Evaluates a compiled rule set on durable_rules. Immutable once built; safe to call
    from several threads (calls into durable are serialised)."""

    name = "durable"

    def __init__(self, ruleset: ir.RuleSetIR, compile_module: ModuleCompiler | None = None):
        self._ruleset = ruleset
        self._layout: Layout = compile_layout(ruleset)
        with_slots = dataclasses.replace(
            ruleset, definitions=ruleset.definitions + self._layout.definitions
        )
        self._values = reference_values(with_slots, self._layout.exprs, compile_module)
        self._explain = PythonEngine(ruleset, compile_module)
        self._origin = origin(ruleset)
        with _LOCK:
            for shard in self._layout.shards:
                _register(shard)

    @property
    def layout(self) -> Layout:
        """The encoding: slots, shards and durable rule definitions (for tests and docs)."""
        return self._layout

    def fired(self, record: object, context: EvaluationContext) -> frozenset[str]:
        """The durable rules a contract fires (``r3_applique``, ``r3_respecte``…)."""
        return self._fire(self._values(record, context.check_date))

    def _fire(self, values: tuple[object, ...]) -> frozenset[str]:
        facts = list(self._layout.facts(values))  # built before taking the lock
        fired: set[str] = set()
        with _LOCK:
            for shard, fact in facts:
                fired |= _assert(shard, fact)
        return frozenset(fired)

    def verdicts(self, record: object, context: EvaluationContext) -> tuple[Verdict, ...]:
        """durable's verdict for each rule, in rule order (no message, no cross-check)."""
        values = self._values(record, context.check_date)
        fired = self._fire(values)
        return tuple(self._verdict(r, fired, values, context) for r in self._layout.rules)

    def evaluate(self, record: object, context: EvaluationContext) -> tuple[Finding, ...]:
        """One finding per rule, in rule order."""
        verdicts = self.verdicts(record, context)
        explained = self._explain.evaluate(record, context)
        for verdict, finding in zip(verdicts, explained, strict=True):
            if verdict != finding.verdict:
                raise EngineError(
                    f"incohérence interne du moteur durable sur la règle {finding.rule} : "
                    f"« {verdict} » au lieu de « {finding.verdict} » ; "
                    "signalez-le et utilisez --engine python"
                )
        return explained

    def _verdict(
        self,
        layout: RuleLayout,
        fired: frozenset[str],
        values: tuple[object, ...],
        context: EvaluationContext,
    ) -> Verdict:
        """The reference's decision procedure, on what durable decided."""
        rule = self._ruleset.rules[layout.index]
        status = in_force(rule, context.reference_date, self._origin)
        if status != "in_force":
            return "unknown" if status == "undated" else "not_applicable"
        applies = layout.applies_name in fired
        holds = layout.holds_name in fired
        q, u, p = (None if i is None else values[i] for i in self._layout.known_exprs(layout))
        _check(applies or not holds, rule, "la règle est respectée sans s'appliquer")
        if layout.applicable is not None:
            if q is None:
                _check(not applies, rule, "une condition inconnue a été jugée vraie")
                return "unknown"
            if not applies:
                return "not_applicable"
        else:
            _check(applies, rule, "une règle sans condition ne s'applique pas")
        if layout.unknown_if is not None and u is not False:
            return "unknown"
        if p is None:
            _check(not holds, rule, "une exigence inconnue a été jugée respectée")
            return "unknown"
        return "satisfied" if holds else "violated"


def _check(condition: bool, rule: ir.Rule, what: str) -> None:
    if not condition:
        raise EngineError(f"incohérence interne du moteur durable sur la règle {rule.id} : {what}")

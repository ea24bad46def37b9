"""Checking many inputs: files, folders and standard input, in one or several processes.

Input: the paths a reviewer gave (``-`` for standard input). Output: a
:class:`~cls_check.report.model.Report` where every input appears exactly once — checked,
in ``contracts``, or not, in ``errors`` with its problems — and every other file met in a
folder is in ``ignored`` with the reason (:mod:`cls_check.inputs` decides which is which).
"""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Generic, TypeVar

from cls_check import interrupt
from cls_check.api import load_rules
from cls_check.errors import Problem, RecordError
from cls_check.inputs import Input, discover
from cls_check.model import load_record, record_from_text
from cls_check.model.source import DEFAULT_MAX_SIZE
from cls_check.report.folder import Digest, batch_summary, digest
from cls_check.report.model import ContractReport, InputError, InputProblem, Report
from cls_check.report.result import ContractResult
from cls_check.report.selection import Selection, select
from cls_check.ruleset import RuleSet
from cls_check.waivers import Waiver, apply, review, waived

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")
#: More processes than this only share the same cores and memory.
MAX_JOBS = 64


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What every worker needs to rebuild the same rule set and check the same way."""

    rules: str | None
    engine: str
    at: datetime.date | None
    today: datetime.date
    max_size: int = DEFAULT_MAX_SIZE
    selection: Selection = field(default_factory=Selection)
    strict: bool = False
    waivers: tuple[Waiver, ...] = ()

    @property
    def date(self) -> datetime.date:
        """The date of the check: ``--at``, else today."""
        return self.at or self.today


def whole(contract: ContractResult) -> ContractReport:
    """What a batch gives for each contract by default: its report model (what the human
    formats read; the JSON is rendered from the plain data instead)."""
    return ContractReport.of(contract)


def check_one(
    item: Input, rules: RuleSet, options: CheckOptions, finish: Callable[[ContractResult], T]
) -> T | InputError:
    """Check one input; a record that does not fit the format becomes an InputError — and
    so does one with unknown keys under ``strict``, its warnings as its problems."""
    try:
        record = (
            load_record(item.name, max_size=options.max_size)
            if item.text is None
            else record_from_text(item.text, item.name)
        )
        if options.strict and record.warnings:
            raise RecordError(record.file, tuple(map(_refused, record.warnings)))
        report = rules.evaluate(record, at=options.at, today=options.today)
        report = apply(report, options.waivers, options.date)
        return finish(select(report, options.selection))
    except RecordError as error:
        return InputError(
            file=error.file, problems=tuple(InputProblem.of(p) for p in error.problems)
        )


#: What a batch gets back for each contract: what ``finish`` made of it, its id and the
#: requirements waived in it (for the batch's review of its waivers), and its digest (for
#: the batch's summary).
Noted = tuple[T, str | None, frozenset[str], Digest]


def _noting(finish: Callable[[ContractResult], T], contract: ContractResult) -> Noted[T]:
    return finish(contract), contract.id, waived(contract), digest(contract)


def _refused(warning: Problem) -> Problem:
    """An unknown key, an error under ``--strict``: not « ignorée » but refused."""
    message = warning.message.removesuffix(" ignorée")
    return replace(warning, message=f"{message} : refusée (--strict)", severity="erreur")


def _check_chunk(
    chunk: list[Input], options: CheckOptions, finish: Callable[[ContractResult], T]
) -> list[T | InputError]:
    """In a worker process: the rule set is loaded once per process (it is cached)."""
    rules = load_rules(options.rules, engine=options.engine)
    return [check_one(item, rules, options, finish) for item in chunk]


def run(
    inputs: list[Input],
    options: CheckOptions,
    finish: Callable[[ContractResult], T],
    *,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> Generator[T | InputError, None, None]:
    """Results in input order; ``jobs`` > 1 spreads chunks of inputs over processes.

    ``finish`` (a module-level function, sent to the workers) turns each contract's report
    into what the batch needs of it — done where the contract was checked, so that a
    worker sends back, say, the JSON bytes rather than the models to pickle.
    """
    total = len(inputs)
    if jobs <= 1 or total < 2 * jobs:
        rules = load_rules(options.rules, engine=options.engine)
        for done, item in enumerate(inputs, 1):
            interrupt.check()
            yield check_one(item, rules, options, finish)
            if progress:
                progress(done, total)
        return
    size = max(1, min(200, total // (jobs * 4)))
    chunks = [inputs[i : i + size] for i in range(0, total, size)]
    done = 0
    # Imported here: a check in one process (the common case) does not need it.
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=interrupt.in_worker)
    finished = False
    try:
        # Not pool.map: closing its results cancels the futures, which Python 3.11 then
        # fails to mark broken when the workers are stopped (a traceback on stderr).
        with interrupt.deferred():  # the workers are forked here
            futures = [pool.submit(_check_chunk, chunk, options, finish) for chunk in chunks]
        for future in futures:
            results = future.result()
            interrupt.check()
            yield from results
            done += len(results)
            if progress:
                progress(done, total)
        finished = True
    finally:
        if not finished:  # interrupted, failed, or closed by the consumer
            _terminate(pool)
        pool.shutdown(wait=finished)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now rather than after every chunk already queued: the workers of
    an unfinished batch end with it. (Python < 3.14 has no public way to do this.)"""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()


class Batch(Generic[T]):
    """A batch under way. What ``finish`` makes of each contract comes out of
    :meth:`contracts` in input order as it is checked, and is not kept; the inputs that
    could not be checked gather in :attr:`errors`, complete once the contracts are
    exhausted.

    Loading the rule set happens here, before anything is checked: a broken rule file
    stops the batch before its report begins. Used as a context manager, a batch left
    unfinished (interrupted, or its report could not be written) stops its workers.
    """

    def __init__(
        self,
        paths: Iterable[str],
        options: CheckOptions,
        finish: Callable[[ContractResult], T],
        *,
        jobs: int = 1,
        progress: Callable[[int, int], None] | None = None,
        read_stdin: Callable[[int], bytes] | None = None,
    ):
        self.rules: RuleSet = load_rules(options.rules, engine=options.engine)
        self._options = options
        self._finish: Callable[[ContractResult], Noted[T]] = partial(_noting, finish)
        self._digests: list[Digest] = []
        self._checked: set[str] = set()
        self._waived: set[tuple[str, str]] = set()
        self._progress = progress
        found = discover(paths, read_stdin or _read_stdin, options.max_size)
        self._inputs, self.errors, self.ignored = found.inputs, found.errors, found.ignored
        self._jobs = bounded_jobs(jobs, len(self._inputs))
        self._results: Generator[Noted[T] | InputError, None, None] | None = None

    @property
    def files(self) -> tuple[str, ...]:
        """The record files to check, as found (standard input is not one)."""
        return tuple(item.name for item in self._inputs if item.text is None)

    def contracts(self) -> Iterator[T]:
        self._results = run(
            self._inputs, self._options, self._finish, jobs=self._jobs, progress=self._progress
        )
        for result in self._results:
            if isinstance(result, InputError):
                self.errors.append(result)
            else:
                value, contract_id, requirements, summary = result
                self._digests.append(summary)
                if contract_id is not None:
                    self._checked.add(contract_id)
                    self._waived.update((r, contract_id) for r in requirements)
                yield value

    def close(self) -> None:
        """Stop checking: the worker processes of a batch left unfinished end now."""
        if self._results is not None:
            self._results.close()

    def __enter__(self) -> Batch[T]:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def report(self, contracts: tuple[ContractReport, ...] = ()) -> Report:
        """The batch's report around ``contracts`` and the errors so far, with the summary
        of the contracts checked so far — and, with waivers, what became of them."""
        options = self._options
        report = self.rules.report(
            contracts, tuple(self.errors), checked_at=options.date, ignored=tuple(self.ignored)
        )
        titles = {rule.requirement: rule.title for rule in self.rules.rules}
        update: dict[str, object] = {
            "summary": batch_summary(self._digests, len(self.errors), titles)
        }
        if options.waivers:
            update["waivers"] = review(options.waivers, options.date, self._checked, self._waived)
        return report.model_copy(update=update)


def _read_stdin(limit: int) -> bytes:
    """At most ``limit`` bytes: standard input may be endless (``< /dev/zero``)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        data: bytes = buffer.read(limit)
        return data
    return sys.stdin.read(limit).encode("utf-8", "surrogateescape")


def default_jobs() -> int:
    return os.cpu_count() or 1


def bounded_jobs(jobs: int, inputs: int) -> int:
    """Processes for a batch: ``0`` is one per core; never more than the inputs, nor than
    :data:`MAX_JOBS`; at least one."""
    wanted = jobs if jobs > 0 else default_jobs()
    return max(1, min(wanted, inputs, MAX_JOBS))

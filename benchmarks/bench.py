"""Benchmark of the two backends (run by hand, not in CI).

    python benchmarks/bench.py [--records N] [--quick] [--engine python] [--no-memory]
    python benchmarks/bench.py --floors-only [--quick]
    python benchmarks/bench.py --scaling [--engine python]

For each backend (``python``, ``durable``), on N generated records (default 10,000; a fixed
seed, so every run checks the same contracts), prints:

* µs per contract in-process (median of 5 runs): ``RuleSet.check`` on each record
  (validate + evaluate + report model), then what ``check --format json`` does in-process:
  ``RuleSet.evaluate`` and each contract's JSON entry, the batch's report streamed to
  /dev/null (reports are not kept);
* contracts/s of ``cls-check check DIR --format json -o /dev/null`` with ``--jobs 1`` and
  ``--jobs 0`` (one process per core), the records written as JSON files in a temporary
  folder;
* the cold start of ``cls-check check one.json`` (median of 5 process launches);
* for the python backend, the launch of ``python -c "import pydantic"``, the floor of
  the cold start;
* the ratio durable/python of each figure;
* the stages of a check with the python backend — read, parse (JSON, YAML), validate,
  rules, evaluate, render — each with its floor (``floors.py``: the least that stage could
  cost with the same libraries), timed in turn on the same records, and their ratios;
* the targets: each a ratio of the project to its floor measured in the same run, with
  its bound and OK or MISSED (figures on a loaded machine are noisy; ratios much less);

and, for the python backend, the peak memory (``ru_maxrss``) of one process checking
100,000 contracts, after the first, after 10,000 and after 100,000 (it must stay flat;
measured first, since a child process inherits its parent's peak). A backend that
cannot run here is reported with the reason and skipped.

``--quick``: 1,000 records, medians of 3, memory over 20,000 contracts — a few minutes.

``--floors-only``: only the stages, their floors and the in-process targets — a
minute (``--quick``: seconds).

``--scaling`` (alone): how the time of one check grows with the size of a record, for
N = 100 to 20,000 — the example contract with N signatories; with N communes, each with
its maire among the signatories and its interlocutor at the parquet (the joins of SIG-03
and JUS-01), then the same with ten communes without their maire (a violation whose
evidence lists every signatory searched); with N actions. Each check is the record's first
(the tables sharing evidence between checks emptied), printed in µs per element, with the
garbage collector running and then paused, and the ratio of 10,000 to 1,000 elements.

``--cold`` (alone): the cold start of ``check one.json`` against that of
``python -c "import pydantic"``, launched in turn (medians of 15) so that both see the same
load, and their ratio — the target is at most 5×. The rule cache is warm, as after the
first run.

``--lint N``: instead, ``cls-check rules lint`` on a synthetic folder of N requirements
(``lint_folder.py``) and on one of N/10: seconds and peak memory of each, to show that
both grow linearly.
"""

from __future__ import annotations

import argparse
import collections
import compileall
import copy
import datetime
import functools
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import floors  # noqa: E402

import cls_check  # noqa: E402
from cls_check.api import RuleSet, load_rules  # noqa: E402
from cls_check.engine import python as python_engine  # noqa: E402
from cls_check.engine import runtime  # noqa: E402
from cls_check.errors import EngineError  # noqa: E402
from cls_check.model import load_record  # noqa: E402
from cls_check.model.contract import Role, Theme  # noqa: E402
from cls_check.report import json_format  # noqa: E402
from cls_check.report import model as report_model  # noqa: E402

BACKENDS = ("python", "durable")
TODAY = datetime.date(2026, 11, 25)
SEED = 19971028  # the date of the circular

# ---------------------------------------------------------------- records


def fixtures() -> list[dict[str, Any]]:
    paths = sorted(p for p in (ROOT / "fixtures").glob("*") if p.suffix in (".yaml", ".json"))
    return [load_record(p).contract.model_dump(mode="json", exclude_unset=True) for p in paths]


def _mutate(rng: random.Random, data: dict[str, Any]) -> None:
    """One small change somewhere: a field removed, nulled or emptied, a list element
    duplicated or dropped, a role or theme changed, a date moved."""
    node: Any = data
    while True:
        keys = [k for k in node if k != "format"]
        if not keys:
            return
        key = rng.choice(keys)
        value = node[key]
        if isinstance(value, dict) and rng.random() < 0.6:
            node = value
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict) and rng.random() < 0.5:
            node = rng.choice(value)
            continue
        break
    roll = rng.random()
    if isinstance(value, list) and value and roll < 0.4:
        if rng.random() < 0.5:
            value.append(copy.deepcopy(rng.choice(value)))
        else:
            value.pop(rng.randrange(len(value)))
    elif key == "role" and roll < 0.7:
        node[key] = rng.choice(get_args(Role))
    elif key == "theme" and roll < 0.7:
        node[key] = rng.choice(get_args(Theme))
    elif isinstance(value, str) and len(value) == 10 and value[4] == "-" and roll < 0.7:
        day = datetime.date.fromisoformat(value) + datetime.timedelta(days=rng.randint(-800, 800))
        node[key] = day.isoformat()
    elif roll < 0.8:
        node[key] = None
    elif isinstance(value, list):
        node[key] = []
    else:
        del node[key]


def generate(count: int) -> list[dict[str, Any]]:
    """``count`` records: the fixtures, each changed in 0 to 6 places (fixed seed)."""
    rng = random.Random(SEED)
    base = fixtures()
    records = []
    for index in range(count):
        data = copy.deepcopy(base[index % len(base)])
        for _ in range(rng.randint(0, 6)):
            _mutate(rng, data)
        data["id"] = f"bench-{index:06d}"
        records.append(data)
    return records


# ---------------------------------------------------------------- measures


def in_process(rules: RuleSet, records: list[dict[str, Any]], runs: int, *, as_json: bool) -> float:
    """Median µs per contract: ``rules.check`` on each record (validate + evaluate + the
    report model, what a drafting tool calls on every save) or, with ``as_json``, what
    ``check --format json`` does: ``rules.evaluate`` (plain data, no report model), each
    contract's JSON entry rendered, the batch's report streamed to /dev/null.
    Reports are not kept: holding 10,000 of them would time the garbage collector."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        if as_json:
            entries = (
                json_format.rendered(rules.evaluate(r, today=TODAY, name=f"{r['id']}.json"))
                for r in records
            )
            head = rules.report((), checked_at=TODAY)
            with open(os.devnull, "wb") as sink:
                sink.writelines(json_format.stream(head, entries, lambda: ()))
        else:
            reports = (rules.check(r, today=TODAY, name=f"{r['id']}.json") for r in records)
            collections.deque(reports, maxlen=0)
        timings.append((time.perf_counter() - start) / len(records) * 1e6)
    return statistics.median(timings)


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "cls_check", *args]


def run_cli(command: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} → {done.returncode}: {done.stderr[-500:]}")
    return elapsed


def throughput(engine: str, folder: Path, count: int, jobs: int) -> float:
    command = cli(
        "check", str(folder), "--format", "json", "-o", os.devnull, "--engine", engine,
        "--fail-on", "never", "--jobs", str(jobs), "--quiet",
    )  # fmt: skip
    return count / run_cli(command)


#: Launches of each cold start (in turn with its floor): a launch is ~0.1–0.6 s, and a
#: median of 5 on the shared cores swung the ratio from 4.1× to 5.0× between two runs.
COLD_RUNS = 15


def cold_starts(engine: str, one: Path, runs: int, *, pydantic: bool) -> tuple[float, ...]:
    """Median ms of a process launch checking one record and, with ``pydantic``, of
    ``python -c "import pydantic"`` (its floor), launched in turn: the same load on both.

    The package's bytecode is written first, as an installation has it (pip compiles what
    it installs, pydantic included): under ``PYTHONDONTWRITEBYTECODE`` an editable install
    would otherwise compile every module of cls-check at every launch, and pydantic none."""
    compileall.compile_dir(Path(cls_check.__file__).parent, quiet=1)
    check = cli(
        "check", str(one), "--format", "json", "-o", os.devnull, "--engine", engine,
        "--fail-on", "never", "--quiet",
    )  # fmt: skip
    commands = [check, [sys.executable, "-c", "import pydantic"]] if pydantic else [check]
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, spent in zip(commands, times, strict=True):
            spent.append(run_cli(command))
    return tuple(statistics.median(spent) * 1000 for spent in times)


def nth(figures: Callable[[], tuple[float, ...]], index: int) -> float:
    """One of the figures a measure gives together (computed once: ``functools.cache``)."""
    return figures()[index]


def cold(runs: int) -> int:
    """See ``--cold`` in the module docstring."""
    with tempfile.TemporaryDirectory(prefix="cls-bench-") as tmp:
        one = Path(tmp) / "one.json"
        floors.write_json(generate(1)[0], one)
        cold_starts("python", one, 1, pydantic=False)  # the rule cache, as after a first run
        check, pydantic = cold_starts("python", one, runs, pydantic=True)
    print(f"cold start, medians of {runs} launches in turn")
    print_targets([cold_target(check, pydantic)])
    return 0


def memory_child(total: int, count: int) -> None:
    """In a fresh process: check ``total`` contracts, printing maxrss at 10% and 100%."""
    rules = load_rules(engine="python")
    records = generate(count)
    rules.check(records[0], today=TODAY)
    marks = {total // 10, total}
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"contracts": 1, "maxrss_kib": rss}), flush=True)
    for index in range(1, total + 1):
        rules.check(records[index % count], today=TODAY).to_json()
        if index in marks:
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            print(json.dumps({"contracts": index, "maxrss_kib": rss}), flush=True)


def memory(total: int, count: int) -> list[dict[str, int]]:
    command = [sys.executable, __file__, "--memory-child", str(total), "--records", str(count)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def lint(count: int) -> int:
    """``rules lint`` on synthetic folders of count/10 and count requirements."""
    from lint_folder import write_folder

    print(f"cls-check rules lint — synthetic folders, Python {sys.version.split()[0]}")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLS_CHECK_CACHE": "0"}
    for size in (count // 10, count):
        with tempfile.TemporaryDirectory(prefix="cls-bench-lint-") as tmp:
            folder = Path(tmp) / "regles"
            written = write_folder(folder, size)
            command = cli("rules", "lint", "--rules", str(folder))
            # A fresh process per measure: its peak memory is its own (time -v style).
            probe = (
                "import resource, subprocess, sys, time; start = time.perf_counter(); "
                "done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
                "print(time.perf_counter() - start, "
                "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.returncode); "
                "print(done.stdout[-300:], done.stderr[-300:], file=sys.stderr)"
            )
            done = subprocess.run(
                [sys.executable, "-c", probe, *command],
                env=env, capture_output=True, text=True, check=True,
            )  # fmt: skip
            seconds, rss, code = done.stdout.split()
            print(
                f"  {size:>7,} requirements ({written / 2**20:,.1f} MiB): {float(seconds):6.1f} s, "
                f"maxrss {int(rss) / 1024:,.0f} MiB, exit {code}"
            )
            if code != "0":
                print(done.stderr, file=sys.stderr)
    return 0


# ---------------------------------------------------------------- report


IN_PROCESS = "in-process check (validate+evaluate+report)"
IN_PROCESS_JSON = "in-process check + JSON report"
JOBS_1 = "CLI check --jobs 1"
JOBS_0 = "CLI check --jobs 0 (all cores)"
COLD = "cold start, check one.json"
PYDANTIC = 'cold start, python -c "import pydantic"'


def measure(name: str, what: Callable[[], float], unit: str, results: dict[str, float]) -> None:
    start = time.perf_counter()
    value = what()
    results[name] = value
    per_contract = f" = {1e6 / value:,.0f} µs/contract" if unit == "contracts/s" else ""
    print(
        f"  {name:<42} {value:>10,.1f} {unit:<12}{per_contract}"
        f" (measured in {time.perf_counter() - start:.0f} s)"
    )


# ---------------------------------------------------------------- floors and targets

#: The bounds of the targets (issue 12): a ratio, measured in the run, must not exceed it.
IN_PROCESS_BOUND = 1.5  # RuleSet.check + JSON entry / floors of validate, evaluate, render
END_TO_END_BOUND = 2.0  # check DIR -f json --jobs 1 / floors of every stage
YAML_BOUND = 1.5  # a YAML record / the same record as JSON, parse included
COLD_BOUND = 5.0  # cold start / python -c "import pydantic"
MEMORY_BOUND = 1.1  # maxrss after all the contracts / after a tenth: flat


@dataclass(frozen=True, slots=True)
class Target:
    """A figure of the project against its floor, both measured in this run."""

    what: str
    value: float
    floor_is: str
    floor: float
    unit: str
    bound: float

    def line(self) -> str:
        ratio = self.value / self.floor
        verdict = "OK" if ratio <= self.bound else "MISSED"
        return (
            f"target {self.what} ({self.value:,.0f} {self.unit}) / {self.floor_is} "
            f"({self.floor:,.0f} {self.unit}): measured {ratio:.2f}× (≤ {self.bound:g}×) {verdict}"
        )


#: Records of the stage table (the first of the generated ones): every stage of every
#: record is timed several times, YAML parsing at milliseconds a record.
STAGED = 1_000
STAGED_QUICK = 300


def stage_table(
    records: list[dict[str, Any]],
    folder: Path,
    runs: int,
    batches: dict[str, Callable[[], float]] | None = None,
) -> tuple[list[floors.Row], dict[str, float]]:
    """The stages of the python backend and their floors (µs per contract), and the whole
    checks the targets compare, on ``records`` written to ``folder`` as JSON and YAML;
    ``batches`` (µs per contract of a command) are timed in turn with them."""
    rules = load_rules(engine="python")
    samples = floors.prepare(rules, records, folder, TODAY)
    stages = floors.stages(rules)
    wrong = floors.disagreements(stages, samples)
    if wrong:  # a floor computing something else would be no floor
        raise RuntimeError(f"floors differing from the project: {', '.join(wrong[:10])}")
    print(
        f"\nstages of a check, python backend, and their floors — {len(samples):,} records, "
        f"µs per contract, medians of {runs} runs"
    )
    whole = floors.checks(rules, TODAY, stages)
    rows, figures = floors.measure(stages, whole, samples, runs, batches)
    floors.print_table(rows, figures)
    return rows, figures


def in_process_targets(rows: list[floors.Row], whole: dict[str, float]) -> list[Target]:
    chained = whole[floors.FLOORS_CHAINED] - floors.floor_of(rows, floors.PARSE_JSON)
    apart = floors.floor_of(rows, floors.VALIDATE, floors.EVALUATE, floors.RENDER)
    check = whole[floors.CHECK]
    return [
        Target(
            floors.CHECK,
            check,
            "floors of validate+evaluate+render, one record after another "
            f"(each stage in its own loop: {apart:,.0f} µs, {check / apart:.2f}×)",
            chained,
            "µs",
            IN_PROCESS_BOUND,
        ),
        Target(
            "check of a YAML record, parse included",
            whole[floors.CHECK_YAML],
            "the same record as JSON",
            whole[floors.CHECK_JSON],
            "µs",
            YAML_BOUND,
        ),
    ]


def process_targets(
    rows: list[floors.Row],
    whole: dict[str, float],
    python: dict[str, float],
    marks: list[dict[str, int]],
) -> list[Target]:
    every_stage = (floors.READ, floors.PARSE_JSON, floors.VALIDATE, floors.EVALUATE, floors.RENDER)
    targets = [
        Target(
            JOBS_1,
            whole[JOBS_1],
            "floors of read+parse+validate+rules+findings+render",
            floors.floor_of(rows, *every_stage),
            "µs",
            END_TO_END_BOUND,
        ),
        cold_target(python[COLD], python[PYDANTIC]),
    ]
    if len(marks) >= 2:
        last, tenth = marks[-1], marks[-2]
        targets.append(
            Target(
                f"memory (maxrss) after {last['contracts']:,} contracts",
                last["maxrss_kib"] / 1024,
                f"after {tenth['contracts']:,}",
                tenth["maxrss_kib"] / 1024,
                "MiB",
                MEMORY_BOUND,
            )
        )
    return targets


def cold_target(check: float, pydantic: float) -> Target:
    """The cold start (ms) against its floor, the launch of python importing pydantic."""
    return Target(COLD, check, PYDANTIC.removeprefix("cold start, "), pydantic, "ms", COLD_BOUND)


def print_targets(targets: list[Target]) -> None:
    print("\ntargets: ratios measured in this run, against their bound")
    for target in targets:
        print(f"  {target.line()}")


def load() -> str:
    """The load of the machine, for the reader of noisy figures."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


# ---------------------------------------------------------------- scaling

SIZES = (100, 1_000, 5_000, 10_000, 20_000)
BUDGET = 5.0  # seconds: a size taking longer is the last measured of its row


def example() -> dict[str, Any]:
    path = ROOT / "fixtures" / "contrat-exemple.yaml"
    data: dict[str, Any] = load_record(path).contract.model_dump(mode="json", exclude_unset=True)
    return data


def with_communes(size: int, missing: int = 0) -> dict[str, Any]:
    """The example with ``size`` communes, each with its maire among the signatories (but
    ``missing`` of them, spread over the list) and its interlocutor at the parquet."""
    data = example()
    communes = [{"insee": f"{i:05d}", "nom": f"Commune {i}"} for i in range(size)]
    data["territoire"]["communes"] = communes
    others = [s for s in data["signataires"] if s["role"] != "maire"]
    maires = [
        {"role": "maire", "commune": c["insee"], "nom": f"Maire de {c['nom']}"}
        for i, c in enumerate(communes)
        if not missing or i % (size // missing)
    ]
    data["signataires"] = others[:2] + maires + others[2:]
    data["justice"]["interlocuteurs_communes"] = [
        {"commune": c["insee"], "nom": f"Interlocuteur de {c['nom']}"} for c in communes
    ]
    return data


def with_signatories(size: int) -> dict[str, Any]:
    """The example (two communes) with ``size`` signatories: its own, then associations."""
    data = example()
    extra = size - len(data["signataires"])
    data["signataires"] += [
        {"role": "association", "nom": f"Association {i}"} for i in range(max(extra, 0))
    ]
    return data


def with_actions(size: int) -> dict[str, Any]:
    """The example with ``size`` actions (its four, repeated)."""
    data = example()
    actions = data["actions"]
    data["actions"] = [{**actions[i % len(actions)], "code": f"A{i + 1}"} for i in range(size)]
    return data


def with_communes_unmatched(size: int) -> dict[str, Any]:
    """:func:`with_communes` whose maires signed for communes not in the contract: each
    commune's join finds no candidate and searches every signatory in vain."""
    data = with_communes(size)
    for signatory in data["signataires"]:
        if signatory["role"] == "maire":
            signatory["commune"] = f"{int(signatory['commune']) + size:05d}"
    return data


def with_communes_without_insee(size: int) -> dict[str, Any]:
    """:func:`with_communes` without the communes' INSEE codes: each join's key is unknown,
    so every commune searches every signatory (and every interlocutor)."""
    data = with_communes(size)
    for commune in data["territoire"]["communes"]:
        del commune["insee"]
    return data


GROWN: dict[str, Callable[[int], dict[str, Any]]] = {
    "N signatories": with_signatories,
    "N communes, N maires": with_communes,
    "N communes, 10 without their maire": functools.partial(with_communes, missing=10),
    "N communes, maires of others": with_communes_unmatched,
    "N communes without INSEE code": with_communes_without_insee,
    "N actions": with_actions,
}


def forget_shared() -> None:
    """Empty the tables that keep what a check built for the next (evidence items and their
    report models, element paths), so that each timed check is the first of its record.
    They hold 8,192 items: a record of 1,000 communes would find all its evidence of the
    previous run there, one of 10,000 none of it — the ratio would measure the tables."""
    python_engine._SHARED.clear()
    report_model._EVIDENCE.clear()
    runtime._indexed.cache_clear()


def time_one(rules: RuleSet, record: dict[str, Any], collector: bool = True) -> float:
    """Processor seconds for one check, the first of the record: the best of 3 runs, or of
    up to 20 while they take less than 2 s together (the least noise; processor time, not
    elapsed: the machine is shared). The garbage collector runs before each, so that no
    check pays for the record built before it; ``collector=False`` pauses it during the
    check, to show its share."""
    runs: list[float] = []
    while len(runs) < 3 or (len(runs) < 20 and sum(runs) < 2):
        forget_shared()
        gc.collect()
        if not collector:
            gc.disable()
        try:
            start = time.process_time()
            rules.check(record, today=TODAY)
            runs.append(time.process_time() - start)
        finally:
            gc.enable()
    return min(runs)


def scaling(engines: tuple[str, ...]) -> None:
    for engine in engines:
        try:
            rules = load_rules(engine=engine)
        except EngineError as error:
            print(f"\n{engine}: indisponible ici : {error}")
            continue
        for collector in (True, False):
            state = "running" if collector else "paused during each check"
            print(f"\n{engine}, garbage collector {state}: µs per element for one check")
            print("(best of 3 to 20), and the time at 10,000 over that at 1,000 (10: linear)")
            print(f"  {'':<36}" + "".join(f"{f'{n:,}':>9}" for n in SIZES) + f"{'10k/1k':>9}")
            for label, make in GROWN.items():
                times: dict[int, float] = {}
                for size in SIZES:
                    if times and max(times.values()) > BUDGET:
                        break
                    times[size] = time_one(rules, make(size), collector)
                cells = [f"{times[n] / n * 1e6:.1f}" if n in times else "-" for n in SIZES]
                ratio = f"{times[10_000] / times[1_000]:.1f}×" if 10_000 in times else "-"
                print(f"  {label:<36}" + "".join(f"{c:>9}" for c in [*cells, ratio]), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=None, help="records (10,000)")
    parser.add_argument("--quick", action="store_true", help="1,000 records, fewer runs")
    parser.add_argument(
        "--engine", choices=BACKENDS, action="append", help="only this backend (repeatable)"
    )
    parser.add_argument("--no-memory", action="store_true", help="skip the memory measure")
    parser.add_argument("--scaling", action="store_true", help="only: time against size")
    parser.add_argument(
        "--floors-only", action="store_true", help="only: the stages and their floors, in-process"
    )
    parser.add_argument("--memory-child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--lint", type=int, default=None, metavar="N", help="lint N rules")
    parser.add_argument("--cold", action="store_true", help="only: cold start vs pydantic")
    args = parser.parse_args(argv)
    if args.cold:
        return cold(COLD_RUNS)
    if args.scaling:
        scaling(tuple(args.engine or BACKENDS))
        return 0
    if args.lint is not None:
        return lint(args.lint)
    count = args.records or (1_000 if args.quick else 10_000)
    if args.memory_child is not None:
        memory_child(args.memory_child, count)
        return 0
    runs = 3 if args.quick else 5
    cores = os.cpu_count() or 1
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    print(f"cls-check benchmark — {count:,} records, medians of {runs} runs")
    print(f"machine: {cores} cores ({usable} usable), Python {sys.version.split()[0]}, {load()}")
    staged = min(count, STAGED_QUICK if args.quick else STAGED)
    if args.floors_only:
        with tempfile.TemporaryDirectory(prefix="cls-bench-") as tmp:
            rows, whole = stage_table(generate(staged), Path(tmp), runs)
        print_targets(in_process_targets(rows, whole))
        print(f"\n{load()}")
        return 0
    # First, while this process is small: a child inherits its parent's maxrss.
    total = 20_000 if args.quick else 100_000
    marks: list[dict[str, int]] = []
    if not args.no_memory:
        print(f"\nmemory, python backend, one process checking {total:,} contracts")
        marks = memory(total, min(count, 10_000))
        for mark in marks:
            mib = mark["maxrss_kib"] / 1024
            print(f"  after {mark['contracts']:>7,} contracts: maxrss {mib:,.1f} MiB")
    records = generate(count)
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="cls-bench-") as tmp:
        folder = Path(tmp) / "records"
        folder.mkdir()
        for record in records:
            floors.write_json(record, folder / f"{record['id']}.json")
        one = folder / f"{records[0]['id']}.json"
        for engine in args.engine or BACKENDS:
            print(f"\n{engine}")
            try:
                rules = load_rules(engine=engine)
            except EngineError as error:
                print(f"  indisponible ici : {error}")
                continue
            measures: list[tuple[str, Callable[[], float], str]] = [
                (
                    IN_PROCESS,
                    functools.partial(in_process, rules, records, runs, as_json=False),
                    "µs/contract",
                ),
                (
                    IN_PROCESS_JSON,
                    functools.partial(in_process, rules, records, runs, as_json=True),
                    "µs/contract",
                ),
                (JOBS_1, functools.partial(throughput, engine, folder, count, 1), "contracts/s"),
                (JOBS_0, functools.partial(throughput, engine, folder, count, 0), "contracts/s"),
            ]
            # With the python backend, the floor of the cold start, launched in turn with it.
            colds = functools.cache(
                functools.partial(cold_starts, engine, one, COLD_RUNS, pydantic=engine == "python")
            )
            measures.append((COLD, functools.partial(nth, colds, 0), "ms"))
            if engine == "python":
                measures.append((PYDANTIC, functools.partial(nth, colds, 1), "ms"))
            results: dict[str, float] = {}
            for name, what, unit in measures:
                measure(name, what, unit, results)
            figures[engine] = results
        if "python" in figures:
            # The end-to-end target's check, again: timed in turn with the floors it is
            # compared with, not minutes earlier under another load.
            end_to_end = functools.partial(throughput, "python", folder, count, 1)
            batches = {JOBS_1: lambda: 1e6 / end_to_end()}
            rows, whole = stage_table(records[:staged], Path(tmp) / "stages", runs, batches)
    if {"python", "durable"} <= figures.keys():
        print("\ndurable / python (how many times slower durable is)")
        for name, durable_value in figures["durable"].items():
            python_value = figures["python"][name]
            rate = name in (JOBS_1, JOBS_0)  # contracts/s: higher is faster
            slower = python_value / durable_value if rate else durable_value / python_value
            print(f"  {name:<42} {slower:>8.1f}×")
    if "python" in figures:
        print_targets(
            in_process_targets(rows, whole) + process_targets(rows, whole, figures["python"], marks)
        )
    print(f"\n{load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

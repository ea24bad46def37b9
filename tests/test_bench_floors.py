"""The benchmark's stage table runs, and each floor computes the same data as the project's
stage (the parsed record, the validated contract, the findings' verdicts and evidence, the
report entry) — so that ``benchmarks/bench.py --floors-only`` cannot rot. No timing is
asserted: figures depend on the machine and its load."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from benchmarks import bench

floors = bench.floors


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    rules = bench.load_rules(engine="python")
    return floors.prepare(rules, bench.generate(5), tmp_path_factory.mktemp("stages"), bench.TODAY)


@pytest.fixture(scope="module")
def stages() -> list[Any]:
    return floors.stages(bench.load_rules(engine="python"))


def test_every_floor_computes_what_the_project_computes(
    samples: list[Any], stages: list[Any]
) -> None:
    assert floors.disagreements(stages, samples) == []


def test_a_floor_that_computes_something_else_is_caught(
    samples: list[Any], stages: list[Any]
) -> None:
    evaluate = next(s for s in stages if s.name == floors.EVALUATE)

    def all_satisfied(sample: Any) -> tuple[tuple[Any, ...], ...]:
        return tuple((*t[:2], "satisfied", *t[3:]) for t in evaluate.floor(sample))

    wrong = dataclasses.replace(evaluate, floor=all_satisfied)
    assert floors.disagreements([wrong], samples) != []


def test_the_stage_table_and_its_targets_are_printed(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--floors-only", "--quick", "--records", "5"]) == 0
    out = capsys.readouterr().out
    table = out.split("stages of a check", 1)[1]
    for stage in (floors.READ, floors.PARSE_JSON, floors.PARSE_YAML, floors.VALIDATE):
        assert f"  {stage} " in table
    for stage in (floors.RULES, floors.EVALUATE, floors.RENDER):
        assert f"  {stage} " in table
    targets = [line for line in out.splitlines() if line.startswith("  target ")]
    assert len(targets) == 2
    assert all(line.endswith((" OK", " MISSED")) for line in targets)

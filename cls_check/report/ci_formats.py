"""The reports a CI pipeline reads: SARIF 2.1.0 (code-scanning views) and JUnit XML.

Input: a :class:`~cls_check.report.model.Report`, and the line in its record of each
evidence path (``lines``: ``(file, path) → line``, found by
:func:`cls_check.model.loader.record_lines`; empty when unknown). Output: text.

What counts as a result: a violated requirement (SARIF level ``error`` for an
obligation, ``warning`` for a recommendation; a JUnit ``failure``), an unknown one (SARIF
``note``; JUnit ``skipped`` with the questions to answer), and an input that could not be
checked (SARIF ``error`` of the rule ``CLS-ENTREE``; a JUnit ``error``). Each points at the
record's file and, where known, at the line of the first piece of evidence — so that a
pull request of a contract shows the gap beside the field. Satisfied and not applicable
requirements are JUnit test cases that pass (or are skipped), and not SARIF results.

Deterministic: same report and lines, same bytes.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from cls_check import vocab
from cls_check.report import labels
from cls_check.report.model import ContractReport, Finding, InputError, Report

__all__ = ["INPUT_RULE", "Lines", "render_junit", "render_sarif"]

#: The SARIF rule of an input that could not be checked.
INPUT_RULE = "CLS-ENTREE"
Lines = Mapping[tuple[str, str], int]
_SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _line(lines: Lines, contract: ContractReport, finding: Finding) -> int | None:
    for item in finding.evidence:
        line = lines.get((contract.file, item.path))
        if line is not None:
            return line
    return None


def _location(file: str, line: int | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": file}}
    if line is not None:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical}


def _level(finding: Finding) -> str:
    if finding.verdict == "unknown":
        return "note"
    return "error" if finding.force == "obligation" else "warning"


def _text(finding: Finding, contract: ContractReport) -> str:
    if finding.verdict in {"violated", "waived"}:
        return finding.message or finding.title
    asked = [q.question for q in contract.questions if finding.requirement in q.requirements]
    return " ".join([f"Inconnue : {finding.message or finding.title}", *asked])


def _rules(report: Report) -> list[dict[str, Any]]:
    seen: dict[str, Finding] = {}
    for contract in report.contracts:
        for finding in contract.findings:
            seen.setdefault(finding.requirement, finding)
    rules = [
        {
            "id": finding.requirement,
            "name": finding.requirement,
            "shortDescription": {"text": finding.title},
            "fullDescription": {"text": f"« {finding.source.quote} »"},
            "help": {"text": labels.source_label(finding.source)},
            "properties": {"force": finding.force},
        }
        for finding in seen.values()
    ]
    rules.append(
        {
            "id": INPUT_RULE,
            "name": INPUT_RULE,
            "shortDescription": {
                "text": "Entrée non vérifiée : l'enregistrement ne suit pas cls/1"
            },
        }
    )
    return rules


def _input_results(error: InputError) -> list[dict[str, Any]]:
    problems = error.problems or ()
    return [
        {
            "ruleId": INPUT_RULE,
            "level": "error",
            "message": {"text": _problem_text(problem.path, problem.message, problem.hint)},
            "locations": [_location(error.file, problem.line)],
        }
        for problem in problems
    ] or [
        {
            "ruleId": INPUT_RULE,
            "level": "error",
            "message": {"text": "entrée non vérifiée"},
            "locations": [_location(error.file, None)],
        }
    ]


def _problem_text(path: str | None, message: str, hint: str | None) -> str:
    text = f"{path} : {message}" if path else message
    return f"{text} (aide : {hint})" if hint else text


def _suppressions(finding: Finding) -> dict[str, Any]:
    """A waived finding is a result SARIF readers show as suppressed, with why."""
    if finding.waiver is None:
        return {}
    suppression = {
        "kind": "external",
        "status": "accepted",
        "justification": labels.waiver_text(finding.waiver),
    }
    return {"suppressions": [suppression]}


def render_sarif(report: Report, lines: Lines | None = None) -> str:
    """The report as SARIF 2.1.0 JSON."""
    lines = lines or {}
    results = [
        {
            "ruleId": finding.requirement,
            "level": _level(finding),
            "message": {"text": _text(finding, contract)},
            "locations": [_location(contract.file, _line(lines, contract, finding))],
            **_suppressions(finding),
        }
        for contract in report.contracts
        for finding in contract.findings
        if finding.verdict in vocab.GAPS or finding.waiver is not None
    ]
    for error in report.errors:
        results.extend(_input_results(error))
    document = {
        "$schema": _SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": report.tool.name,
                        "version": report.tool.version,
                        "rules": _rules(report),
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _testcase(suite: ET.Element, contract: ContractReport, finding: Finding, lines: Lines) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        classname=labels.theme_label(finding.theme),
        name=labels.clean(f"{finding.requirement} — {finding.title}"),
        file=labels.clean(contract.file),
    )
    line = _line(lines, contract, finding)
    if line is not None:
        case.set("line", str(line))
    if finding.verdict == "violated":
        message = labels.clean(finding.message)
        failure = ET.SubElement(case, "failure", message=message, type=finding.force)
        failure.text = labels.clean(
            f"{labels.source_label(finding.source)} « {finding.source.quote} »"
        )
    elif finding.waiver is not None:  # accepted by an authority: not a failure
        skipped = ET.SubElement(case, "skipped", message=labels.waiver_text(finding.waiver))
        skipped.text = vocab.VERDICT_LABELS[finding.verdict]
    elif finding.verdict in {"unknown", "not_applicable"}:
        message = labels.clean(_text(finding, contract))
        skipped = ET.SubElement(case, "skipped", message=message)
        skipped.text = vocab.VERDICT_LABELS[finding.verdict]


def render_junit(report: Report, lines: Lines | None = None) -> str:
    """The report as JUnit XML: one test suite per contract, one test case per requirement."""
    lines = lines or {}
    root = ET.Element("testsuites", name="cls-check")
    for contract in report.contracts:
        summary = contract.summary
        suite = ET.SubElement(
            root,
            "testsuite",
            name=labels.clean(contract.file),
            tests=str(len(contract.findings)),
            failures=str(summary.violated),
            skipped=str(summary.unknown + summary.not_applicable + summary.waived),
            errors="0",
        )
        for finding in contract.findings:
            _testcase(suite, contract, finding, lines)
    for error in report.errors:
        file = labels.clean(error.file)
        suite = ET.SubElement(root, "testsuite", name=file, tests="1", errors="1")
        case = ET.SubElement(suite, "testcase", classname="entrée", name=file)
        text = "; ".join(_problem_text(p.path, p.message, p.hint) for p in error.problems)
        ET.SubElement(case, "error", message=labels.clean(text) or "entrée non vérifiée")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"

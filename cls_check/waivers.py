"""Dérogations: gaps an authority accepted for one contract, read from a waivers file.

Input: a YAML file (``--waivers``) whose ``derogations`` list gives, for each waiver, the
requirement (``exigence``), the contract's id (``contrat``), a ``justification``, its
``auteur``, its ``date`` and an optional ``expire`` date. Output: :class:`Waiver` models;
:func:`apply` turns a contract's violated or unknown findings into ``waived`` ones, and
:func:`review` tells which waivers were applied, expired or orphaned in a batch.

A waivers file that cannot be read is a usage error (:class:`WaiverFileError`, every
problem with its line): nothing is checked with half of a reviewer's waivers.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, StrictStr, ValidationError, field_validator

from cls_check import findings
from cls_check.errors import ClsError, Problem
from cls_check.report.model import OrphanedWaiver, Waiver, WaiverReview
from cls_check.report.questions import questions
from cls_check.report.result import ContractResult, status_of, summary_of
from cls_check.suggest import closest

if TYPE_CHECKING:
    from yaml.nodes import Node

__all__ = ["Waiver", "WaiverFileError", "apply", "load_waivers", "review"]

_KEYS = {
    "exigence": "requirement",
    "contrat": "contract",
    "justification": "justification",
    "auteur": "author",
    "date": "date",
    "expire": "expires",
}
_EXPECTED = {
    "date": "une date AAAA-MM-JJ",
    "expire": "une date AAAA-MM-JJ",
}
_WAIVABLE = frozenset({"violated", "unknown"})


class WaiverFileError(ClsError):
    """The waivers file could not be used; ``problems`` says every reason found."""

    def __init__(self, file: str, problems: tuple[Problem, ...]):
        self.file = file
        self.problems = problems
        super().__init__(f"{len(problems)} erreur(s) dans le fichier de dérogations")


class _Entry(BaseModel):
    """One waiver as the file writes it (French keys)."""

    model_config = ConfigDict(extra="forbid")

    exigence: StrictStr
    contrat: StrictStr
    justification: StrictStr
    auteur: StrictStr
    date: datetime.date
    expire: datetime.date | None = None

    @field_validator("exigence", "contrat", "justification", "auteur")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("vide")
        return value.strip()


def load_waivers(path: str, known: Collection[str]) -> tuple[Waiver, ...]:
    """The waivers of a file, in file order; :class:`WaiverFileError` if any is wrong —
    among others, if it waives a requirement that is not one of ``known`` (a typo).
    PyYAML is imported here: a check without waivers does not need it."""
    import yaml

    try:
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
    except (OSError, UnicodeDecodeError) as error:
        raise WaiverFileError(path, (Problem(f"fichier illisible : {error}"),)) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise WaiverFileError(path, (Problem("YAML illisible", line=line),)) from None
    items = data.get("derogations") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(items, list) or set(data) != {"derogations"}:
        raise WaiverFileError(
            path,
            (
                Problem(
                    "le fichier doit contenir une seule clé « derogations », une liste",
                    hint="« derogations: » puis, pour chacune, exigence, contrat, "
                    "justification, auteur, date et, au besoin, expire",
                ),
            ),
        )
    nodes = _item_nodes(root)
    waivers: list[Waiver] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    for index, item in enumerate(items):
        node = nodes[index] if index < len(nodes) else None
        where = f"derogations[{index}]"
        try:
            entry = _Entry.model_validate(item)
        except ValidationError as error:
            problems.extend(_problems(error, where, node))
            continue
        key = (entry.exigence.upper(), entry.contrat)
        line = _line(node)
        if key[0] not in known:
            problems.append(_unknown_requirement(key[0], known, where, _key_line(node, "exigence")))
            continue
        if key in seen:
            problems.append(
                Problem(
                    f"dérogation en double : {key[0]} pour le contrat « {key[1]} »",
                    path=where,
                    line=line,
                    hint=f"déjà donnée en derogations[{seen[key]}]",
                )
            )
            continue
        seen[key] = index
        values = entry.model_dump()
        waivers.append(Waiver(**{_KEYS[k]: v for k, v in values.items()} | {"requirement": key[0]}))
    if problems:
        raise WaiverFileError(path, tuple(problems))
    return tuple(waivers)


def _unknown_requirement(
    requirement: str, known: Collection[str], where: str, line: int | None
) -> Problem:
    suggestion = closest(requirement, sorted(known))
    return Problem(
        f"exigence inconnue : « {requirement} »",
        path=f"{where}.exigence",
        line=line,
        hint=f"vouliez-vous dire « {suggestion} » ?" if suggestion else None,
    )


def in_force(waiver: Waiver, at: datetime.date) -> bool:
    """Whether a waiver applies at the date of the check (it ends on its ``expires`` day)."""
    return waiver.expires is None or at < waiver.expires


def apply(contract: ContractResult, waivers: Iterable[Waiver], at: datetime.date) -> ContractResult:
    """``contract`` with its violated or unknown findings waived by the waivers in force for
    its id; its status, counts and questions no longer count them."""
    mine = {
        w.requirement: findings.Waiver(**w.model_dump())
        for w in waivers
        if w.contract == contract.id and in_force(w, at)
    }
    if not mine:
        return contract
    waived_findings = tuple(
        f._replace(verdict="waived", waiver=mine[f.requirement])
        if f.requirement in mine and f.verdict in _WAIVABLE
        else f
        for f in contract.findings
    )
    return replace(
        contract,
        findings=waived_findings,
        status=status_of(waived_findings),
        summary=summary_of(waived_findings),
        questions=questions(waived_findings),
    )


def waived(contract: ContractResult) -> frozenset[str]:
    """The requirements waived in a contract's report."""
    return frozenset(f.requirement for f in contract.findings if f.verdict == "waived")


def review(
    waivers: Iterable[Waiver],
    at: datetime.date,
    checked: Iterable[str],
    applied: Iterable[tuple[str, str]],
) -> WaiverReview:
    """What became of each waiver: ``applied`` (requirement, contract id) pairs, the ids of
    the contracts ``checked``."""
    ids, done = set(checked), set(applied)
    result: dict[str, list[Any]] = {"applied": [], "expired": [], "orphaned": []}
    for waiver in waivers:
        if not in_force(waiver, at):
            result["expired"].append(waiver)
        elif (waiver.requirement, waiver.contract) in done:
            result["applied"].append(waiver)
        else:
            reason = (
                "exigence ni violée ni inconnue dans ce contrat"
                if waiver.contract in ids
                else "aucun contrat vérifié de cet identifiant"
            )
            result["orphaned"].append(OrphanedWaiver(**waiver.model_dump(), reason=reason))
    return WaiverReview(**{k: tuple(v) for k, v in result.items()})


def _item_nodes(root: Node | None) -> list[Node]:
    from yaml.nodes import MappingNode, SequenceNode

    if isinstance(root, MappingNode):
        for key, value in root.value:
            if getattr(key, "value", None) == "derogations" and isinstance(value, SequenceNode):
                return list(value.value)
    return []


def _line(node: Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _key_line(node: Node | None, key: object) -> int | None:
    from yaml.nodes import MappingNode

    if isinstance(node, MappingNode):
        for key_node, _value in node.value:
            if getattr(key_node, "value", None) == key:
                return _line(key_node)
    return _line(node)


def _problems(error: ValidationError, where: str, node: Node | None) -> list[Problem]:
    problems = []
    for detail in error.errors():
        loc = detail["loc"]
        key = str(loc[0]) if loc else ""
        if detail["type"] == "missing":
            message = f"clé obligatoire manquante : « {key} »"
            line = _line(node)
        elif detail["type"] == "extra_forbidden":
            suggestion = closest(key, sorted(_KEYS))
            message = f"clé inconnue : « {key} »"
            if suggestion:
                message += f" (vouliez-vous dire « {suggestion} » ?)"
            line = _key_line(node, key)
        elif detail["type"] in {"model_type", "dict_type"}:
            message = "chaque dérogation doit être une table de clés"
            line = _line(node)
        else:
            expected = _EXPECTED.get(key, "un texte non vide")
            message = f"valeur invalide pour « {key} » : attendu {expected}"
            line = _key_line(node, key)
        problems.append(Problem(message, path=f"{where}.{key}" if key else where, line=line))
    return problems

"""Every French step of the specifications, defined once.

Each :class:`StepDefinition` says what text it matches (a pattern with ``{placeholders}``,
as pytest-bdd's ``parsers.parse`` reads them), what it does to a :class:`World` (the record
under test and its report), a description and an example in French for the list of steps
(``docs/etapes.md``). ``cls-check rules test`` runs the scenarios with these definitions;
``features/conftest.py`` hands the same ones to pytest-bdd — so a step means the same thing
in both, and adding a step is adding one definition here.

The steps are written so that legal staff can add scenarios without code: start from a
named fixture, change it in plain words (or with the generic « le champ … » steps), and
assert the verdict of a requirement and a fragment of its message.

« la date du contrôle est le AAAA-MM-JJ » fixes the day the review is made (what a rule
calls « date du contrôle », by default today), so that a scenario does not change with
time. It does not change which texts apply: as in the catalogue, that is decided by the
contract's signature date (today for an undated draft).

A failed assertion raises :class:`StepFailure` (an ``AssertionError``, so that pytest-bdd's
``@divergence`` marker expects it); a step that cannot be carried out — a fixture that does
not exist, a value that is not YAML — raises :class:`StepError`, which is never mistaken for
a divergence.
"""

from __future__ import annotations

import copy
import datetime
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cls_check.errors import RecordError
from cls_check.report.model import ContractReport, Finding
from cls_check.ruleset import RuleSet
from cls_check.specs import StepKind
from cls_check.vocab import SPECIFICATION_WORDS, VERDICT_LABELS

__all__ = [
    "STATUSES",
    "StepDefinition",
    "StepError",
    "StepFailure",
    "World",
    "step_definitions",
]

#: The French words of « le contrat est … » for each contract status.
STATUSES: Mapping[str, str] = {
    "conforme": "conforme",
    "non conforme": "non_conforme",
    "incomplet": "incomplet",
}
_STATUS_WORDS = {status: word for word, status in STATUSES.items()}
REFERENCE_FIXTURE = "contrat-exemple"


class StepError(Exception):
    """A step could not be carried out; the message says why, in French."""


class StepFailure(AssertionError):
    """What a scenario asserts is not what the rules give."""

    def __init__(
        self,
        message: str,
        *,
        expected: str | None = None,
        actual: str | None = None,
        detail: str | None = None,
    ):
        self.message = message
        self.expected = expected
        self.actual = actual
        self.detail = detail
        lines = [message]
        if expected is not None:
            lines.append(f"attendu : {expected} ; obtenu : {actual}")
        if detail:
            lines.append(detail)
        super().__init__("\n".join(lines))


# ---------------------------------------------------------------- the world of a scenario


@functools.lru_cache(maxsize=64)
def _read_fixture(path: Path) -> Any:
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


class World:
    """The record under test, the options of its check, and its report once made.

    ``fixtures`` are the folders where « le contrat « nom » » looks for ``nom.yaml``, in order.
    """

    def __init__(self, rules: RuleSet, fixtures: tuple[Path, ...]):
        self.rules = rules
        self.fixtures = fixtures
        self.today: datetime.date | None = None
        self._record: dict[str, Any] | None = None
        self._report: ContractReport | None = None

    @property
    def record(self) -> dict[str, Any]:
        if self._record is None:
            raise StepError("le scénario doit commencer par « Soit … » (le contrat de départ)")
        return self._record

    def start(self, record: dict[str, Any]) -> None:
        self._record, self._report = record, None

    def changed(self) -> None:
        """The record or the options changed: the report is made again when asked for."""
        self._report = None

    def fixture(self, name: str) -> dict[str, Any]:
        """A fresh copy of the fixture ``name`` (``name.yaml`` in the first folder that has
        it)."""
        for folder in self.fixtures:
            path = folder / f"{name}.yaml"
            if path.is_file():
                try:
                    data = _read_fixture(path.resolve())
                except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
                    raise StepError(
                        f"le contrat « {name} » est illisible ({path}) : {error}"
                    ) from None
                if not isinstance(data, dict):
                    raise StepError(f"le contrat « {name} » ({path}) n'est pas un contrat")
                return copy.deepcopy(data)
        where = ", ".join(str(folder) for folder in self.fixtures) or "aucun dossier"
        raise StepError(
            f"le contrat « {name} » est introuvable : aucun fichier {name}.yaml dans {where}"
        )

    @property
    def report(self) -> ContractReport:
        if self._report is None:
            try:
                self._report = self.rules.check(self.record, today=self.today)
            except RecordError as error:
                problems = " ; ".join(
                    f"{p.path} : {p.message}" if p.path else p.message for p in error.problems
                )
                raise StepError(
                    f"le contrat obtenu n'est pas au format cls/1 : {problems}"
                ) from None
        return self._report

    def finding(self, requirement: str) -> Finding:
        try:
            return self.report.finding(requirement)
        except KeyError:
            raise StepError(f"aucune règle n'encode l'exigence « {requirement} »") from None


# ---------------------------------------------------------------- definitions

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class StepDefinition:
    """One French step: the text it matches, what it does, and how to explain it.

    ``pattern`` is the step's text with ``{name}`` for each part that varies; a part listed
    in ``choices`` accepts only those words, any other part any text (at least one
    character). The whole text of a step must match.
    """

    kind: StepKind
    pattern: str
    action: Callable[..., None]  # (world, **parts of the text)
    doc: str  # what the step does, in French
    example: str  # the text of a step that uses it
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pieces: list[str] = []
        position = 0
        for match in _PLACEHOLDER.finditer(self.pattern):
            pieces.append(re.escape(self.pattern[position : match.start()]))
            name = match.group(1)
            words = self.choices.get(name)
            body = "|".join(re.escape(w) for w in words) if words else ".+?"
            pieces.append(f"(?P<{name}>{body})")
            position = match.end()
        pieces.append(re.escape(self.pattern[position:]))
        object.__setattr__(self, "regex", re.compile("".join(pieces)))

    def match(self, text: str) -> dict[str, str] | None:
        """The parts of ``text`` by placeholder name, or None if it is not this step."""
        found = self.regex.fullmatch(text)
        return found.groupdict() if found is not None else None

    def run(self, world: World, arguments: Mapping[str, str]) -> None:
        self.action(world, **arguments)
        if self.kind != "then":
            world.changed()

    @property
    def shown(self) -> str:
        """The pattern as people read it: « … » for a free part, the words of a choice."""

        def part(match: re.Match[str]) -> str:
            words = self.choices.get(match.group(1))
            return "(" + " | ".join(words) + ")" if words else "…"

        return _PLACEHOLDER.sub(part, self.pattern)


_DEFINITIONS: list[StepDefinition] = []


def step_definitions() -> tuple[StepDefinition, ...]:
    """Every step, in the order of the list of steps (given, when, then)."""
    return tuple(_DEFINITIONS)


def _step(
    kind: StepKind,
    pattern: str,
    *,
    doc: str,
    example: str,
    choices: Mapping[str, tuple[str, ...]] | None = None,
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def register(action: Callable[..., None]) -> Callable[..., None]:
        _DEFINITIONS.append(StepDefinition(kind, pattern, action, doc, example, choices or {}))
        return action

    return register


# ---------------------------------------------------------------- helpers

_PATH_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _value(text: str) -> Any:
    """A value written as in a YAML file: 1998-06-01, false, [a, b], {role: maire}."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        raise StepError(
            f"valeur illisible « {text} » : écrivez-la comme dans le fichier du contrat, "
            "par exemple 1998-06-01, false, [Centre-ville] ou {role: maire}"
        ) from None


def _parent(record: dict[str, Any], path: str) -> tuple[Any, str | int]:
    """The object holding the last field of ``path`` (``a.b[2].c``), and that field's name
    or index; missing objects on the way are created."""
    steps: list[str | int] = [
        int(index) if index else name for name, index in _PATH_STEP.findall(path)
    ]
    if not steps:
        raise StepError(f"chemin de champ vide : « {path} »")
    *parents, last = steps
    node: Any = record
    for step in parents:
        if isinstance(step, str) and isinstance(node, dict):
            if node.get(step) is None:
                node[step] = {}
            node = node[step]
        elif isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
        else:
            raise StepError(f"le champ « {path} » n'existe pas dans ce contrat")
    if isinstance(last, int) != isinstance(node, list) or (
        isinstance(last, int) and last >= len(node)
    ):
        raise StepError(f"le champ « {path} » n'existe pas dans ce contrat")
    return node, last


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise StepError(f"« {text} » n'est pas une date AAAA-MM-JJ (ex. 1999-06-15)") from None


def _list(world: World, field_name: str) -> list[Any]:
    items = world.record.get(field_name)
    if not isinstance(items, list):
        raise StepError(f"le contrat n'a pas de liste « {field_name} »")
    return items


def _action(world: World, code: str) -> dict[str, Any]:
    actions = [a for a in _list(world, "actions") if isinstance(a, dict) and a.get("code") == code]
    if len(actions) != 1:
        raise StepError(f"le contrat n'a pas exactement une action « {code} »")
    return actions[0]


# ---------------------------------------------------------------- Soit


@_step(
    "given",
    "le contrat de référence",
    doc="Part du contrat d'exemple (fixtures/contrat-exemple.yaml), qui satisfait les "
    "exigences de la circulaire.",
    example="le contrat de référence",
)
def _reference_contract(world: World) -> None:
    world.start(world.fixture(REFERENCE_FIXTURE))


@_step(
    "given",
    "le contrat « {name} »",
    doc="Part d'un autre contrat d'exemple, du dossier fixtures/ : « signe-1998 » est le "
    "fichier fixtures/signe-1998.yaml.",
    example="le contrat « signe-1998 »",
)
def _named_contract(world: World, name: str) -> None:
    world.start(world.fixture(name))


@_step(
    "given",
    "un contrat vide",
    doc="Part d'un contrat qui ne dit encore rien (tout y est inconnu).",
    example="un contrat vide",
)
def _empty_contract(world: World) -> None:
    world.start({})


# ---------------------------------------------------------------- Quand : mots généraux


@_step(
    "when",
    "le champ « {path} » est absent",
    doc="Retire un champ du contrat : ce qu'il dit devient inconnu. Le chemin suit le "
    "format du contrat : « diagnostic.date », « signataires[0].role ».",
    example="le champ « diagnostic » est absent",
)
def _field_absent(world: World, path: str) -> None:
    parent, last = _parent(world.record, path)
    if isinstance(last, int):
        del parent[last]
    else:
        parent.pop(last, None)


@_step(
    "when",
    "le champ « {path} » est vide",
    doc="Donne à un champ la liste vide [] : le contrat dit qu'il n'y en a aucun.",
    example="le champ « territoire.communes » est vide",
)
def _field_empty(world: World, path: str) -> None:
    parent, last = _parent(world.record, path)
    parent[last] = []


@_step(
    "when",
    "le champ « {path} » vaut {value}",
    doc="Donne une valeur à un champ, écrite comme dans le fichier du contrat : une date "
    "(1998-06-01), true ou false, un texte, une liste [a, b] ou un objet {role: maire}.",
    example="le champ « diagnostic.date » vaut 1998-06-01",
)
def _field_set(world: World, path: str, value: str) -> None:
    parent, last = _parent(world.record, path)
    parent[last] = _value(value)


@_step(
    "when",
    "on ajoute à « {path} » {value}",
    doc="Ajoute un élément à une liste du contrat (créée si elle manque).",
    example="on ajoute à « signataires » {role: ministre_interieur}",
)
def _field_append(world: World, path: str, value: str) -> None:
    parent, last = _parent(world.record, path)
    current = parent[last] if isinstance(last, int) else parent.get(last)
    if current is None:
        parent[last] = []
    if not isinstance(parent[last], list):
        raise StepError(f"le champ « {path} » n'est pas une liste")
    parent[last].append(_value(value))


@_step(
    "when",
    "on retire de « {path} » les éléments dont « {field_name} » vaut {value}",
    doc="Retire d'une liste du contrat chaque élément dont un champ a cette valeur.",
    example="on retire de « signataires » les éléments dont « role » vaut conseil_general",
)
def _field_remove(world: World, path: str, field_name: str, value: str) -> None:
    parent, last = _parent(world.record, path)
    items = parent[last]
    if not isinstance(items, list):
        raise StepError(f"le champ « {path} » n'est pas une liste")
    wanted = _value(value)
    parent[last] = [e for e in items if not (isinstance(e, dict) and e.get(field_name) == wanted)]


@_step(
    "when",
    "la date du contrôle est le {date}",
    doc="Fixe le jour du contrôle (par défaut : aujourd'hui), pour qu'un scénario ne change "
    "pas avec le temps. Les textes applicables restent ceux en vigueur à la signature.",
    example="la date du contrôle est le 2001-01-01",
)
def _check_date(world: World, date: str) -> None:
    world.today = _date(date)


# ---------------------------------------------------------------- Quand : mots du domaine


SIGNATORIES: Mapping[str, str] = {
    "le préfet": "prefet",
    "le préfet de police": "prefet_de_police",
    "le procureur": "procureur",
    "le recteur": "recteur",
    "l'inspecteur d'académie": "inspecteur_academie",
}


@_step(
    "when",
    "{role} n'a pas signé",
    doc="Retire ce signataire de la liste des signataires.",
    example="le procureur n'a pas signé",
    choices={"role": tuple(SIGNATORIES)},
)
def _not_signed(world: World, role: str) -> None:
    signatories = _list(world, "signataires")
    wanted = SIGNATORIES[role]
    world.record["signataires"] = [
        s for s in signatories if not (isinstance(s, dict) and s.get("role") == wanted)
    ]


@_step(
    "when",
    "le maire de la commune {insee} n'a pas signé",
    doc="Retire des signataires le maire de la commune de ce code INSEE.",
    example="le maire de la commune 59992 n'a pas signé",
)
def _mayor_not_signed(world: World, insee: str) -> None:
    world.record["signataires"] = [
        s
        for s in _list(world, "signataires")
        if not (isinstance(s, dict) and s.get("role") == "maire" and s.get("commune") == insee)
    ]


@_step(
    "when",
    "le contrat a été signé le {date}",
    doc="Le contrat est signé (statut « signe ») à cette date.",
    example="le contrat a été signé le 1998-03-01",
)
def _signed_on(world: World, date: str) -> None:
    world.record["statut"] = "signe"
    world.record["date_signature"] = _date(date).isoformat()


@_step(
    "when",
    "le contrat est un projet non signé",
    doc="Le contrat devient un projet (statut « projet »), sans date de signature.",
    example="le contrat est un projet non signé",
)
def _draft(world: World) -> None:
    world.record["statut"] = "projet"
    world.record.pop("date_signature", None)


@_step(
    "when",
    "il n'existe pas de CCPD",
    doc="Le contrat dit qu'il n'existe pas de conseil communal de prévention de la délinquance.",
    example="il n'existe pas de CCPD",
)
def _no_ccpd(world: World) -> None:
    world.record["ccpd"] = {"existe": False}


@_step(
    "when",
    "on retire l'action « {code} »",
    doc="Retire du contrat l'action qui porte ce code.",
    example="on retire l'action « A3 »",
)
def _remove_action(world: World, code: str) -> None:
    _list(world, "actions").remove(_action(world, code))


@_step(
    "when",
    "pour l'action « {code} », le champ « {name} » vaut {value}",
    doc="Donne une valeur à un champ d'une action (écrite comme dans le fichier du contrat).",
    example="pour l'action « A1 », le champ « pilote » vaut commune",
)
def _action_field_set(world: World, code: str, name: str, value: str) -> None:
    _action(world, code)[name] = _value(value)


@_step(
    "when",
    "pour l'action « {code} », le champ « {name} » est absent",
    doc="Retire un champ d'une action.",
    example="pour l'action « A1 », le champ « indicateurs » est absent",
)
def _action_field_absent(world: World, code: str, name: str) -> None:
    _action(world, code).pop(name, None)


@_step(
    "when",
    "pour l'action « {code} », le contrat n'a pas de « {name} »",
    doc="Le contrat dit que l'action n'en a pas (false) : pas de pilote, pas d'échéance.",
    example="pour l'action « A1 », le contrat n'a pas de « pilote »",
)
def _action_field_none(world: World, code: str, name: str) -> None:
    _action(world, code)[name] = False


@_step(
    "when",
    "pour l'action « {code} », le champ « {name} » est vide",
    doc="Donne la liste vide [] à un champ d'une action.",
    example="pour l'action « A1 », le champ « partenaires » est vide",
)
def _action_field_empty(world: World, code: str, name: str) -> None:
    _action(world, code)[name] = []


# ---------------------------------------------------------------- Alors


def _verdicts(world: World) -> str:
    """The violated and unknown requirements, which make the contract's status."""
    return "\n".join(
        f"{f.requirement} : {VERDICT_LABELS[f.verdict]}" + (f" — {f.message}" if f.message else "")
        for f in world.report.findings
        if f.verdict in ("violated", "unknown")
    )


@_step(
    "then",
    "l'exigence {requirement} est {verdict}",
    doc="Vérifie le verdict d'une exigence sur le contrat obtenu.",
    example="l'exigence SIG-02 est violée",
    choices={"verdict": tuple(SPECIFICATION_WORDS)},
)
def _requirement_verdict(world: World, requirement: str, verdict: str) -> None:
    finding = world.finding(requirement)
    if finding.verdict != SPECIFICATION_WORDS[verdict]:
        raise StepFailure(
            f"l'exigence {requirement} n'a pas le verdict attendu",
            expected=verdict,
            actual=VERDICT_LABELS[finding.verdict],
            detail=f"message : {finding.message}" if finding.message else None,
        )


@_step(
    "then",
    "le message de {requirement} mentionne « {fragment} »",
    doc="Vérifie que le message de l'exigence contient ce texte.",
    example="le message de SIG-02 mentionne « procureur »",
)
def _message_mentions(world: World, requirement: str, fragment: str) -> None:
    finding = world.finding(requirement)
    if fragment not in (finding.message or ""):
        raise StepFailure(
            f"le message de {requirement} ne mentionne pas « {fragment} »",
            expected=f"un message qui mentionne « {fragment} »",
            actual=f"« {finding.message} »" if finding.message else "aucun message",
        )


@_step(
    "then",
    "le contrat est {status}",
    doc="Vérifie le statut du contrat : non conforme (une obligation violée), incomplet "
    "(une exigence inconnue) ou conforme.",
    example="le contrat est non conforme",
    choices={"status": tuple(STATUSES)},
)
def _contract_status(world: World, status: str) -> None:
    actual = world.report.status
    if actual != STATUSES[status]:
        raise StepFailure(
            "le contrat n'a pas le statut attendu",
            expected=status,
            actual=_STATUS_WORDS.get(actual, actual),
            detail=_verdicts(world),
        )


@_step(
    "then",
    "aucune exigence n'est violée",
    doc="Vérifie qu'aucune exigence n'est violée (certaines peuvent être inconnues).",
    example="aucune exigence n'est violée",
)
def _nothing_violated(world: World) -> None:
    _none_with(world, {"violated"}, "violées", "aucune exigence violée", "violée(s)")


@_step(
    "then",
    "chaque exigence est satisfaite ou non applicable",
    doc="Vérifie que le contrat ne laisse aucune exigence violée ni inconnue.",
    example="chaque exigence est satisfaite ou non applicable",
)
def _everything_met(world: World) -> None:
    _none_with(
        world,
        {"violated", "unknown"},
        "violées ou inconnues",
        "satisfaite ou non applicable",
        "violée(s) ou inconnue(s)",
    )


def _none_with(world: World, verdicts: set[str], words: str, expected: str, counted: str) -> None:
    """No finding of the report has one of ``verdicts``; else a failure naming them."""
    found = [f.requirement for f in world.report.findings if f.verdict in verdicts]
    if found:
        raise StepFailure(
            f"des exigences sont {words} : " + ", ".join(found),
            expected=expected,
            actual=f"{len(found)} {counted}",
            detail=_verdicts(world),
        )


@_step(
    "then",
    "seules des exigences du thème « {theme} » sont violées",
    doc="Vérifie que des exigences sont violées, et seulement de ce thème.",
    example="seules des exigences du thème « signataires » sont violées",
)
def _only_theme_violated(world: World, theme: str) -> None:
    themes = sorted({f.theme for f in world.report.findings if f.verdict == "violated"})
    if themes != [theme]:
        raise StepFailure(
            "les exigences violées ne sont pas toutes du thème attendu",
            expected=f"le thème « {theme} » seul",
            actual=", ".join(f"« {t} »" for t in themes) or "aucune exigence violée",
            detail=_verdicts(world),
        )

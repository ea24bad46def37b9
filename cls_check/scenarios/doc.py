"""The list of the French steps, as Markdown, from the step definitions themselves.

``docs/etapes.md`` is this text (``cls-check rules test --etapes > docs/etapes.md``);
``tests/test_scenario_steps.py`` fails when the two drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from cls_check.scenarios.runner import KIND_WORDS
from cls_check.scenarios.steps import StepDefinition, step_definitions
from cls_check.specs import StepKind

_SECTIONS: dict[StepKind, str] = {
    "given": "Le contrat de départ",
    "when": "Ce qui change",
    "then": "Ce qu'on vérifie",
}

_INTRO = """\
# Les étapes des scénarios

Un scénario (fichier `features/*.feature`, en français) part d'un contrat d'exemple
(« Soit »), le modifie (« Quand »), puis vérifie ce que donnent les règles (« Alors »).
« Et » et « Mais » continuent l'étape précédente. Chaque ligne doit reprendre exactement
une des étapes ci-dessous ; « … » est une partie libre, et une liste entre parenthèses
donne les seuls mots possibles.

```gherkin
# language: fr
Fonctionnalité: Les signataires du contrat

  Scénario: SIG-02 violée — le procureur n'a pas signé
    Soit le contrat de référence
    Quand le procureur n'a pas signé
    Alors l'exigence SIG-02 est violée
    Et le message de SIG-02 mentionne « procureur »
```

Pour jouer les scénarios : `cls-check rules test` (tous), `cls-check rules test SIG-02`
(ceux d'une exigence), `cls-check rules test --coverage` (et les verdicts qu'aucun scénario
n'atteint). Un scénario marqué `@divergence` dit ce que le catalogue exige et que la règle
ne fait pas encore : il doit échouer jusqu'à ce que la règle soit corrigée.

Cette liste est produite par `cls-check rules test --etapes`.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def steps_markdown(definitions: Sequence[StepDefinition] | None = None) -> str:
    """Every step, by kind, with what it does and an example."""
    definitions = step_definitions() if definitions is None else definitions
    out = [_INTRO]
    for kind, title in _SECTIONS.items():
        word = KIND_WORDS[kind]
        out.append(f"\n## {title} (« {word} »)\n")
        out.append("| Étape | Ce qu'elle fait | Exemple |")
        out.append("|---|---|---|")
        for d in definitions:
            if d.kind == kind:
                out.append(
                    f"| {word} {_cell(d.shown)} | {_cell(d.doc)} | `{word} {_cell(d.example)}` |"
                )
    return "\n".join(out) + "\n"

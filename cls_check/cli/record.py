"""The commands about one record: ``explain`` a verdict, ``diff`` two versions, ``init`` a
template, and the ``schema`` of the format.

Input: the options of each command. Output: what :mod:`cls_check.report` renders, on
standard output, and the exit code (2 for a record that does not fit ``cls/1``).
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click

from cls_check.cli.common import (
    at_option,
    fail,
    format_option,
    record_errors,
    rule_or_exit,
    rules_option,
    rules_or_exit,
    write,
)
from cls_check.errors import RecordError
from cls_check.report.diff import FORMATS as DIFF_FORMATS


@click.command()
def schema() -> None:
    """Affiche le schéma JSON du format d'enregistrement cls/1.

    \b
    Exemple :
      cls-check schema > cls-1.schema.json
    """
    import json

    from cls_check.model.contract import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True))


@click.command()
@click.argument(
    "file", required=False, metavar="[FICHIER]", type=click.Path(dir_okay=False, path_type=Path)
)
@click.option("--force", is_flag=True, help="Remplacer FICHIER s'il existe déjà.")
def init(file: Path | None, force: bool) -> None:
    """Écrit un modèle d'enregistrement cls/1 commenté, à remplir (dans FICHIER, ou sur la
    sortie standard).

    \b
    Exemples :
      cls-check init nouveau-contrat.yaml
      cls-check init > modele.yaml
    """
    from cls_check.model.template import record_template

    if file is not None and file.exists() and not force:
        fail(f"{file} existe déjà ; il n'a pas été modifié", "ajoutez --force pour le remplacer")
    write(file, [record_template().encode()])


@click.command()
@click.argument(
    "old", metavar="ANCIEN", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.argument(
    "new", metavar="NOUVEAU", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@format_option(DIFF_FORMATS, "Format de la comparaison.")
@rules_option
@at_option
def diff(old: Path, new: Path, fmt: str, rules_dir: str | None, at: datetime.date | None) -> None:
    """Compare deux versions d'un contrat (deux enregistrements, ou deux rapports JSON) :
    les exigences dont le verdict a changé.

    \b
    Exemples :
      cls-check diff projet-v1.yaml projet-v2.yaml
      cls-check diff rapport-janvier.json rapport-mars.json

    \b
    Codes de sortie : 0 aucun changement, 1 des verdicts ont changé, 2 entrée illisible.
    """
    from cls_check.compare import DiffError, diff_paths
    from cls_check.report.diff import render

    try:
        diffs = diff_paths(old, new, rules_or_exit(rules_dir), at)
    except RecordError as error:
        record_errors(error)
    except DiffError as error:
        fail(str(error), "comparez deux rapports des mêmes fichiers, ou deux enregistrements")
    click.echo(render(diffs, fmt), nl=False)
    sys.exit(1 if any(one.changed for one in diffs) else 0)


@click.command()
@click.argument("file", metavar="FICHIER")
@click.argument("requirement", metavar="EXIGENCE")
@format_option(["text", "json"], "Format de l'explication (json : la trace comme données).")
@rules_option
@at_option
def explain(
    file: str, requirement: str, fmt: str, rules_dir: str | None, at: datetime.date | None
) -> None:
    """Explique le verdict d'une exigence sur un contrat : message, preuves, citation, règle,
    et la trace (chaque condition avec sa valeur, les chiffres, la branche, les lignes lues).

    \b
    Exemple :
      cls-check explain contrat.yaml SIG-03 --at 2001-01-01
    """
    from cls_check.explain import explanation
    from cls_check.referentiel import written_text
    from cls_check.report import explain_text

    rule_set = rules_or_exit(rules_dir)
    rule = rule_or_exit(rule_set, requirement)
    try:
        found = explanation(rule_set, rule, file, at)
    except RecordError as error:
        record_errors(error)
    if fmt == "json":
        text = explain_text.render_json(found)
    else:
        text = explain_text.render(found, rule, written_text(rule.span))
    click.echo(text, nl=False)

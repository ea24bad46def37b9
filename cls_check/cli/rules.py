"""``cls-check rules``: the rule files — check them, list them, show one, write the
référentiel, run the French scenarios.

Input: the options of each command. Output: what :mod:`cls_check.report` renders, on
standard output (or ``--output``), and the exit code: 0 all is well, 1 a scenario fails,
2 a rule file is broken or nothing could be run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cls_check.cli.common import (
    EXIT_INVALID,
    fail,
    feature_errors,
    format_option,
    rule_or_exit,
    rules_option,
    rules_or_exit,
    write,
)
from cls_check.resources import rules_dir as bundled_rules
from cls_check.terminal import use_color


@click.group(subcommand_metavar="COMMANDE [ARGUMENTS]...")
def rules() -> None:
    """Les fichiers de règles : vérifier, lister, afficher, tester sur les scénarios.

    \b
    Exemples :
      cls-check rules lint mes-regles/
      cls-check rules test --rules mes-regles/
      cls-check rules doc -f html -o referentiel.html
    """


@rules.command("lint")
@click.argument("paths", nargs=-1, metavar="[CHEMIN]...")
@rules_option
def rules_lint(paths: tuple[str, ...], rules_dir: str | None) -> None:
    """Vérifie des dossiers ou des fichiers .cls (par défaut : les règles fournies) et signale
    chaque erreur de chacun (fichier:ligne:colonne). Un fichier seul est vérifié avec le
    catalogue et les définitions communes de son dossier.

    \b
    Exemples :
      cls-check rules lint
      cls-check rules lint mes-regles/ mes-regles/suivi.cls
    """
    from cls_check.dsl.lint import lint
    from cls_check.report.lint_text import checked, problems

    report = lint([*paths, *([rules_dir] if rules_dir else [])])
    for text in problems(report, color=use_color(sys.stderr)):
        click.echo(text, err=True)
    if not report.ok:
        sys.exit(EXIT_INVALID)
    click.echo(checked(report), nl=False)


@rules.command("list")
@rules_option
def rules_list(rules_dir: str | None) -> None:
    """Liste les exigences encodées : id, thème, force, section, titre, texte, scénarios.

    \b
    Exemple :
      cls-check rules list --rules mes-regles/
    """
    from cls_check.report.rule_table import render
    from cls_check.specs import FeatureFileError, find_features_dir, scenario_counts

    rule_set = rules_or_exit(rules_dir)
    features = find_features_dir()
    try:
        counts = scenario_counts(features) if features is not None else None
    except FeatureFileError as error:
        feature_errors(error)
    click.echo(render(rule_set.rules, counts), nl=False)


@rules.command("show")
@click.argument("requirement", metavar="EXIGENCE")
@rules_option
def rules_show(requirement: str, rules_dir: str | None) -> None:
    """Affiche la règle qui encode une exigence, telle qu'écrite (SIG-03 par exemple).

    \b
    Exemple :
      cls-check rules show SIG-03
    """
    from cls_check.referentiel import written_text
    from cls_check.report.rule_table import render_rule

    rule = rule_or_exit(rules_or_exit(rules_dir), requirement)
    click.echo(render_rule(rule, written_text(rule.span)), nl=False)


@rules.command("doc")
@rules_option
@format_option(
    ["markdown", "html"],
    "markdown, ou html : une page autonome à ouvrir, imprimer (A4) ou transmettre.",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Fichier à écrire."
)
def rules_doc(rules_dir: str | None, fmt: str, output: Path | None) -> None:
    """Écrit le référentiel : par thème, chaque exigence avec sa force, sa source, la citation
    de la circulaire en regard du texte de la règle, les définitions communes et la table des
    paragraphes de la circulaire.

    \b
    Exemples :
      cls-check rules doc > referentiel.md
      cls-check rules doc -f html -o referentiel.html
    """
    from cls_check.referentiel import build
    from cls_check.report.referentiel_render import render

    rule_set = rules_or_exit(rules_dir)
    folder = Path(rules_dir) if rules_dir is not None else bundled_rules()
    info = rule_set.info
    referentiel = build(rule_set.rules, folder, info.version, info.sha256)
    write(output, (render(referentiel, fmt).encode("utf-8"),))


@rules.command("test")
@click.argument("requirements", nargs=-1, metavar="[EXIGENCE]...")
@rules_option
@click.option(
    "--features",
    "features_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Dossier des scénarios (*.feature). Par défaut : ceux du dossier de règles, "
    "sinon features/ à côté de lui, sinon ceux fournis.",
)
@click.option("--coverage", is_flag=True, help="Lister aussi les verdicts sans scénario.")
@click.option("--etapes", "list_steps", is_flag=True, help="Afficher la liste des étapes.")
def rules_test(
    requirements: tuple[str, ...],
    rules_dir: str | None,
    features_dir: Path | None,
    coverage: bool,
    list_steps: bool,
) -> None:
    """Joue les scénarios en français (tous, ou ceux des exigences nommées, ex. SIG-02) et
    affiche chaque échec : l'étape, le verdict attendu et celui obtenu.

    \b
    Exemples :
      cls-check rules test
      cls-check rules test SIG-02 --rules mes-regles/
      cls-check rules test --coverage
    """
    from cls_check.scenarios import command, doc, runner
    from cls_check.specs import FeatureFileError

    if list_steps:
        click.echo(doc.steps_markdown(), nl=False)
        return
    rule_set = rules_or_exit(rules_dir)
    wanted = [rule_or_exit(rule_set, r).requirement for r in requirements]
    folder = Path(rules_dir) if rules_dir else None
    features = features_dir or runner.default_features_dir(folder)
    if features is None:
        fail("aucun scénario trouvé", "indiquez leur dossier : --features DOSSIER")
    try:
        code = command.run_command(rule_set, folder, features, wanted, coverage, click.echo)
    except FeatureFileError as error:
        feature_errors(error)
    sys.exit(code)

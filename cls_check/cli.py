"""The ``cls-check`` command.

Exit codes (architecture.md): 0 — nothing at or above ``--fail-on``; 1 — a gap at or above
it; 2 — invalid input (a record that does not fit the format, a broken rule file, a missing
path) or a usage error; 130 — interrupted (:mod:`cls_check.interrupt`). Every error a
person can cause is reported in French, with what to do; a Python traceback reaching a
user is a bug.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NoReturn, TypeVar

import click

from cls_check import __version__, cli_fr, interrupt
from cls_check.api import RuleSet, input_problem, load_rules
from cls_check.batch import MAX_JOBS, Batch, CheckOptions, whole
from cls_check.engine import ENGINES
from cls_check.errors import ClsError, EngineError, RecordError, RuleFileError
from cls_check.ir.nodes import Rule
from cls_check.output import OutputError, refuse_inputs, silence_stdout
from cls_check.output import write as write_output
from cls_check.report import BINARY_FORMATS, FORMATS, LINE_FORMATS
from cls_check.report.json_format import RenderedContract, rendered, stream
from cls_check.report.model import ContractReport, Report
from cls_check.report.result import violated_forces
from cls_check.report.selection import Selection
from cls_check.resources import rules_dir as bundled_rules
from cls_check.vocab import VERDICT_CHOICES, VERDICT_LABELS
from cls_check.waivers import Waiver

cli_fr.install()  # before the decorators below compute click's help texts

EXIT_OK, EXIT_GAPS, EXIT_INVALID = 0, 1, 2
FAIL_ON = ("obligation", "recommandation", "incomplet", "never")

F = TypeVar("F", bound=Callable[..., object])


def _fail(message: str, hint: str | None = None) -> NoReturn:
    click.echo(f"cls-check : erreur : {message}", err=True)
    if hint:
        click.echo(f"  aide : {hint}", err=True)
    sys.exit(EXIT_INVALID)


def _rule_file_errors(error: RuleFileError) -> NoReturn:
    from cls_check.dsl.diagnostics import format_diagnostic

    color = _use_color(sys.stderr)
    for diagnostic in error.diagnostics:
        source = error.sources.get(diagnostic.span.file)
        click.echo(format_diagnostic(diagnostic, source, color=color), err=True)
    count = len(error.diagnostics)
    click.echo(f"cls-check : {count} erreur(s) dans les fichiers de règles.", err=True)
    sys.exit(EXIT_INVALID)


def _use_color(stream: object) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _parse_date(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"« {value} » n'est pas une date AAAA-MM-JJ (ex. 1999-06-15)"
        ) from None


_SIZE_UNITS = {"": 1024**2, "o": 1, "k": 1024, "ko": 1024, "m": 1024**2, "mo": 1024**2}
_SIZE_UNITS |= {"g": 1024**3, "go": 1024**3}


def _parse_size(_ctx: click.Context, _param: click.Parameter, value: str) -> int:
    """``10M``, ``500K``, ``1G``, ``2048o``; a bare number is in mebibytes (Mo)."""
    match = re.fullmatch(r"\s*([0-9]{1,9})(?:[.,]([0-9]{1,3}))?\s*([a-zA-Z]{0,2})\s*", value)
    unit = _SIZE_UNITS.get(match.group(3).lower()) if match else None
    if match is None or unit is None:
        raise click.BadParameter(
            f"« {value} » n'est pas une taille (exemples : 500K, 10M, 1G)"
        ) from None
    size = int(float(f"{match.group(1)}.{match.group(2) or 0}") * unit)
    if size < 1:
        raise click.BadParameter("la taille doit être d'au moins un octet")
    return size


def rules_option(function: F) -> F:
    return click.option(
        "--rules",
        "rules_dir",
        type=click.Path(exists=True, file_okay=False, path_type=str),
        help="Dossier de règles à utiliser au lieu des règles fournies.",
    )(function)


def format_option(choices: list[str], help: str) -> Callable[[F], F]:
    """``--format``/``-f`` among ``choices``, the first being the default."""
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help,
    )


def at_option(function: F) -> F:
    return click.option(
        "--at",
        "at",
        callback=_parse_date,
        metavar="AAAA-MM-JJ",
        help=(
            "Date du contrôle (par défaut : aujourd'hui). Les textes applicables sont ceux "
            "en vigueur à la signature ; pour un projet, à la date du contrôle."
        ),
    )(function)


class _Program(click.Group):
    """A reader that stops early (``cls-check rules list | head``) is not an error: the
    command ends quietly with 0 (click would say nothing and exit 1). ``check`` finishes
    its checks and exits with their code (:mod:`cls_check.output`)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            silence_stdout()
            return None


@click.group(
    cls=_Program,
    context_settings={"help_option_names": ["-h", "--help"]},
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
)
@click.version_option(
    __version__, "--version", "-V", prog_name="cls-check", message="%(prog)s %(version)s"
)
def main() -> None:
    """Vérifie les contrats locaux de sécurité (CLS) au regard de la circulaire du
    28 octobre 1997 (complétée le 7 juin 1999).

    \b
    Exemples :
      cls-check check contrat.yaml
      cls-check check dossier/ --format json --output rapport.json
      cls-check schema > cls-1.schema.json
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="CHEMIN...")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice((*FORMATS, *BINARY_FORMATS)),
    default="text",
    show_default=True,
    help="Format du rapport ; pdf, et lettre (aux communes, DOCX), dans un fichier (-o).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help=(
        "Écrire le rapport dans ce fichier plutôt que sur la sortie standard (remplacé "
        "seulement une fois le rapport complet ; jamais un des contrats vérifiés)."
    ),
)
@rules_option
@at_option
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="python",
    show_default=True,
    help="Moteur d'évaluation.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="obligation",
    show_default=True,
    help="Code de sortie 1 dès qu'une exigence de cette force (ou plus forte) est violée ; "
    "incomplet : dès qu'une obligation est violée ou inconnue.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help=f"Nombre de processus (0 : un par cœur ; au plus {MAX_JOBS}, et au plus un par entrée).",
)
@click.option(
    "--max-size",
    "max_size",
    callback=_parse_size,
    default="10M",
    show_default=True,
    metavar="TAILLE",
    help="Taille maximale d'un enregistrement (ex. 500K, 10M, 1G) ; au-delà, il n'est pas lu.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Couleurs (par défaut : sur un terminal, sauf NO_COLOR).",
)
@click.option("--quiet", "-q", is_flag=True, help="Ne pas afficher la progression.")
@click.option(
    "--requirement",
    "-r",
    "requirements",
    multiple=True,
    metavar="EXIGENCE",
    help="Ne vérifier que cette exigence (répétable) : -r SIG-02 -r SIG-03.",
)
@click.option(
    "--theme",
    "themes",
    multiple=True,
    metavar="THÈME",
    help="Ne vérifier que les exigences de ce thème (répétable) : signataires, suivi…",
)
@click.option(
    "--only",
    "verdicts",
    multiple=True,
    type=click.Choice(sorted(VERDICT_CHOICES)),
    help="N'afficher que les exigences de ce verdict (répétable) ; statut et bilan inchangés.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Une clé inconnue rend l'enregistrement invalide (au lieu d'un avertissement).",
)
@click.option(
    "--waivers",
    "waivers_file",
    type=click.Path(dir_okay=False),
    metavar="FICHIER",
    help="Dérogations accordées (YAML) : une exigence dérogée pour un contrat n'est plus "
    "une lacune ; les dérogations expirées ou orphelines sont signalées.",
)
@click.option(
    "--compact",
    is_flag=True,
    help="Format texte : une ligne par contrat (statut, bilan, exigences violées et inconnues).",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: Path | None,
    rules_dir: str | None,
    at: datetime.date | None,
    engine: str,
    fail_on: str,
    jobs: int,
    max_size: int,
    color: bool | None,
    quiet: bool,
    requirements: tuple[str, ...],
    themes: tuple[str, ...],
    verdicts: tuple[str, ...],
    strict: bool,
    compact: bool,
    waivers_file: str | None,
) -> None:
    """Vérifie un ou plusieurs contrats (fichiers YAML/JSON, dossiers, ou - pour l'entrée standard).

    \b
    Exemples :
      cls-check check contrat.yaml
      cls-check check dossier/ --compact
      cls-check check dossier/ -j 0 -f json -o rapport.json
      cls-check check dossier/ -f csv-contracts -o contrats.csv
      cls-check check projet.yaml --only unknown

    \b
    Codes de sortie :
      0  aucune exigence violée au niveau de --fail-on
      1  au moins une exigence violée à ce niveau (--fail-on incomplet : ou une
         obligation inconnue)
      2  entrée invalide (enregistrement non conforme au format, fichier de règles erroné,
         chemin introuvable) ou usage incorrect
      130  interrompu (Ctrl-C, SIGTERM, SIGHUP) ; aucun rapport partiel n'est laissé
    """
    selection = Selection(
        requirements=frozenset(r.upper() for r in requirements),
        themes=frozenset(themes),
        verdicts=frozenset(VERDICT_CHOICES[v] for v in verdicts),
    )
    if selection.requirements or selection.themes:
        _check_selection(_rules_or_exit(rules_dir), selection)
    options = CheckOptions(
        rules=rules_dir,
        engine=engine,
        at=at,
        today=datetime.date.today(),
        max_size=max_size,
        selection=selection,
        strict=strict,
        waivers=_waivers_or_exit(waivers_file, rules_dir) if waivers_file else (),
    )
    if compact and fmt == "text":
        fmt = "compact"
    if fmt in BINARY_FORMATS and output is None and sys.stdout.isatty():
        _fail(
            f"le format {fmt} est un document binaire : il ne s'affiche pas dans un terminal",
            f"écrivez-le dans un fichier : -o rapport.{BINARY_FORMATS[fmt]}",
        )
    # Progress goes to a terminal, and never between the lines of JSON streamed to it.
    streamed_to_terminal = fmt == "json" and output is None and sys.stdout.isatty()
    show_progress = sys.stderr.isatty() and not (quiet or streamed_to_terminal)
    progress = _progress if show_progress else None
    try:
        if fmt == "json":
            with Batch(paths, options, rendered, jobs=jobs, progress=progress) as entries:
                refuse_inputs(output, entries.files)
                code = _stream_json(entries, output, fail_on)
        else:
            with Batch(paths, options, whole, jobs=jobs, progress=progress) as batch:
                refuse_inputs(output, batch.files)
                code = _write_report(batch, fmt, output, fail_on, color)
    except RuleFileError as error:
        _rule_file_errors(error)
    except EngineError as error:
        _fail(str(error), "utilisez --engine python, disponible partout")
    except OutputError as error:
        _fail(error.message, error.hint)
    sys.exit(code)


def _check_selection(rule_set: RuleSet, selection: Selection) -> None:
    """An unknown requirement or theme is a mistake, not an empty report."""
    from cls_check.suggest import closest

    known = {rule.requirement for rule in rule_set.rules}
    themes = {rule.theme for rule in rule_set.rules}
    for wanted, names, unknown in (
        (selection.requirements, known, "exigence inconnue"),
        (selection.themes, themes, "thème inconnu"),
    ):
        for name in sorted(wanted - names):
            suggestion = closest(name, sorted(names))
            _fail(
                f"{unknown} : « {name} »",
                f"vouliez-vous dire « {suggestion} » ?"
                if suggestion
                else f"possibles : {', '.join(sorted(names))}",
            )


def _waivers_or_exit(file: str, rules_dir: str | None) -> tuple[Waiver, ...]:
    """The waivers of ``--waivers``; a wrong file stops everything before any check."""
    from cls_check.waivers import WaiverFileError, load_waivers

    known = {rule.requirement for rule in _rules_or_exit(rules_dir).rules}
    try:
        waivers = load_waivers(file, known)
    except WaiverFileError as error:
        for problem in error.problems:
            where = f"{error.file}:{problem.line}" if problem.line else error.file
            path = f"{problem.path} : " if problem.path else ""
            click.echo(f"cls-check : erreur : {where} : {path}{problem.message}", err=True)
            if problem.hint:
                click.echo(f"  aide : {problem.hint}", err=True)
        sys.exit(EXIT_INVALID)
    return waivers


def _write_report(
    batch: Batch[ContractReport], fmt: str, output: Path | None, fail_on: str, color: bool | None
) -> int:
    """The whole report, rendered once every contract is checked."""
    from cls_check.report import render, render_bytes

    report = batch.report(tuple(batch.contracts()))
    use_color = color if color is not None else (output is None and _use_color(sys.stdout))
    textual = fmt in {"text", "compact"}
    # On a terminal, lines follow its width; in a file, the report's own width.
    width = shutil.get_terminal_size().columns if output is None and sys.stdout.isatty() else 100
    lines = _record_lines(report) if fmt in LINE_FORMATS else None
    if fmt in BINARY_FORMATS:
        _write(output, [render_bytes(report, fmt)])
    else:
        page = render(report, fmt, color=use_color and textual, width=width, lines=lines)
        _write(output, [page.encode()])
    gaps = any(has_gaps(violated_forces(c.summary), c.status, fail_on) for c in report.contracts)
    return exit_code(bool(report.errors), gaps)


def _record_lines(report: Report) -> dict[tuple[str, str], int]:
    """Where each piece of evidence stands in its record, for SARIF and JUnit."""
    from cls_check.model.loader import record_lines

    found = {}
    for contract in report.contracts:
        paths = {item.path for finding in contract.findings for item in finding.evidence}
        for path, line in record_lines(contract.file, paths).items():
            found[contract.file, path] = line
    return found


def _stream_json(batch: Batch[RenderedContract], output: Path | None, fail_on: str) -> int:
    """The JSON report written contract by contract, each rendered where it was checked:
    a batch of any size in flat memory, byte-identical to the whole report's JSON."""
    gaps = False

    def contracts() -> Iterator[RenderedContract]:
        nonlocal gaps
        for contract in batch.contracts():
            gaps = gaps or has_gaps(contract.violated, contract.status, fail_on)
            yield contract

    _write(output, stream(batch.report(), contracts(), lambda: batch.errors, batch.report))
    return exit_code(bool(batch.errors), gaps)


def _write(output: Path | None, pieces: Iterable[bytes]) -> None:
    """To standard output or ``--output``, never destroying anything (:mod:`cls_check.output`)."""
    try:
        write_output(output, pieces)
    except OutputError as error:
        _fail(error.message, error.hint)


def _program_gc() -> None:
    """A batch allocates many small objects without cycles: collect less often, and never
    rescan what the imports created (~20% of the time of a batch). Set by the program
    (:func:`run`) only — the library and in-process callers of :func:`main` keep theirs."""
    import gc

    gc.freeze()
    gc.set_threshold(10_000, 50, 50)


def _progress(done: int, total: int) -> None:
    """« 120/300 contrats vérifiés » on one line of the terminal, erased once all are
    checked, so that the report written next starts on a clean line."""
    if total >= 20:
        line = f"{done}/{total} contrats vérifiés" if done < total else ""
        click.echo(f"\r\x1b[2K{line}", err=True, nl=False, color=True)


def exit_code(errors: bool, gaps: bool) -> int:
    """2 if an input could not be checked; else 1 if a gap reaches the --fail-on force."""
    if errors:
        return EXIT_INVALID
    return EXIT_GAPS if gaps else EXIT_OK


def has_gaps(violated: frozenset[str], status: str, fail_on: str) -> bool:
    """Whether a contract fails ``--fail-on``: a violated requirement of that force (or
    stronger); for ``incomplet``, an obligation violated or unknown (a draft that does not
    say enough yet fails too)."""
    if fail_on == "never":
        return False
    if fail_on == "incomplet":
        return status in {"non_conforme", "incomplet"}
    return "obligation" in violated or (fail_on == "recommandation" and bool(violated))


@main.command()
def schema() -> None:
    """Affiche le schéma JSON du format d'enregistrement cls/1.

    \b
    Exemple :
      cls-check schema > cls-1.schema.json
    """
    import json

    from cls_check.model.contract import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True))


@main.command()
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
        _fail(f"{file} existe déjà ; il n'a pas été modifié", "ajoutez --force pour le remplacer")
    _write(file, [record_template().encode()])


@main.group(subcommand_metavar="COMMANDE [ARGUMENTS]...")
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
    from cls_check.dsl.lint import lint, problems

    report = lint([*paths, *([rules_dir] if rules_dir else [])])
    for text in problems(report, color=_use_color(sys.stderr)):
        click.echo(text, err=True)
    if not report.ok:
        sys.exit(EXIT_INVALID)
    click.echo(f"{report.rules} règles vérifiées dans {report.files} fichier(s), aucune erreur.")


@rules.command("list")
@rules_option
def rules_list(rules_dir: str | None) -> None:
    """Liste les exigences encodées : id, thème, force, section, titre, texte, scénarios.

    \b
    Exemple :
      cls-check rules list --rules mes-regles/
    """
    from cls_check.report.rule_table import render
    from cls_check.specs import find_features_dir, scenario_counts

    rule_set = _rules_or_exit(rules_dir)
    features = find_features_dir()
    counts = scenario_counts(features) if features is not None else None
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
    rule = _rule_or_exit(_rules_or_exit(rules_dir), requirement)
    click.echo(f"# {rule.span} — {rule.id} ({rule.force}, thème {rule.theme})")
    click.echo(_written(rule))


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
    from cls_check.report.referentiel import build
    from cls_check.report.referentiel_render import render

    rule_set = _rules_or_exit(rules_dir)
    folder = Path(rules_dir) if rules_dir is not None else bundled_rules()
    info = rule_set.info
    referentiel = build(rule_set.rules, folder, info.version, info.sha256)
    _write(output, (render(referentiel, fmt).encode("utf-8"),))


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

    if list_steps:
        click.echo(doc.steps_markdown(), nl=False)
        return
    rule_set = _rules_or_exit(rules_dir)
    wanted = [_rule_or_exit(rule_set, r).requirement for r in requirements]
    folder = Path(rules_dir) if rules_dir else None
    features = features_dir or runner.default_features_dir(folder)
    if features is None:
        _fail("aucun scénario trouvé", "indiquez leur dossier : --features DOSSIER")
    sys.exit(command.run_command(rule_set, folder, features, wanted, coverage, click.echo))


@main.command()
@click.argument(
    "old", metavar="ANCIEN", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.argument(
    "new", metavar="NOUVEAU", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@format_option(["text", "json"], "Format de la comparaison.")
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
    from cls_check.report.diff import render_text, to_json

    try:
        diffs = diff_paths(old, new, _rules_or_exit(rules_dir), at)
    except RecordError as error:
        _record_errors(error)
    except DiffError as error:
        _fail(str(error), "comparez deux rapports des mêmes fichiers, ou deux enregistrements")
    text = to_json(diffs) if fmt == "json" else "\n".join(render_text(one) for one in diffs)
    click.echo(text, nl=False)
    sys.exit(1 if any(one.changed for one in diffs) else 0)


@main.command()
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
    from cls_check.report.labels import source_label
    from cls_check.report.trace_text import render_trace
    from cls_check.values import format_value

    rule_set = _rules_or_exit(rules_dir)
    rule = _rule_or_exit(rule_set, requirement)
    try:
        found = explanation(rule_set, rule, file, at)
    except RecordError as error:
        _record_errors(error)
    if fmt == "json":
        click.echo(found.json())
        return
    finding, report = found.finding, found.report
    click.echo(f"{finding.requirement} — {finding.title}")
    click.echo(f"verdict : {VERDICT_LABELS[finding.verdict]} ({finding.force})")
    click.echo(f"message : {finding.message or '—'}")
    click.echo("preuves :")
    for item in finding.evidence or ():
        click.echo(f"  {item.path} = {format_value(item.value)}")
    if not finding.evidence:
        click.echo("  (aucune)")
    asked = [q for q in report.questions if finding.requirement in q.requirements]
    if asked:
        click.echo("questions :")
        for question in asked:
            click.echo(f"  ? {question.question} ({question.path})")
    click.echo(render_trace(found.trace, found.lines))
    source = finding.source
    click.echo(f"source : {source_label(source)}")
    click.echo(f"  « {source.quote} »")
    click.echo(f"règle : {rule.span}")
    click.echo(_written(rule))


def _record_errors(error: RecordError) -> NoReturn:
    """Each problem with its hint, as ``check`` prints an input it could not check."""
    from cls_check.report import labels

    for problem in map(input_problem, error.problems):
        where = labels.problem_location(error.file, problem)
        click.echo(f"{where}  {labels.problem_text(problem)}", err=True)
        if problem.hint:
            click.echo(f"  aide : {labels.clean(problem.hint)}", err=True)
    sys.exit(EXIT_INVALID)


def _rules_or_exit(rules_dir: str | None) -> RuleSet:
    try:
        return load_rules(rules_dir)
    except RuleFileError as error:
        _rule_file_errors(error)


def _rule_or_exit(rule_set: RuleSet, requirement: str) -> Rule:
    from cls_check.suggest import closest

    wanted = requirement.upper()
    for rule in rule_set.rules:
        if rule.requirement == wanted:
            return rule
    known = [rule.requirement for rule in rule_set.rules]
    suggestion = closest(requirement, known)
    _fail(
        f"aucune règle n'encode l'exigence « {requirement} »",
        f"vouliez-vous dire « {suggestion} » ?" if suggestion else "voir « cls-check rules list »",
    )


def _written(rule: Rule) -> str:
    from cls_check.report.referentiel import written_text

    return written_text(rule.span)


def run() -> None:
    """Entry point: errors reach the user as messages, never as a traceback.

    A bug is a bug all the same: it is reported as an internal error, with what to do,
    and ``CLS_CHECK_DEBUG=1`` shows the traceback to whoever investigates it.
    """
    _program_gc()
    interrupt.install()
    try:
        result = main(standalone_mode=False)
    except ClsError as error:
        _fail(str(error))
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("cls-check : interrompu.", err=True)
        sys.exit(interrupt.EXIT_INTERRUPTED)
    except Exception as error:
        if os.environ.get("CLS_CHECK_DEBUG"):
            raise
        _fail(
            f"erreur interne ({type(error).__name__} : {error})",
            "signalez-la avec le fichier en cause ; CLS_CHECK_DEBUG=1 affiche le détail",
        )
    sys.exit(result if isinstance(result, int) else EXIT_OK)  # --help, --version: 0


if __name__ == "__main__":  # pragma: no cover
    run()

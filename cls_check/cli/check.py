"""``cls-check check``: check records and write the report.

Input: the options of the command. Output: the report, on standard output or in
``--output`` (:mod:`cls_check.output`), the progress on a terminal's standard error, and
the exit code: 0 nothing at or above ``--fail-on``, 1 a gap at or above it, 2 an input not
checked.
"""

from __future__ import annotations

import datetime
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from cls_check.batch import MAX_JOBS, Batch, CheckOptions, whole
from cls_check.cli.common import (
    EXIT_GAPS,
    EXIT_INVALID,
    EXIT_OK,
    at_option,
    fail,
    rule_file_errors,
    rules_option,
    rules_or_exit,
    write,
)
from cls_check.engine import ENGINES
from cls_check.errors import EngineError, OutputError, RuleFileError
from cls_check.output import refuse_inputs
from cls_check.report import BINARY_FORMATS, FORMATS, LINE_FORMATS, messages
from cls_check.report.json_format import RenderedContract, rendered, stream
from cls_check.report.model import ContractReport, Report
from cls_check.report.result import violated_forces
from cls_check.report.selection import Selection
from cls_check.ruleset import RuleSet
from cls_check.terminal import use_color
from cls_check.vocab import VERDICT_CHOICES
from cls_check.waivers import Waiver

FAIL_ON = ("obligation", "recommandation", "incomplet", "never")

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


@click.command()
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
        _check_selection(rules_or_exit(rules_dir), selection)
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
        fail(
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
        rule_file_errors(error)
    except EngineError as error:
        fail(str(error), "utilisez --engine python, disponible partout")
    except OutputError as error:
        fail(error.message, error.hint)
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
            fail(
                f"{unknown} : « {name} »",
                f"vouliez-vous dire « {suggestion} » ?"
                if suggestion
                else f"possibles : {', '.join(sorted(names))}",
            )


def _waivers_or_exit(file: str, rules_dir: str | None) -> tuple[Waiver, ...]:
    """The waivers of ``--waivers``; a wrong file stops everything before any check."""
    from cls_check.waivers import WaiverFileError, load_waivers

    known = {rule.requirement for rule in rules_or_exit(rules_dir).rules}
    try:
        waivers = load_waivers(file, known)
    except WaiverFileError as error:
        click.echo(messages.waiver_problems(error.file, error.problems), err=True, nl=False)
        sys.exit(EXIT_INVALID)
    return waivers


def _write_report(
    batch: Batch[ContractReport], fmt: str, output: Path | None, fail_on: str, color: bool | None
) -> int:
    """The whole report, rendered once every contract is checked."""
    from cls_check.report import render, render_bytes

    report = batch.report(tuple(batch.contracts()))
    colored = color if color is not None else (output is None and use_color(sys.stdout))
    textual = fmt in {"text", "compact"}
    # On a terminal, lines follow its width; in a file, the report's own width.
    width = shutil.get_terminal_size().columns if output is None and sys.stdout.isatty() else 100
    lines = _record_lines(report) if fmt in LINE_FORMATS else None
    if fmt in BINARY_FORMATS:
        write(output, [render_bytes(report, fmt)])
    else:
        page = render(report, fmt, color=colored and textual, width=width, lines=lines)
        write(output, [page.encode()])
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

    write(output, stream(batch.report(), contracts(), lambda: batch.errors, batch.report))
    return exit_code(bool(batch.errors), gaps)


def _progress(done: int, total: int) -> None:
    """The progress line of :func:`messages.progress`, escape codes kept."""
    line = messages.progress(done, total)
    if line:
        click.echo(line, err=True, nl=False, color=True)


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

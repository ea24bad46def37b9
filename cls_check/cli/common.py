"""What every command of the command line shares: its exit codes, its options, and the way
it stops on an error.

Input: option values, errors raised by the library. Output: click options, loaded rules, or
the end of the process with a French message on standard error (rendered by
:mod:`cls_check.report.messages`) and exit code 2.

Importing this module makes click speak French (:mod:`cls_check.cli_fr`); it comes before
any command so that click's help texts are computed in French.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

from cls_check import cli_fr
from cls_check.api import load_rules
from cls_check.errors import OutputError, RecordError, RuleFileError
from cls_check.ir.nodes import Rule
from cls_check.output import write as write_output
from cls_check.report import messages
from cls_check.report.model import InputProblem
from cls_check.ruleset import RuleSet
from cls_check.terminal import use_color

if TYPE_CHECKING:
    from cls_check.specs import FeatureFileError

cli_fr.install()  # before the decorators of the commands compute click's help texts

EXIT_OK, EXIT_GAPS, EXIT_INVALID = 0, 1, 2

F = TypeVar("F", bound=Callable[..., object])


def fail(message: str, hint: str | None = None) -> NoReturn:
    click.echo(messages.error(message, hint), err=True, nl=False)
    sys.exit(EXIT_INVALID)


def rule_file_errors(error: RuleFileError) -> NoReturn:
    text = messages.rule_file_errors(error, color=use_color(sys.stderr))
    click.echo(text, err=True, nl=False)
    sys.exit(EXIT_INVALID)


def record_errors(error: RecordError) -> NoReturn:
    """Each problem with its hint, as ``check`` prints an input it could not check."""
    text = messages.input_problems(error.file, map(InputProblem.of, error.problems))
    click.echo(text, err=True, nl=False)
    sys.exit(EXIT_INVALID)


def feature_errors(error: FeatureFileError) -> NoReturn:
    """Each line of a feature file Gherkin could not read."""
    click.echo("".join(map(messages.error, error.problems)), err=True, nl=False)
    sys.exit(EXIT_INVALID)


def rules_or_exit(rules_dir: str | None) -> RuleSet:
    try:
        return load_rules(rules_dir)
    except RuleFileError as error:
        rule_file_errors(error)


def rule_or_exit(rule_set: RuleSet, requirement: str) -> Rule:
    from cls_check.suggest import closest

    wanted = requirement.upper()
    for rule in rule_set.rules:
        if rule.requirement == wanted:
            return rule
    known = [rule.requirement for rule in rule_set.rules]
    suggestion = closest(requirement, known)
    fail(
        f"aucune règle n'encode l'exigence « {requirement} »",
        f"vouliez-vous dire « {suggestion} » ?" if suggestion else "voir « cls-check rules list »",
    )


def write(output: Path | None, pieces: Iterable[bytes]) -> None:
    """To standard output or ``--output``, never destroying anything (:mod:`cls_check.output`)."""
    try:
        write_output(output, pieces)
    except OutputError as error:
        fail(error.message, error.hint)


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


def rules_option(function: F) -> F:
    return click.option(
        "--rules",
        "rules_dir",
        type=click.Path(exists=True, file_okay=False, path_type=str),
        help="Dossier de règles à utiliser au lieu des règles fournies.",
    )(function)


def format_option(choices: Iterable[str], help: str) -> Callable[[F], F]:
    """``--format``/``-f`` among ``choices``, the first being the default."""
    listed = list(choices)
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(listed),
        default=listed[0],
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

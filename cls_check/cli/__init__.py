"""The ``cls-check`` command: parse the options, call the library, write what
:mod:`cls_check.report` renders, exit with the right code.

Exit codes (architecture.md): 0 — nothing at or above ``--fail-on``; 1 — a gap at or above
it; 2 — invalid input (a record that does not fit the format, a broken rule file, a missing
path) or a usage error; 130 — interrupted (:mod:`cls_check.interrupt`). Every error a
person can cause is reported in French, with what to do; a Python traceback reaching a
user is a bug.

One module per group of commands: :mod:`~cls_check.cli.check`, :mod:`~cls_check.cli.rules`,
:mod:`~cls_check.cli.record` (``explain``, ``diff``, ``init``, ``schema``); what they share
in :mod:`~cls_check.cli.common`, which makes click speak French before any command is
declared.
"""

from __future__ import annotations

import os
import sys

import click

from cls_check import __version__, interrupt
from cls_check.cli.check import check
from cls_check.cli.common import EXIT_OK, fail
from cls_check.cli.record import diff, explain, init, schema
from cls_check.cli.rules import rules
from cls_check.errors import ClsError
from cls_check.output import silence_stdout

__all__ = ["main", "run"]


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


for command in (check, schema, init, rules, diff, explain):
    main.add_command(command)


def _program_gc() -> None:
    """A batch allocates many small objects without cycles: collect less often, and never
    rescan what the imports created (~20% of the time of a batch). Set by the program
    (:func:`run`) only — the library and in-process callers of :func:`main` keep theirs."""
    import gc

    gc.freeze()
    gc.set_threshold(10_000, 50, 50)


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
        fail(str(error))
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("cls-check : interrompu.", err=True)
        sys.exit(interrupt.EXIT_INTERRUPTED)
    except Exception as error:
        if os.environ.get("CLS_CHECK_DEBUG"):
            raise
        fail(
            f"erreur interne ({type(error).__name__} : {error})",
            "signalez-la avec le fichier en cause ; CLS_CHECK_DEBUG=1 affiche le détail",
        )
    sys.exit(result if isinstance(result, int) else EXIT_OK)  # --help, --version: 0


if __name__ == "__main__":  # pragma: no cover
    run()

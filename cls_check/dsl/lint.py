"""``cls-check rules lint``: every problem of the rule folders and files named, in one run.

Input: paths, each a rule folder or a single ``*.cls`` file. Output: a :class:`LintReport`
with every diagnostic of every path, the texts to show their lines, and how much was
checked (printed by :mod:`cls_check.report.lint_text`).

A rule file is never checked alone: its rules use the definitions shared by the other files
of its folder and the catalogue of that folder (or the bundled one). So a single file is
checked by compiling its whole folder and keeping the diagnostics about that file (and
about the catalogue, without which it cannot be checked); the problems of its neighbours
are only counted, so that the person editing one file sees that file's mistakes. Each
folder is compiled once, however many of its files are named.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from cls_check.dsl.compiler import compile_rule_files
from cls_check.dsl.read import RULE_SUFFIX
from cls_check.errors import Diagnostic, RuleFileError
from cls_check.resources import rules_dir

__all__ = ["LintReport", "lint"]


@dataclass(frozen=True, slots=True)
class LintReport:
    # Paths that are not rule folders or files: (message, what to do).
    bad_paths: tuple[tuple[str, str], ...]
    diagnostics: tuple[Diagnostic, ...]
    sources: Mapping[str, str]  # file name as shown → text, to print the offending lines
    files: int  # rule files checked
    rules: int  # rules they hold (counted only when they compiled)
    # Problems found in files of the same folders that were not named: not shown.
    elsewhere: Mapping[str, int]  # folder as typed → number of problems

    @property
    def ok(self) -> bool:
        """Every path named is a rule folder or file, and its folder loads."""
        return not (self.errors or self.elsewhere)

    @property
    def errors(self) -> int:
        return len(self.bad_paths) + len(self.diagnostics)

    @property
    def files_with_errors(self) -> int:
        return len(self.bad_paths) + len({d.span.file for d in self.diagnostics})


@dataclass(slots=True)
class _Folder:
    shown: str  # as the user typed it (or the bundled folder)
    files: set[Path] | None  # the files named, None for the whole folder


def _targets(paths: Iterable[str]) -> tuple[dict[Path, _Folder], list[tuple[str, str]]]:
    """Folders to compile (resolved path → what to keep), and problems with the paths."""
    folders: dict[Path, _Folder] = {}
    problems: list[tuple[str, str]] = []
    for typed in paths:
        path = Path(typed)
        if path.is_dir() and not _count_rule_files(path):
            problems.append(
                (
                    f"le dossier « {typed} » ne contient aucun fichier de règles ({RULE_SUFFIX})",
                    "indiquez le dossier des fichiers .cls, ou un de ces fichiers",
                )
            )
        elif path.is_dir():
            folders[path.resolve()] = _Folder(typed, None)
        elif path.is_file() and path.suffix == RULE_SUFFIX:
            parent = path.resolve().parent
            folder = folders.setdefault(parent, _Folder(str(path.parent), set()))
            if folder.files is not None:
                folder.files.add(path.resolve())
        elif path.exists():
            problems.append(
                (
                    f"« {typed} » n'est pas un fichier de règles ({RULE_SUFFIX})",
                    f"indiquez un dossier de règles ou un fichier {RULE_SUFFIX}",
                )
            )
        else:
            problems.append((f"« {typed} » est introuvable", "vérifiez le chemin indiqué"))
    return folders, problems


def _named(span_file: str, files: set[Path] | None) -> bool:
    """Whether a diagnostic belongs to the files named (the catalogue always does)."""
    if files is None or not span_file.endswith(RULE_SUFFIX):
        return True
    return Path(span_file).resolve() in files


def lint(paths: Sequence[str]) -> LintReport:
    """Check the rule folders and files named (none: the bundled rules)."""
    folders, bad_paths = _targets(paths or [str(rules_dir())])
    diagnostics: list[Diagnostic] = []
    sources: dict[str, str] = {}
    elsewhere: dict[str, int] = {}
    files = rules = 0
    for resolved, folder in folders.items():
        files += len(folder.files) if folder.files is not None else _count_rule_files(resolved)
        try:
            ir = compile_rule_files(Path(folder.shown))
        except RuleFileError as error:
            sources.update(error.sources)
            kept = [d for d in error.diagnostics if _named(d.span.file, folder.files)]
            diagnostics.extend(kept)
            if len(kept) < len(error.diagnostics):
                elsewhere[folder.shown] = len(error.diagnostics) - len(kept)
            continue
        rules += sum(1 for rule in ir.rules if _named(rule.span.file, folder.files))
    return LintReport(tuple(bad_paths), tuple(diagnostics), sources, files, rules, elsewhere)


def _count_rule_files(folder: Path) -> int:
    try:
        return sum(1 for p in folder.glob(f"*{RULE_SUFFIX}") if p.is_file())
    except OSError:
        return 0

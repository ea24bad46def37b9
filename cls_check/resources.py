"""Where the bundled rule files and grammar are.

A wheel carries ``rules/`` and ``grammar/`` inside the package (``cls_check/_data``, see
pyproject.toml); a source checkout or an editable install has them at the top of the
repository, where legal staff edit them. Look in the package first, then beside it.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cls-check est mal installé : dossier « {name} » introuvable")


def rules_dir() -> Path:
    """The folder of the bundled rule files (``*.cls``) and requirement catalogue."""
    return _data_dir("rules")


def grammar_file() -> Path:
    """The Lark grammar of the rule language."""
    return _data_dir("grammar") / "cls.lark"

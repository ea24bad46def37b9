"""Keeps the generated parts of ``docs/format.md`` equal to the model.

``docs/format.md`` is prose written by hand, with parts generated between two marker
comments: ``champs`` (every field at every level, from :mod:`cls_check.model.reference`)
and ``exemple`` (``fixtures/contrat-exemple.yaml`` as it is). This module rewrites those
parts and leaves the prose alone; ``tests/model/test_format_doc.py`` fails when the file
differs from what it would write.

The example is read from ``fixtures/`` beside the ``docs/`` folder of the file. Usage::

    python -m cls_check.model.format_doc docs/format.md          # rewrite the file
    python -m cls_check.model.format_doc --check docs/format.md  # exit 1 if out of date
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from cls_check.model.reference import FieldDoc, ObjectDoc, objects

__all__ = ["COMMAND", "regenerate"]

COMMAND = "python -m cls_check.model.format_doc docs/format.md"

_BLOCK = re.compile(
    r"(?P<begin><!-- début du texte généré « (?P<name>[a-z]+) »[^\n]*-->\n)"
    r"(?P<body>.*?)"
    r"(?P<end><!-- fin du texte généré « (?P=name) » -->)",
    re.DOTALL,
)


def begin_marker(name: str) -> str:
    """The comment that opens a generated part (the closing one: ``end_marker``)."""
    return f"<!-- début du texte généré « {name} » : ne pas modifier à la main, voir {COMMAND} -->"


def end_marker(name: str) -> str:
    return f"<!-- fin du texte généré « {name} » -->"


def regenerate(text: str, root: Path) -> str:
    """``text`` (the documentation) with each generated part written again; ``root``: the
    repository, where the example record is. Raises ValueError when a part is missing or
    unknown: the prose must keep a place for each."""
    example = root / "fixtures" / "contrat-exemple.yaml"
    generators: dict[str, Callable[[], str]] = {
        "champs": field_reference,
        "exemple": lambda: _yaml_block(example.read_text(encoding="utf-8")),
    }
    found = [match["name"] for match in _BLOCK.finditer(text)]
    unknown = sorted(set(found) - set(generators))
    missing = sorted(set(generators) - set(found))
    if unknown or missing:
        raise ValueError(f"generated parts unknown: {unknown}, missing: {missing}")
    return _BLOCK.sub(
        lambda m: begin_marker(m["name"]) + "\n" + generators[m["name"]]() + end_marker(m["name"]),
        text,
    )


def field_reference() -> str:
    """Every object of the record, a heading and a table of its fields each."""
    return "".join(_object_section(described) for described in objects())


def _object_section(described: ObjectDoc) -> str:
    title = f"`{described.path}`" if described.path else "Premier niveau"
    rows = "".join(_field_row(field) for field in described.fields)
    return (
        f"### {title}\n\n{described.description}\n\n"
        "| Champ | Type | Valeurs | `false` / `[]` | Description |\n"
        "|---|---|---|---|---|\n"
        f"{rows}\n"
    )


def _field_row(field: FieldDoc) -> str:
    values = ", ".join(f"`{value}`" for value in field.values) or "—"
    if field.known_none is None:
        states = "—"
    else:
        token, meaning = field.known_none
        states = f"`{token}` {meaning}"
    cells = (f"`{field.path}`", field.kind, values, states, field.description)
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |\n"


def _yaml_block(text: str) -> str:
    return f"```yaml\n{text.rstrip()}\n```\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [arg for arg in argv if arg != "--check"]
    if len(paths) != 1:
        print(f"usage: {COMMAND} [--check]", file=sys.stderr)
        return 2
    path = Path(paths[0])
    text = path.read_text(encoding="utf-8")
    expected = regenerate(text, path.resolve().parent.parent)
    if expected == text:
        return 0
    if check:
        print(f"{path} is out of date: run {COMMAND}", file=sys.stderr)
        return 1
    path.write_text(expected, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

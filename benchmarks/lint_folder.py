"""A synthetic rule folder of N requirements, for ``bench.py --lint``.

The bundled rules copied over and over, each copy of a requirement under a new id
(``SIG-01`` → ``SMAB-01``) with its catalogue entry: every rule is a real one, so the folder
is checked as thoroughly as the bundled rules are. Definitions shared between files are
written once (``partage.cls``); requirements go 1,000 to a file.
"""

from __future__ import annotations

import itertools
import re
import string
from pathlib import Path
from typing import Any

import yaml

from cls_check.resources import rules_dir

_REQUIREMENT = re.compile(r"^exigence (?P<id>[A-Z]{2,4}-\d{2,3})\b", re.MULTILINE)
PER_FILE = 1_000


class _NoAliases(yaml.SafeDumper):
    """Each entry written in full, as a person writes it (no ``*id001`` for a date)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _suffixes() -> list[str]:
    """AA, AB, … ZZ: 676 copies of each requirement at most."""
    return ["".join(p) for p in itertools.product(string.ascii_uppercase, repeat=2)]


def _blocks() -> tuple[str, list[tuple[str, str]]]:
    """The shared definitions of the bundled files, and each requirement's text."""
    shared: list[str] = []
    blocks: list[tuple[str, str]] = []
    for path in sorted(rules_dir().glob("*.cls")):
        text = path.read_text(encoding="utf-8")
        starts = [m.start() for m in _REQUIREMENT.finditer(text)]
        shared.append(text[: starts[0]] if starts else text)
        for start, end in itertools.pairwise([*starts, len(text)]):
            match = _REQUIREMENT.match(text, start)
            assert match is not None
            blocks.append((match["id"], text[start:end]))
    return "\n".join(shared), blocks


def write_folder(folder: Path, count: int) -> int:
    """Write ``count`` requirements (rules and catalogue) into ``folder``; the number of
    bytes written."""
    shared, blocks = _blocks()
    catalogue: dict[str, Any] = yaml.safe_load(
        (rules_dir() / "exigences.yaml").read_text(encoding="utf-8")
    )
    entries = {entry["id"]: entry for entry in catalogue["exigences"]}
    folder.mkdir(parents=True, exist_ok=True)
    written = (folder / "partage.cls").write_text(shared, encoding="utf-8")
    new_entries: list[dict[str, Any]] = []
    texts: list[str] = []
    # Two letters per theme (SIG → SA, PRI → PB, PRO → PC…), two per copy.
    themes = sorted({old.split("-")[0] for old, _ in blocks})
    short = {t: t[0] + string.ascii_uppercase[i] for i, t in enumerate(themes)}
    copies = itertools.product(_suffixes(), blocks)
    for suffix, (old, block) in itertools.islice(copies, count):
        prefix, number = old.split("-")
        new = f"{short[prefix]}{suffix}-{number}"
        texts.append(block.replace(f"exigence {old}", f"exigence {new}", 1))
        new_entries.append({**entries[old], "id": new})
    for index in range(0, len(texts), PER_FILE):
        path = folder / f"regles-{index // PER_FILE:03d}.cls"
        written += path.write_text("".join(texts[index : index + PER_FILE]), encoding="utf-8")
    dumped = yaml.dump(
        {**catalogue, "exigences": new_entries},  # the texts cited, declared as bundled
        Dumper=_NoAliases,
        allow_unicode=True,
        sort_keys=False,
    )
    written += (folder / "exigences.yaml").write_text(dumped, encoding="utf-8")
    return written

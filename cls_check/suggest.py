"""'Did you mean': the closest known name to a misspelt one.

Shared by the record loader (``signatiares`` → ``signataires``) and the rule-file checker
(``territoire.comunes`` → ``territoire.communes``). Names are compared without accents, case
or separators, so that ``prefet de police`` finds ``prefet_de_police``.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in bare.lower() if c.isalnum())


def closest(name: str, candidates: Iterable[str], cutoff: float = 0.75) -> str | None:
    """Return the candidate closest to ``name``, or None when none is close enough."""
    options = list(candidates)
    folded = _fold(name)
    for option in options:
        if _fold(option) == folded:
            return option
    by_fold = {_fold(option): option for option in options}
    match = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=cutoff)
    return by_fold[match[0]] if match else None

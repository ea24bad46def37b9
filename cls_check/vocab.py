"""The words of a check: verdicts, forces and statuses, as machines and as people read them.

Input: nothing — this module only names things. It sits at the bottom of the package so
that every layer (the rule language, the engines, the reports, the command line, the
specifications) speaks of a verdict with the same value and the same French word; nothing
here imports from ``cls_check``.

* The machine values (``satisfied``, ``obligation``, ``non_conforme``…) are those of the
  JSON report, a public interface: they never change.
* The French words are what a reader sees in every human report, what the French
  specifications write (« l'exigence SIG-01 est violée ») and what ``--only`` accepts
  (without accents: ``violee``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Literal

Verdict = Literal["satisfied", "violated", "unknown", "not_applicable", "waived"]
VERDICTS: tuple[Verdict, ...] = ("satisfied", "violated", "unknown", "not_applicable", "waived")
Force = Literal["obligation", "recommandation"]
FORCES: tuple[Force, ...] = ("obligation", "recommandation")
Status = Literal["conforme", "non_conforme", "incomplet", "invalide"]

VERDICT_LABELS: Mapping[Verdict, str] = {
    "satisfied": "satisfaite",
    "violated": "violée",
    "unknown": "inconnue",
    "not_applicable": "non applicable",
    "waived": "dérogée",
}
VERDICT_PLURALS: Mapping[Verdict, str] = {
    "satisfied": "satisfaites",
    "violated": "violées",
    "unknown": "inconnues",
    "not_applicable": "non applicables",
    "waived": "dérogées",
}
VERDICT_SYMBOLS: Mapping[Verdict, str] = {
    "violated": "✗",
    "unknown": "?",
    "satisfied": "✓",
    "not_applicable": "–",
    "waived": "≈",
}
#: The order in which a reader meets verdicts: gaps first, then the gaps an authority waived.
VERDICT_ORDER: tuple[Verdict, ...] = (
    "violated",
    "unknown",
    "waived",
    "satisfied",
    "not_applicable",
)
GAPS: frozenset[Verdict] = frozenset({"violated", "unknown"})

#: The verdict of a three-valued truth: Kleene's ``None`` is « unknown ».
VERDICT_OF_TRUTH: Mapping[bool | None, Verdict] = {
    True: "satisfied",
    False: "violated",
    None: "unknown",
}

#: The verdicts a rule can reach by itself (``waived`` comes from a reviewer's waiver), by
#: the words the French specifications use for them.
SPECIFICATION_WORDS: Mapping[str, Verdict] = {
    VERDICT_LABELS[verdict]: verdict for verdict in VERDICTS if verdict != "waived"
}


def _ascii_word(label: str) -> str:
    """« non applicable » → ``non_applicable``, « violée » → ``violee``: typed on a command line."""
    decomposed = unicodedata.normalize("NFKD", label)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(" ", "_")


#: The words a command-line option takes for a verdict: the report's values and their
#: French names without accents.
VERDICT_CHOICES: Mapping[str, Verdict] = {
    **{verdict: verdict for verdict in VERDICTS},
    **{_ascii_word(label): verdict for verdict, label in VERDICT_LABELS.items()},
}

STATUS_LABELS: Mapping[Status, str] = {
    "conforme": "conforme",
    "non_conforme": "non conforme",
    "incomplet": "incomplet (informations manquantes)",
    "invalide": "invalide (non vérifié)",
}
#: Singular and plural, for counts (« 3 non conformes »).
STATUS_COUNT_WORDS: Mapping[Status, tuple[str, str]] = {
    "conforme": ("conforme", "conformes"),
    "non_conforme": ("non conforme", "non conformes"),
    "incomplet": ("incomplet", "incomplets"),
    "invalide": ("invalide", "invalides"),
}
STATUS_ORDER: tuple[Status, ...] = ("conforme", "non_conforme", "incomplet", "invalide")

FORCE_LABELS: Mapping[Force, str] = {"obligation": "obligation", "recommandation": "recommandation"}
FORCE_PLURALS: Mapping[Force, str] = {
    "obligation": "obligations",
    "recommandation": "recommandations",
}

"""The shape of ``exigences.yaml``, as pydantic models, and its errors in French.

Input: the Python value of the YAML document. Output: a validated :class:`CatalogueModel`,
or :class:`pydantic.ValidationError` whose errors :func:`french_error` turns into a French
message and hint. The models check each field on its own (types, allowed values, date
format, unknown keys); what relates fields or entries to each other (a ``texte`` that the
catalogue declares, ``reference`` for a secondary source, unique ids) is checked by
:mod:`cls_check.dsl.catalogue`, which knows where each value is in the file.
"""

from __future__ import annotations

import datetime
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict

from cls_check.suggest import closest

__all__ = ["CatalogueModel", "EntryModel", "TextModel", "french_error", "normalise"]

#: How a requirement id is written, in the catalogue as in the rule files (grammar REQ_ID).
REQUIREMENT_ID = r"^[A-Z]{2,4}-\d{2,3}$"


def normalise(text: str) -> str:
    """NFC, whitespace collapsed: how a catalogue text and a rule text are compared."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _text(value: Any) -> Any:
    # An unquoted YAML number (« section: 1999 ») is text here; anything else is left to
    # the strict ``str`` check, which reports it.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return normalise(value) if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_text), Strict(), Field(min_length=1)]
Date = Annotated[datetime.date, Strict()]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TextModel(_Strict):
    """A text a requirement may cite: a circular, a décret…"""

    nom: Text
    date: Date
    aussi: tuple[Text, ...] = ()


class EntryModel(_Strict):
    """One requirement of the catalogue."""

    id: Annotated[str, Strict(), Field(pattern=REQUIREMENT_ID)]
    theme: Text
    section: Text | None = None
    texte: Annotated[str, Strict()] | Annotated[int, Strict()]
    force: Literal["obligation", "recommandation"]
    source: Literal["primaire", "secondaire"]
    reference: Text | None = None
    en_vigueur: Date
    titre: Text
    citation: Text
    verification: Text | None = None
    inconnu_si: Text | None = None
    applicable_si: Text | None = None


class CatalogueModel(BaseModel):
    """Other top-level keys are ignored: they may hold YAML anchors shared by entries."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    textes: dict[Annotated[str, Strict()], TextModel] = {}
    exigences: tuple[EntryModel, ...]


_FIELD_HINTS = {
    "force": "les forces possibles sont « obligation » et « recommandation »",
    "source": "indiquez « primaire » (texte lu) ou « secondaire » (citation rapportée "
    "par une autre source, que « reference » nomme)",
    "en_vigueur": "écrivez la date sous la forme AAAA-MM-JJ (par exemple 1997-10-30)",
    "date": "écrivez la date sous la forme AAAA-MM-JJ (par exemple 1997-10-28)",
    "id": "écrivez l'identifiant en majuscules, un tiret et deux ou trois chiffres "
    "(par exemple SIG-07)",
    "texte": "indiquez l'identifiant d'un texte déclaré sous « textes » "
    "(circulaire-1997…) ou 1997, 1999 pour les deux circulaires",
}
_FIELDS = {
    "exigences": tuple(EntryModel.model_fields),
    "textes": tuple(TextModel.model_fields),
    "": tuple(CatalogueModel.model_fields),
}
_FEMININE = {"force", "source", "reference", "citation", "section", "date"}


def _label(loc: tuple[int | str, ...], entry: Any) -> str:
    """« exigence « SIG-01 » », « texte « circulaire-1997 » » or « le catalogue »."""
    if loc[:1] == ("exigences",) and len(loc) >= 2:
        ident = entry.get("id") if isinstance(entry, dict) else None
        return f"exigence « {ident} »" if isinstance(ident, str) and ident else "exigence"
    if loc[:1] == ("textes",) and len(loc) >= 2:
        return f"texte « {loc[1]} »"
    return "le catalogue"


def french_error(error: Any, entry: Any) -> tuple[str, str | None]:
    """The message and hint of one pydantic error (``entry``: the raw requirement or text
    the error is in, to name it)."""
    loc: tuple[int | str, ...] = tuple(error["loc"])
    if loc and loc[-1] in ("str", "int"):  # a member of a union (« texte »)
        loc = loc[:-1]
    kind: str = error["type"]
    label = _label(loc, entry)
    field = str(loc[-1]) if loc else ""
    if len(loc) >= 4 and loc[-2] == "aussi":
        field = "aussi"
    value = error.get("input")
    scope = str(loc[0]) if len(loc) >= 3 else ""
    if kind == "missing":
        if not scope and field == "exigences":
            return (
                "le catalogue doit contenir une liste « exigences »",
                "écrivez « exigences: » puis une entrée « - id: … » par exigence",
            )
        return f"{label} sans champ « {field} » dans le catalogue", None
    if kind == "extra_forbidden":
        known = _FIELDS.get(scope, _FIELDS[""])
        suggestion = closest(field, known)
        hint = (
            f"vouliez-vous dire « {suggestion} » ?"
            if suggestion
            else "les champs possibles sont : " + ", ".join(known)
        )
        if label == "le catalogue":
            return f"clé « {field} » inconnue dans le catalogue", hint
        return f"{label} : champ « {field} » inconnu dans le catalogue", hint
    if kind == "literal_error":
        unknown = "inconnue" if field in _FEMININE else "inconnu"
        return f"{label} : {field} « {value} » {unknown} dans le catalogue", _FIELD_HINTS.get(field)
    if kind.startswith("date"):
        return f"{label} : date « {value} » incorrecte ({field})", _FIELD_HINTS.get(field)
    if kind == "string_pattern_mismatch":
        return f"{label} : identifiant « {value} » incorrect", _FIELD_HINTS["id"]
    if kind == "string_too_short":
        return f"{label} : le champ « {field} » est vide", None
    if kind in ("string_type", "str_type"):
        return f"{label} : le champ « {field} » doit être un texte", None
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if not loc:
            return "le catalogue doit être une table avec une clé « exigences »", None
        if scope == "" and loc[0] == "exigences" and len(loc) == 2:
            return "chaque exigence du catalogue doit être une table (« - id: … »)", None
        if loc[0] == "textes" and len(loc) == 2:
            return f"{label} doit être une table (nom, date)", None
        return f"le champ « {field} » doit être une table", None
    if kind in ("tuple_type", "list_type"):
        if loc == ("exigences",):
            return (
                "le catalogue doit contenir une liste « exigences »",
                "écrivez « exigences: » puis une entrée « - id: … » par exigence",
            )
        return f"{label} : le champ « {field} » doit être une liste", None
    if kind in ("int_type", "union_tag_invalid") or field == "texte":
        return f"{label} : texte « {value} » inconnu dans le catalogue", _FIELD_HINTS["texte"]
    return f"{label} : le champ « {field} » est incorrect ({error.get('msg', kind)})", None

"""The requirement catalogue (``exigences.yaml``) as frozen data.

Input: the text of ``exigences.yaml`` (bundled in ``rules/``, or beside a rule folder).
Output: a :class:`Catalogue` of :class:`Exigence` entries, in file order.

Invariants: ids are unique; ``force`` is ``obligation`` or ``recommandation``; ``texte`` is
1997 or 1999; ``en_vigueur`` is a date. A catalogue that breaks them is not loaded:
:func:`parse_catalogue` raises :class:`CatalogueError` with one :class:`Diagnostic` per
problem (code ``CLS250``), each pointing at the line of ``exigences.yaml`` concerned.

The YAML is read with ``yaml.safe_load`` semantics (no Python objects, no code).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import yaml

from cls_check.dsl.limits import BoundedYamlLoader, YamlLimitError
from cls_check.errors import Diagnostic, Span
from cls_check.ir.nodes import Force

__all__ = [
    "CATALOGUE_FILE",
    "Catalogue",
    "CatalogueError",
    "Exigence",
    "parse_catalogue",
]

#: The catalogue's file name, in a rule folder and in the bundled rules.
CATALOGUE_FILE = "exigences.yaml"

_FORCES: tuple[Force, ...] = ("obligation", "recommandation")
_TEXTES = (1997, 1999)


@dataclass(frozen=True, slots=True)
class Exigence:
    """One requirement of the circular, as the catalogue states it."""

    id: str
    theme: str
    section: str
    texte: int  # 1997 or 1999: which circular
    force: Force
    en_vigueur: datetime.date
    titre: str
    citation: str
    source: Literal["primaire", "secondaire"] | None = None
    verification: str | None = None
    applicable_si: str | None = None
    inconnu_si: str | None = None
    # Where the entry starts in the catalogue file (for diagnostics that quote it).
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The requirements, in file order, looked up by id."""

    exigences: tuple[Exigence, ...]
    file: str = CATALOGUE_FILE
    _by_id: Mapping[str, Exigence] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {e.id: e for e in self.exigences})

    def get(self, requirement_id: str) -> Exigence | None:
        return self._by_id.get(requirement_id)

    def __contains__(self, requirement_id: object) -> bool:
        return requirement_id in self._by_id

    def __iter__(self) -> Iterator[Exigence]:
        return iter(self.exigences)

    def __len__(self) -> int:
        return len(self.exigences)

    def ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.exigences)


class CatalogueError(Exception):
    """The catalogue could not be loaded; ``diagnostics`` says why."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...]):
        self.diagnostics = diagnostics
        super().__init__(f"{len(diagnostics)} erreur(s) dans le catalogue des exigences")

    def __reduce__(self) -> tuple[type[CatalogueError], tuple[object, ...]]:
        return (CatalogueError, (self.diagnostics,))


# A value that could not be read, already reported: it fails every check that follows.
_UNREADABLE = object()


def _excerpt(node: yaml.Node) -> str:
    value = str(node.value) if isinstance(node, yaml.ScalarNode) else "…"
    return value if len(value) <= 30 else value[:29] + "…"


def _span(file: str, node: yaml.Node) -> Span:
    start, end = node.start_mark, node.end_mark
    if end.line > start.line:  # a block value: point at its first line only
        return Span(file, start.line + 1, start.column + 1, start.line + 1, start.column + 2)
    return Span(file, start.line + 1, start.column + 1, end.line + 1, max(end.column, 1) + 1)


class _Reader:
    """Builds the entries from the composed YAML tree, collecting every problem."""

    def __init__(self, file: str):
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self._loader = yaml.SafeLoader("")

    def error(self, where: yaml.Node | Span, message: str, hint: str | None = None) -> None:
        span = where if isinstance(where, Span) else _span(self.file, where)
        self.diagnostics.append(Diagnostic("CLS250", message, span, hint))

    def value(self, node: yaml.Node) -> Any:
        try:
            return self._loader.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError):  # 1999-02-30, 5,000 digits…
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.error(
                    node,
                    f"date « {_excerpt(node)} » impossible dans le catalogue",
                    "écrivez une date qui existe, sous la forme AAAA-MM-JJ (par exemple "
                    "1997-10-30)",
                )
            else:
                self.error(node, f"valeur « {_excerpt(node)} » illisible dans le catalogue")
            return _UNREADABLE

    def entries(self, root: yaml.Node | None) -> tuple[Exigence, ...]:
        if not isinstance(root, yaml.MappingNode):
            where = root if root is not None else Span(self.file, 1, 1, 1, 2)
            self.error(where, "le catalogue doit être une table avec une clé « exigences »")
            return ()
        sequence: yaml.Node | None = None
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "exigences":
                sequence = value
        if not isinstance(sequence, yaml.SequenceNode):
            self.error(
                sequence or root,
                "le catalogue doit contenir une liste « exigences »",
                "écrivez « exigences: » puis une entrée « - id: … » par exigence",
            )
            return ()
        found: dict[str, Exigence] = {}
        result: list[Exigence] = []
        for item in sequence.value:
            entry = self.entry(item)
            if entry is None:
                continue
            if entry.id in found:
                self.error(item, f"exigence « {entry.id} » décrite deux fois dans le catalogue")
                continue
            found[entry.id] = entry
            result.append(entry)
        return tuple(result)

    def entry(self, node: yaml.Node) -> Exigence | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, "chaque exigence du catalogue doit être une table (« - id: … »)")
            return None
        values: dict[str, Any] = {}
        nodes: dict[str, yaml.Node] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                nodes[key.value] = value
                values[key.value] = self.value(value)
        if any(v is _UNREADABLE for v in values.values()):
            return None  # reported; the rest of the entry would only repeat it
        before = len(self.diagnostics)

        def text(name: str, required: bool = True) -> str | None:
            raw = values.get(name)
            if raw is None:
                if required:
                    who = f"exigence « {values['id']} »" if values.get("id") else "exigence"
                    self.error(node, f"{who} sans champ « {name} » dans le catalogue")
                return None
            if not isinstance(raw, str | int):
                self.error(nodes[name], f"le champ « {name} » doit être un texte")
                return None
            return " ".join(str(raw).split())

        ident = text("id")
        theme = text("theme")
        section = text("section")
        titre = text("titre")
        citation = text("citation")
        label = f"exigence « {ident} »" if ident else "exigence"
        force = values.get("force")
        if "force" not in values:
            self.error(node, f"{label} sans champ « force » dans le catalogue")
        elif force not in _FORCES:
            self.error(
                nodes["force"],
                f"{label} : force « {force} » inconnue dans le catalogue",
                "les forces possibles sont « obligation » et « recommandation »",
            )
        texte = values.get("texte")
        if "texte" not in values:
            self.error(node, f"{label} sans champ « texte » dans le catalogue")
        elif isinstance(texte, bool) or texte not in _TEXTES:
            self.error(
                nodes["texte"],
                f"{label} : texte « {texte} » inconnu dans le catalogue",
                "indiquez 1997 ou 1999 (l'année de la circulaire)",
            )
        en_vigueur = values.get("en_vigueur")
        if "en_vigueur" not in values:
            self.error(node, f"{label} sans champ « en_vigueur » dans le catalogue")
        elif not isinstance(en_vigueur, datetime.date) or isinstance(en_vigueur, datetime.datetime):
            self.error(
                nodes["en_vigueur"],
                f"{label} : date d'entrée en vigueur « {en_vigueur} » incorrecte",
                "écrivez la date sous la forme AAAA-MM-JJ (par exemple 1997-10-30)",
            )
        source = values.get("source")
        if source not in (None, "primaire", "secondaire"):
            self.error(
                nodes["source"],
                f"{label} : source « {source} » inconnue dans le catalogue",
                "indiquez « primaire » ou « secondaire »",
            )
        if len(self.diagnostics) > before:
            return None
        assert ident and theme and section and titre and citation is not None
        assert isinstance(texte, int) and isinstance(en_vigueur, datetime.date)
        return Exigence(
            id=ident,
            theme=theme,
            section=section,
            texte=int(texte),
            force=cast(Force, force),
            en_vigueur=en_vigueur,
            titre=titre,
            citation=citation,
            source=cast(Literal["primaire", "secondaire"] | None, source),
            verification=text("verification", required=False),
            applicable_si=text("applicable_si", required=False),
            inconnu_si=text("inconnu_si", required=False),
            span=_span(self.file, node),
        )


def parse_catalogue(text: str, file: str = CATALOGUE_FILE) -> Catalogue:
    """Read the catalogue; raise :class:`CatalogueError` listing every problem."""
    reader = _Reader(file)
    try:
        root = yaml.compose(text, Loader=BoundedYamlLoader)
    except YamlLimitError as error:
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        span = Span(file, line, column, line, column + 1)
        hint = "écrivez chaque exigence en entier, sans alias ni imbrication"
        raise CatalogueError((Diagnostic("CLS250", str(error.problem), span, hint),)) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        span = Span(file, line, column, line, column + 1)
        message = f"le catalogue n'est pas un YAML valide : {error.problem or error}"
        raise CatalogueError((Diagnostic("CLS250", message, span),)) from None
    except yaml.YAMLError as error:
        span = Span(file, 1, 1, 1, 2)
        message = f"le catalogue n'est pas un YAML valide : {error}"
        raise CatalogueError((Diagnostic("CLS250", message, span),)) from None
    entries = reader.entries(root)
    if reader.diagnostics:
        raise CatalogueError(tuple(reader.diagnostics))
    return Catalogue(entries, file)

"""The requirement catalogue (``exigences.yaml``) as frozen data.

Input: the text of ``exigences.yaml`` (bundled in ``rules/``, or beside a rule folder).
Output: a :class:`Catalogue` of :class:`Exigence` entries, in file order, and the texts
(:class:`Document`) they cite.

The catalogue is the single source of a requirement's metadata: title, section, quote,
cited text, primary or secondary source, force and date of entry into force. A rule file
may repeat them (legal staff like reading the quote beside the rule); the checker then
requires them to agree with the catalogue.

Schema (validated by the pydantic models of :mod:`cls_check.dsl.catalogue_schema`)::

    textes:                        # optional: the texts requirements may cite
      circulaire-1998:
        nom: circulaire du 2 octobre 1998     # how reports name it
        date: 1998-10-02
        aussi: [circulaire de 1998]           # other names a rule file may use
    exigences:
    - id: SUI-05
      texte: circulaire-1998       # a text of « textes »; 1997 and 1999 name the circulars
      section: IV-2                # optional: absent when the text is cited as a whole
      source: primaire             # or secondaire, with « reference: » (who reports it)
      ...

The circulars of 28 October 1997 and 7 June 1999 are always known (:data:`DEFAULT_TEXTS`);
``textes`` adds to them. A catalogue that breaks the schema is not loaded:
:func:`parse_catalogue` raises :class:`CatalogueError` with one :class:`Diagnostic` per
problem (code ``CLS250``), each pointing at the line of ``exigences.yaml`` concerned.

The YAML is read with ``yaml.safe_load`` semantics (no Python objects, no code).
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import pydantic
import yaml

from cls_check.codes import Code
from cls_check.dsl.catalogue_schema import CatalogueModel, EntryModel, french_error
from cls_check.dsl.limits import BoundedYamlLoader, YamlLimitError
from cls_check.dsl.read import CATALOGUE_FILE
from cls_check.errors import Diagnostic, Span
from cls_check.ir.nodes import Force

__all__ = [
    "CATALOGUE_FILE",
    "DEFAULT_TEXTS",
    "Catalogue",
    "CatalogueError",
    "Document",
    "Exigence",
    "parse_catalogue",
    "text_id",
]

SourceKind = Literal["primaire", "secondaire"]


def fold_name(name: str) -> str:
    """How the name of a text is compared: no accents, no case, one kind of apostrophe."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().split())


@dataclass(frozen=True, slots=True)
class Document:
    """A text requirements cite: ``circulaire-1997`` is « circulaire du 28 octobre 1997 »."""

    id: str
    name: str
    date: datetime.date
    aliases: tuple[str, ...] = ()

    @property
    def year(self) -> int:
        return self.date.year

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


DEFAULT_TEXTS: tuple[Document, ...] = (
    Document(
        "circulaire-1997",
        "circulaire du 28 octobre 1997",
        datetime.date(1997, 10, 28),
        ("circulaire de 1997",),
    ),
    Document(
        "circulaire-1999",
        "circulaire du 7 juin 1999",
        datetime.date(1999, 6, 7),
        ("circulaire de 1999",),
    ),
)
# ``texte: 1997`` and ``texte: 1999``, as catalogues wrote them before texts had ids.
_YEAR_IDS = {1997: "circulaire-1997", 1999: "circulaire-1999"}


def text_id(texte: str | int) -> str:
    """The id a ``texte:`` value names: ``1997`` is ``circulaire-1997``."""
    return _YEAR_IDS.get(texte, str(texte)) if isinstance(texte, int) else texte


@dataclass(frozen=True, slots=True)
class Exigence:
    """One requirement, as the catalogue states it."""

    id: str
    theme: str
    section: str  # "" when the text is cited as a whole
    document: Document
    force: Force
    en_vigueur: datetime.date
    titre: str
    citation: str
    source: SourceKind
    reference: str | None = None  # for a secondary source: where the quote comes from
    verification: str | None = None
    applicable_si: str | None = None
    inconnu_si: str | None = None
    # Where the entry starts in the catalogue file (for diagnostics that point at it).
    span: Span | None = field(default=None, compare=False)

    @property
    def year(self) -> int:
        """The year of the cited text (1997, 1999 for the two circulars)."""
        return self.document.year


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The requirements, in file order, looked up by id; the texts they cite."""

    exigences: tuple[Exigence, ...]
    file: str = CATALOGUE_FILE
    documents: tuple[Document, ...] = DEFAULT_TEXTS
    _by_id: Mapping[str, Exigence] = field(init=False, repr=False, compare=False)
    _by_name: Mapping[str, Document] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {e.id: e for e in self.exigences})
        names = {fold_name(n): d for d in self.documents for n in d.names()}
        object.__setattr__(self, "_by_name", names)

    def get(self, requirement_id: str) -> Exigence | None:
        return self._by_id.get(requirement_id)

    def document_named(self, name: str) -> Document | None:
        """The text a rule file names (« circulaire de 1997 », « décret n° 97-1007 »)."""
        return self._by_name.get(fold_name(name))

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


# A value that could not be read, already reported: its field's own checks are skipped.
_UNREADABLE = object()


def _excerpt(node: yaml.Node) -> str:
    value = str(node.value) if isinstance(node, yaml.ScalarNode) else "…"
    return value if len(value) <= 30 else value[:29] + "…"


def _span(file: str, node: yaml.Node) -> Span:
    start, end = node.start_mark, node.end_mark
    if end.line > start.line:  # a block value: point at its first line only
        return Span(file, start.line + 1, start.column + 1, start.line + 1, start.column + 2)
    return Span(file, start.line + 1, start.column + 1, end.line + 1, max(end.column, 1) + 1)


def _child(node: yaml.Node, key: int | str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                return cast(yaml.Node, v)
    elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return cast(yaml.Node, node.value[key])
    return None


def _key_node(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k
    return None


def _node_at(root: yaml.Node, loc: tuple[int | str, ...], key: bool = False) -> yaml.Node:
    """The deepest node of ``loc`` the file has (the entry, for a missing field); with
    ``key``, the key of the last step (for an unknown field)."""
    node = root
    for index, step in enumerate(loc):
        if key and index == len(loc) - 1:
            return _key_node(node, str(step)) or node
        child = _child(node, step)
        if child is None:
            return node
        node = child
    return node


def _raw(value: Any, loc: tuple[int | str, ...]) -> Any:
    """The raw YAML value of the entry an error is in (to name it in the message)."""
    if len(loc) >= 2 and isinstance(value, dict):
        group = value.get(loc[0])
        if isinstance(group, list) and isinstance(loc[1], int) and loc[1] < len(group):
            return group[loc[1]]
        if isinstance(group, dict):
            return group.get(loc[1])
    return None


class _Reader:
    """Validates the composed YAML tree, collecting every problem with its place."""

    def __init__(self, file: str, root: yaml.Node):
        self.file = file
        self.root = root
        self.diagnostics: list[Diagnostic] = []
        self._loader = yaml.SafeLoader("")

    def error(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(
            Diagnostic(Code.INVALID_CATALOGUE, message, _span(self.file, node), hint)
        )

    def value(self, node: yaml.Node) -> Any:
        """The Python value of a node; a scalar that cannot be built (1999-02-30, a number
        of 5,000 digits…) is reported and becomes :data:`_UNREADABLE`."""
        if isinstance(node, yaml.MappingNode):
            return {self.value(k): self.value(v) for k, v in node.value}
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item) for item in node.value]
        try:
            return self._loader.construct_object(node, deep=True)
        except (ValueError, OverflowError, TypeError, yaml.YAMLError):
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

    def read(self) -> tuple[tuple[Exigence, ...], tuple[Document, ...]]:
        try:
            value = self.value(self.root)
        except TypeError:  # a mapping or a list used as a key
            self.error(self.root, "le catalogue contient une clé qui n'est pas un texte")
            return (), ()
        try:
            model = CatalogueModel.model_validate(value)
        except pydantic.ValidationError as error:
            for item in error.errors():
                if item.get("input") is _UNREADABLE:
                    continue  # already reported
                loc = tuple(item["loc"])
                message, hint = french_error(item, _raw(value, loc))
                node = _node_at(self.root, loc, key=item["type"] == "extra_forbidden")
                self.error(node, message, hint)
            return (), ()
        documents = self.documents(model)
        by_id = {d.id: d for d in documents}
        entries: list[Exigence] = []
        seen: set[str] = set()
        for index, entry in enumerate(model.exigences):
            node = _node_at(self.root, ("exigences", index))
            if entry.id in seen:
                self.error(node, f"exigence « {entry.id} » décrite deux fois dans le catalogue")
                continue
            seen.add(entry.id)
            built = self.entry(entry, node, by_id)
            if built is not None:
                entries.append(built)
        return tuple(entries), documents

    def documents(self, model: CatalogueModel) -> tuple[Document, ...]:
        declared = {
            ident: Document(ident, text.nom, text.date, text.aussi)
            for ident, text in model.textes.items()
        }
        documents = {d.id: d for d in DEFAULT_TEXTS} | declared
        owner: dict[str, str] = {}
        for document in documents.values():
            for name in document.names():
                other = owner.setdefault(fold_name(name), document.id)
                if other != document.id:
                    self.error(
                        _node_at(self.root, ("textes", document.id)),
                        f"le nom « {name} » désigne deux textes : {other} et {document.id}",
                        "chaque nom (« nom » ou « aussi ») ne désigne qu'un texte",
                    )
        return tuple(documents.values())

    def entry(
        self, entry: EntryModel, node: yaml.Node, documents: Mapping[str, Document]
    ) -> Exigence | None:
        label = f"exigence « {entry.id} »"
        texte = entry.texte
        document = documents.get(text_id(texte))
        if document is None:
            self.error(
                _node_at(node, ("texte",)),
                f"{label} : texte « {texte} » inconnu dans le catalogue",
                "indiquez l'un des textes déclarés sous « textes » ("
                + ", ".join(documents)
                + ") ; 1997 et 1999 désignent les deux circulaires",
            )
        if entry.source == "secondaire" and entry.reference is None:
            self.error(
                _node_at(node, ("source",)),
                f"{label} : source secondaire sans « reference »",
                "une citation de seconde main dit d'où elle vient : ajoutez par exemple "
                "« reference: ASH n° 2043 »",
            )
        if document is None or (entry.source == "secondaire" and entry.reference is None):
            return None
        return Exigence(
            id=entry.id,
            theme=entry.theme,
            section=entry.section or "",
            document=document,
            force=entry.force,
            en_vigueur=entry.en_vigueur,
            titre=entry.titre,
            citation=entry.citation,
            source=entry.source,
            reference=entry.reference,
            verification=entry.verification,
            applicable_si=entry.applicable_si,
            inconnu_si=entry.inconnu_si,
            span=_span(self.file, node),
        )


def parse_catalogue(text: str, file: str = CATALOGUE_FILE) -> Catalogue:
    """Read the catalogue; raise :class:`CatalogueError` listing every problem."""
    try:
        root = yaml.compose(text, Loader=BoundedYamlLoader)
    except YamlLimitError as error:
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        span = Span(file, line, column, line, column + 1)
        hint = "écrivez chaque exigence en entier, sans alias ni imbrication"
        raise CatalogueError(
            (Diagnostic(Code.INVALID_CATALOGUE, str(error.problem), span, hint),)
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        span = Span(file, line, column, line, column + 1)
        message = f"le catalogue n'est pas un YAML valide : {error.problem or error}"
        raise CatalogueError((Diagnostic(Code.INVALID_CATALOGUE, message, span),)) from None
    except yaml.YAMLError as error:
        span = Span(file, 1, 1, 1, 2)
        message = f"le catalogue n'est pas un YAML valide : {error}"
        raise CatalogueError((Diagnostic(Code.INVALID_CATALOGUE, message, span),)) from None
    if root is None:
        span = Span(file, 1, 1, 1, 2)
        message = "le catalogue est vide : il doit contenir une liste « exigences »"
        raise CatalogueError((Diagnostic(Code.INVALID_CATALOGUE, message, span),))
    reader = _Reader(file, root)
    entries, documents = reader.read()
    if reader.diagnostics:
        diagnostics = sorted(reader.diagnostics, key=lambda d: (d.span.line, d.span.column))
        raise CatalogueError(tuple(diagnostics))
    return Catalogue(entries, file, documents)

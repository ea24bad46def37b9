"""Parsing a YAML record with the *safe* loader: the data, or a :class:`RecordError` in French.

Input: the text and the display name of its file. Output: the data and its node tree
(:class:`~cls_check.model.lines.Tree`, for line numbers), with the repeated keys found
(errors, both lines). A record never constructs Python objects; alias bombs are refused
before anything is built; a syntax error is read again with the pure-Python parser, whose
English messages are translated here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cls_check.errors import Problem, RecordError
from cls_check.model import safety, yaml_build, yaml_safety
from cls_check.model.lines import PathPart, Tree, usual_first
from cls_check.model.prepare import DATE_PATTERN
from cls_check.model.safety import path_text, short
from cls_check.model.yaml_lines import read_block_yaml

__all__ = ["parse_yaml"]

_YAML_MESSAGES: tuple[tuple[str, str], ...] = (
    (
        r"mapping values are not allowed here",
        "« : » inattendu : une valeur qui contient « : » doit être entre guillemets, "
        "ou l'indentation est incorrecte",
    ),
    (
        r"could not find expected ':'",
        "« : » attendu : une clé sans valeur, ou une ligne mal indentée ?",
    ),
    (
        r"found character '\\t' that cannot start any token",
        "tabulation interdite : indentez avec des espaces",
    ),
    (
        r"found character '(.*)' that cannot start any token",
        "caractère « \\1 » interdit en début de valeur : mettez la valeur entre guillemets",
    ),
    (r"found undefined alias '(.*)'", "alias « *\\1 » non défini"),
    (r"found unhashable key", "une clé doit être un nom, pas une liste ni une table"),
    (
        r"could not determine a constructor for the tag '(.*)'",
        "étiquette « \\1 » non autorisée : un enregistrement ne contient que des textes, "
        "nombres, booléens, dates, listes et tables",
    ),
    (r"expected <block end>", "indentation incohérente, ou élément en trop"),
    (r"did not find expected key", "indentation incohérente (clé attendue)"),
    (r"did not find expected '-' indicator", "indentation incohérente (« - » attendu)"),
    (
        r"found unknown escape character '(.*)'",
        "séquence « \\\\\\1 » inconnue dans un texte entre guillemets doubles : doublez la barre "
        "oblique inverse, ou utilisez des guillemets simples",
    ),
    (r"expected ',' or '\]'", "« , » ou « ] » attendu (crochet non fermé ?)"),
    (r"expected ',' or '\}'", "« , » ou « } » attendu (accolade non fermée ?)"),
    (r"found incompatible YAML document", "version de YAML non prise en charge (YAML 1.1 attendu)"),
    (r"expected the node content", "valeur attendue"),
    (
        r"expected '<document start>'",
        "contenu en trop après l'enregistrement : une seule table est attendue au premier "
        "niveau (indentation ?)",
    ),
    (r"found unexpected document separator", "« --- » ou « ... » inattendu ici"),
    (r"mapping keys are not allowed here", "clé inattendue : l'indentation est incorrecte"),
    (r"sequence entries are not allowed here", "« - » inattendu : l'indentation est incorrecte"),
    (r"invalid indentation or unclosed", "indentation incohérente, ou crochet non fermé"),
    (
        r"expected alphabetic or numeric character",
        "nom d'ancre ou d'alias (&nom, *nom) invalide : si « & » ou « * » fait partie du "
        "texte, mettez-le entre guillemets",
    ),
    (
        r"expected escape sequence of",
        "séquence d'échappement incomplète : chiffres hexadécimaux attendus après "
        "« x », « u » ou « U »",
    ),
    (r"expected a comment or a line break", "caractère en trop en fin de ligne"),
    (
        r"expected (chomping|indentation indicator)",
        "indicateur de bloc (« | » ou « > ») mal formé",
    ),
    (
        r"expected a mapping( or list of mappings)? for merging",
        "« << » doit désigner une table, ou une liste de tables",
    ),
    (
        r"(found undefined tag handle|found non-specific tag|expected URI|expected '[>!]')",
        "étiquette (« ! ») invalide : si « ! » fait partie du texte, mettez-le entre guillemets",
    ),
    (r"(found duplicate|expected a digit|expected ' ')", "directive YAML (« % ») invalide"),
)
#: When no translation above applies: never the parser's English.
_YAML_FALLBACK = "structure incorrecte à cet endroit (indentation, ponctuation ou guillemets ?)"


_TOO_MANY_ALIASES = (
    "trop d'alias (*nom) : le fichier représenterait plus de "
    f"{yaml_safety.MAX_EXPANDED_VALUES:,} valeurs".replace(",", "\u202f")
)


def parse_yaml(text: str, file: str) -> tuple[Any, Tree]:
    """Line by line when the record is written as records usually are (a fifth of
    libyaml's time: :mod:`~cls_check.model.yaml_lines`), its node tree composed only if a
    problem needs a line; otherwise libyaml when it is there (ten times faster than
    PyYAML's parser); on a syntax error, the pure-Python parser again, whose error messages
    the French translations below are written for."""
    return usual_first(text, file, read_block_yaml, read_with_libyaml)


def read_with_libyaml(text: str, file: str) -> tuple[Any, Tree]:
    """The reference reading: libyaml's node tree, then the data (repeated keys noted)."""
    loader: yaml.SafeLoader | None = None
    try:
        loader = yaml_safety.RecordYamlLoader(text)
        return _build(loader, text, file)
    except yaml.MarkedYAMLError as error:
        if "maximum nesting depth" in (error.problem or ""):
            mark = error.problem_mark
            raise RecordError(
                file, (Problem(safety.TOO_DEEP, line=mark.line + 1 if mark else None),)
            ) from None
    except yaml.YAMLError:  # read again below, for a precise message
        pass
    finally:
        if loader is not None:
            loader.dispose()
    return _parse_yaml_slowly(text, file)


def _build(loader: yaml.SafeLoader, text: str, file: str) -> tuple[Any, Tree]:
    """Compose, refuse alias bombs before anything is built, construct. Syntax errors
    (``yaml.YAMLError``) are left to the caller."""
    try:
        root = loader.get_single_node()
        if root is not None and "*" in text and yaml_safety.expands_beyond(root):
            raise RecordError(file, (Problem(_TOO_MANY_ALIASES),))
        data, duplicates = (None, []) if root is None else _construct(loader, root)
    except RecursionError:
        raise RecordError(file, (Problem(safety.TOO_DEEP),)) from None
    except (yaml.YAMLError, RecordError):
        raise
    except Exception as error:  # a scalar the safe constructor cannot build
        raise RecordError(file, (_bad_scalar(root, error),)) from None
    return data, Tree.of(root, yaml_safety.duplicate_problems(duplicates, root))


def _construct(loader: yaml.SafeLoader, root: Node) -> tuple[Any, list[yaml_build.Duplicate]]:
    """The data and the repeated keys: in one pass when the tree is usual, otherwise with
    PyYAML's constructor (merge keys, tags, errors…), which notes them in the loader."""
    try:
        return yaml_build.build(loader, root)
    except yaml_build.Unusual:
        data = loader.construct_document(root)
        duplicates: list[yaml_build.Duplicate] = getattr(loader, "duplicates", [])
        return data, duplicates


def _parse_yaml_slowly(text: str, file: str) -> tuple[Any, Tree]:
    loader: yaml.SafeLoader | None = None
    try:
        loader = yaml_safety.SlowRecordYamlLoader(text)
        return _build(loader, text, file)
    except yaml.MarkedYAMLError as error:
        raise RecordError(file, (_yaml_problem(error),)) from None
    except yaml.YAMLError as error:  # the reader: a character YAML does not allow
        raise RecordError(file, (_reader_problem(error, text),)) from None
    finally:
        if loader is not None:
            loader.dispose()


def _yaml_problem(error: yaml.MarkedYAMLError) -> Problem:
    problem, context = error.problem or "", error.context or ""
    problem = problem.replace("tag:yaml.org,2002:", "!!")
    if context.startswith("expected a single document"):
        detail = (
            "le fichier contient plusieurs documents YAML (séparés par « --- ») ; "
            "un seul enregistrement est attendu par fichier"
        )
    elif context.startswith("found duplicate anchor"):
        detail = "ancre (&nom) définie deux fois"
    elif "quoted scalar" in context and "end of stream" in problem:
        detail = "texte entre guillemets non terminé (guillemet fermant manquant)"
    elif "<stream end>" in problem or "end of stream" in problem:
        detail = "fin de fichier inattendue : crochet, accolade ou guillemet non fermé ?"
    else:
        detail = _YAML_FALLBACK
        for pattern, french in _YAML_MESSAGES:
            match = re.match(pattern, problem)
            if match:
                detail = match.expand(french)
                break
    mark = error.problem_mark or error.context_mark
    return Problem(
        f"syntaxe YAML invalide : {detail}",
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )


def _reader_problem(error: yaml.YAMLError, text: str) -> Problem:
    position = getattr(error, "position", None)
    character = getattr(error, "character", None)
    line = column = None
    if isinstance(position, int):
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
    if isinstance(character, str) and len(character) == 1:
        character = ord(character)
    what = f" U+{character:04X}" if isinstance(character, int) else ""
    return Problem(f"caractère{what} non autorisé dans un fichier YAML", line=line, column=column)


def _bad_scalar(root: Node | None, error: Exception) -> Problem:
    """Find the scalar whose construction failed (an impossible date, a huge number…)."""
    for path, node in _scalars(root):
        try:
            yaml.constructor.SafeConstructor().construct_object(node)
        except Exception:  # this is the one
            if node.tag.endswith(":timestamp") and DATE_PATTERN.match(node.value):
                message = f"date « {short(node.value)} » impossible : ce jour n'existe pas"
            else:
                message = f"valeur « {short(node.value)} » illisible"
            return Problem(
                message,
                path=path_text(path) or None,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
            )
    return Problem(f"valeur illisible ({short(str(error))})")


def _scalars(root: Node | None) -> Iterator[tuple[list[PathPart], ScalarNode]]:
    seen: set[int] = set()
    stack: list[tuple[list[PathPart], Node]] = [([], root)] if root is not None else []
    while stack:
        path, node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            yield path, node
        elif isinstance(node, SequenceNode):
            stack.extend(([*path, i], child) for i, child in reversed(list(enumerate(node.value))))
        elif isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                label = key.value if isinstance(key, ScalarNode) else "?"
                stack.append(([*path, label], value))
                stack.append((path, key))

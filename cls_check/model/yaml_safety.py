"""The YAML record loaders and their defences against hostile input, each a :class:`Problem`.

Apart from :mod:`cls_check.model.safety` (what JSON records need too) so that checking a
JSON record never imports PyYAML: this module is imported only when a YAML text is read, or
a JSON text is read again as YAML for the lines of its repeated keys.

* **Duplicate keys** are errors: the parser would keep the last value silently.
  :class:`RecordYamlLoader` notes each repeated key while it builds mappings (before merge
  keys ``<<`` are flattened: an explicit key overriding a merged one is not a repetition);
  :func:`duplicate_problems` names the key, its two lines and its path.
* **Alias bombs** (« billion laughs »): a few lines of anchors and aliases that expand to
  billions of values. :func:`expands_beyond` counts the values the document stands for,
  each alias counted as many times as it is used, without expanding anything.
* **Integers too long to convert**: read as a :class:`~cls_check.model.safety.TooLongNumber`,
  which validation refuses at its path like any other wrong value.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cls_check.errors import Problem
from cls_check.model.safety import PathPart, TooLongNumber, path_text, short

#: Values a YAML document may stand for once its aliases are expanded. Ten thousand
#: signatories are ~30,000; aliases that multiply beyond this are an attack, not a record.
MAX_EXPANDED_VALUES = 1_000_000

_MERGE_TAG = "tag:yaml.org,2002:merge"

_FastLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: The tag of each short plain scalar already resolved (keys, enumerated values, numbers):
#: the safe loader has no path resolvers, so a tag depends only on the node's kind, its
#: text and whether it is plain. Resolving costs a Python call and a few regular expressions
#: per node; records repeat the same keys and values.
_RESOLVED: dict[tuple[type[Node], str | None, Any], str] = {}
_RESOLVED_TEXT = 40  # longer texts are resolved each time, and not kept
_RESOLVED_MAX = 20_000


class _Noting:
    """What the record loaders add to PyYAML's safe loader (mixed in before it)."""

    duplicates: list[tuple[MappingNode, Node, Node]]

    def resolve(self, kind: type[Node], value: str | None, implicit: Any) -> str:
        key = (kind, value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)  # type: ignore[misc]
            if (value is None or len(value) <= _RESOLVED_TEXT) and len(_RESOLVED) < _RESOLVED_MAX:
                _RESOLVED[key] = tag
        return tag

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[tuple[str, str], Node] = {}
        for key, _value in node.value:
            if isinstance(key, ScalarNode) and key.tag != _MERGE_TAG:
                first = seen.setdefault((key.tag, key.value), key)
                if first is not key:
                    self.duplicates.append((node, first, key))
        mapping: dict[Any, Any] = super().construct_mapping(node, deep)  # type: ignore[misc]
        return mapping


class RecordYamlLoader(_Noting, _FastLoader):  # type: ignore[misc, valid-type]
    """libyaml's safe loader (when installed), noting duplicate keys, long integers kept."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates = []


class SlowRecordYamlLoader(_Noting, yaml.SafeLoader):
    """The pure-Python safe loader, whose error messages the loader translates."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates = []


def _construct_int(loader: yaml.SafeLoader, node: ScalarNode) -> int | TooLongNumber:
    try:
        number: int = yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:  # more digits than int() converts
        return TooLongNumber(node.value)
    return number


RecordYamlLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
SlowRecordYamlLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def duplicate_problems(
    duplicates: list[tuple[MappingNode, Node, Node]], root: Node | None
) -> list[Problem]:
    """One error per repeated key: the key, both lines, and the path of its table."""
    paths = _mapping_paths(root) if duplicates else {}
    problems = []
    for mapping, first, second in duplicates:
        key = str(second.value)
        parts = paths.get(id(mapping), [])
        first_line, line = first.start_mark.line + 1, second.start_mark.line + 1
        problems.append(
            Problem(
                f"clé « {short(key)} » en double (lignes {first_line} et {line}) : "
                "une clé ne peut figurer qu'une fois dans une même table",
                path=path_text([*parts, key]),
                line=line,
                column=second.start_mark.column + 1,
                hint="Gardez une seule des deux valeurs.",
            )
        )
    return problems


def _mapping_paths(root: Node | None) -> dict[int, list[PathPart]]:
    """The record path of every mapping node of the tree (iteratively: trees may be deep)."""
    paths: dict[int, list[PathPart]] = {}
    stack: list[tuple[list[PathPart], Node]] = [([], root)] if root is not None else []
    while stack:
        parts, node = stack.pop()
        if id(node) in paths:
            continue
        if isinstance(node, MappingNode):
            paths[id(node)] = parts
            for key, value in node.value:
                label = key.value if isinstance(key, ScalarNode) else "?"
                stack.append(([*parts, label], value))
        elif isinstance(node, SequenceNode):
            stack.extend(([*parts, i], child) for i, child in enumerate(node.value))
    return paths


def expands_beyond(root: Node | None, limit: int = MAX_EXPANDED_VALUES) -> bool:
    """Whether the document stands for more than ``limit`` values, aliases expanded.

    Each node's expanded size is computed once (aliases share their node), so the count
    costs the size of the tree as written, not as expanded.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)] if root is not None else []
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if children_done or not children:
            size = 1 + sum(sizes.get(id(child), 0) for child in children)
            if size > limit:
                return True
            sizes[id(node)] = size
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return False


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []

"""Line numbers: the YAML node tree of a record, and the node at a record path.

Input: a text (YAML, or JSON read as YAML) or a node tree, and record paths
(``signataires[2].role``, or their parts). Output: nodes, whose marks give line and column.

Line numbers are a bonus, never a failure: composing may fail (None), a path may not be in
the tree (None). The tree is built only when a problem or a format needs a line
(:class:`Tree` defers it): composing is slower than parsing. So PyYAML is imported only by
the functions that compose a tree or look into one: a JSON record without a problem never
imports it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cls_check.errors import Problem

if TYPE_CHECKING:
    from yaml.nodes import MappingNode, Node, ScalarNode

__all__ = [
    "NO_TREE",
    "PathPart",
    "Tree",
    "Unusual",
    "compose_quietly",
    "key_node",
    "mapping_at",
    "node_at",
    "path_parts",
    "scalar_text",
    "usual_first",
]

PathPart = str | int

STR_TAG = "tag:yaml.org,2002:str"
MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass(frozen=True, slots=True)
class Tree:
    """How to get the node tree of a text, for line numbers, and what parsing found wrong.

    ``compose`` is called only when a problem needs a line (a JSON text is composed then; a
    YAML text's tree is kept from parsing). ``problems``: errors found while parsing
    (repeated keys), reported with validation's.
    """

    compose: Callable[[], Node | None]
    problems: tuple[Problem, ...] = ()

    @classmethod
    def of(cls, root: Node | None, problems: list[Problem]) -> Tree:
        return cls(lambda: root, tuple(problems))


class Unusual(Exception):
    """The text holds something a fast reading leaves to the reference reading."""


def usual_first(
    text: str,
    file: str,
    read_usual: Callable[[str], Any],
    reference: Callable[[str, str], tuple[Any, Tree]],
) -> tuple[Any, Tree]:
    """A record read the fast way when it is written as records usually are (its node tree
    composed only if a problem needs a line, by libyaml, whether the text is JSON or YAML);
    by the reference reading, whose data, errors and lines the fast one must match, when
    ``read_usual`` finds it :class:`Unusual`."""
    try:
        data = read_usual(text)
    except Unusual:
        return reference(text, file)
    return data, Tree(functools.partial(compose_quietly, text))


NO_TREE = Tree(lambda: None)

PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def path_parts(path: str) -> list[PathPart]:
    """``signataires[2].role`` → ``["signataires", 2, "role"]``."""
    return [int(index) if index else key for key, index in PATH_PART.findall(path)]


def compose_quietly(text: str) -> Node | None:
    """The YAML node tree of a JSON text, for line numbers only (None when it fails).

    libyaml first (ten times faster: a JSON record with a problem, or a SARIF report, looks
    lines up in it), then PyYAML's own parser, which reads some texts libyaml refuses
    (escaped surrogate pairs); where both read a text, their nodes and marks are the same."""
    import yaml

    for loader_class in (getattr(yaml, "CSafeLoader", None), yaml.SafeLoader):
        if loader_class is None:
            continue
        try:
            loader = loader_class(text)
            try:
                root: Node | None = loader.get_single_node()
                return root
            finally:
                loader.dispose()
        except Exception:  # line numbers are a bonus, never a failure
            continue
    return None


# --------------------------------------------------------------------------- node lookup


def node_at(root: Node | None, parts: list[PathPart]) -> Node | None:
    if root is None:
        return None
    node: Node | None = root
    for part in parts:
        if node is None:
            return None
        node = _child(node, part)
    return node


def mapping_at(root: Node | None, parts: list[PathPart]) -> MappingNode | None:
    """The mapping at a record path (None: no tree, or not a mapping there)."""
    node = node_at(root, parts)
    if node is None:
        return None
    from yaml.nodes import MappingNode

    return node if isinstance(node, MappingNode) else None


def scalar_text(node: Node | None) -> str | None:
    """The text of a scalar node as written (None for another node, or no node)."""
    if node is None:
        return None
    from yaml.nodes import ScalarNode

    return node.value if isinstance(node, ScalarNode) else None


def _child(node: Node, part: PathPart) -> Node | None:
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if isinstance(node, SequenceNode) and isinstance(part, int):
        items: list[Node] = node.value
        return items[part] if 0 <= part < len(items) else None
    if isinstance(node, MappingNode) and isinstance(part, str):
        pairs: list[tuple[Node, Node]] = node.value
        for key, value in reversed(pairs):  # the last of duplicate keys wins
            if isinstance(key, ScalarNode) and key.tag == STR_TAG and key.value == part:
                return value
        for key, value in pairs:  # merge keys (<<: *anchor), when not flattened
            if isinstance(key, ScalarNode) and key.tag == MERGE_TAG:
                sources = value.value if isinstance(value, SequenceNode) else [value]
                for source in sources:
                    found = _child(source, part)
                    if found is not None:
                        return found
    return None


def key_node(mapping: MappingNode | None, key: Any) -> ScalarNode | None:
    """The node of ``key`` in a mapping, as written (the last of repeated keys)."""
    if mapping is None:
        return None
    import yaml
    from yaml.nodes import ScalarNode

    for key_node, _value in reversed(mapping.value):
        if not isinstance(key_node, ScalarNode):
            continue
        if isinstance(key, str):
            if key_node.tag == STR_TAG and key_node.value == key:
                return key_node
            continue
        try:
            built = yaml.constructor.SafeConstructor().construct_object(key_node)
        except Exception:  # not this one
            continue
        if type(built) is type(key) and built == key:
            return key_node
    return None

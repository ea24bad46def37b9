"""The data of a composed YAML node tree, built in one pass: what PyYAML's safe constructor
gives for the records people write, in a third of its time.

Input: the root node composed by a record loader (:mod:`cls_check.model.yaml_safety`), and that
loader (its constructors build the scalars that are not texts). Output: the data and the
repeated keys, noted as the loader notes them — or :class:`Unusual` when the tree holds
anything this pass leaves to PyYAML: merge keys (``<<``), explicit collection tags
(``!!set``, ``!!omap``…), a key that is not a scalar, a scalar whose constructor fails, an
alias to an enclosing node, a tree deeper than the recursion limit. The caller then
constructs the document with PyYAML as before, whose results and errors are the reference.

Texts are taken from the node as they are (``construct_yaml_str`` returns the value), and a
node reached by several aliases gives one object, as with PyYAML.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = ["Unusual", "build"]

_PREFIX = "tag:yaml.org,2002:"
_STR = _PREFIX + "str"
_MAP = _PREFIX + "map"
_SEQ = _PREFIX + "seq"
_MERGE = _PREFIX + "merge"
#: The scalar tags built with the loader's own constructor (the int one keeps long numbers).
_SCALARS = frozenset(_PREFIX + name for name in ("null", "bool", "int", "float", "timestamp"))

Duplicate = tuple[MappingNode, Node, Node]


class Unusual(Exception):
    """The tree holds something this pass leaves to PyYAML's constructor."""


_BUILDING = object()


def build(loader: yaml.SafeLoader, root: Node) -> tuple[Any, list[Duplicate]]:
    """The data of ``root`` and its repeated keys (the table, the first key, the repeat)."""
    constructors = type(loader).yaml_constructors
    built: dict[int, Any] = {}
    duplicates: list[Duplicate] = []

    def value(node: Node) -> Any:
        if type(node) is ScalarNode:
            if node.tag == _STR:
                return node.value
            if node.tag not in _SCALARS:
                raise Unusual
            return constructors[node.tag](loader, node)
        done = built.get(id(node))
        if done is not None:
            if done is _BUILDING:
                raise Unusual  # an alias to an enclosing node: recursive data
            return done
        built[id(node)] = _BUILDING
        result: Any
        if type(node) is SequenceNode and node.tag == _SEQ:
            result = [value(item) for item in node.value]
        elif type(node) is MappingNode and node.tag == _MAP:
            result = {}
            seen: dict[tuple[str, str], Node] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not ScalarNode or key_node.tag == _MERGE:
                    raise Unusual
                first = seen.setdefault((key_node.tag, key_node.value), key_node)
                if first is not key_node:
                    duplicates.append((node, first, key_node))
                result[value(key_node)] = value(value_node)
        else:
            raise Unusual
        built[id(node)] = result
        return result

    try:
        data = value(root)
    except Unusual:
        raise
    except Exception as error:  # too deep, or a bad scalar: PyYAML's constructor says which
        raise Unusual from error
    return data, duplicates

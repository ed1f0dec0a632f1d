"""A fast ``yaml.safe_load`` for plain documents, built on PyYAML's own parser, resolver and constructors.

PyYAML's loaders spend most of their time composing a node graph (one Python object per scalar,
the resolver called for each) and then walking it again to construct values. Ordinary files (maps,
lists and untagged scalars) need neither: :func:`safe_load` reads the parser's events once and builds
the dicts and lists directly, resolving plain scalars with the safe loader's own implicit resolvers
and constructing them with its own constructor methods. Anything else (anchors, aliases, tags, merge
keys, complex keys, several documents, deep nesting, any error) is handed to the reference loader,
so the result, or the exception, is always exactly what ``yaml.load(text, Loader=reference_loader())``
gives.

:func:`bounded_load` is the same load for text from someone else (a body a server received): it
refuses a document that stands for more values than a bound once its aliases are expanded (a
"billion laughs" of a few hundred bytes), that nests too deeply, or whose aliases refer to
themselves, before anything walks the values it builds.
"""

from __future__ import annotations

from typing import Any, Final

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode

__all__ = ["MAX_FAST_DEPTH", "YAMLLimitError", "alias_expansion", "bounded_load", "reference_loader", "safe_load"]

MAX_FAST_DEPTH: Final = 100
"""Deeper documents go to the reference loader, so that its limits (libyaml's nesting error, the
pure-Python loader's ``RecursionError``) stay the behaviour; real files are a few levels deep."""

_STR: Final = "tag:yaml.org,2002:str"
# The scalar tags the fast path constructs, with the safe constructor's methods it must find registered
# for them; a loader whose registry differs (someone added or replaced a constructor) is never short-cut.
_SCALAR_CONSTRUCTORS: Final = {
    "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
    "tag:yaml.org,2002:bool": SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": SafeConstructor.construct_yaml_float,
    "tag:yaml.org,2002:timestamp": SafeConstructor.construct_yaml_timestamp,
    _STR: SafeConstructor.construct_yaml_str,
}
_CONTAINER_CONSTRUCTORS: Final = {
    "tag:yaml.org,2002:seq": SafeConstructor.construct_yaml_seq,
    "tag:yaml.org,2002:map": SafeConstructor.construct_yaml_map,
}
_NO_KEY: Final = object()


class _Fallback(Exception):
    """The document uses something the fast path leaves to the reference loader."""


class YAMLLimitError(ValueError):
    """A YAML document is well formed but too big once its aliases are expanded, too deep, or recursive."""


def reference_loader() -> Any:
    """PyYAML's C safe loader when it was built with libyaml (as the wheels are), else the pure-Python one.

    Both are the safe loader: the same resolver and constructors, so the same values.
    """
    return getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


def safe_load(text: str, loader: Any = None) -> Any:
    """Return exactly what ``yaml.load(text, Loader=loader)`` returns, or raise what it raises.

    ``loader`` is a safe loader class (default: :func:`reference_loader`); its parser reads the text.
    """
    reference = loader or reference_loader()
    try:
        return _fast_load(text, reference)
    except Exception:  # whatever went wrong, the reference loader decides what it is
        pass
    return _reference_load(text, reference)


def _reference_load(text: str, loader: Any) -> Any:
    return yaml.load(text, Loader=loader)


def _fast_load(text: str, loader_class: Any) -> Any:
    """Build the document from the parser's events; raise :class:`_Fallback` for anything unusual."""
    constructors = loader_class.yaml_constructors
    if loader_class.yaml_path_resolvers or any(
        constructors.get(tag) is not method for tag, method in (_SCALAR_CONSTRUCTORS | _CONTAINER_CONSTRUCTORS).items()
    ):
        raise _Fallback("the loader was customised")
    implicit_resolvers: dict[Any, list[tuple[str, Any]]] = loader_class.yaml_implicit_resolvers
    wildcard = implicit_resolvers.get(None, [])
    # A plain scalar whose first character no resolver claims is a string as it stands.
    claimed = frozenset(key for key in implicit_resolvers if key) if not wildcard else None
    constructor = SafeConstructor()
    resolved: dict[str, Any] = {}  # plain scalar text -> value; values repeat, and each is immutable

    def plain(value: str) -> Any:
        tag = _STR
        for candidate, regexp in implicit_resolvers.get(value[0] if value else "", []) + wildcard:
            if regexp.match(value):
                tag = candidate
                break
        method = _SCALAR_CONSTRUCTORS.get(tag)
        if method is None:  # merge (<<), value (=) or a resolver someone added
            raise _Fallback(f"the plain scalar {value!r} resolves to {tag}")
        result = value if tag == _STR else method(constructor, ScalarNode(tag, value))
        resolved[value] = result
        return result

    parser = loader_class(text)
    try:
        get_event = parser.get_event
        if type(get_event()) is not StreamStartEvent:
            raise _Fallback("no stream start")
        event = get_event()
        if type(event) is StreamEndEvent:
            return None
        if type(event) is not DocumentStartEvent or event.tags:
            raise _Fallback("tag directives")
        # The container being filled, its parents, and for a mapping the key waiting for its value.
        root: list[Any] = []
        container: Any = root
        is_mapping = False
        key: Any = _NO_KEY
        stack: list[tuple[Any, bool, Any]] = []
        missing = _NO_KEY
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _Fallback("an anchor or a tag")
                text_value = event.value
                # Quoted, literal and folded scalars are strings, and so is a plain one no resolver claims.
                if not event.implicit[0] or (claimed is not None and text_value and text_value[0] not in claimed):
                    value = text_value
                else:
                    value = resolved.get(text_value, missing)
                    if value is missing:
                        value = plain(text_value)
                if not is_mapping:
                    container.append(value)
                elif key is missing:
                    key = value
                else:
                    container[key] = value
                    key = missing
                continue
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _Fallback("an anchor or a tag")
                if len(stack) >= MAX_FAST_DEPTH:
                    raise _Fallback("nested deeply")
                child: Any = {} if kind is MappingStartEvent else []
                if not is_mapping:
                    container.append(child)
                elif key is missing:
                    raise _Fallback("a complex key")
                else:
                    container[key] = child
                    key = missing
                stack.append((container, is_mapping, key))
                container, is_mapping, key = child, kind is MappingStartEvent, missing
                continue
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                container, is_mapping, key = stack.pop()
                continue
            if kind is DocumentEndEvent and not stack:
                break
            raise _Fallback(f"a {kind.__name__}")  # an alias, or events out of their order
        if type(get_event()) is not StreamEndEvent:
            raise _Fallback("another document")
    finally:
        parser.dispose()
    return root[0]


def bounded_load(text: str, *, max_values: int, max_depth: int, loader: Any = None) -> Any:
    """Return what :func:`safe_load` returns, or raise :class:`YAMLLimitError` if the document exceeds a bound.

    The bounds: at most ``max_values`` values (each scalar, list and mapping, an alias counting as
    everything it stands for) and at most ``max_depth`` levels of lists and mappings. A malformed
    document raises what the reference loader raises.
    """
    reference = loader or reference_loader()
    try:
        # The fast path takes no aliases and stops at MAX_FAST_DEPTH, so only its size needs counting,
        # and only when the text is long enough to hold that many values.
        value = _fast_load(text, reference)
    except Exception:  # left to the reference loader, as in safe_load
        pass
    else:
        if max_depth <= MAX_FAST_DEPTH or len(text) >= max_values:
            _check_values(value, max_values, max_depth)
        return value
    composer = reference(text)
    try:
        try:
            node = composer.get_single_node()
        except RecursionError:
            raise YAMLLimitError(f"it nests more than {max_depth} levels deep") from None
        except yaml.YAMLError as exc:
            # libyaml stops deep nesting itself, with this problem text.
            if "maximum nesting depth" in str(getattr(exc, "problem", "")):
                raise YAMLLimitError(f"it nests more than {max_depth} levels deep") from None
            raise
        if node is None:
            return None
        _check_nodes(node, max_values, max_depth)
        return composer.construct_document(node)
    finally:
        composer.dispose()


def _check_nodes(root: Any, max_values: int, max_depth: int) -> None:
    """Count the values a node graph stands for (aliases expanded) and its depth, each node visited once."""
    sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (values, depth) below and including it
    started: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        children = _node_children(node)
        if finished:
            started.discard(key)
            values = 1 + sum(sizes[id(child)][0] for child in children)
            # Levels of lists and mappings, as JSON nesting is counted: a scalar adds none.
            depth = 1 + max((sizes[id(child)][1] for child in children), default=0) if _is_container(node) else 0
            if values > max_values:
                raise YAMLLimitError(f"its aliases expand to more than {max_values:,} values")
            if depth > max_depth:
                raise YAMLLimitError(f"it nests more than {max_depth} levels deep")
            sizes[key] = (values, depth)
        elif key in started:
            # A node still being counted is an ancestor: an alias inside its own anchor.
            raise YAMLLimitError("an alias refers to a value that contains it")
        elif key not in sizes:
            started.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in children)


def _is_container(node: Any) -> bool:
    return isinstance(node, (yaml.MappingNode, yaml.SequenceNode))


def _node_children(node: Any) -> list[Any]:
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_values(value: Any, max_values: int, max_depth: int) -> None:
    """Count the values of an alias-free tree and its depth, as :func:`_check_nodes` counts nodes."""
    count = 0
    stack: list[tuple[Any, int]] = [(value, 1)]  # the level a list or mapping here would be at
    while stack:
        item, depth = stack.pop()
        count += 1
        if count > max_values:
            raise YAMLLimitError(f"it holds more than {max_values:,} values")
        if depth > max_depth and isinstance(item, (dict, list)):
            raise YAMLLimitError(f"it nests more than {max_depth} levels deep")
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for pair in item.items() for child in pair)
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)


def alias_expansion(value: Any, limit: int) -> int:
    """How many values ``value`` would gain if every shared list or mapping (a YAML alias) were copied.

    A billion laughs is a few hundred bytes that PyYAML loads as shared references, and that a
    template, ``json.dumps`` or a deep copy then expands to gigabytes. Counting stops past
    ``limit`` (returning ``limit + 1``), as does a structure that contains itself. Iterative:
    documents nested as deep as the loaders allow are counted without recursion.
    """
    if not isinstance(value, dict | list):
        return 0
    sizes: dict[int, int] = {}  # id -> values in the container, aliases expanded
    open_ids: set[int] = set()  # containers whose contents are being counted
    distinct = 0  # values, each container counted once
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        children = list(node.values()) if isinstance(node, dict) else node
        if finished:
            open_ids.discard(key)
            expanded = 1 + sum(sizes.get(id(child), 1) for child in children)
            sizes[key] = expanded
            if expanded - distinct > limit:
                return limit + 1
        elif key in open_ids:
            return limit + 1  # it contains itself: endless once expanded
        elif key not in sizes:
            open_ids.add(key)
            distinct += 1 + sum(1 for child in children if not isinstance(child, dict | list))
            stack.append((node, True))
            stack.extend((child, False) for child in children if isinstance(child, dict | list))
    return max(0, sizes[id(value)] - distinct)

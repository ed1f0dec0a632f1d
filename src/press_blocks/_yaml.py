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
themselves, before anything walks the values it builds. :func:`check_bounds` is the same count for
a document already loaded (PyYAML builds an alias as a shared reference, which costs nothing until
something walks it); both count with the one :func:`_check`, over values or over PyYAML's nodes.
"""

from __future__ import annotations

from collections.abc import Callable
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

__all__ = ["MAX_FAST_DEPTH", "YAMLLimitError", "bounded_load", "check_bounds", "reference_loader", "safe_load"]

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
            check_bounds(value, max_values=max_values, max_depth=max_depth)
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
        # Counted before it is built: building merges (<<: *x) copies what they merge.
        _check(node, _NODE_CONTAINERS, _node_children, max_values=max_values, max_added=None, max_depth=max_depth)
        return composer.construct_document(node)
    finally:
        composer.dispose()


def check_bounds(
    value: Any, *, max_values: int | None = None, max_added: int | None = None, max_depth: int | None = None
) -> None:
    """Raise :class:`YAMLLimitError` if a loaded document exceeds a bound, or contains itself.

    A billion laughs is a few hundred bytes that PyYAML loads as shared references, and that a
    template, ``json.dumps`` or a deep copy then expands to gigabytes; so each shared list or
    mapping (a YAML alias) counts as often as it appears. The bounds: ``max_values`` values in
    all (each scalar, key, list and mapping); ``max_added`` values that aliases add beyond those
    written out (so a long file without aliases passes); ``max_depth`` levels of lists and mappings.
    """
    _check(value, _VALUE_CONTAINERS, _value_children, max_values=max_values, max_added=max_added, max_depth=max_depth)


# Tuples too: ``!!omap`` and ``!!pairs`` load as lists of them, and their values may be aliases.
_VALUE_CONTAINERS: Final = (dict, list, tuple)
_NODE_CONTAINERS: Final = (yaml.MappingNode, yaml.SequenceNode)


def _value_children(value: Any) -> list[Any]:
    """The keys and values of a mapping, or the items of a list or tuple."""
    if isinstance(value, dict):
        return [item for pair in value.items() for item in pair]
    return list(value)


def _node_children(node: Any) -> list[Any]:
    """The keys and values of a mapping node, or the items of a sequence node."""
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    return list(node.value)


def _check(
    root: Any,
    containers: tuple[type, ...],
    children_of: Callable[[Any], list[Any]],
    *,
    max_values: int | None,
    max_added: int | None,
    max_depth: int | None,
) -> None:
    """The one count behind :func:`check_bounds` and :func:`bounded_load`, over values or over PyYAML's nodes.

    Iterative, each container visited once (by identity, which is what an alias shares), so that
    a document nested as deep as the loaders allow, or standing for billions of values, is
    counted in time proportional to its text. ``distinct`` is what the text writes out; a
    container's size is what it stands for, aliases expanded.
    """
    if not isinstance(root, containers):
        if max_values is not None and max_values < 1:
            raise YAMLLimitError(f"it holds more than {max_values:,} values")
        return
    sizes: dict[int, tuple[int, int]] = {}  # id -> (values, levels) in the container, aliases expanded
    open_ids: set[int] = set()  # containers whose contents are being counted
    distinct = 0
    # (container, None) to count it; (container, its containers) once they are counted, with its scalars.
    stack: list[tuple[Any, list[Any] | None, int]] = [(root, None, 0)]
    while stack:
        node, nested, scalars = stack.pop()
        key = id(node)
        if nested is not None:
            open_ids.discard(key)
            values, levels = 1 + scalars, 0
            for child in nested:
                size = sizes[id(child)]
                values += size[0]
                levels = max(levels, size[1])
            # Levels of lists and mappings, as JSON nesting is counted: a scalar adds none.
            sizes[key] = (values, levels + 1)
            if max_depth is not None and levels + 1 > max_depth:
                raise YAMLLimitError(f"it nests more than {max_depth} levels deep")
            if max_values is not None and values > max_values:
                raise YAMLLimitError(f"its aliases expand to more than {max_values:,} values")
            # What the text writes out only grows from here, and each value of it adds to the root's count too:
            # if this container already outgrows it by the bound, the whole document does.
            if max_added is not None and values - distinct > max_added:
                raise YAMLLimitError(f"its aliases add more than {max_added:,} values to it")
        elif key in open_ids:
            # A container still being counted is an ancestor: an alias inside its own anchor.
            raise YAMLLimitError("an alias refers to a value that contains it")
        elif key not in sizes:
            open_ids.add(key)
            children = children_of(node)
            inner = [child for child in children if isinstance(child, containers)]
            distinct += 1 + len(children) - len(inner)
            if max_values is not None and distinct > max_values:
                raise YAMLLimitError(f"it holds more than {max_values:,} values")
            stack.append((node, inner, len(children) - len(inner)))
            stack.extend((child, None, 0) for child in inner)

"""The fast YAML loader: exactly the reference loader's values and errors, and the fast path taken for plain files."""

from __future__ import annotations

import datetime
import math
import random
import re
from typing import Any

import pytest
import yaml

from press_blocks import _yaml

LOADERS = [
    pytest.param(
        getattr(yaml, "CSafeLoader", None),
        id="c",
        marks=pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False), reason="PyYAML without libyaml"),
    ),
    pytest.param(yaml.SafeLoader, id="python"),
]


@pytest.fixture(params=LOADERS)
def loader(request: pytest.FixtureRequest) -> Any:
    return request.param


@pytest.fixture
def fallbacks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every text handed to the reference loader."""
    calls: list[str] = []
    original = _yaml._reference_load

    def spy(text: str, loader: Any) -> Any:
        calls.append(text)
        return original(text, loader)

    monkeypatch.setattr(_yaml, "_reference_load", spy)
    return calls


def assert_same(actual: Any, expected: Any, path: str = "$") -> None:
    """Equal values of identical types, all the way down (True is not 1, NaN equals NaN, offsets must agree)."""
    assert type(actual) is type(expected), f"{path}: {actual!r} is not {expected!r}"
    if isinstance(expected, dict):
        assert len(actual) == len(expected), f"{path}: {actual!r} != {expected!r}"
        for (key, value), (expected_key, expected_value) in zip(actual.items(), expected.items(), strict=True):
            assert_same(key, expected_key, f"{path} key")
            assert_same(value, expected_value, f"{path}[{key!r}]")
    elif isinstance(expected, list):
        assert len(actual) == len(expected), f"{path}: {actual!r} != {expected!r}"
        for index, (item, expected_item) in enumerate(zip(actual, expected, strict=True)):
            assert_same(item, expected_item, f"{path}[{index}]")
    elif isinstance(expected, float) and math.isnan(expected):
        assert math.isnan(actual), path
    elif isinstance(expected, datetime.datetime):
        assert (actual, actual.utcoffset()) == (expected, expected.utcoffset()), path
    else:
        assert actual == expected, f"{path}: {actual!r} != {expected!r}"


def outcome(function: Any, *args: Any) -> tuple[str, Any]:
    try:
        return "value", function(*args)
    except Exception as exc:  # every error must match the reference's, type and message
        return "error", (type(exc), str(exc))


def assert_like_reference(text: str, loader: Any) -> None:
    kind, actual = outcome(_yaml.safe_load, text, loader)
    expected_kind, expected = outcome(yaml.load, text, loader)
    assert kind == expected_kind, f"{text!r}: {actual!r} but the reference gives {expected!r}"
    if kind == "value":
        assert_same(actual, expected)
    else:
        assert actual == expected, text


# Every implicit form PyYAML's 1.1 resolver knows, and their near misses (which stay strings).
_WORDS = (
    "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF y n tRUE yEs "
    "~ null Null NULL nULL "
    "0 -0 +0 12 -12 +12 0x1F 0x1f -0x1F 0o17 017 -017 08 0b101 -0b101 1_000 1__0 0_ 190:20:30 -190:20:30 1:60 "
    "1.5 -1.5 +1.5 .5 -.5 1. 1.e+3 1.5e3 1.5e+3 1e3 6.8523015e+5 685.230_15e+03 685_230.15 190:20:30.15 "
    ".inf -.inf +.inf .Inf -.Inf .INF .nan .NaN .NAN nan inf "
    "2001-12-14 2002-1-1 2001-12-14t21:59:43.10-05:00 2001-12-14T21:59:43.10Z 2001-12-15T02:59:43.1Z "
    "2001-12-14T21:59:43Z 2001-12-14T21:59:43+5 2001-12-14T21:59:43.123456789+05:30 2001-12-15 "
    "2001-12-14_21:59:43 1-2-3 v1.2 -foo +bar .hidden 0.1.2 1,000 12abc"
)
IMPLICIT_FORMS = [*_WORDS.split(), "2001-12-14 21:59:43.10 -5", "2001-12-14  21:59:43 Z", "a b", "x:y", "--x", "..."]

FAST_DOCUMENTS = [
    pytest.param("\n".join(f"k{i}: {form}" for i, form in enumerate(IMPLICIT_FORMS)) + "\n", id="implicit-block"),
    pytest.param("[" + ", ".join(f for f in IMPLICIT_FORMS if "," not in f) + "]", id="implicit-flow"),
    pytest.param("a:\nb: ''\nc: \"\"\nd: ~\n", id="empty-values"),
    pytest.param("- 'yes'\n- \"12\"\n- '~'\n- \"null\"\n- '2001-12-14'\n- \"1.5\"\n- 'it''s'\n", id="quoted"),
    pytest.param('- "tab\\tnew\\nline \\u00e9 \\x41"\n- "\\N\\_\\L"\n', id="escapes"),
    pytest.param("text: |\n  two\n  lines\nfold: >\n  folded\n  text\n\n  para\nkeep: |+\n  kept\n\n", id="block"),
    pytest.param("strip: |-\n  stripped\nindent: |2\n    indented\nlast: >-\n  a\n  b\n", id="chomping"),
    pytest.param("plain: a\n  multi\n  line\n  plain\nquoted: 'a\n  b'\n", id="multi-line"),
    pytest.param('{"a": [1, 2.5, true, null, "x"], "b": {"c": {}}, "d": []}', id="json"),
    pytest.param("a: {b: [c, {d: e}], f: []}\ng: [{h: i}, [j, [k]]]\n", id="flow-nested"),
    pytest.param("- - a\n  - b\n- c: d\n  e:\n    - f\n    - g: h\n-\n- []\n", id="block-nested"),
    pytest.param("a: 1\nb: 2\na: 3\n", id="duplicate-keys"),
    pytest.param("1: a\n1.0: b\ntrue: c\n~: d\n2001-01-01: e\n.nan: f\n.NaN: g\n", id="scalar-keys"),
    pytest.param("ünï: cødé ✓\n名前: 値\nemoji: 🎉\n", id="unicode"),
    pytest.param("# head\na: 1 # trailing\n# between\nb: [1, # in flow\n  2]\n", id="comments"),
    pytest.param("---\na: 1\n...\n", id="explicit-document"),
    pytest.param("%YAML 1.1\n---\na: 1\n", id="version-directive"),
    pytest.param("? a\n: b\n? |\n  c\n: d\n", id="explicit-scalar-keys"),
    pytest.param("[a: 1, b: 2]\n", id="single-pair-mappings"),
    pytest.param("just a string\n", id="scalar"),
    pytest.param("42\n", id="number"),
    pytest.param("'<<': x\n'=': y\n", id="quoted-merge-and-value-keys"),
    pytest.param("a: <<x\nb: ==\nc: '!x'\n", id="near-merge"),
]


@pytest.mark.parametrize("text", FAST_DOCUMENTS)
def test_plain_documents_match_the_reference_without_it(text: str, loader: Any, fallbacks: list[str]) -> None:
    assert_same(_yaml.safe_load(text, loader), yaml.load(text, Loader=loader))
    assert fallbacks == []


@pytest.mark.parametrize("text", ["", "\n", "# only a comment\n", "   \n  \n"])
def test_an_empty_stream_is_none(text: str, loader: Any, fallbacks: list[str]) -> None:
    assert _yaml.safe_load(text, loader) is None
    assert yaml.load(text, Loader=loader) is None
    assert fallbacks == []


def test_values_are_those_of_the_safe_loader(fallbacks: list[str]) -> None:
    """A check of the oracle itself on a few forms, so the corpus above cannot agree on something wrong."""
    text = "[yes, Off, ~, '', 0x1F, 017, 0b101, 1_000, 190:20:30, 1e3, .5, -.Inf, 2001-12-14, 0o17, '12']"
    assert _yaml.safe_load(text) == [
        *(True, False, None, "", 31, 15, 5, 1000, 685230),
        "1e3",
        0.5,
        -math.inf,
        datetime.date(2001, 12, 14),
        "0o17",
        "12",
    ]
    [stamp] = _yaml.safe_load("[2001-12-14t21:59:43.10-05:00]")
    assert stamp == datetime.datetime(2001, 12, 15, 2, 59, 43, 100000, tzinfo=datetime.UTC)
    assert stamp.utcoffset() == datetime.timedelta(hours=-5)
    assert math.isnan(_yaml.safe_load(".NaN"))
    assert _yaml.safe_load("{a: 1, b: 2, a: 3}") == {"a": 3, "b": 2}
    assert fallbacks == []


FALLBACK_DOCUMENTS = [
    pytest.param("base: &b {x: 1}\nother: *b\n", id="anchor-alias"),
    pytest.param("a: &x 1\n", id="scalar-anchor"),
    pytest.param("base: &b {x: 1, y: [a]}\nderived: {<<: *b, y: c}\n", id="merge-key"),
    pytest.param("a: <<\n", id="merge-value"),
    pytest.param("=: a\nb: 1\n", id="value-key"),
    pytest.param("a: =\n", id="value-value"),
    pytest.param("a: !!str 12\nb: !!int '7'\n", id="core-tags"),
    pytest.param("a: !!binary aGVsbG8=\n", id="binary"),
    pytest.param("a: !!set {x, y}\nb: !!omap [x: 1]\nc: !!pairs [x: 1, x: 2]\n", id="collection-tags"),
    pytest.param("a: !!seq [1]\nb: !!map {c: d}\n", id="explicit-container-tags"),
    pytest.param("a: !foo bar\n", id="local-tag"),
    pytest.param("a: ! 12\nb: ! [1]\n", id="non-specific-tag"),
    pytest.param("%TAG !e! tag:example.com,2000:\n---\na: 1\n", id="tag-directive"),
    pytest.param("? [a, b]\n: c\n", id="sequence-key"),
    pytest.param("{? {a: b} : c}\n", id="mapping-key"),
    pytest.param("a: 1\n---\nb: 2\n", id="two-documents"),
    pytest.param("a: [1, 2\n", id="unclosed-list"),
    pytest.param("a: b: c\n", id="bad-mapping"),
    pytest.param('{"a": 1,,}', id="bad-json"),
    pytest.param("key: value\n- item\n", id="mapping-then-sequence"),
    pytest.param("a: 1\n\tb: 2\n", id="tab-indent"),
    pytest.param("a: 1\n---\nb: [\n", id="error-in-second-document"),
    pytest.param("a: 2001-13-45\n", id="invalid-date"),
    pytest.param("a: 0b_\n", id="invalid-int"),
    pytest.param("a: " + "9" * 5_000 + "\n", id="too-many-digits"),
    pytest.param("a: \x07\n", id="control-character"),
    pytest.param("a: [" * (_yaml.MAX_FAST_DEPTH + 1) + "]" * (_yaml.MAX_FAST_DEPTH + 1) + "\n", id="deep"),
]


@pytest.mark.parametrize("text", FALLBACK_DOCUMENTS)
def test_unusual_documents_go_to_the_reference(text: str, loader: Any, fallbacks: list[str]) -> None:
    assert_like_reference(text, loader)
    assert fallbacks == [text]


def test_errors_are_the_reference_errors_exactly(loader: Any) -> None:
    with pytest.raises(yaml.YAMLError) as ours:
        _yaml.safe_load("a: [1, 2\n", loader)
    with pytest.raises(yaml.YAMLError) as theirs:
        yaml.load("a: [1, 2\n", Loader=loader)
    assert (type(ours.value), str(ours.value)) == (type(theirs.value), str(theirs.value))
    with pytest.raises(ValueError, match=r"month must be in 1\.\.12"):
        _yaml.safe_load("when: 2001-13-01\n", loader)


def test_nesting_up_to_the_bound_takes_the_fast_path(loader: Any, fallbacks: list[str]) -> None:
    depth = _yaml.MAX_FAST_DEPTH
    text = "a: " + "[" * (depth - 1) + "1" + "]" * (depth - 1) + "\n"
    assert_same(_yaml.safe_load(text, loader), yaml.load(text, Loader=loader))
    assert fallbacks == []


def test_deep_nesting_fails_as_the_reference_does(loader: Any) -> None:
    # libyaml refuses 1000 levels itself; the pure-Python loader runs out of stack well before.
    text = "a: " + "[" * 1_000 + "]" * 1_000 + "\n"
    kind, ours = outcome(_yaml.safe_load, text, loader)
    assert kind == "error"
    assert issubclass(ours[0], (yaml.YAMLError, RecursionError))
    assert ours == outcome(yaml.load, text, loader)[1]


def test_a_customised_loader_is_never_short_cut(loader: Any, fallbacks: list[str]) -> None:
    class Custom(loader):  # type: ignore[misc]
        pass

    Custom.add_constructor("tag:yaml.org,2002:int", lambda _loader, node: f"int {node.value}")
    assert _yaml.safe_load("a: 1\n", Custom) == {"a": "int 1"}
    assert fallbacks == ["a: 1\n"]

    class Resolving(loader):  # type: ignore[misc]
        pass

    Resolving.add_implicit_resolver("!answer", re.compile("^answer$"), ["a"])
    Resolving.add_constructor("!answer", lambda _loader, _node: "the answer")
    assert _yaml.safe_load("[41, answer]\n", Resolving) == [41, "the answer"]
    assert fallbacks == ["a: 1\n", "[41, answer]\n"]


def test_the_reference_loader_is_the_c_one_when_pyyaml_has_it() -> None:
    expected = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
    assert _yaml.reference_loader() is expected


def test_a_parameters_file_takes_the_fast_path_with_the_default_loader(fallbacks: list[str]) -> None:
    text = "".join(
        f"param_{i}:\n  name: value {i}\n  enabled: {'true' if i % 2 else 'false'}\n"
        f"  weights: [{i % 7}, {i % 5}.5, {i % 3}]\n  tags: {{team: t{i % 11}, tier: {i % 4}}}\n"
        for i in range(500)
    )
    assert_same(_yaml.safe_load(text), yaml.load(text, Loader=_yaml.reference_loader()))
    assert fallbacks == []


# --- random documents ------------------------------------------------------------------------------

QUOTABLE = [*IMPLICIT_FORMS, "", " lead", "trail ", "a'b", 'a"b', "#x", "a #b", "x: y", "ünï", "\t", "@x", "%x", "`x"]
UNUSUAL = ["&a x", "*a", "!!str 1", "!t x", "<<", "=", "!!float 1", "? [k]"]


def random_scalar(rng: random.Random, unusual: bool) -> str:
    roll = rng.random()
    if unusual and roll < 0.03:
        return rng.choice(UNUSUAL)
    if roll < 0.5:
        return rng.choice(IMPLICIT_FORMS)
    if roll < 0.65:
        return "'" + rng.choice(QUOTABLE).replace("'", "''") + "'"
    if roll < 0.8:
        return '"' + rng.choice(QUOTABLE).replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'
    return "".join(rng.choice("abcxyz019_-. ") for _ in range(rng.randint(1, 8))).strip() or "z"


def random_flow(rng: random.Random, depth: int, unusual: bool) -> str:
    roll = rng.random()
    if depth <= 0 or roll < 0.5:
        return random_scalar(rng, unusual)
    items = rng.randint(0, 4)
    if roll < 0.75:
        return "[" + ", ".join(random_flow(rng, depth - 1, unusual) for _ in range(items)) + "]"
    pairs = (f"{random_scalar(rng, unusual)}: {random_flow(rng, depth - 1, unusual)}" for _ in range(items))
    return "{" + ", ".join(pairs) + "}"


def random_block(rng: random.Random, depth: int, indent: int, unusual: bool) -> str:
    pad = " " * indent
    lines = []
    as_list = rng.random() < 0.4
    for _ in range(rng.randint(1, 4)):
        head = f"{pad}- " if as_list else f"{pad}{random_scalar(rng, unusual)}:"
        roll = rng.random()
        if depth > 0 and roll < 0.35:
            lines.append(f"{head}\n" + random_block(rng, depth - 1, indent + 2, unusual))
        elif roll < 0.45:
            lines.append(f"{head} |\n{pad}  line one\n{pad}  {random_scalar(rng, False)}\n")
        elif roll < 0.5:
            lines.append(f"{head}{'' if as_list else ' '}# nothing\n" if not as_list else f"{pad}-\n")
        else:
            lines.append(f"{head} {random_flow(rng, depth, unusual)}\n")
    return "".join(lines)


def mutate(rng: random.Random, text: str) -> str:
    if not text:
        return text
    position = rng.randrange(len(text))
    if rng.random() < 0.5:
        return text[:position] + text[position + 1 :]
    return text[:position] + rng.choice(":-[]{},'\"#&*!|> \n\t?") + text[position:]


def test_random_documents_match_the_reference(loader: Any) -> None:
    rng = random.Random(20261201)
    fast = 0
    for _ in range(400):
        unusual = rng.random() < 0.2
        if rng.random() < 0.5:
            text = random_block(rng, rng.randint(0, 4), 0, unusual)
        else:
            text = random_flow(rng, rng.randint(0, 5), unusual) + "\n"
        for candidate in (text, mutate(rng, text), mutate(rng, mutate(rng, text))):
            assert_like_reference(candidate, loader)
        try:
            _yaml._fast_load(text, loader)
            fast += 1
        except Exception:
            pass
    assert fast > 200  # the generator mostly writes plain documents: the fast path is what is being compared


def _laughs(levels: int, width: int = 9) -> str:
    """A "billion laughs": each level an anchored list of ``width`` aliases of the one before."""
    lines = ["l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_bounded_load_refuses_aliases_that_expand_beyond_the_bound(loader: Any) -> None:
    text = _laughs(8)
    assert len(text) < 1000
    with pytest.raises(_yaml.YAMLLimitError, match="expand to more than 1,000 values"):
        _yaml.bounded_load(text, max_values=1000, max_depth=50, loader=loader)
    # A few aliases within the bound are as the safe loader builds them.
    small = _laughs(1, width=3)
    assert_same(_yaml.bounded_load(small, max_values=1000, max_depth=50, loader=loader), yaml.load(small, loader))


def test_bounded_load_counts_up_to_the_bound_exactly(loader: Any) -> None:
    text = "a: &x [1, 2]\nb: *x\n"  # the mapping, 2 keys, 2 lists (one aliased), 4 integers: 9 values
    assert _yaml.bounded_load(text, max_values=9, max_depth=5, loader=loader) == {"a": [1, 2], "b": [1, 2]}
    with pytest.raises(_yaml.YAMLLimitError):
        _yaml.bounded_load(text, max_values=8, max_depth=5, loader=loader)


def test_bounded_load_refuses_an_alias_inside_its_own_anchor(loader: Any) -> None:
    with pytest.raises(_yaml.YAMLLimitError, match="refers to a value that contains it"):
        _yaml.bounded_load("a: &x [1, *x]\n", max_values=100, max_depth=50, loader=loader)


@pytest.mark.parametrize("text", ["[" * 300 + "]" * 300, "[" * 100_000, "- " * 300 + "x\n"])
def test_bounded_load_refuses_deep_nesting(loader: Any, text: str) -> None:
    with pytest.raises(_yaml.YAMLLimitError, match="nests more than 200 levels"):
        _yaml.bounded_load(text, max_values=10**6, max_depth=200, loader=loader)


def test_bounded_load_bounds_plain_documents_too(loader: Any, fallbacks: list[str]) -> None:
    assert _yaml.bounded_load("[1, 2, 3]", max_values=4, max_depth=2, loader=loader) == [1, 2, 3]
    with pytest.raises(_yaml.YAMLLimitError, match="more than 3 values"):
        _yaml.bounded_load("[1, 2, 3]", max_values=3, max_depth=2, loader=loader)
    with pytest.raises(_yaml.YAMLLimitError, match="nests more than 2"):
        _yaml.bounded_load("[[[1]]]", max_values=10, max_depth=2, loader=loader)
    assert fallbacks == []
    assert _yaml.bounded_load("", max_values=1, max_depth=1, loader=loader) is None
    with pytest.raises(yaml.YAMLError):
        _yaml.bounded_load("a: [", max_values=10, max_depth=5, loader=loader)


def test_check_bounds_counts_what_aliases_add_not_what_is_written(loader: Any) -> None:
    # A long file without aliases adds nothing: the command line's bound refuses no legitimate file.
    _yaml.check_bounds(yaml.load("[" + ", ".join(["x"] * 10_000) + "]", loader), max_added=0)
    aliased = yaml.load("a: &x [1, 2, 3]\nb: *x\n", loader)  # the alias adds the list and its 3 integers
    _yaml.check_bounds(aliased, max_added=4)
    with pytest.raises(_yaml.YAMLLimitError, match="add more than 3 values"):
        _yaml.check_bounds(aliased, max_added=3)
    # Keys count as the emulator's bound counts them: an aliased mapping adds its keys too.
    with pytest.raises(_yaml.YAMLLimitError, match="add more than 4 values"):
        _yaml.check_bounds(yaml.load("a: &x {k: 1, l: 2}\nb: *x\n", loader), max_added=4)


def test_check_bounds_sees_aliases_inside_ordered_pairs(loader: Any) -> None:
    # !!pairs and !!omap load as lists of tuples; a count that skipped tuples missed what they share.
    text = "x: &x [1, 2, 3]\npairs: !!pairs [{a: *x}, {b: *x}]\nomap: !!omap [{c: *x}]\n"
    shared = yaml.load(text, loader)
    assert shared["pairs"] == [("a", [1, 2, 3]), ("b", [1, 2, 3])]
    _yaml.check_bounds(shared, max_added=12)  # three copies of the list and its 3 integers
    with pytest.raises(_yaml.YAMLLimitError, match="add more than 11 values"):
        _yaml.check_bounds(shared, max_added=11)


def test_check_bounds_refuses_a_value_that_contains_itself_and_deep_nesting(loader: Any) -> None:
    with pytest.raises(_yaml.YAMLLimitError, match="refers to a value that contains it"):
        _yaml.check_bounds(yaml.load("a: &x [1, *x]\n", loader), max_added=10**6)
    with pytest.raises(_yaml.YAMLLimitError, match="nests more than 2 levels"):
        _yaml.check_bounds([[[1]]], max_depth=2)
    _yaml.check_bounds([[1]], max_depth=2, max_values=3)
    with pytest.raises(_yaml.YAMLLimitError, match="holds more than 2 values"):
        _yaml.check_bounds([[1]], max_values=2)

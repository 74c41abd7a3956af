"""Knowledge YAML is read from the C parser's events; the result (or the error) is always what PyYAML's safe
(C) loader gives, whatever the file holds."""
import math

import pytest
import yaml

from policybot.knowledge import default_knowledge_dir
from policybot.knowledge.checker import (
    _ANCHOR,
    AliasError,
    _from_events,
    _may_anchor,
    _Unusual,
    parse_yaml,
)

TRICKY = [
    "", "# only a comment\n", "---\n", "---\n...\n", "a: 1", "%YAML 1.1\n---\na: 1\n", "\ufeffa: 1\n",
    ("- 1\n- 1.5\n- .inf\n- -.Inf\n- .nan\n- 0x1F\n- 0o17\n- 017\n- 1_000\n- 1:20\n- +12\n- 0b101\n- 190:20:30\n"
    "- 6.8523015e+5\n- 685_230.15\n- -0\n- .5\n- ~\n- null\n- Null\n- NULL\n- yes\n- No\n- on\n- OFF\n- y\n- n\n"
    "- true\n- False\n- 2019-01-25\n- 2001-12-14t21:59:43.10-05:00\n- 2001-12-14 21:59:43.10\n- '1'\n- \"true\"\n"),
    "1: one\n1.0: again\ntrue: t\nnull: n\n~: m\n'': e\n2019-01-25: d\n",
    "a: 1\na: 2\n", "x: |\n  lit\n  eral\n", "x: >\n  fol\n  ded\n", "x: 'it''s'\n", "x: \"\\u00e9\\n\"\n",
    "- - - deep\n", "{a: [b, {c: d}], e: f}", "[]", "{}", "plain", "'quoted'", "12", "a:\n  - b\n  -\n",
    # left to the full loader: several documents, merge keys, tags, complex keys, '=' and other odd scalars
    "a: 1\n---\nb: 2\n", "d:\n  <<: {x: 1}\n  y: 2\n", "a: &x 1\nb: 2\n", "a: !!str 1\n", "a: !!set {x, y}\n",
    "!!omap [a: 1]\n", "a: !custom x\n", "? [a, b]\n: 1\n", "? {a: 1}\n: 2\n", "- =\n", "= : x\n", "- !\n",
    "- !!binary aGVsbG8=\n",
    # errors
    "a: [1, 2\n", "a: b: c\n", "a:\tb\n", "a: 'unclosed\n",
]


SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text):
    return yaml.load(text, Loader=SafeLoader)


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return [(type(k), k) for k in a] == [(type(k), k) for k in b] and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def _outcome(read, text):
    try:
        return "data", read(text)
    except yaml.YAMLError as error:
        return "error", str(error)


@pytest.mark.parametrize("text", TRICKY)
def test_knowledge_yaml_reads_exactly_as_the_safe_loader_does(text):
    want, got = _outcome(safe_load, text), _outcome(parse_yaml, text)
    assert want[0] == got[0]
    assert _same(want[1], got[1]) if want[0] == "data" else want[1] == got[1]


def test_the_shipped_knowledge_files_are_read_from_events_and_read_the_same():
    for path in sorted(default_knowledge_dir().glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert _same(_from_events(text), safe_load(text)), path.name      # no fallback needed


def test_what_the_event_reader_leaves_alone_goes_to_the_full_loader():
    for text in ("d:\n  <<: {x: 1}\n", "a: !!str 1\n", "? [a]\n: 1\n", "a: 1\n---\nb: 2\n"):
        with pytest.raises(_Unusual):
            _from_events(text)
    assert parse_yaml("d:\n  <<: {x: 1}\n  y: 2\n") == {"d": {"x": 1, "y": 2}}


def test_aliases_are_still_refused_before_anything_is_expanded():
    with pytest.raises(AliasError):
        parse_yaml("a: &x [1, 2]\nb: *x\n")


@pytest.mark.parametrize("text", ["&a", "x: &a 1", "x: [&a 1]", "x: {k: &a 1}", "a & b", "a &", "x:&a", "&\n",
                                  "x: a&b", "- \u00a0&a", "- \u2028&a", "&[", "&,", " &}", "&&"])
def test_the_anchor_check_finds_what_the_anchor_pattern_finds(text):
    assert _may_anchor(text) == bool(_ANCHOR.search(text))

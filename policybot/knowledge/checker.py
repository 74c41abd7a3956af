"""Reading YAML files into checked values, collecting every problem as "<file>: <entry>: <field>: <message>"."""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import yaml

from .bulk import gc_paused

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Where an anchor (`&name`) may start; without one there can be no alias, so the alias scan is skipped.
_ANCHOR = re.compile(r"(?:^|[\s,\[{])&[^\s,\[\]{}]", re.MULTILINE)
_RESOLVE_CACHE_LIMIT = 100_000   # plain scalars whose tag is remembered during one load (keys, categories, ...)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe (C) loader, remembering which tag each plain scalar resolves to: a cookie table repeats the
    same keys and values on every row, and PyYAML resolves each one with regexes in Python."""

    def __init__(self, stream: Any):
        super().__init__(stream)
        self._resolved: dict[tuple, str] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode or not isinstance(value, str):
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = self._resolved.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(self._resolved) < _RESOLVE_CACHE_LIMIT:
                self._resolved[key] = tag
        return tag


class AliasError(yaml.MarkedYAMLError):
    """A YAML alias (`*name`): refused in knowledge files and question sets, before anything is expanded."""


def _may_anchor(text: str) -> bool:
    """Whether an anchor (`&name`) may start somewhere in the text: what `_ANCHOR` finds, but looking only at
    the '&' characters (a regex tried at every position of a 36 MB table took half a second)."""
    at = text.find("&")
    while at != -1:
        if (at == 0 or text[at - 1].isspace() or text[at - 1] in ",[{") and at + 1 < len(text) \
                and not text[at + 1].isspace() and text[at + 1] not in ",[]{}":
            return True
        at = text.find("&", at + 1)
    return False


def _refuse_aliases(text: str) -> None:
    """Raise AliasError at the first alias; a file without anchors costs a search for '&'."""
    if not _may_anchor(text):
        return
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent):
            raise AliasError(problem=f"YAML aliases (*{event.anchor[:40]}) are not allowed here; "
                             "write the value out", problem_mark=event.start_mark)


def parse_yaml(text: str) -> Any:
    """YAML text -> data, safely and fast: aliases refused (an alias bomb fails at once, unexpanded), and
    the garbage collector paused while the many small objects of a big table are made. Raises YAMLError.

    Data is built straight from the C parser's events (`_from_events`); anything it does not take on
    (explicit tags, merge keys, complex keys, several documents, a syntax error) is read again by PyYAML's
    safe (C) loader, so the result, or the error, is always exactly what that loader gives."""
    _refuse_aliases(text)
    with gc_paused():
        try:
            return _from_events(text)
        except (_Unusual, yaml.YAMLError):
            pass
        return yaml.load(text, Loader=_Loader)


class _Unusual(Exception):
    """Something `_from_events` leaves to the full loader."""


_STR_TAG = "tag:yaml.org,2002:str"
# Tags of plain scalars whose values are built by SafeConstructor's own functions, and are immutable, so one
# value serves every occurrence of the same text ("true", "2", "null", "2019-01-25").
_SCALAR_TAGS = frozenset("tag:yaml.org,2002:" + t for t in ("null", "bool", "int", "float", "timestamp"))
_NO_KEY = object()


def _from_events(text: str) -> Any:
    """YAML text -> data, from the C parser's events, without PyYAML's nodes and Python constructor (which
    made a node, a mark and several calls per value: most of a 100,000-row table's load). Plain scalars are
    resolved by the same resolver and built by the same constructor functions as the safe loader, each
    distinct text once. Raises _Unusual for anything else, and YAMLError for a syntax error."""
    loader = _BaseLoader(text)
    try:
        resolvers = loader.yaml_implicit_resolvers
        if None in resolvers or loader.yaml_path_resolvers:
            raise _Unusual("resolvers for any text")
        may_resolve = frozenset(resolvers)            # first characters some implicit tag can start with
        constructors, resolve, get_event = loader.yaml_constructors, loader.resolve, loader.get_event
        known: dict[str, Any] = {}                    # plain text -> its value, for texts that may not be strings
        scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        containers: list = []                         # open mappings and sequences, innermost last
        keys: list = []                               # for each open container, the key waiting for its value
        root, documents = None, 0
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                if event.tag is not None:
                    raise _Unusual("explicit tag")
                item = event.value
                if event.implicit[0] and item[:1] in may_resolve:
                    value = known.get(item, _NO_KEY)
                    if value is _NO_KEY:
                        tag = resolve(yaml.ScalarNode, item, event.implicit)
                        if tag == _STR_TAG:
                            value = item
                        elif tag in _SCALAR_TAGS:
                            value = constructors[tag](loader, yaml.ScalarNode(tag, item))
                        else:
                            raise _Unusual(tag)       # a merge key ("<<"), "=", ...
                        if len(known) < _RESOLVE_CACHE_LIMIT:
                            known[item] = value
                    item = value
            elif kind is mapping_start or kind is sequence_start:
                if event.tag is not None:
                    raise _Unusual("explicit tag")
                item = {} if kind is mapping_start else []
            elif kind in ends:
                containers.pop()
                keys.pop()
                continue
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unusual("several documents")
                continue
            elif kind is yaml.StreamEndEvent:
                return root
            elif kind is yaml.AliasEvent:
                raise _Unusual("alias")
            else:                                     # the stream's start, a document's end
                continue
            if not containers:
                root = item
            else:
                parent = containers[-1]
                if type(parent) is list:
                    parent.append(item)
                else:
                    key = keys[-1]
                    if key is _NO_KEY:
                        if kind is not scalar_event:
                            raise _Unusual("a mapping or sequence as a key")
                        keys[-1] = item
                    else:
                        parent[key] = item
                        keys[-1] = _NO_KEY
            if kind is not scalar_event:
                containers.append(item)
                keys.append(_NO_KEY)
    finally:
        loader.dispose()


UNREADABLE = object()   # what read_yaml returns for a file it reported as missing or broken


def read_yaml(path: Path, problems: list[str], required: bool = True) -> Any:
    """A YAML file's data; UNREADABLE (with a problem when required) when it is missing or broken."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if required:
            problems.append(f"{name}: missing (expected in {path.parent}; run `policybot build SOURCE --out DIR`)")
        return UNREADABLE
    except UnicodeDecodeError as error:
        problems.append(f"{name}: not UTF-8 text (invalid byte at offset {error.start})")
        return UNREADABLE
    except OSError as error:
        problems.append(f"{name}: cannot be read: {error.strerror or error}")
        return UNREADABLE
    try:
        from .cache import cached_parse
        data = cached_parse(text, parse_yaml, f"yaml {yaml.__version__}")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        kind = "" if isinstance(error, AliasError) else "YAML syntax error: "
        problems.append(f"{name}: {where}{kind}{error.problem or error.context}")
    except yaml.YAMLError as error:
        problems.append(f"{name}: YAML syntax error: {str(error)[:200]}")
    else:
        if data is None and required:
            problems.append(f"{name}: empty file")
            return UNREADABLE
        return data
    return UNREADABLE


def describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class Checker:
    """Collects problems while reading plain YAML data into typed values."""

    def __init__(self, problems: list[str]):
        self.problems = problems

    def report(self, where: str, key: str, message: str) -> None:
        self.problems.append(f"{where}: {key}: {message}" if key else f"{where}: {message}")

    def mapping(self, value: Any, where: str, key: str = "") -> dict:
        if isinstance(value, dict):
            return value
        self.report(where, key, f"expected a mapping, got {describe(value)}")
        return {}

    def items(self, value: Any, where: str, key: str) -> list:
        if isinstance(value, list):
            return value
        if value is not None:
            self.report(where, key, f"expected a list, got {describe(value)}")
        return []

    def text(self, data: dict, where: str, key: str, *, optional: bool = False, empty: bool = False) -> str | None:
        value = data.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str):
            what = "a string or null" if optional else "a string"
            self.report(where, key, f"expected {what}, got {describe(value)}" if key in data else "missing")
            return None
        if not empty and not value.strip():
            self.report(where, key, "empty")
        return value

    def number(self, data: dict, where: str, key: str, *, optional: bool = False) -> float | None:
        value = data.get(key)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.report(where, key, f"expected a number, got {describe(value)}" if key in data else "missing")
            return None
        return float(value)

    def flag(self, data: dict, where: str, key: str, *, optional: bool = False) -> bool | None:
        value = data.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, bool):
            self.report(where, key, f"expected true or false, got {describe(value)}" if key in data else "missing")
            return None
        return value

    def strings(self, value: Any, where: str, key: str) -> tuple[str, ...]:
        found = []
        for index, item in enumerate(self.items(value, where, key)):
            if not isinstance(item, str) or not item.strip():
                self.report(where, f"{key}[{index}]", f"expected a non-empty string, got {describe(item)}")
            else:
                found.append(item)
        return tuple(found)

    def date(self, data: dict, where: str, key: str) -> str | None:
        value = self.text(data, where, key, optional=True)
        if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.report(where, key, f"expected a date as YYYY-MM-DD, got {describe(value)}")
        return value

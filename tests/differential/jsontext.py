"""JSON text for the cases: one line per document, with the spellings a mutation asks for.

A mutation works on Python values; where the exact bytes matter (1e2 versus 100, an escaped
surrogate pair, a duplicated member name) it leaves a Raw or Members value that this module
writes verbatim. Both validators then parse the same bytes.
"""

import json
import math
import re


class Raw:
    """A value written exactly as `text` (a number spelling, a string with chosen escapes)."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return f"Raw({self.text!r})"


class Members:
    """An object whose member list may name a member twice (a dict cannot), or spell a name
    with escapes (a Raw name)."""

    def __init__(self, pairs):
        self.pairs = list(pairs)

    def __repr__(self):
        return f"Members({self.pairs!r})"


def dump(value, ascii_only):
    """One line of JSON text; `ascii_only` escapes every non-ASCII character as \\uXXXX."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, Members):
        return "{" + ",".join(
            (k.text if isinstance(k, Raw) else json.dumps(k, ensure_ascii=ascii_only)) + ":" +
            dump(v, ascii_only) for k, v in value.pairs) + "}"
    if isinstance(value, dict):
        return "{" + ",".join(
            json.dumps(k, ensure_ascii=ascii_only) + ":" + dump(v, ascii_only)
            for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dump(v, ascii_only) for v in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


def nesting_depth(text):
    """The deepest nesting of arrays and objects in valid JSON text (a scalar is depth 0)."""
    depth = deepest = 0
    in_string = escaped = False
    for c in text:
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth -= 1
    return deepest


class _Pairs(list):
    """An object as parsed with its member list kept, duplicates included."""


def duplicated_members(text):
    """Pointers of the members whose name their object repeats (Python keeps only the last)."""
    found = set()

    def visit(value, pointer):
        if isinstance(value, _Pairs):
            names = [k for k, _ in value]
            for name, member in value:
                token = pointer + "/" + name.replace("~", "~0").replace("/", "~1")
                if names.count(name) > 1:
                    found.add(token)
                visit(member, token)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                visit(item, f"{pointer}/{i}")

    visit(json.loads(text, object_pairs_hook=_Pairs), "")
    return found


def containers_with_content_depth(text):
    """The deepest nesting counting only non-empty arrays and objects (simdjson's count)."""
    def depth(value):
        if isinstance(value, _Pairs):
            return 1 + max((depth(v) for _, v in value), default=0) if value else 0
        if isinstance(value, list):
            return 1 + max((depth(v) for v in value), default=0) if value else 0
        return 0
    return depth(json.loads(text, object_pairs_hook=_Pairs))


NUMBER = re.compile(r'"(?:[^"\\]|\\.)*"|(-?\d+)(\.\d+)?([eE][+-]?\d+)?')


def number_out_of_range(text):
    """Whether a number is an integer beyond 64 bits or overflows a double."""
    for m in NUMBER.finditer(text):
        if m.group(1) is None:
            continue
        if m.group(2) is None and m.group(3) is None:
            if not -2**63 <= int(m.group(1)) < 2**64:
                return True
        elif math.isinf(float(m.group(0))):
            return True
    return False

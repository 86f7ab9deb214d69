#!/usr/bin/env python3
"""Where each JSON value of a fixture sits, independently of ats-hook: a small scanner over the
decoded text (Python str indices are Unicode code points) that records each value's start and
end offset by JSON pointer. Prints `FILE POINTER LINE COLUMN END_LINE END_COLUMN` (1-based,
end exclusive) for the pointers given, to help write expected.tsv by hand.

    locate.py FILE POINTER...

An NDJSON file (*.ndjson) is scanned a line at a time; a request file (*.http) from its body,
after the first blank line.
"""
import json
import json.scanner
import sys

_number = json.scanner.NUMBER_RE
_string = json.decoder.py_scanstring


def _ws(text, i):
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def scan(text, i, pointer, spans):
    """Scans the value at text[i:], records spans[pointer] = (start, end) and returns end."""
    i = _ws(text, i)
    start = i
    c = text[i]
    if c == "{":
        i = _ws(text, i + 1)
        if text[i] == "}":
            i += 1
        else:
            while True:
                key, i = _string(text, _ws(text, i) + 1)
                i = _ws(text, i)
                assert text[i] == ":"
                token = key.replace("~", "~0").replace("/", "~1")
                i = _ws(text, scan(text, i + 1, pointer + "/" + token, spans))
                i += 1
                if text[i - 1] == "}":
                    break
    elif c == "[":
        i = _ws(text, i + 1)
        if text[i] == "]":
            i += 1
        else:
            n = 0
            while True:
                i = _ws(text, scan(text, i, f"{pointer}/{n}", spans))
                n += 1
                i += 1
                if text[i - 1] == "]":
                    break
    elif c == '"':
        _, i = _string(text, i + 1)
    elif text.startswith(("true", "null"), i):
        i += 4
    elif text.startswith("false", i):
        i += 5
    else:
        i = _number.match(text, i).end()
    spans[pointer] = (start, i)
    return i


def line_column(text, offset):
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def locate(path):
    """{(document line or None, pointer): (line, column, end_line, end_column)} for a file."""
    text = open(path, encoding="utf-8", newline="").read()
    starts = []
    if path.endswith(".ndjson"):
        offset = 0
        for n, line in enumerate(text.split("\n"), 1):
            if line.strip():
                starts.append((n, offset))
            offset += len(line) + 1
    elif path.endswith(".http"):
        starts.append((None, text.index("\r\n\r\n") + 4))
    else:
        starts.append((None, 0))
    result = {}
    for document, start in starts:
        spans = {}
        try:
            scan(text, start, "", spans)
        except (ValueError, IndexError, AttributeError):  # not JSON: nothing to locate
            continue
        for pointer, (begin, end) in spans.items():
            result[(document, pointer)] = line_column(text, begin) + line_column(text, end)
    return result


if __name__ == "__main__":
    found = locate(sys.argv[1])
    for pointer in sys.argv[2:]:
        for (document, p), where in found.items():
            if p == pointer:
                print(sys.argv[1], pointer, *where, sep="\t")

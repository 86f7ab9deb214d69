#!/usr/bin/python3
"""Each finding of tests/data/positions sits where expected.tsv says, in every format: the
line, column, end_line and end_column of `--format json`, `SOURCE:LINE:COLUMN:` in the text,
`line=`/`col=`/`endLine=`/`endColumn=` of `--format github` and the region of `--format sarif`.
The same for `verify --request ... --validate` on the captured request. Each row of
expected.tsv is first checked against the fixture itself: the span must hold exactly the value
at the pointer, right after its member name.

Usage: positions.py ATS_HOOK SOURCE_DIR
"""

import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))

import reports  # noqa: E402
from reports import fail, finish  # noqa: E402


def value_at(document, pointer):
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        document = document[int(token)] if isinstance(document, list) else document[token]
    return document


def check_row_against_fixture(source_dir, row):
    """The span of `row` in the file is the JSON value at its pointer, after its member name."""
    text = (Path(source_dir) / row.file).read_bytes().decode("utf-8")  # CR LF kept
    lines = text.split("\n")  # CR of CR LF stays at the end of its line, past every span here
    start = sum(len(line) + 1 for line in lines[:row.line - 1]) + row.column - 1
    end = sum(len(line) + 1 for line in lines[:row.end_line - 1]) + row.end_column - 1
    if row.file.endswith(".ndjson"):
        document = json.loads(lines[row.line - 1])
    elif row.file.endswith(".http"):
        document = json.loads(text[text.index("\r\n\r\n") + 4:])
    else:
        document = json.loads(text)
    span = text[start:end]
    try:
        same = json.loads(span) == value_at(document, row.pointer)
    except json.JSONDecodeError:
        same = False
    before = text[:start].rstrip(" \t\r\n")
    last = row.pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
    if row.pointer == "":
        placed = before == "" or row.file.endswith(".http")
    elif last.isdigit():
        placed = before.endswith(("[", ","))
    else:
        placed = re.search(re.escape(json.dumps(last, ensure_ascii=False)) + r"\s*:$",
                           before) is not None
    if not same or not placed:
        fail(f"expected.tsv is wrong: {row.file} {row.line}:{row.column}-{row.end_line}:"
             f"{row.end_column} holds {span[:60]!r}, not the value at {row.pointer!r}")


def match_findings(rows, findings, what):
    """Pairs each row with the one finding of its file, pointer and keyword (and NDJSON line);
    fails for a row without one and for a finding without a row."""
    pairs = []
    left = list(findings)
    for row in rows:
        found = [f for f in left
                 if f["_source"] == row.file and f["pointer"] == row.pointer
                 and f["keyword"] == row.keyword
                 and f["_document_line"] in (None, row.line)]
        if len(found) != 1:
            near = [(f["_source"], f["_document_line"]) for f in findings
                    if f["pointer"] == row.pointer and f["keyword"] == row.keyword]
            fail(f"{what}: {len(found)} findings for {row.file} {row.pointer!r} {row.keyword} "
                 f"(source and line of the findings with that pointer and keyword: {near})")
            continue
        left.remove(found[0])
        pairs.append((row, found[0]))
    for finding in left:
        fail(f"{what}: a finding expected.tsv does not list: {finding['_source']} "
             f"{finding['pointer']!r} {finding['keyword']} (tests/data/positions/expected.tsv "
             "lists every finding of its fixtures)")
    return pairs


def check_json(pairs, what):
    for row, finding in pairs:
        got = tuple(finding.get(k) for k in ("line", "column", "end_line", "end_column"))
        want = (row.line, row.column, row.end_line, row.end_column)
        if got != want:
            fail(f"{what} json: {row.file} {row.pointer!r}: line, column, end_line, end_column "
                 f"are {got}, expected {want}")
        if finding["severity"] != row.severity:
            fail(f"{what} json: {row.file} {row.pointer!r}: severity {finding['severity']}, "
                 f"expected {row.severity}")


def check_text(pairs, out, what):
    lines = out.splitlines()
    for row, finding in pairs:
        warning = "warning: " if row.severity == "warning" else ""
        want = (f"{row.file}:{row.line}:{row.column}: {warning}{row.pointer or '(root)'}: "
                f"{finding['message']}")
        if want not in lines:
            near = [line for line in lines
                    if line.startswith(row.file) and f"{row.pointer or '(root)'}:" in line]
            fail(f"{what} text: no line {want!r}; the file's lines with the pointer: {near}")


def unescape(value, is_property):
    if is_property:
        value = value.replace("%2C", ",").replace("%3A", ":")
    return value.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def github_annotations(out):
    """(command, properties, message) of each `::error`/`::warning` line."""
    result = []
    for line in out.splitlines():
        match = re.match(r"::(error|warning)(?: ([^:]*))?::(.*)$", line)
        if not match:
            continue
        properties = {}
        for pair in (match[2] or "").split(","):
            if pair:
                key, _, value = pair.partition("=")
                properties[key] = unescape(value, True)
        result.append((match[1], properties, unescape(match[3], False)))
    return result


def check_github(pairs, out, what):
    annotations = github_annotations(out)
    for row, finding in pairs:
        label = row.pointer or "(root)"
        found = [a for a in annotations
                 if a[1].get("file") == row.file and a[1].get("title") == f"ats-hook {row.keyword}"
                 and a[2] == f"{label}: {finding['message']}"]
        if len(found) != 1:
            fail(f"{what} github: {len(found)} annotations for {row.file} {label} {row.keyword}")
            continue
        command, properties, _ = found[0]
        want = {"line": str(row.line), "col": str(row.column), "endLine": str(row.end_line)}
        if row.end_line == row.line:
            want["endColumn"] = str(row.end_column)
        got = {k: properties.get(k) for k in ("line", "col", "endLine", "endColumn")}
        if got != {**{"endColumn": None}, **want}:
            fail(f"{what} github: {row.file} {label}: {got}, expected {want}")
        if command != row.severity:
            fail(f"{what} github: {row.file} {label}: ::{command}, expected ::{row.severity}")


def check_sarif(pairs, out, what):
    try:
        log = json.loads(out)
        results = log["runs"][0]["results"]
    except (json.JSONDecodeError, KeyError, IndexError) as error:
        fail(f"{what} sarif: not a SARIF log with runs[0].results ({error})")
        return
    for row, finding in pairs:
        found = []
        for result in results:
            location = result.get("locations", [{}])[0].get("physicalLocation", {})
            uri = location.get("artifactLocation", {}).get("uri", "")
            if (unquote(uri) == row.file and result.get("ruleId") == row.keyword
                    and finding["message"] in result.get("message", {}).get("text", "")):
                found.append(location.get("region", {}))
        if len(found) != 1:
            fail(f"{what} sarif: {len(found)} results for {row.file} {row.keyword} "
                 f"whose message holds {finding['message']!r}")
            continue
        got = {k: found[0].get(k) for k in ("startLine", "startColumn", "endLine", "endColumn")}
        want = {"startLine": row.line, "startColumn": row.column, "endLine": row.end_line,
                "endColumn": row.end_column}
        if got != want:
            fail(f"{what} sarif: {row.file} {row.pointer!r}: region {got}, expected {want}")


def check_command(ats_hook, source_dir, args, rows, what, env=None):
    runs = {}
    for form in ("json", "text", "github", "sarif"):
        runs[form] = reports.run(ats_hook, [*args, "--format", form], source_dir, env)
        if runs[form].exit_code != 1:
            fail(f"{what} --format {form}: exit {runs[form].exit_code}, expected 1 (invalid)\n"
                 + runs[form].describe())
    findings = [f for d in reports.json_documents(runs["json"].out) for f in reports.findings_of(d)]
    if args[0] == "verify":
        # verify's JSON may name the body ("FILE (body)"); its lines are still the file's, and
        # the other formats must name the file itself.
        for finding in findings:
            if finding["_source"].startswith(reports.REQUEST_FIXTURE):
                finding["_source"] = reports.REQUEST_FIXTURE
    pairs = match_findings(rows, findings, what)
    check_json(pairs, what)
    check_text(pairs, runs["text"].out, what)
    check_github(pairs, runs["github"].out, what)
    check_sarif(pairs, runs["sarif"].out, what)
    return len(pairs)


def main():
    ats_hook, source_dir = sys.argv[1], sys.argv[2]
    rows = reports.read_expected(source_dir)
    for row in rows:
        check_row_against_fixture(source_dir, row)
    if reports.failures:
        return 1
    checked = check_command(ats_hook, source_dir, ["validate", *reports.VALIDATE_FIXTURES],
                            [r for r in rows if r.file != reports.REQUEST_FIXTURE], "validate")
    checked += check_command(ats_hook, source_dir, reports.verify_args(),
                             [r for r in rows if r.file == reports.REQUEST_FIXTURE], "verify",
                             reports.verify_env())
    return finish(f"{checked} findings at their expected line:column in json, text, github "
                  "and sarif")


if __name__ == "__main__":
    sys.exit(main())

"""Running ats-hook over the position fixtures and reading what it writes, for the consumer
tests of the CI report formats (issue 18), and their failure bookkeeping (fail, finish).
Expected values never come from here: they come from tests/data/positions/expected.tsv or from
the real consumers."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

POSITIONS = "tests/data/positions"
# The fixtures `validate` reads, in the order given on the command line (request.http is a
# captured request: `verify --request` reads it).
VALIDATE_FIXTURES = [
    f"{POSITIONS}/{name}"
    for name in ("pretty.json", "compact.json", "crlf.json", "utf8-same-line.json", "log.ndjson",
                 "name with space.json", "escapes.json", "missing-member.json")
]
REQUEST_FIXTURE = f"{POSITIONS}/request.http"
# request.http is signed with this secret (the published test secret of samples/signed) at
# webhook-timestamp 1710258948; verify it 2 s later.
TEST_SECRET = "whsec_06VTm7M3bNJMOxArkMt57uDpXuAuB0ZU+Ups+6EYTaU="
REQUEST_NOW = "1710258950"

# What fail() recorded in this run of a consumer test.
failures = []


def fail(message):
    """Records a failed check and prints it; the test goes on, and finish() makes it exit 1."""
    failures.append(message)
    print("FAIL:", message, file=sys.stderr)


def finish(summary):
    """A consumer test's exit status: 1 after any fail(), their count on stderr; otherwise 0,
    with summary (what was checked) on stdout."""
    if failures:
        print(f"{len(failures)} failures", file=sys.stderr)
        return 1
    print(summary)
    return 0


@dataclass
class Expected:
    file: str  # as given to ats-hook, relative to the source directory
    pointer: str
    keyword: str
    severity: str
    line: int
    column: int
    end_line: int
    end_column: int


def read_expected(source_dir):
    rows = []
    for text in (Path(source_dir) / POSITIONS / "expected.tsv").read_text("utf-8").splitlines():
        if text.startswith("#") or not text.strip():
            continue
        file, pointer, keyword, severity, *numbers = text.split("\t")
        rows.append(Expected(f"{POSITIONS}/{file}", pointer, keyword, severity,
                             *(int(n) for n in numbers)))
    return rows


@dataclass
class Run:
    args: list
    exit_code: int
    out: str
    err: str

    def describe(self):
        return f"`ats-hook {' '.join(self.args)}` exited {self.exit_code}\nstderr: {self.err}"


def run(ats_hook, args, cwd, env=None):
    merged = dict(os.environ)
    for name in ("GITHUB_STEP_SUMMARY", "NO_COLOR", "CLICOLOR_FORCE", "ATS_HOOK_OVERLAY"):
        merged.pop(name, None)
    merged.update(env or {})
    done = subprocess.run([ats_hook, *args], cwd=cwd, env=merged, capture_output=True,
                          timeout=120)
    return Run(args, done.returncode, done.stdout.decode("utf-8"),
               done.stderr.decode("utf-8", "replace"))


def verify_args(request=REQUEST_FIXTURE):
    return ["verify", "--request", request, "--now", REQUEST_NOW, "--validate"]


def verify_env():
    return {"ATS_HOOK_SECRET": TEST_SECRET}


def json_documents(out):
    """The objects of `--format json` output: one a line (validate), or one in all (verify)."""
    try:
        return [json.loads(out)]  # one object, perhaps pretty-printed
    except json.JSONDecodeError:
        return [json.loads(line) for line in out.splitlines() if line.strip()]


def findings_of(document):
    """The findings of one JSON document (validate's, or verify's under `validation`), each with
    the document's `source` and `line` added as `_source` and `_document_line`."""
    holder = document.get("validation") or document
    source = holder.get("source", document.get("source"))
    result = []
    for finding in holder.get("findings") or []:
        result.append(dict(finding, _source=source, _document_line=holder.get("line")))
    return result


def counts(documents):
    """documents, valid, invalid (readable), unreadable, errors, warnings of validate's JSON."""
    total = {"documents": 0, "valid": 0, "invalid": 0, "unreadable": 0, "errors": 0,
             "warnings": 0}
    for document in documents:
        total["documents"] += 1
        if document.get("error"):
            total["unreadable"] += 1
        elif document["valid"]:
            total["valid"] += 1
        else:
            total["invalid"] += 1
        for finding in document["findings"]:
            total["errors" if finding["severity"] == "error" else "warnings"] += 1
        omitted = document.get("omitted_findings") or {}
        total["errors"] += omitted.get("errors", 0)
        total["warnings"] += omitted.get("warnings", 0)
    return total

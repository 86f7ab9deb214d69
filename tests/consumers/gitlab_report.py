#!/usr/bin/python3
"""`validate --format gitlab` is a GitLab Code Quality report as GitLab reads it
(https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): a JSON array
of issues, each with a string description, check_name and fingerprint, a severity among info,
minor, major, critical and blocker, location.path (relative to the working directory, the
repository root in CI) and location.lines.begin >= 1. Beyond that: one issue per finding of
`--format json` over the same inputs (description "/pointer: message", check_name
"ats-hook/<keyword>", error major, warning minor, begin = the finding's line); fingerprints
hex, unique in the report (also for the same finding on two NDJSON lines) and the same in a
second run; an input named by an absolute path is reported relative; `[]` when all is valid.

Usage: gitlab_report.py ATS_HOOK SOURCE_DIR
"""

import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))

import reports  # noqa: E402
from reports import fail, finish  # noqa: E402

SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def check_shape(what, issues):
    """GitLab's required fields and types; returns the issues that have them."""
    if not isinstance(issues, list):
        fail(f"{what}: the report is a {type(issues).__name__}, not a JSON array")
        return []
    good = []
    for i, issue in enumerate(issues):
        location = issue.get("location") if isinstance(issue, dict) else None
        lines = location.get("lines") if isinstance(location, dict) else None
        problems = []
        for key in ("description", "check_name", "fingerprint", "severity"):
            if not isinstance(issue.get(key) if isinstance(issue, dict) else None, str):
                problems.append(f"{key} is not a string")
        if not isinstance(location, dict) or not isinstance(location.get("path"), str):
            problems.append("location.path is not a string")
        if not isinstance(lines, dict) or type(lines.get("begin")) is not int:
            problems.append("location.lines.begin is not an integer")
        elif lines["begin"] < 1:
            problems.append(f"location.lines.begin is {lines['begin']}")
        if not problems and issue["severity"] not in SEVERITIES:
            problems.append(f"severity {issue['severity']!r} is not one of {sorted(SEVERITIES)}")
        if not problems and not re.fullmatch(r"[0-9a-fA-F]+", issue["fingerprint"]):
            problems.append(f"fingerprint {issue['fingerprint']!r} is not hex")
        if not problems:
            path = issue["location"]["path"]
            if path.startswith(("/", "./")) or re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", path):
                problems.append(f"location.path {path!r} is not relative")
        if problems:
            fail(f"{what}: issue {i}: " + "; ".join(problems) + f": {json.dumps(issue)[:300]}")
        else:
            good.append(issue)
    return good


def check(ats_hook, cwd, files, expected_exit, what):
    json_run = reports.run(ats_hook, ["validate", "--format", "json", *files], cwd)
    first = reports.run(ats_hook, ["validate", "--format", "gitlab", *files], cwd)
    second = reports.run(ats_hook, ["validate", "--format", "gitlab", *files], cwd)
    if json_run.exit_code != expected_exit or first.exit_code != expected_exit:
        fail(f"{what}: exit {json_run.exit_code} (json), {first.exit_code} (gitlab), expected "
             f"{expected_exit}\n{first.describe()}")
    try:
        issues = json.loads(first.out)
    except json.JSONDecodeError as error:
        fail(f"{what}: not JSON ({error}): {first.out[:300]}")
        return
    good = check_shape(what, issues)
    fingerprints = [issue["fingerprint"] for issue in good]
    repeated = sorted({f for f in fingerprints if fingerprints.count(f) > 1})
    if repeated:
        fail(f"{what}: fingerprints repeat: {repeated}")
    if first.out != second.out:
        fail(f"{what}: a second run over the same inputs wrote another report")
    expected = []
    for document in reports.json_documents(json_run.out):
        path = os.path.relpath(os.path.join(cwd, document["source"]), cwd)
        for finding in document["findings"]:
            expected.append({
                "description": f"{finding['pointer'] or '(root)'}: {finding['message']}",
                "check_name": f"ats-hook/{finding['keyword']}",
                "severity": "major" if finding["severity"] == "error" else "minor",
                "path": path,
                "begin": finding.get("line"),
            })
    actual = []
    for issue in good:
        description = issue["description"]
        if description.startswith(": "):  # the root pointer written as it is, ""
            description = "(root)" + description
        actual.append({"description": description, "check_name": issue["check_name"],
                       "severity": issue["severity"], "path": issue["location"]["path"],
                       "begin": issue["location"]["lines"]["begin"]})

    def key(issue):
        return json.dumps(issue, sort_keys=True, ensure_ascii=False)

    missing = sorted(set(map(key, expected)) - set(map(key, actual)))
    extra = sorted(set(map(key, actual)) - set(map(key, expected)))
    if missing or len(actual) != len(expected):
        fail(f"{what}: {len(actual)} issues for {len(expected)} findings; the findings of "
             "--format json without their issue:\n  " + "\n  ".join(missing) +
             "\nissues no finding explains:\n  " + "\n  ".join(extra))


def main():
    ats_hook, source_dir = str(Path(sys.argv[1]).resolve()), sys.argv[2]
    check(ats_hook, source_dir, reports.VALIDATE_FIXTURES, 1, "validate on tests/data/positions")
    invalid = sorted(f"samples/invalid/{p.name}"
                     for p in (Path(source_dir) / "samples/invalid").glob("*.json"))
    check(ats_hook, source_dir, [*invalid, "samples/warnings/unknown-field.json",
                                 "samples/deliveries.ndjson"], 1, "validate on samples")
    check(ats_hook, source_dir, ["samples/valid/job.updated.json"], 0, "validate, all valid")
    valid = reports.run(ats_hook, ["validate", "--format", "gitlab",
                                   "samples/valid/job.updated.json"], source_dir)
    if json.loads(valid.out) != []:
        fail(f"validate, all valid: the report is {valid.out.strip()[:100]!r}, expected []")
    scratch = tempfile.mkdtemp(prefix="ats-hook-gitlab-")
    try:
        line = (Path(source_dir) / reports.POSITIONS / "log.ndjson").read_text("utf-8")
        line = line.split("\n")[1]
        (Path(scratch) / "twice.ndjson").write_text(f"{line}\n{line}\n", "utf-8")
        (Path(scratch) / "sub").mkdir()
        shutil.copy(Path(source_dir) / reports.POSITIONS / "pretty.json",
                    Path(scratch) / "sub" / "pretty copy.json")
        check(ats_hook, scratch, ["twice.ndjson", str(Path(scratch) / "sub" / "pretty copy.json")],
              1, "validate, the same findings on two NDJSON lines, and an absolute path")
    finally:
        shutil.rmtree(scratch)
    return finish("the gitlab reports are Code Quality reports holding the findings of "
                  "--format json")


if __name__ == "__main__":
    sys.exit(main())

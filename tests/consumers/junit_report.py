#!/usr/bin/python3
"""`--format junit` read by Debian's python3-junitparser: for validate, <testsuites name="ats-hook
validate">, one suite per input file named as given, one test case per document (an NDJSON one
named "line N"), tests/failures/errors per suite and in total equal to the documents, invalid
and unreadable documents of `--format json` over the same inputs, skipped 0, each failure
listing its document's findings, and the declared counts equal to the elements. Inputs include
names XML must escape (& < > " ') and hold a newline. For `verify --request`, one test case per
request file (one or two): failed for a body with findings or a signature that does not verify.

Usage: junit_report.py ATS_HOOK SOURCE_DIR
"""

import shutil
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))

import junit_counts  # noqa: E402
import reports  # noqa: E402
from reports import fail, finish  # noqa: E402


def parse(what, run, scratch):
    report_file = Path(scratch) / "report.xml"
    report_file.write_text(run.out, "utf-8")
    try:
        report, problems = junit_counts.read_counts(str(report_file))
    except Exception as error:  # junitparser's or the XML parser's: the report is unreadable
        fail(f"{what}: junitparser cannot read the report ({error!r}):\n{run.out[:400]}")
        return None
    for problem in problems:
        fail(f"{what}: {problem}")
    return report


def check_validate(ats_hook, cwd, files, expected_exit, what, scratch):
    json_run = reports.run(ats_hook, ["validate", "--format", "json", *files], cwd)
    junit_run = reports.run(ats_hook, ["validate", "--format", "junit", *files], cwd)
    if json_run.exit_code != expected_exit or junit_run.exit_code != expected_exit:
        fail(f"{what}: exit {json_run.exit_code} (json), {junit_run.exit_code} (junit), expected "
             f"{expected_exit}\n{junit_run.describe()}")
    documents = reports.json_documents(json_run.out)
    report = parse(what, junit_run, scratch)
    if report is None:
        return
    if report["name"] != "ats-hook validate":
        fail(f"{what}: <testsuites name={report['name']!r}>, expected 'ats-hook validate'")
    total = reports.counts(documents)
    want = (total["documents"], total["invalid"], total["unreadable"], 0)
    got = (report["tests"], report["failures"], report["errors"], report["skipped"])
    if got != want:
        fail(f"{what}: in total tests, failures, errors, skipped {got}; --format json says {want}")
    suites = {suite["name"]: suite for suite in report["suites"]}
    names = [suite["name"] for suite in report["suites"]]
    if names != list(dict.fromkeys(files)):
        fail(f"{what}: suites {names}, expected one per input file in order: {files}")
    for file in files:
        mine = [d for d in documents if d["source"] == file]
        suite = suites.get(file)
        if suite is None:
            continue
        count = reports.counts(mine)
        want = (count["documents"], count["invalid"], count["unreadable"], 0)
        got = (suite["tests"], suite["failures"], suite["errors"], suite["skipped"])
        if got != want:
            fail(f"{what}: suite {file!r}: tests, failures, errors, skipped {got}; --format json "
                 f"says {want}")
            continue
        for document, case in zip(mine, suite["cases"]):
            if document["line"] is not None and case["name"] != f"line {document['line']}":
                fail(f"{what}: {file}: the case of NDJSON line {document['line']} is named "
                     f"{case['name']!r}, expected 'line {document['line']}'")
            expected = ("error" if document.get("error") else
                        "passed" if document["valid"] else "failure")
            if case["result"] != expected:
                fail(f"{what}: {file} {case['name']}: {case['result']}, expected {expected}")
            if case["result"] == "failure":
                for finding in document["findings"]:
                    line = f"{finding['pointer'] or '(root)'}: {finding['message']}"
                    if line not in case["text"]:
                        fail(f"{what}: {file} {case['name']}: the failure does not list {line!r}:"
                             f"\n{case['text']}")


def check_verify(ats_hook, source_dir, request, now, secret, want_failed, what, scratch):
    args = ["verify", "--request", request, "--now", now, "--validate", "--format", "junit"]
    run = reports.run(ats_hook, args, source_dir, {"ATS_HOOK_SECRET": secret})
    if run.exit_code != (1 if want_failed else 0):
        fail(f"{what}: exit {run.exit_code}\n{run.describe()}")
    report = parse(what, run, scratch)
    if report is None:
        return
    if report["tests"] != 1 or report["skipped"] != 0:
        fail(f"{what}: {report['tests']} tests, {report['skipped']} skipped: expected one test "
             "case, the request file")
    failed = report["failures"] + report["errors"]
    if failed != (1 if want_failed else 0):
        fail(f"{what}: {report['failures']} failures and {report['errors']} errors, expected "
             f"{'one' if want_failed else 'none'}")


def main():
    ats_hook, source_dir = str(Path(sys.argv[1]).resolve()), sys.argv[2]
    scratch = tempfile.mkdtemp(prefix="ats-hook-junit-")
    try:
        fixtures = reports.VALIDATE_FIXTURES
        check_validate(ats_hook, source_dir, fixtures, 1, "validate on tests/data/positions",
                       scratch)
        check_validate(ats_hook, source_dir, ["samples/deliveries.ndjson",
                                              "samples/valid/job.updated.json"], 1,
                       "validate on samples/deliveries.ndjson", scratch)
        check_validate(ats_hook, source_dir, ["samples/valid/job.updated.json",
                                              "samples/warnings/unknown-field.json"], 0,
                       "validate on valid samples", scratch)
        inputs = Path(scratch) / "inputs"
        inputs.mkdir()
        pretty = Path(source_dir) / reports.POSITIONS / "pretty.json"
        log = (Path(source_dir) / reports.POSITIONS / "log.ndjson").read_text("utf-8")
        shutil.copy(pretty, inputs / "a&b <c> \"d\" 'e'.json")
        shutil.copy(pretty, inputs / "new\nline.json")
        (inputs / "broken.json").write_text('{"type": "job.updated",\n', "utf-8")
        (inputs / "mixed.ndjson").write_text(log.split("\n")[0] + "\n" + log.split("\n")[1] +
                                             "\n{oops}\n", "utf-8")
        check_validate(ats_hook, str(inputs), ["a&b <c> \"d\" 'e'.json", "broken.json",
                                               "mixed.ndjson", "new\nline.json"], 3,
                       "validate with names to escape and unreadable documents", scratch)
        request = reports.REQUEST_FIXTURE
        check_verify(ats_hook, source_dir, request, reports.REQUEST_NOW, reports.TEST_SECRET,
                     True, "verify, a body with findings", scratch)
        check_verify(ats_hook, source_dir, "samples/signed/application.created.http",
                     "2024-02-05T09:14:30Z", reports.TEST_SECRET, False, "verify, a good delivery",
                     scratch)
        check_verify(ats_hook, source_dir, request, reports.REQUEST_NOW,
                     "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", True, "verify, another secret",
                     scratch)
        two = ["verify", "--request", request, "--request",
               "samples/signed/application.created.http", "--ignore-timestamp", "--validate",
               "--format", "junit"]
        run = reports.run(ats_hook, two, source_dir, {"ATS_HOOK_SECRET": reports.TEST_SECRET})
        report = parse("verify, two request files", run, scratch)
        if report is not None:
            got = (report["tests"], report["failures"] + report["errors"], run.exit_code)
            if got != (2, 1, 1):
                fail(f"verify, two request files (one body with findings): tests, failed, exit "
                     f"{got}, expected (2, 1, 1)\n{run.describe()}")
    finally:
        shutil.rmtree(scratch)
    return finish("junitparser reads the counts --format json gives, per file and in total")


if __name__ == "__main__":
    sys.exit(main())

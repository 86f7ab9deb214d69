#!/usr/bin/python3
"""The counts of a JUnit XML report as Debian's python3-junitparser reads it: suites, tests,
failures, errors and skipped, in total and per suite, and the names of the failed test cases.
The counts the report declares (attributes) must equal what its elements hold: one
<testcase> a test, a <failure>, <error> or <skipped> in one a failure, error or skip.

    junit_counts.py FILE [--suites N] [--tests N] [--failures N] [--errors N] [--skipped N]
                         [--failed NAME,...]

Prints the counts; with options, also checks them (--failed: exactly the test cases whose name
holds one of these, once each, failed or errored) and exits 1 on a difference.
"""

import argparse
import re
import sys

import junitparser


def read_counts(path):
    """{"name", "tests", "failures", "errors", "skipped", "suites": [same per suite, + "cases":
    [{"name", "result": "passed"|"failure"|"error"|"skipped", "text"}]]}, and a list of the
    places where the declared counts differ from the elements."""
    xml = junitparser.JUnitXml.fromfile(path)
    if isinstance(xml, junitparser.TestSuite):  # a <testsuite> root
        root_name, suites = None, [xml]
    else:
        root_name, suites = xml.name, list(xml)
    problems = []
    report = {"name": root_name, "suites": []}
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in suites:
        entry = {"name": suite.name, "cases": []}
        counted = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for case in suite:
            counted["tests"] += 1
            result, text = "passed", ""
            for outcome in case.result:
                kind = {junitparser.Failure: "failures", junitparser.Error: "errors",
                        junitparser.Skipped: "skipped"}[type(outcome)]
                counted[kind] += 1
                result = {"failures": "failure", "errors": "error", "skipped": "skipped"}[kind]
                text += (outcome.message or "") + "\n" + (outcome.text or "")
            entry["cases"].append({"name": case.name, "result": result, "text": text})
        for key, value in counted.items():
            declared = getattr(suite, key)
            if declared != value and not (key == "skipped" and declared is None and value == 0):
                problems.append(f"suite {suite.name!r} declares {key}={declared}, its elements "
                                f"hold {value}")
            entry[key] = value
            totals[key] += value
        report["suites"].append(entry)
    if not isinstance(xml, junitparser.TestSuite):
        for key, value in totals.items():
            declared = getattr(xml, key)
            if declared is not None and declared != value:
                problems.append(f"<testsuites> declares {key}={declared}, its suites hold {value}")
            if declared is None and key != "skipped":
                problems.append(f"<testsuites> declares no {key} (its suites hold {value})")
    report.update(totals)
    return report, problems


def names(name, case):
    """Whether the case's name holds `name` as a whole word: "delivery" is not "redelivery"."""
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", case) is not None


def failed_names(report):
    return [case["name"] for suite in report["suites"] for case in suite["cases"]
            if case["result"] in ("failure", "error")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file")
    for key in ("suites", "tests", "failures", "errors", "skipped"):
        parser.add_argument(f"--{key}", type=int)
    parser.add_argument("--failed", help="comma-separated: exactly these cases fail")
    args = parser.parse_args()
    report, problems = read_counts(args.file)
    print(f"{report['name']}: {len(report['suites'])} suites, {report['tests']} tests, "
          f"{report['failures']} failures, {report['errors']} errors, {report['skipped']} skipped")
    for suite in report["suites"]:
        print(f"  {suite['name']}: {suite['tests']} tests, {suite['failures']} failures, "
              f"{suite['errors']} errors, {suite['skipped']} skipped")
        for case in suite["cases"]:
            print(f"    {case['result']:8} {case['name']}")
    actual = dict(report, suites=len(report["suites"]))
    for key in ("suites", "tests", "failures", "errors", "skipped"):
        wanted = getattr(args, key)
        if wanted is not None and actual[key] != wanted:
            problems.append(f"{key}: {actual[key]}, expected {wanted}")
    if args.failed is not None:
        wanted = [name for name in args.failed.split(",") if name]
        failed = failed_names(report)
        for name in wanted:
            holders = [case for case in failed if names(name, case)]
            if len(holders) != 1:
                problems.append(f"{len(holders)} failed cases named with {name!r}, expected 1")
        for case in failed:
            if not any(names(name, case) for name in wanted):
                problems.append(f"the case {case!r} failed, expected only {wanted}")
    for problem in problems:
        print("FAIL:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

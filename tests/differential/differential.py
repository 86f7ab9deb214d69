#!/usr/bin/python3
"""Differential check of ats-hook's validator against jsonschema (issue 8, item 3).

Mutates the valid samples with a seeded generator, validates every case with
`ats-hook validate --format json [--strict] --event TYPE` (one NDJSON batch per event type and
mode) and with jsonschema over the schema `ats-hook schema [--strict] TYPE` exports, and
compares the verdicts and the sets of JSON pointers with errors.

How pointers are compared. ats-hook and jsonschema agree on where most findings sit; two
keywords need a mapping (see reference.py): additionalProperties (ats-hook: the member,
jsonschema: the object) and anyOf. For the lenient export's anyOf [null, S] the reference
takes S's errors (ats-hook skips null for optional members). For the envelope's anyOf (the
object in data.object, or directly in data) ats-hook reports one branch: the first without
errors, else the one that recognised the most members. So when ats-hook finds the document
valid, some branch's errors must all be documented differences; when it finds errors and the
two branches recognise different numbers of members (computed here as ats-hook counts them:
recognised_members), it must report exactly that branch's pointers; on a tie (its next
criteria count findings, which jsonschema does not give one-for-one) either branch's set is
accepted. When jsonschema finds a branch valid but ats-hook does not (a documented difference
in that branch), each branch is validated on its own to get the sets to compare.

Warnings are not errors: the pointer sets above hold errors only. In lenient mode unknown
members are warnings, and the lenient export drops additionalProperties (it has no warnings),
so the lenient warnings are compared with the additionalProperties errors of the strict
export's branch that ats-hook reported (the branch whose errors matched, or the first valid
one). `--strict` makes them errors, compared like the rest.

Exit status 0 when every case agrees or differs only as differences.py documents.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree from ctest runs
sys.path.insert(0, str(Path(__file__).resolve().parent))

import differences  # noqa: E402
import mutations  # noqa: E402
import reference  # noqa: E402
from jsontext import dump, duplicated_members  # noqa: E402

MODES = ("lenient", "strict")


def parse_args():
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ats-hook", required=True, help="the ats-hook binary to check")
    parser.add_argument("--cases", type=int, default=2000,
                        help="mutated documents to generate; each is checked in both modes")
    parser.add_argument("--seed", type=int, default=8, help="seed of the generator")
    parser.add_argument("--samples", default=str(here.parent.parent / "samples" / "valid"),
                        help="folder of valid payloads to mutate")
    parser.add_argument("--show", type=int, default=20, help="failures printed in full")
    parser.add_argument("--keep", help="write the NDJSON batches to this folder")
    return parser.parse_args()


def load_samples(folder):
    samples = []
    for path in sorted(Path(folder).glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        samples.append((doc["type"], path.name, doc))
    if not samples:
        reference.fail(f"no samples in {folder}")
    return samples


def run(command):
    done = subprocess.run(command, capture_output=True)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8", "replace")


def export_schema(ats_hook, event, mode):
    command = [ats_hook, "schema"] + (["--strict"] if mode == "strict" else []) + [event]
    code, out, err = run(command)
    if code != 0:
        reference.fail(f"{' '.join(command)} exited {code}: {err}")
    return json.loads(out)


def generate(args, samples, event_refs):
    rng = random.Random(args.seed)
    cases = []
    for number in range(args.cases):
        event, name, original = rng.choice(samples)
        doc = json.loads(json.dumps(original))
        done = mutations.mutate(rng, doc, event_refs[event].schemas["strict"])
        text = dump(doc, ascii_only=rng.random() < 0.3)
        cases.append({"number": number, "event": event, "sample": name, "mutations": done,
                      "text": text})
    return cases


def validate_batches(args, cases, folder):
    """ats-hook's report for each case and mode: {(number, mode): report}."""
    by_event = {}
    for case in cases:
        by_event.setdefault(case["event"], []).append(case)
    reports = {}
    for event, batch in sorted(by_event.items()):
        path = Path(folder) / f"{event}.ndjson"
        path.write_text("".join(c["text"] + "\n" for c in batch), encoding="utf-8")
        for mode in MODES:
            command = [args.ats_hook, "validate", "--format", "json", "--event", event]
            command += (["--strict"] if mode == "strict" else []) + [str(path)]
            code, out, err = run(command)
            if code not in (0, 1, 3):  # 3: some line unreadable, reported per line
                reference.fail(f"{' '.join(command)} exited {code}: {err}")
            lines = [json.loads(line) for line in out.split("\n") if line.strip()]  # not splitlines: U+2028
            if len(lines) != len(batch):
                reference.fail(f"{' '.join(command)}: {len(lines)} reports for {len(batch)} "
                               f"documents")
            for case, report in zip(batch, lines):
                if report.get("line") is not None and report["line"] != batch.index(case) + 1:
                    reference.fail(f"{path}: reports out of order at line {report['line']}")
                reports[case["number"], mode] = report
    return reports


MISSING = object()  # a pointer only ats-hook can resolve (an earlier duplicate member's value)


def value_at(instance, pointer):
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(instance, list) and token.isdigit() and int(token) < len(instance):
            instance = instance[int(token)]
        elif isinstance(instance, dict) and token in instance:
            instance = instance[token]
        else:
            return MISSING
    return instance


def type_matches(types, value):
    types = types if isinstance(types, list) else [types]
    for t in types:
        if t == "null" and value is None or t == "boolean" and isinstance(value, bool):
            return True
        if isinstance(value, bool):
            continue
        if t == "integer" and (isinstance(value, int) or
                               isinstance(value, float) and value.is_integer()):
            return True
        if t == "number" and isinstance(value, (int, float)) or \
                t == "string" and isinstance(value, str) or \
                t == "array" and isinstance(value, list) or \
                t == "object" and isinstance(value, dict):
            return True
    return False


def recognised_members(root, schema, value):
    """Members matched to a declared property, counted as ats-hook's walker counts them."""
    schema = mutations.resolve(root, schema)
    if not isinstance(schema, dict):
        return 0
    if "type" in schema and not type_matches(schema["type"], value):
        return 0
    count = 0
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key, member in value.items():
            if key in properties:
                count += 1 + recognised_members(root, properties[key], member)
            elif isinstance(schema.get("additionalProperties"), dict):
                count += recognised_members(root, schema["additionalProperties"], member)
    if isinstance(value, list) and "items" in schema:
        count += sum(recognised_members(root, schema["items"], item) for item in value)
    branches = schema.get("anyOf", [])
    if len(branches) == 2 and reference.is_null_branch(branches[0]):
        count += 0 if value is None else recognised_members(root, branches[1], value)
    elif branches:
        raise AssertionError("recognised_members: only the lenient null anyOf is nested")
    return count


class EventReference:
    """The exported schemas of one event type in both modes, and jsonschema over them."""

    def __init__(self, ats_hook, event, checker):
        self.schemas = {m: export_schema(ats_hook, event, m) for m in MODES}
        self.references = {m: reference.Reference(s, checker) for m, s in self.schemas.items()}
        self.branches = {m: [reference.Reference(dict(b, definitions=s["definitions"]), checker)
                             for b in s["anyOf"]] for m, s in self.schemas.items()}

    def first_valid_branch(self, instance):
        for index, branch in enumerate(self.branches["lenient"]):
            if branch.validator.is_valid(instance):
                return index
        raise AssertionError("no lenient branch accepts a valid document")

    def unknown_members(self, branch, instance):
        """Members the strict schema's branch calls unknown (additionalProperties: false)."""
        found = self.branches["strict"][branch].alternatives(instance)[0]
        return {p: k for p, k in found.items() if "additionalProperties" in k}


def decisive_branch(root, instance):
    """The envelope branch ats-hook must report when both fail: the one recognising the most
    members; None on a tie (its next criteria count findings, not given one-for-one here)."""
    counts = [recognised_members(root, b, instance) for b in root["anyOf"]]
    best = max(counts)
    return None if counts.count(best) > 1 else counts.index(best)


def allowed_alternatives(event_ref, mode, instance, ats_valid, duplicated):
    """The reference's error sets ats-hook may report (see the module docstring), the branch
    ats-hook must report, if one is decided, and every branch's sets.

    ats-hook valid: some branch must be free of errors (any branch's set may be explained by
    documented differences). ats-hook invalid: the branch recognising the most members; when
    the reference finds a branch valid, a documented difference made ats-hook fail it, so the
    sets come from validating each branch on its own."""
    alternatives = event_ref.references[mode].alternatives(instance)
    if ats_valid:
        return alternatives, None, alternatives
    if all(a.branch is None for a in alternatives):  # the reference finds the document valid
        alternatives = []
        for index, branch in enumerate(event_ref.branches[mode]):
            for alternative in branch.alternatives(instance):
                alternative.branch = index
                alternatives.append(alternative)
    # ats-hook counts every occurrence of a repeated member name, Python's parser the last.
    branch = None if duplicated else decisive_branch(event_ref.schemas[mode], instance)
    if branch is None:
        return alternatives, None, alternatives
    return [a for a in alternatives if a.branch == branch], branch, alternatives


def error_pointers(report, severity):
    out = {}
    for f in report["findings"]:
        if f["severity"] == severity:
            out.setdefault(f["pointer"], set()).add(f["keyword"])
    return out


def explain(only_ats, only_ref, ats, ref, instance, duplicated):
    """The documented differences explaining every differing pointer, or None."""
    names = []
    for side, pointers, keywords in (("ats-hook", only_ats, ats), ("reference", only_ref, ref)):
        for p in sorted(pointers):
            spot = differences.Spot(value_at(instance, p), p, duplicated)
            names.append(differences.explain_pointer(side, spot, keywords[p]))
    return sorted(set(names)) if all(names) else None


def compare(case, mode, report, event_ref):
    """('agree', []), ('documented', names) or ('fail', detail) for one case in one mode."""
    text = case["text"]
    if "error" in report:
        name = differences.explain_unreadable(text, report["error"]["message"])
        if name:
            return "documented", [name]
        return "fail", f"ats-hook could not read it: {report['error']['message']}"
    instance = json.loads(text)
    ats_errors = error_pointers(report, "error")
    if report["valid"] != (not ats_errors and not report["omitted_findings"]["errors"]):
        return "fail", "ats-hook's verdict contradicts its own findings"
    duplicated = duplicated_members(text)
    allowed, branch, alternatives = allowed_alternatives(event_ref, mode, instance,
                                                         report["valid"], duplicated)
    truncated = report["omitted_findings"]["errors"] > 0
    for alternative in allowed:
        only_ats = {p for p in ats_errors if p not in alternative}
        only_ref = set() if truncated else {p for p in alternative if p not in ats_errors}
        names = [] if not only_ats and not only_ref else \
            explain(only_ats, only_ref, ats_errors, alternative, instance, duplicated)
        if names is None:
            continue
        if mode == "lenient":
            chosen = alternative.branch
            if chosen is None:
                chosen = branch if branch is not None and not report["valid"] else \
                    event_ref.first_valid_branch(instance)
            problem = compare_warnings(report, event_ref, chosen, instance, duplicated)
            if isinstance(problem, dict):
                return "fail", problem
            names = sorted(set(names) | set(problem))
        return ("documented", names) if names else ("agree", [])
    detail = {"branch ats-hook must report": branch,
              "reference (one set per acceptable branch)":
                  [{p: sorted(k) for p, k in a.items()} for a in allowed]}
    if branch is not None and len(alternatives) > len(allowed):
        detail["other branch"] = [{p: sorted(k) for p, k in a.items()}
                                  for a in alternatives if a.branch != branch]
    return "fail", detail


def compare_warnings(report, event_ref, branch, instance, duplicated):
    """Lenient warnings (unknown members) against the strict schema's additionalProperties
    errors in the branch ats-hook reported: names of documented differences, or a detail."""
    if report["omitted_findings"]["warnings"]:
        return []
    ats = error_pointers(report, "warning")
    ref = {p: k for p, k in event_ref.unknown_members(branch, instance).items()}
    only_ats = {p for p in ats if p not in ref}
    only_ref = {p for p in ref if p not in ats}
    if not only_ats and not only_ref:
        return []
    names = explain(only_ats, only_ref, ats, ref, instance, duplicated)
    if names is not None:
        return names
    return {"warnings (lenient) differ in branch": branch,
            "unknown members per the strict schema": sorted(ref)}


def describe_failure(case, mode, report, detail):
    ats = {f["pointer"]: f["keyword"] + ("" if f["severity"] == "error" else " (warning)")
           for f in report.get("findings", [])}
    text = case["text"] if len(case["text"]) < 3000 else case["text"][:3000] + "..."
    return "\n".join([
        f"FAIL case {case['number']}: {case['event']} ({case['sample']}), {mode}",
        f"  mutations: {'; '.join(case['mutations']) or 'none'}",
        f"  json: {text}",
        f"  ats-hook: {'valid' if report['valid'] else 'invalid'} {json.dumps(ats)}"
        + (f" omitted {report['omitted_findings']}" if report.get("omitted_findings") else ""),
        f"  jsonschema: {json.dumps(detail, ensure_ascii=False)}",
    ])


def main():
    args = parse_args()
    started = time.monotonic()
    checker = reference.format_checker()
    reference.check_format_checker(checker)
    samples = load_samples(args.samples)
    events = sorted({event for event, _, _ in samples})
    event_refs = {e: EventReference(args.ats_hook, e, checker) for e in events}
    cases = generate(args, samples, event_refs)

    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        reports = validate_batches(args, cases, args.keep)
    else:
        with tempfile.TemporaryDirectory() as folder:
            reports = validate_batches(args, cases, folder)

    tally, documented, failures = Counter(), Counter(), []
    for case in cases:
        for mode in MODES:
            report = reports[case["number"], mode]
            verdict, detail = compare(case, mode, report, event_refs[case["event"]])
            tally[verdict] += 1
            if verdict == "documented":
                documented.update(detail)
                tally["known bug"] += any(n.startswith("ats-hook-bug:") for n in detail)
            elif verdict == "fail":
                failures.append(describe_failure(case, mode, report, detail))

    for text in failures[:args.show]:
        print(text)
    if len(failures) > args.show:
        print(f"... and {len(failures) - args.show} more failures (--show N prints more)")
    known_bugs = {n: c for n, c in documented.items() if n.startswith("ats-hook-bug:")}
    if documented.keys() - known_bugs.keys():
        print("documented differences hit (see differences.py for the reasons): " +
              ", ".join(f"{name} {count}" for name, count in sorted(documented.items())
                        if name not in known_bugs))
    if known_bugs:
        print("known ats-hook bugs hit (differences.py; delete the entry with the fix): " +
              ", ".join(f"{name[len('ats-hook-bug: '):]} {count}"
                        for name, count in sorted(known_bugs.items())))
    print(f"differential: {args.cases} documents x {len(MODES)} modes, seed {args.seed}, "
          f"{reference.versions()}, {time.monotonic() - started:.1f} s")
    print(f"differential: {tally['agree']} agreements, {tally['documented']} documented "
          f"differences ({tally['known bug']} of them known ats-hook bugs), {tally['fail']} "
          f"undocumented disagreements")
    passed = tally["agree"] + tally["documented"]
    print(f"differential: {passed} passed, {tally['fail']} failed")
    return 1 if tally["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Run the `run:` steps of a composite GitHub action here, as a runner would, for tests.

    run_action.py --action DIR --scratch DIR [--input NAME=VALUE]... [--path DIR]...

Reads DIR/action.yml and runs its steps in order in a scratch workspace, skipping `uses:` steps
(actions/cache: the test puts what a cache hit restores in place itself). Like the runner:

  - ${{ inputs.NAME }} and ${{ steps.ID.outputs.NAME }} in a step's env and run are replaced by
    their values (inputs: --input, else the default; a required one missing is an error); any
    other expression, or an `if:` on a run step, is an error, so the harness never silently
    runs a step differently from the runner;
  - `shell: bash` runs `bash --noprofile --norc -eo pipefail SCRIPT` in GITHUB_WORKSPACE with
    GITHUB_ACTION_PATH, GITHUB_WORKSPACE, RUNNER_TEMP, GITHUB_PATH, GITHUB_ENV, GITHUB_OUTPUT and
    GITHUB_STEP_SUMMARY pointing into --scratch; what a step appends to GITHUB_PATH comes first
    on PATH for the steps after it, GITHUB_ENV's variables are set for them, GITHUB_OUTPUT's
    become steps.ID.outputs;
  - the first step that fails ends the run.

PATH starts as the --path folders, then /usr/local/bin:/usr/bin:/bin. Each step's stdout and
stderr go to stdout, after a line "## step N: NAME (ats-hook on PATH: WHERE)". Exit status: the
failing step's, else 0; 100 when action.yml uses what the harness does not support.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class Unsupported(Exception):
    pass


def substitute(text, inputs, outputs):
    def value(match):
        expression = match.group(1)
        m = re.fullmatch(r"inputs\.([A-Za-z0-9_-]+)", expression)
        if m:
            if m.group(1) not in inputs:
                raise Unsupported(f"no input {m.group(1)!r}")
            return inputs[m.group(1)]
        m = re.fullmatch(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", expression)
        if m:
            return outputs.get(m.group(1), {}).get(m.group(2), "")
        raise Unsupported(f"the expression ${{{{ {expression} }}}}")

    return EXPRESSION.sub(value, str(text))


def read_pairs(path):
    """NAME=VALUE lines and NAME<<DELIMITER blocks, as GITHUB_ENV and GITHUB_OUTPUT hold them."""
    pairs = {}
    lines = path.read_text().splitlines() if path.exists() else []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block = []
            while i < len(lines) and lines[i] != delimiter:
                block.append(lines[i])
                i += 1
            i += 1
            pairs[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            pairs[name] = value
    return pairs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--action", required=True, type=Path)
    parser.add_argument("--scratch", required=True, type=Path)
    parser.add_argument("--input", action="append", default=[])
    parser.add_argument("--path", action="append", default=[])
    options = parser.parse_args()

    action = yaml.safe_load((options.action / "action.yml").read_text())
    if action["runs"]["using"] != "composite":
        raise Unsupported("not a composite action")
    given = dict(item.split("=", 1) for item in options.input)
    inputs = {}
    for name, spec in (action.get("inputs") or {}).items():
        if name in given:
            inputs[name] = given.pop(name)
        elif spec.get("required") and "default" not in spec:
            raise Unsupported(f"the required input {name!r} was not given")
        else:
            inputs[name] = str(spec.get("default", ""))
    if given:
        raise Unsupported(f"inputs the action does not have: {sorted(given)}")

    scratch = options.scratch.resolve()
    files = {name: scratch / f"github_{name.lower()}" for name in
             ("PATH", "ENV", "STEP_SUMMARY")}
    for file in files.values():
        file.write_text("")
    workspace = scratch / "workspace"
    temp = scratch / "runner_temp"
    temp.mkdir(exist_ok=True)
    workspace.mkdir(exist_ok=True)
    (scratch / "home").mkdir(exist_ok=True)
    base_path = [str(Path(p).resolve()) for p in options.path] + [
        "/usr/local/bin", "/usr/bin", "/bin"]
    outputs = {}

    for number, step in enumerate(action["runs"]["steps"], 1):
        name = step.get("name", f"step {number}")
        if "uses" in step:
            print(f"## step {number}: {name} (skipped: uses {step['uses']})", flush=True)
            continue
        if "if" in step:
            raise Unsupported(f"step {number} has an if:")
        if step.get("shell") != "bash":
            raise Unsupported(f"step {number} has shell {step.get('shell')!r}, not bash")
        added = [line for line in files["PATH"].read_text().splitlines() if line]
        env = {
            "PATH": os.pathsep.join(list(reversed(added)) + base_path),
            "HOME": str(scratch / "home"),
            "LC_ALL": "C.UTF-8",
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "RUNNER_OS": "Linux",
            "RUNNER_TEMP": str(temp),
            "GITHUB_ACTION_PATH": str(options.action.resolve()),
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_PATH": str(files["PATH"]),
            "GITHUB_ENV": str(files["ENV"]),
            "GITHUB_STEP_SUMMARY": str(files["STEP_SUMMARY"]),
        }
        env.update(read_pairs(files["ENV"]))
        for key, value in (step.get("env") or {}).items():
            env[key] = substitute(value, inputs, outputs)
        output_file = scratch / f"github_output_{number}"
        output_file.touch()
        env["GITHUB_OUTPUT"] = str(output_file)
        script = scratch / f"step_{number}.sh"
        script.write_text(substitute(step["run"], inputs, outputs))
        where = shutil.which("ats-hook", path=env["PATH"]) or "none"
        print(f"## step {number}: {name} (ats-hook on PATH: {where})", flush=True)
        status = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace, env=env, stdin=subprocess.DEVNULL, stderr=subprocess.STDOUT).returncode
        if "id" in step:
            outputs[step["id"]] = read_pairs(output_file)
        if status != 0:
            print(f"## step {number} failed: exit status {status}", flush=True)
            return status
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Unsupported as error:
        print(f"run_action.py: {error}", file=sys.stderr)
        sys.exit(100)

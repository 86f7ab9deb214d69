#!/usr/bin/env python3
"""A job of a GitLab CI template, read as GitLab reads it (`extends:` merged), for tests.

    gitlab_job.py TEMPLATE JOB --check
    gitlab_job.py TEMPLATE JOB --script PROJECT_DIR [--variable NAME=VALUE]...

--check: the job is hidden (its name starts with "."), runs in debian:bookworm, runs
`ats-hook validate` twice (--format gitlab into gl-code-quality-report.json, --format junit into
ats-hook-junit.xml, each `|| status=$?` so the second runs after the first failed) and keeps
both as codequality and junit reports `when: always`. Prints what is wrong, exit status 1.

--script: prints the bash script a GitLab runner would run for the job: `set -eo pipefail`, the
job's variables exported (those given with --variable replace them, as a job that extends the
template would; $CI_PROJECT_DIR is PROJECT_DIR), then before_script and script in one shell.
"""

import argparse
import shlex
import sys

import yaml


def merged(jobs, name, seen=()):
    """The job with the jobs it extends merged under it: hashes deeply, anything else replaced."""
    if name in seen:
        sys.exit(f"gitlab_job.py: extends loops through {name}")
    job = dict(jobs[name])
    parents = job.pop("extends", [])
    base = {}
    for parent in [parents] if isinstance(parents, str) else parents:
        base = deep_merge(base, merged(jobs, parent, seen + (name,)))
    return deep_merge(base, job)


def deep_merge(base, over):
    result = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = value
    return result


def check(name, job):
    problems = []
    if not name.startswith("."):
        problems.append(f"{name} is not hidden: it would run in every pipeline that includes it")
    if job.get("image") != "debian:bookworm":
        problems.append(f"image is {job.get('image')!r}, not debian:bookworm")
    script = job.get("script", [])
    for line in (
        "ats-hook validate $ATS_HOOK_OPTIONS $ATS_HOOK_PATHS --format gitlab"
        " > gl-code-quality-report.json || status=$?",
        "ats-hook validate $ATS_HOOK_OPTIONS $ATS_HOOK_PATHS --format junit"
        " > ats-hook-junit.xml || status=$?",
    ):
        if line not in script:
            problems.append(f"script has no line {line!r}")
    if not script or script[-1] != "exit $status":
        problems.append("script does not end with `exit $status`")
    artifacts = job.get("artifacts", {})
    if artifacts.get("when") != "always":
        problems.append("artifacts are not kept `when: always`")
    reports = artifacts.get("reports", {})
    if reports.get("codequality") != "gl-code-quality-report.json":
        problems.append("no codequality report gl-code-quality-report.json")
    if reports.get("junit") != "ats-hook-junit.xml":
        problems.append("no junit report ats-hook-junit.xml")
    for problem in problems:
        print(f"FAIL: {name}: {problem}", file=sys.stderr)
    return 1 if problems else 0


def script(job, project_dir, overrides):
    variables = {key: str(value) for key, value in (job.get("variables") or {}).items()}
    variables.update(overrides)
    lines = ["set -eo pipefail", f"export CI_PROJECT_DIR={shlex.quote(project_dir)}"]
    for key, value in variables.items():
        # GitLab expands $NAME and ${NAME} of variables it knows in a variable's value.
        value = value.replace("${CI_PROJECT_DIR}", project_dir).replace("$CI_PROJECT_DIR",
                                                                          project_dir)
        lines.append(f"export {key}={shlex.quote(value)}")
    lines += job.get("before_script", []) + job.get("script", [])
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("template")
    parser.add_argument("job")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--script", metavar="PROJECT_DIR")
    parser.add_argument("--variable", action="append", default=[])
    options = parser.parse_args()
    with open(options.template) as file:
        jobs = yaml.safe_load(file)
    job = merged(jobs, options.job)
    if options.check:
        return check(options.job, job)
    sys.stdout.write(script(job, options.script,
                            dict(item.split("=", 1) for item in options.variable)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""`emit ... --send URL --check-handler --format junit` writes a JUnit report, read here by
Debian's python3-junitparser (junit_counts.py), with a test case per handler check, failed
exactly where the handler answered wrongly, against three handlers on 127.0.0.1, port 0:
- `ats-hook listen` with the secret verifies and answers 2xx to a redelivery: nothing fails;
- samples/stand-in-handler.py accepts everything: forged_body, wrong_secret, unsigned,
  v1a_only, stale and future fail (each must be refused), delivery and redelivery pass;
- `ats-hook listen --respond 500` refuses everything: delivery and redelivery fail.
The exit status is the text format's: 1 when a check fails.

Usage: handler_bench_junit.py ATS_HOOK SOURCE_DIR
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))

import junit_counts  # noqa: E402
from reports import fail, finish  # noqa: E402

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
JUDGED = ["delivery", "redelivery", "forged_body", "wrong_secret", "unsigned", "v1a_only",
          "stale", "future"]
REFUSALS = ["forged_body", "wrong_secret", "unsigned", "v1a_only", "stale", "future"]


class Handler:
    """A handler process started on port 0; its first stderr line says where it listens."""

    def __init__(self, command, scratch, name, env):
        self.err_path = Path(scratch) / f"{name}.err"
        with open(self.err_path, "wb") as err:
            self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err,
                                            env=env)
        self.url = None
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and self.process.poll() is None:
            first = self.err_path.read_text("utf-8", "replace").split("\n")[0]
            if first.startswith("listening on http://127.0.0.1:"):
                self.url = first.removeprefix("listening on ").strip()
                break
            time.sleep(0.05)
        if self.url is None:
            self.stop()
            raise RuntimeError(f"{name} did not start: {self.err_path.read_text()}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def bench(ats_hook, handler, failed, what, scratch, env):
    args = [ats_hook, "emit", "all", "--count", "2", "--seed", "11", "--send", handler.url,
            "--check-handler", "--check-ratio", "1", "--concurrency", "4", "--format", "junit"]
    done = subprocess.run(args, capture_output=True, env=env, timeout=120)
    want_exit = 1 if failed else 0
    if done.returncode != want_exit:
        fail(f"{what}: exit {done.returncode}, expected {want_exit}\nstderr: "
             f"{done.stderr.decode(errors='replace')}")
    report_file = Path(scratch) / f"{what}.xml"
    report_file.write_bytes(done.stdout)
    try:
        report, problems = junit_counts.read_counts(str(report_file))
    except Exception as error:  # junitparser's or the XML parser's: the report is unreadable
        fail(f"{what}: junitparser cannot read stdout as JUnit XML ({error!r}):\n"
             f"{done.stdout[:400].decode(errors='replace')}")
        return
    for problem in problems:
        fail(f"{what}: {problem}")
    cases = [case["name"] for suite in report["suites"] for case in suite["cases"]]
    for check in JUDGED:
        if sum(junit_counts.names(check, case) for case in cases) != 1:
            fail(f"{what}: no single test case for the check {check} among {cases}")
    failed_cases = junit_counts.failed_names(report)
    for check in failed:
        if not any(junit_counts.names(check, case) for case in failed_cases):
            fail(f"{what}: the check {check} did not fail (failed: {failed_cases})")
    for case in failed_cases:
        if not any(junit_counts.names(check, case) for check in failed):
            fail(f"{what}: the case {case!r} failed, expected only {failed}")
    if report["failures"] + report["errors"] != len(failed):
        fail(f"{what}: {report['failures']} failures and {report['errors']} errors, expected "
             f"{len(failed)} failed checks")


def main():
    ats_hook, source_dir = str(Path(sys.argv[1]).resolve()), sys.argv[2]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ATS_HOOK_", "NO_COLOR"))}
    env["ATS_HOOK_SECRET"] = SECRET
    scratch = tempfile.mkdtemp(prefix="ats-hook-bench-junit-")
    handlers = []
    try:
        cases = [
            ("listen verifying", [ats_hook, "listen", "--port", "0"], []),
            ("the stand-in handler",
             [sys.executable, str(Path(source_dir) / "samples/stand-in-handler.py"), "0"],
             REFUSALS),
            ("listen --respond 500", [ats_hook, "listen", "--port", "0", "--respond", "500"],
             ["delivery", "redelivery"]),
        ]
        for what, command, failed in cases:
            handler = Handler(command, scratch, what.replace(" ", "-"), env)
            handlers.append(handler)
            bench(ats_hook, handler, failed, what, scratch, env)
            handler.stop()
    finally:
        for handler in handlers:
            handler.stop()
        shutil.rmtree(scratch)
    return finish("emit --check-handler --format junit fails exactly the checks each handler gets "
                  "wrong")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
r"""Run the examples of a document as written and compare what they print with what it shows.

    run_examples.py --ats-hook BUILT_BINARY --source REPOSITORY DOCUMENT...
    run_examples.py --ats-hook BUILT_BINARY --source REPOSITORY --self-test

A DOCUMENT is Markdown (README.md) or a man page (man/ats-hook.1). Its transcripts are:

  - in Markdown, every ```console fenced block (it may be indented, as in a list item);
  - in a man page, every .nf ... .fi block of the EXAMPLES section whose first line is a
    command; roff escapes are read as a man reader sees them (\- is -, \e is \, \& is
    nothing, so write \&... for a line of three dots).

Inside a transcript, as on a terminal:

  $ command \        a command; a line ending in a backslash goes on on the next line, and
  > more             lines starting with "> " right after it continue it too (as in a quote)
  output             every line up to the next "$ " is what it prints, stdout and stderr
                     merged in the order they were written
  [N]                a last line [N]: the command exits with status N (0 is not shown)

and, for what varies from run to run (times, fresh ids, latencies, ports):

  text (glob)        "*" in text stands for any characters on that line
  text (re)          text is a Python regular expression for the whole line
  ...                a line of just "..." (indent it as you like) stands for any number of
                     lines, none included
  text (no-eol)      the output ends with this line and no newline

A ``` fence of another language whose first line starts with "$ " is an error: a transcript
must be a console block, so that it is run.

Every document runs in its own scratch copy of the repository (the files git tracks, or the
source tree without build* folders when there is no git), with the copy as the working
directory, one bash session for the whole document (an earlier block can leave a file, a
variable or a background job for a later one), stdin from /dev/null, no terminal, and a fixed
environment: PATH starting with a folder whose ats-hook is BUILT_BINARY, then
/usr/local/bin:/usr/bin:/bin; HOME in the scratch folder; LC_ALL=C.UTF-8, TZ=UTC, COLUMNS=80;
nothing else (no NO_COLOR, no ATS_HOOK_SECRET). Background jobs still running at the end are
killed. A session still running after 120 s is stopped.

A command whose output or exit status differs is reported with its document line, the command
and a unified diff (-expected +actual); the exit status is 1 when any command differed, 2 when
the document could not be read or run. --self-test runs the documents of tests/docs/fixtures/
and checks each one's exit status and report against its .report file (to change one, run this
script on the fixture, read the report, and copy it there).
"""

import argparse
import difflib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

TIMEOUT_SECONDS = 120


class DocumentError(Exception):
    """The document cannot be read as transcripts (reported with exit status 2)."""


@dataclass
class Command:
    line: int                  # 1-based line of the "$ " in the document
    text: str                  # the command as bash reads it (continuations joined by newlines)
    written: str               # the command as the document shows it, prompts included
    expected: list[str] = field(default_factory=list)
    status: int = 0


# --- reading transcripts ----------------------------------------------------------------

STATUS_LINE = re.compile(r"\[(\d+)\]")


def parse_transcript(lines: list[tuple[int, str]], where: str) -> list[Command]:
    """Commands and their expected output from the (line number, text) lines of one block."""
    commands: list[Command] = []
    for number, text in lines:
        if text.startswith("$ "):
            commands.append(Command(number, text[2:], text))
        elif commands and not commands[-1].expected and (
            commands[-1].text.endswith("\\") or text.startswith("> ")
        ):
            commands[-1].text += "\n" + text.removeprefix("> ")
            commands[-1].written += "\n" + text
        elif not commands:
            raise DocumentError(f"{where}:{number}: a transcript must start with a '$ ' command")
        else:
            commands[-1].expected.append(text)
    for command in commands:
        if command.expected and STATUS_LINE.fullmatch(command.expected[-1]):
            command.status = int(STATUS_LINE.fullmatch(command.expected.pop())[1])
    return commands


FENCE = re.compile(r"( *)(`{3,}|~{3,})\s*([\w+-]*)[^`]*$")


def markdown_blocks(text: str, name: str) -> list[list[tuple[int, str]]]:
    """The lines of every ```console block; an unmarked transcript is an error."""
    blocks = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        opening = FENCE.fullmatch(lines[i])
        if not opening:
            i += 1
            continue
        indent, fence, language = len(opening[1]), opening[2], opening[3]
        body = []
        i += 1
        while i < len(lines) and not re.fullmatch(
            r" *" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*", lines[i]
        ):
            line = lines[i]
            body.append((i + 1, line[indent:] if line[:indent].strip() == "" else line))
            i += 1
        i += 1
        if language == "console":
            blocks.append(body)
        elif body and body[0][1].startswith("$ "):
            raise DocumentError(
                f"{name}:{body[0][0]}: a transcript in a ```{language} block is never run: "
                "make it ```console"
            )
    return blocks


ROFF_ESCAPES = {
    r"\-": "-", r"\e": "\\", r"\\": "\\", r"\&": "", r"\(aq": "'", r"\(dq": '"',
    r"\(ga": "`", r"\(ti": "~", r"\(ha": "^", r"\(em": "\u2014", r"\(en": "\u2013",
    r"\(bu": "\u2022", r"\ ": " ", r"\~": " ",
    r"\fB": "", r"\fI": "", r"\fR": "", r"\fP": "",
}
ROFF_ESCAPE = re.compile(r"\\\([a-z]{2}|\\f[A-Z]|\\.")


def unroff(line: str, where: str) -> str:
    def replace(escape: re.Match) -> str:
        if escape[0] not in ROFF_ESCAPES:
            raise DocumentError(f"{where}: the runner does not know the roff escape {escape[0]}")
        return ROFF_ESCAPES[escape[0]]

    return ROFF_ESCAPE.sub(replace, line)


def man_blocks(text: str, name: str) -> list[list[tuple[int, str]]]:
    """The lines of every .nf block of the EXAMPLES section that starts with a command."""
    blocks = []
    lines = text.split("\n")
    in_examples = False
    body = None
    for number, line in enumerate(lines, 1):
        if line.startswith(".SH"):
            in_examples = line.split(None, 1)[1:] == ["EXAMPLES"]
        elif not in_examples:
            continue
        elif line.startswith(".nf"):
            body = []
        elif line.startswith(".fi"):
            if body and body[0][1].startswith("$ "):
                blocks.append(body)
            body = None
        elif body is not None:
            if line.startswith((".", "'")):
                raise DocumentError(f"{name}:{number}: a request inside an example block")
            body.append((number, unroff(line, f"{name}:{number}")))
    return blocks


def read_document(path: Path, name: str) -> list[list[Command]]:
    text = path.read_text(encoding="utf-8")
    blocks = man_blocks(text, name) if re.search(r"\.\d$", name) else markdown_blocks(text, name)
    return [parse_transcript(block, name) for block in blocks]


# --- matching -----------------------------------------------------------------------------


def line_matches(pattern: str, actual: str) -> bool:
    if pattern == actual:
        return True
    if pattern.endswith(" (re)"):
        return re.fullmatch(pattern[:-5], actual) is not None
    if pattern.endswith(" (glob)"):
        parts = (re.escape(part) for part in pattern[:-7].split("*"))
        return re.fullmatch(".*".join(parts), actual) is not None
    return False


def is_any_lines(pattern: str) -> bool:
    return pattern.strip() == "..."


def compare(expected: list[str], actual: list[str]) -> tuple[bool, list[str]]:
    """Whether actual matches expected, and actual with every matched line written as its
    pattern (a run of lines that "..." took as one "..."), so a diff shows only what differs.

    An edit-distance alignment: cost[i][j] is the fewest unmatched lines when aligning
    expected[i:] with actual[j:]."""
    rows, cols = len(expected), len(actual)
    cost = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows, -1, -1):
        for j in range(cols, -1, -1):
            if i == rows:
                cost[i][j] = cols - j
                continue
            any_lines = is_any_lines(expected[i])
            best = cost[i + 1][j] + (0 if any_lines else 1)
            if j < cols:
                best = min(best, cost[i][j + 1] + 1)
                if any_lines:
                    best = min(best, cost[i][j + 1])
                elif line_matches(expected[i], actual[j]):
                    best = min(best, cost[i + 1][j + 1])
            cost[i][j] = best
    shown: list[str] = []
    shown_any_lines = -1  # the index of the last "..." written to shown
    i = j = 0
    while i < rows or j < cols:
        if i < rows and is_any_lines(expected[i]):
            if shown_any_lines != i:
                shown.append(expected[i])  # once, whether it took lines or none
                shown_any_lines = i
            if j < cols and cost[i][j] == cost[i][j + 1]:
                j += 1
            else:
                i += 1
        elif i < rows and j < cols and line_matches(expected[i], actual[j]) and \
                cost[i][j] == cost[i + 1][j + 1]:
            shown.append(expected[i])
            i += 1
            j += 1
        elif j < cols and cost[i][j] == cost[i][j + 1] + 1:
            shown.append(actual[j])
            j += 1
        else:
            i += 1
    return cost[0][0] == 0, shown


def output_lines(output: str) -> list[str]:
    if output == "":
        return []
    lines = output.split("\n")
    if lines[-1] == "":
        lines.pop()
    else:
        lines[-1] += " (no-eol)"
    return lines


# --- running ------------------------------------------------------------------------------


def tracked_files(source: Path) -> list[Path] | None:
    """The files git tracks when source is the top of a git work tree, else None."""
    try:
        top = subprocess.run(["git", "-C", str(source), "rev-parse", "--show-toplevel"],
                             check=True, capture_output=True, text=True).stdout.strip()
        if Path(top).resolve() != source.resolve():
            return None  # a source tree unpacked inside some other repository
        listed = subprocess.run(["git", "-C", str(source), "ls-files", "-z"],
                                check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return [Path(name) for name in listed.split("\0") if name]


def copy_repository(source: Path, destination: Path) -> None:
    """The files a fresh clone would have, with the modes git gives them."""
    files = tracked_files(source)
    if files is None:
        files = [
            path.relative_to(source)
            for path in source.rglob("*")
            if path.is_file() and not path.relative_to(source).parts[0].startswith("build")
            and path.relative_to(source).parts[0] != ".git"
        ]
    for relative in files:
        origin = source / relative
        if not origin.is_file():
            continue  # deleted in the work tree
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(origin, target, follow_symlinks=False)
        if not target.is_symlink():
            target.chmod(0o755 if os.stat(origin).st_mode & 0o100 else 0o644)


def run_commands(commands: list[Command], ats_hook: Path, source: Path) -> tuple[list, str]:
    """Runs the commands in one bash session in a scratch copy; returns (output, status) for
    each command that finished, and a note when the session did not finish."""
    marker = "@@ran-" + secrets.token_hex(8) + "@@"
    with tempfile.TemporaryDirectory(prefix="ats-hook-examples-") as scratch:
        scratch = Path(scratch)
        root, bin_dir, home = scratch / "repository", scratch / "bin", scratch / "home"
        for folder in (root, bin_dir, home):
            folder.mkdir()
        copy_repository(source, root)
        (bin_dir / "ats-hook").symlink_to(ats_hook.resolve())
        script = [f"__ran() {{ local s=$?; printf '\\n{marker} %d\\n' \"$s\"; return \"$s\"; }}"]
        for command in commands:
            script += [command.text, "__ran"]
        script.append("kill $(jobs -p) 2>/dev/null; wait")
        (scratch / "transcript.sh").write_text("\n".join(script) + "\n", encoding="utf-8")
        env = {
            "PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin",
            "HOME": str(home),
            "TMPDIR": str(scratch),
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
            "COLUMNS": "80",
        }
        process = subprocess.Popen(
            ["bash", "--noprofile", "--norc", str(scratch / "transcript.sh")],
            cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
        note = ""
        try:
            output, _ = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
            note = f"timed out after {TIMEOUT_SECONDS} s"
        try:
            os.killpg(process.pid, signal.SIGKILL)  # what the script left behind
        except ProcessLookupError:
            pass
    text = output.decode("utf-8", errors="backslashreplace")
    # The output of command k is the text between marker k-1 and marker k.
    pieces = text.split("\n" + marker + " ")
    results = []
    rest = pieces[0]
    for piece in pieces[1:]:
        status, _, after = piece.partition("\n")
        results.append((rest, int(status)))
        rest = after
    if len(results) < len(commands):
        note = (note or "the shell stopped before it finished") + (
            f"; it printed:\n{rest}" if rest else ", printing nothing")
    return results, note


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def check_document(path: Path, name: str, ats_hook: Path, source: Path, out) -> int:
    try:
        blocks = read_document(path, name)
    except DocumentError as error:
        print(error, file=out)
        return 2
    except (OSError, UnicodeDecodeError) as error:
        print(f"{name}: cannot be read: {error}", file=out)
        return 2
    commands = [command for block in blocks for command in block]
    if not commands:
        print(f"{name}: no transcript found", file=out)
        return 2
    results, note = run_commands(commands, ats_hook, source)
    failed = 0
    for index, command in enumerate(commands):
        if index >= len(results):
            print(f"{name}:{command.line}: did not finish\n{command.written}\n{note}", file=out)
            failed += len(commands) - index
            break
        output, status = results[index]
        matched, actual = compare(command.expected, output_lines(output))
        if matched and status == command.status:
            continue
        failed += 1
        expected = command.expected + ([f"[{command.status}]"] if command.status else [])
        actual += [f"[{status}]"] if status else []
        diff = difflib.unified_diff(expected, actual, "expected", "actual", lineterm="", n=3)
        print(f"{name}:{command.line}: the output differs\n{command.written}", file=out)
        print("\n".join(diff) + "\n", file=out)
    print(f"{name}: {plural(len(commands), 'command')} in {plural(len(blocks), 'transcript')}, "
          f"{failed} differ", file=out)
    return 1 if failed else 0


SELF_TEST = [("passing.md", 0), ("passing.1", 0), ("stale.md", 1), ("unmarked.md", 2)]


def self_test(ats_hook: Path, source: Path) -> int:
    """The runner passes the fixtures whose examples hold and reports those whose do not,
    with the exit status and the report their .report file holds."""
    import io

    failures = 0
    for fixture, expected_status in SELF_TEST:
        name = f"tests/docs/fixtures/{fixture}"
        report = io.StringIO()
        status = check_document(source / name, name, ats_hook, source, report)
        expected = (source / f"tests/docs/fixtures/{fixture}.report").read_text(encoding="utf-8")
        if status == expected_status and report.getvalue() == expected:
            print(f"self-test: {fixture}: exit status {status} and the report expected")
            continue
        failures += 1
        print(f"self-test: {fixture}: exit status {status} (expected {expected_status}); "
              "the report against the expected one:")
        print("\n".join(difflib.unified_diff(expected.split("\n"), report.getvalue().split("\n"),
                                             f"{fixture}.report", "report", lineterm="")))
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ats-hook", type=Path, required=True, help="the built binary")
    parser.add_argument("--source", type=Path, required=True, help="the repository to copy")
    parser.add_argument("--self-test", action="store_true", help="check the runner itself")
    parser.add_argument("documents", nargs="*", help="paths relative to --source")
    args = parser.parse_args()
    if args.self_test:
        return self_test(args.ats_hook, args.source)
    if not args.documents:
        parser.error("name a document, or give --self-test")
    worst = 0
    for name in args.documents:
        worst = max(worst, check_document(args.source / name, name, args.ats_hook, args.source,
                                          sys.stdout))
    return worst


if __name__ == "__main__":
    sys.exit(main())

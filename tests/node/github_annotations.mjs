// `ats-hook validate --format github` prints, for each finding of `--format json` over the same
// inputs, exactly what @actions/core (pinned in package.json) prints for core.error(msg, props)
// or core.warning(msg, props), line for line and byte for byte, then one summary line; an
// unreadable document is one core.error. Inputs include file names with % : , a space,
// non-ASCII, a newline, a carriage return, a tab, U+0085 and U+202E (made in a scratch folder),
// and messages holding % : , a literal %0A, a tab, U+0085 and U+202E. With GITHUB_STEP_SUMMARY naming a file, a Markdown table naming the
// files is appended to it and stdout does not change. `verify --request --validate` annotates
// the body's findings in the request file the same way.
// Usage: node github_annotations.mjs ATS_HOOK SOURCE_DIR
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const [atsHook, sourceDir] = process.argv.slice(2).map((arg) => path.resolve(arg));
let core;
try {
    core = await import("@actions/core");
} catch (error) {
    console.error(`@actions/core is not installed in ${sourceDir}/tests/node/node_modules: run ` +
        "`npm ci --prefix tests/node` (the README's test command does)\n" + error);
    process.exit(1);
}

const positions = "tests/data/positions";
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ats-hook-github-"));
process.on("exit", () => fs.rmSync(scratch, { recursive: true, force: true }));
let failures = 0;
function fail(message) {
    failures++;
    console.error(`FAIL: ${message}`);
}

function run(args, env = {}) {
    const clean = { ...process.env };
    for (const name of ["GITHUB_STEP_SUMMARY", "NO_COLOR", "CLICOLOR_FORCE", "ATS_HOOK_OVERLAY"])
        delete clean[name];
    const done = spawnSync(atsHook, args, { cwd: sourceDir, env: { ...clean, ...env } });
    if (done.error) throw done.error;
    return { status: done.status, out: done.stdout.toString("utf8"), err: done.stderr.toString() };
}

// What @actions/core writes to stdout while `emit` runs.
function captured(emit) {
    const chunks = [];
    const write = process.stdout.write;
    process.stdout.write = (chunk) => {
        chunks.push(String(chunk));
        return true;
    };
    try {
        emit();
    } finally {
        process.stdout.write = write;
    }
    return chunks.join("");
}

function plural(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

// The lines @actions/core prints for these JSON documents (file: `fileOf(document)`), and the
// summary line the contract asks for after them.
function expectedFor(documents, fileOf = (document) => document.source) {
    const counts = { valid: 0, invalid: 0, unreadable: 0, errors: 0, warnings: 0 };
    const annotations = captured(() => {
        for (const document of documents) {
            const validation = document.validation ?? document;
            if (validation.error) {
                counts.unreadable++;
                core.error(validation.error.message, {
                    title: "ats-hook unreadable", file: fileOf(document),
                    startLine: validation.error.line, startColumn: validation.error.column,
                });
                continue;
            }
            counts[validation.valid ? "valid" : "invalid"]++;
            for (const finding of validation.findings) {
                counts[finding.severity === "error" ? "errors" : "warnings"]++;
                const annotate = finding.severity === "error" ? core.error : core.warning;
                annotate(`${finding.pointer || "(root)"}: ${finding.message}`, {
                    title: `ats-hook ${finding.keyword}`, file: fileOf(document),
                    startLine: finding.line, endLine: finding.end_line, startColumn: finding.column,
                    endColumn: finding.end_line === finding.line ? finding.end_column : undefined,
                });
            }
            counts.errors += validation.omitted_findings?.errors ?? 0;
            counts.warnings += validation.omitted_findings?.warnings ?? 0;
        }
    });
    const unreadable = counts.unreadable ? `, ${counts.unreadable} unreadable` : "";
    const summary = `${plural(documents.length, "document")}: ${counts.valid} valid, ` +
        `${counts.invalid} invalid${unreadable}; ${plural(counts.errors, "error")}, ` +
        `${plural(counts.warnings, "warning")}`;
    return { annotations: annotations.split("\n").slice(0, -1), summary };
}

function jsonDocuments(out) {
    try {
        return [JSON.parse(out)];
    } catch {
        return out.split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line));
    }
}

function compareLines(what, expected, actual) {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
        if (expected[i] !== actual[i]) {
            fail(`${what}: line ${i + 1} differs from @actions/core\n` +
                `  @actions/core: ${JSON.stringify(expected[i])}\n` +
                `  ats-hook:      ${JSON.stringify(actual[i])}`);
            return false;
        }
    }
    return true;
}

// validate --format github over `files` against @actions/core over validate --format json.
function checkValidate(what, files, expectedExit) {
    const json = run(["validate", "--format", "json", ...files]);
    const github = run(["validate", "--format", "github", ...files]);
    if (json.status !== expectedExit || github.status !== expectedExit)
        fail(`${what}: exit ${json.status} (json) and ${github.status} (github), expected ` +
            `${expectedExit}\n${github.err}`);
    const { annotations, summary } = expectedFor(jsonDocuments(json.out));
    if (!github.out.endsWith("\n")) fail(`${what}: the output does not end with a newline`);
    const lines = github.out.split("\n").slice(0, -1);
    compareLines(what, [...annotations, summary], lines);
    return github;
}

// Scratch inputs whose names hold what GitHub's property escaping is about.
function scratchFile(name, text) {
    const file = path.join(scratch, name);
    fs.writeFileSync(file, text);
    return file;
}
const escapes = fs.readFileSync(path.join(sourceDir, positions, "escapes.json"));
const pretty = fs.readFileSync(path.join(sourceDir, positions, "pretty.json"));
const oddName = scratchFile("odd%25 name, with: colon é 日本 🎉.json", escapes);
const newline = scratchFile("new\nline.json", pretty);
const carriage = scratchFile("carriage\rreturn %0A.json", pretty);
const broken = scratchFile("broken.json", '{"type": "job.updated",\n  "data": \n');
const mixed = scratchFile("mixed.ndjson", [
    fs.readFileSync(path.join(sourceDir, "samples/valid/job.deleted.json"), "utf8")
        .replace(/\s*\n\s*/g, ""),
    fs.readFileSync(path.join(sourceDir, positions, "log.ndjson"), "utf8").split("\n")[1],
    '{"type": "job.updated", oops}',
].join("\n") + "\n");

const fixtures = fs.readdirSync(path.join(sourceDir, positions))
    .filter((name) => /\.(json|ndjson)$/.test(name)).sort()
    .map((name) => `${positions}/${name}`);
checkValidate("validate on tests/data/positions", fixtures, 1);
checkValidate("validate on odd file names", [oddName, newline, carriage], 1);
checkValidate("validate with unreadable documents", [broken, mixed, fixtures[0]], 3);
// A tab, a C1 control (U+0085) and a bidi override (U+202E) in a file name and in a message:
// @actions/core writes them as they are, and the runner looks the file up by that name.
const controls = scratchFile("tab\tnel\u0085bidi\u202e.json", escapes.toString("utf8")
    .replace('"status": "open: 100%, 日本 %0A done"', '"status": "a\\u202eb\\u0085c\\td"'));
checkValidate("validate on control characters in a file name and a message", [controls], 1);
checkValidate("validate on valid samples", ["samples/valid/job.updated.json",
    "samples/warnings/unknown-field.json"], 0);

// GITHUB_STEP_SUMMARY: appended to, a Markdown table naming each file; stdout unchanged.
const summaryFile = scratchFile("step-summary.md", "# An earlier step\n\nIts summary.\n");
const before = fs.readFileSync(summaryFile, "utf8");
const plain = run(["validate", "--format", "github", ...fixtures]);
const withSummary = run(["validate", "--format", "github", ...fixtures],
    { GITHUB_STEP_SUMMARY: summaryFile });
if (withSummary.out !== plain.out || withSummary.status !== plain.status)
    fail("GITHUB_STEP_SUMMARY changed stdout or the exit status");
const markdown = fs.readFileSync(summaryFile, "utf8");
if (!markdown.startsWith(before)) {
    fail("GITHUB_STEP_SUMMARY: what the file held before is gone (the summary must be appended)");
} else {
    const added = markdown.slice(before.length);
    const lines = added.split("\n");
    const separator = lines.findIndex((line) => /^\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(line));
    const header = separator > 0 ? lines[separator - 1].toLowerCase() : "";
    if (separator < 1 || !/^\|.*\|\s*$/.test(lines[separator - 1]))
        fail(`GITHUB_STEP_SUMMARY: no Markdown table (a header row, then |---|):\n${added}`);
    for (const column of ["file", "document", "error", "warning"])
        if (!header.includes(column))
            fail(`GITHUB_STEP_SUMMARY: the table's header ${JSON.stringify(header)} has no ` +
                `"${column}" column`);
    const rows = lines.slice(separator + 1).filter((line) => line.startsWith("|"));
    for (const file of fixtures)
        if (!rows.some((row) => row.includes(file) || row.includes(path.basename(file))))
            fail(`GITHUB_STEP_SUMMARY: no table row names ${file}`);
}

// The tables stay tables when names and messages hold | or a newline: every row has the
// header's number of cells (GitHub-flavoured Markdown splits cells at each unescaped |, inside
// code spans too, and ends a row at a line end).
const piped = scratchFile("pipe|name.json", escapes.toString("utf8")
    .replace('"status": "open: 100%, 日本 %0A done"', '"status": "a|b `c|d`"'));
const oddSummary = scratchFile("odd-summary.md", "");
run(["validate", "--format", "github", piped, newline, carriage, oddName],
    { GITHUB_STEP_SUMMARY: oddSummary });
const cells = (row) => row.trim().replace(/\\./g, "").split("|").length;
let header = null;
for (const line of fs.readFileSync(oddSummary, "utf8").split("\n")) {
    if (!line.startsWith("|")) {
        header = null;
    } else if (header === null) {
        header = cells(line);
    } else if (cells(line) !== header) {
        fail(`GITHUB_STEP_SUMMARY: a row with ${cells(line) - 2} cells under a header of ` +
            `${header - 2}: ${JSON.stringify(line)}`);
    }
}
if (!fs.readFileSync(oddSummary, "utf8").includes("|---"))
    fail("GITHUB_STEP_SUMMARY: no table for the odd names");

// verify --request --validate: the body's findings, annotated in the request file's lines.
const request = `${positions}/request.http`;
const verifyArgs = ["verify", "--request", request, "--now", "1710258950", "--validate"];
const secret = { ATS_HOOK_SECRET: "whsec_06VTm7M3bNJMOxArkMt57uDpXuAuB0ZU+Ups+6EYTaU=" };
const verifyJson = run([...verifyArgs, "--format", "json"], secret);
const verifyGithub = run([...verifyArgs, "--format", "github"], secret);
if (verifyJson.status !== 1 || verifyGithub.status !== 1)
    fail(`verify: exit ${verifyJson.status} (json) and ${verifyGithub.status} (github), ` +
        `expected 1 (verified, invalid body)\n${verifyGithub.err}`);
const verifyExpected = expectedFor(jsonDocuments(verifyJson.out), () => request).annotations;
const verifyLines = verifyGithub.out.split("\n");
if (verifyExpected.length === 0) fail("verify: --format json reports no finding in request.http");
for (const line of verifyExpected)
    if (!verifyLines.includes(line))
        fail(`verify: no line ${JSON.stringify(line)} in\n${verifyGithub.out}`);

if (failures) {
    console.error(`${failures} failures`);
    process.exit(1);
}
console.log("ats-hook's github annotations are @actions/core's, byte for byte");

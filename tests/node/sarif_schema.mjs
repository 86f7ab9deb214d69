// Every `--format sarif` report of validate and verify is a SARIF 2.1.0 log by the OASIS schema
// (sarif-2.1.0-rtm.5.json as shipped in @microsoft/jest-sarif, checked with the ajv 6 it
// depends on, set up as jest-sarif sets it up: the schema declares draft-04), with "full"
// format checks, so a uri must be a valid URI reference. Beyond the schema: version 2.1.0, one
// run by "ats-hook" with columnKind unicodeCodePoints; rules are the same in every report, hold
// every keyword the samples and fixtures report, and have unique ids; each result's ruleId is a
// rule and ruleIndex points at it; results are the findings of `--format json` (by file, rule and
// level; an unreadable document is an error of the rule "unreadable"); and each uri, resolved
// against the working directory as a URL, names the input file.
// Usage: node sarif_schema.mjs ATS_HOOK SOURCE_DIR
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const [atsHook, sourceDir] = process.argv.slice(2).map((arg) => path.resolve(arg));
const require = createRequire(import.meta.url);
const schemaFile = "@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json";
let Ajv, schema;
try {
    Ajv = require("ajv");
    schema = require(schemaFile);
} catch (error) {
    console.error(`ajv or ${schemaFile} is missing in ${sourceDir}/tests/node/node_modules: run ` +
        "`npm ci --prefix tests/node` (the README's test command does)\n" + error);
    process.exit(1);
}
if (!/^6\./.test(require("ajv/package.json").version)) {
    console.error(`expected ajv 6 (what @microsoft/jest-sarif uses), found ${require("ajv/package.json").version}`);
    process.exit(1);
}
const ajv = new Ajv({ schemaId: "auto", allErrors: true, format: "full" });
ajv.addMetaSchema(require("ajv/lib/refs/json-schema-draft-04.json"));
const validateSarif = ajv.compile(schema);

const positions = path.join(sourceDir, "tests/data/positions");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ats-hook-sarif-"));
process.on("exit", () => fs.rmSync(scratch, { recursive: true, force: true }));
let failures = 0;
let reports = 0;
function fail(message) {
    failures++;
    console.error(`FAIL: ${message}`);
}

function run(args, cwd, env = {}) {
    const clean = { ...process.env };
    for (const name of ["GITHUB_STEP_SUMMARY", "NO_COLOR", "CLICOLOR_FORCE", "ATS_HOOK_OVERLAY"])
        delete clean[name];
    const done = spawnSync(atsHook, args, { cwd, env: { ...clean, ...env } });
    if (done.error) throw done.error;
    return { status: done.status, out: done.stdout.toString("utf8"), err: done.stderr.toString() };
}

function jsonDocuments(out) {
    try {
        return [JSON.parse(out)];
    } catch {
        return out.split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line));
    }
}

// Every keyword the samples and the position fixtures are known to report (their .findings
// files and expected.tsv, written by hand): each must be a rule of every report.
function knownKeywords() {
    const keywords = new Set();
    for (const folder of ["samples/invalid", "samples/warnings"])
        for (const name of fs.readdirSync(path.join(sourceDir, folder)))
            if (name.endsWith(".findings"))
                for (const line of fs.readFileSync(path.join(sourceDir, folder, name), "utf8").split("\n"))
                    if (line.trim()) keywords.add(line.trim().split(/\s+/).pop());
    for (const line of fs.readFileSync(path.join(positions, "expected.tsv"), "utf8").split("\n"))
        if (line && !line.startsWith("#")) keywords.add(line.split("\t")[2]);
    return keywords;
}
const keywords = knownKeywords();
const firstRules = {}; // by command: the rules are what the command can report

// The input file a uri names, resolved as a URL against the working directory.
function fileOfUri(uri, cwd) {
    const base = new URL(`file://${cwd.split("/").map(encodeURIComponent).join("/")}/`);
    const url = new URL(uri, base);
    if (url.protocol !== "file:" || url.search || url.hash) return null;
    return path.relative(cwd, decodeURIComponent(url.pathname));
}

// One SARIF report: the schema and the checks above. `expected` are the findings it must hold,
// each {file (relative to cwd), ruleId, level}.
function checkReport(what, out, cwd, expected, command = "validate") {
    reports++;
    let log;
    try {
        log = JSON.parse(out);
    } catch (error) {
        fail(`${what}: not JSON (${error.message}): ${out.slice(0, 200)}`);
        return;
    }
    if (!validateSarif(log))
        fail(`${what}: not valid by the SARIF 2.1.0 schema:\n` + validateSarif.errors
            .map((e) => `  ${e.dataPath || "(root)"} ${e.message} ${JSON.stringify(e.params)}`)
            .join("\n"));
    if (log.version !== "2.1.0" || typeof log.$schema !== "string" || !log.$schema.includes("2.1.0"))
        fail(`${what}: version ${log.version}, $schema ${log.$schema}: expected 2.1.0 for both`);
    if (!Array.isArray(log.runs) || log.runs.length !== 1) {
        fail(`${what}: ${log.runs?.length} runs, expected 1`);
        return;
    }
    const run = log.runs[0];
    const driver = run.tool?.driver ?? {};
    if (driver.name !== "ats-hook" || !driver.version || !driver.informationUri)
        fail(`${what}: driver ${JSON.stringify({ ...driver, rules: undefined })}: expected name ` +
            "ats-hook, a version and an informationUri");
    if (run.columnKind !== "unicodeCodePoints")
        fail(`${what}: columnKind ${run.columnKind}, expected unicodeCodePoints`);
    const rules = (driver.rules ?? []).map((rule) => rule.id);
    if (new Set(rules).size !== rules.length) fail(`${what}: rule ids repeat: ${rules}`);
    for (const keyword of keywords)
        if (!rules.includes(keyword)) fail(`${what}: no rule for the keyword ${keyword}`);
    firstRules[command] ??= JSON.stringify(driver.rules);
    if (JSON.stringify(driver.rules) !== firstRules[command])
        fail(`${what}: the rules differ from the first ${command} report's (they are what can ` +
            "be reported, whatever the input)");
    const actual = [];
    for (const [i, result] of (run.results ?? []).entries()) {
        if (!rules.includes(result.ruleId))
            fail(`${what}: result ${i} has ruleId ${result.ruleId}, which is no rule`);
        if (rules[result.ruleIndex] !== result.ruleId)
            fail(`${what}: result ${i}: ruleIndex ${result.ruleIndex} is rule ` +
                `${rules[result.ruleIndex]}, not its ruleId ${result.ruleId}`);
        const location = result.locations?.[0]?.physicalLocation;
        const uri = location?.artifactLocation?.uri;
        const file = uri === undefined ? null : fileOfUri(uri, cwd);
        if (file === null) fail(`${what}: result ${i}: uri ${uri} is no file under ${cwd}`);
        if (uri !== undefined && (uri.startsWith("/") || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)))
            fail(`${what}: result ${i}: uri ${uri} is not relative to the working directory`);
        if (!(location?.region?.startLine >= 1) || !(location?.region?.startColumn >= 1))
            fail(`${what}: result ${i}: region ${JSON.stringify(location?.region)} has no ` +
                "startLine and startColumn");
        actual.push(`${file} ${result.ruleId} ${result.level}`);
    }
    const want = expected.map((f) => `${f.file} ${f.ruleId} ${f.level}`);
    if (JSON.stringify([...actual].sort()) !== JSON.stringify([...want].sort()))
        fail(`${what}: results (file, rule, level)\n  ${actual.sort().join("\n  ")}\n` +
            `expected, from --format json:\n  ${want.sort().join("\n  ")}`);
}

// validate FILES in cwd: the sarif report against the findings of --format json.
function checkValidate(what, files, cwd, expectedExit) {
    const json = run(["validate", "--format", "json", ...files], cwd);
    const sarif = run(["validate", "--format", "sarif", ...files], cwd);
    if (sarif.status !== expectedExit || json.status !== expectedExit)
        fail(`${what}: exit ${json.status} (json) and ${sarif.status} (sarif), expected ` +
            `${expectedExit}\n${sarif.err}`);
    const expected = [];
    for (const document of jsonDocuments(json.out)) {
        // The contract leaves an unreadable document open; an error result with the rule
        // "unreadable", as the github format has its title, is the natural reading.
        if (document.error)
            expected.push({
                file: path.relative(cwd, path.resolve(cwd, document.source)),
                ruleId: "unreadable", level: "error",
            });
        for (const finding of document.findings)
            expected.push({
                file: path.relative(cwd, path.resolve(cwd, document.source)),
                ruleId: finding.keyword, level: finding.severity,
            });
    }
    checkReport(what, sarif.out, cwd, expected);
}

const fixtures = fs.readdirSync(positions).filter((name) => /\.(json|ndjson)$/.test(name)).sort()
    .map((name) => `tests/data/positions/${name}`);
const invalidSamples = fs.readdirSync(path.join(sourceDir, "samples/invalid"))
    .filter((name) => name.endsWith(".json")).sort().map((name) => `samples/invalid/${name}`);
checkValidate("validate on tests/data/positions", fixtures, sourceDir, 1);
checkValidate("validate on samples/invalid and samples/warnings",
    [...invalidSamples, "samples/warnings/unknown-field.json"], sourceDir, 1);
checkValidate("validate on a valid sample", ["samples/valid/job.updated.json"], sourceDir, 0);
checkValidate("validate on samples/deliveries.ndjson", ["samples/deliveries.ndjson"], sourceDir, 1);

// Names a URI reference must percent-encode: a space, %, #, ?, non-ASCII, and a colon in the
// first segment (unencoded, "c:" would read as a scheme). Given relative, with ./, and absolute.
const odd = path.join(scratch, "in dir é");
fs.mkdirSync(odd);
const oddNames = ["c:odd #1?.json", "50% [x] 日本 🎉.json", "plain.json"];
for (const name of oddNames)
    fs.copyFileSync(path.join(positions, "escapes.json"), path.join(odd, name));
fs.copyFileSync(path.join(positions, "escapes.json"), path.join(scratch, "c:top.json"));
fs.writeFileSync(path.join(scratch, "broken.json"), '{"type": "job.updated",\n');
checkValidate("validate on file names to percent-encode",
    ["c:top.json", ...oddNames.map((name) => `in dir é/${name}`), `./in dir é/plain.json`,
        path.join(odd, "plain.json")], scratch, 1);
checkValidate("validate with an unreadable file", ["broken.json", "c:top.json"], scratch, 3);

// verify: a request whose body has findings, a good delivery, and one signed with another secret.
const secret = { ATS_HOOK_SECRET: "whsec_06VTm7M3bNJMOxArkMt57uDpXuAuB0ZU+Ups+6EYTaU=" };
const verifications = [
    ["request with findings", "tests/data/positions/request.http", "1710258950", 1],
    ["good delivery", "samples/signed/application.created.http", "2024-02-05T09:14:30Z", 0],
];
for (const [what, request, now, exit] of verifications) {
    const args = ["verify", "--request", request, "--now", now, "--validate"];
    const json = run([...args, "--format", "json"], sourceDir, secret);
    const sarif = run([...args, "--format", "sarif"], sourceDir, secret);
    if (sarif.status !== exit || json.status !== exit)
        fail(`verify, ${what}: exit ${json.status} (json) and ${sarif.status} (sarif), ` +
            `expected ${exit}\n${sarif.err}`);
    const findings = jsonDocuments(json.out).flatMap((d) => (d.validation ?? d).findings ?? []);
    checkReport(`verify, ${what}`, sarif.out, sourceDir, findings.map((f) =>
        ({ file: request, ruleId: f.keyword, level: f.severity })), "verify");
}
const forged = run(["verify", "--request", "tests/data/positions/request.http", "--now",
    "1710258950", "--validate", "--format", "sarif"], sourceDir,
    { ATS_HOOK_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" });
if (forged.status !== 1) fail(`verify with another secret: exit ${forged.status}, expected 1`);
reports++;
try {
    if (!validateSarif(JSON.parse(forged.out)))
        fail("verify with another secret: not valid by the SARIF 2.1.0 schema:\n" +
            JSON.stringify(validateSarif.errors, null, 1));
} catch (error) {
    fail(`verify with another secret: not JSON (${error.message})`);
}

if (failures) {
    console.error(`${failures} failures`);
    process.exit(1);
}
console.log(`${reports} SARIF reports valid by the SARIF 2.1.0 schema, rules and results consistent`);

// What a user would otherwise reach for to learn schemas from a log: GenSON's JavaScript port.
// Reads NDJSON, JSON.parses every line, and keeps one schema per event `type`, merging each
// event's schema into it (createSchema + mergeSchemas). Prints the types and their schemas.
//   node bench/learn/genson.js FILE.ndjson
"use strict";
const fs = require("fs");
const readline = require("readline");
const { createSchema, mergeSchemas } = require("genson-js");

async function main() {
  const schemas = new Map();
  const lines = readline.createInterface({ input: fs.createReadStream(process.argv[2]), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.length === 0) continue;
    const event = JSON.parse(line);
    const schema = createSchema(event);
    const known = schemas.get(event.type);
    schemas.set(event.type, known ? mergeSchemas([known, schema]) : schema);
  }
  process.stdout.write(JSON.stringify(Object.fromEntries(schemas)) + "\n");
}
main();

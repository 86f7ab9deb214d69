// The receiver a typical user writes: Node's http server, the official standardwebhooks package
// (its verify also JSON.parses the body), answer 204. With --save DIR, each body is also written
// to its own file, DIR/<webhook-id>.json, before answering: fs.writeFile to a temporary name and
// fs.rename, so a reader never sees half a file (--save-mode direct: fs.writeFile alone).
// Listens on 127.0.0.1, port 0; the first stdout line is the port. Stops on SIGINT/SIGTERM,
// printing "node receiver: N verified, M rejected" on stderr.
// Usage: node receiver.js --secret-file FILE [--save DIR] [--save-mode rename|direct]
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");
const { Webhook } = require("standardwebhooks");

const args = process.argv.slice(2);
function option(name, fallback) {
  const at = args.indexOf(name);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
}
const secretFile = option("--secret-file");
if (!secretFile) {
  console.error("usage: node receiver.js --secret-file FILE [--save DIR] [--save-mode rename|direct]");
  process.exit(2);
}
const saveDir = option("--save");
const saveMode = option("--save-mode", "rename");
const webhook = new Webhook(fs.readFileSync(secretFile, "utf8").trim());
let verified = 0;
let rejected = 0;

function answer(res, status) {
  res.statusCode = status;
  res.end();
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString();
    let event;
    try {
      event = webhook.verify(body, req.headers);
    } catch (err) {
      rejected++;
      return answer(res, 400);
    }
    if (!event || typeof event.type !== "string") {
      rejected++;
      return answer(res, 400);
    }
    verified++;
    if (!saveDir) return answer(res, 204);
    const file = path.join(saveDir, `${req.headers["webhook-id"]}.json`);
    if (saveMode === "direct") {
      fs.writeFile(file, body, (err) => answer(res, err ? 500 : 204));
      return;
    }
    const temporary = `${file}.tmp`;
    fs.writeFile(temporary, body, (err) => {
      if (err) return answer(res, 500);
      fs.rename(temporary, file, (err) => answer(res, err ? 500 : 204));
    });
  });
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${server.address().port}\n`);
});
function stop() {
  console.error(`node receiver: ${verified} verified, ${rejected} rejected`);
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

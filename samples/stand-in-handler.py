#!/usr/bin/env python3
"""A stand-in for your webhook handler: prints what arrives and answers 200 "thanks".

    python3 samples/stand-in-handler.py [PORT]

It listens on 127.0.0.1, port PORT (default 3000; 0 takes any free port), and says where on
its first line on stderr, as `ats-hook listen` does. For each POST it prints the webhook-id,
the webhook-signature and the body's size. It checks nothing: a real handler must verify the
signature (see `ats-hook emit --check-handler`). SIGTERM or Ctrl-C stops it with status 0.
"""

import http.server
import signal
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        print(self.headers["webhook-id"], self.headers["webhook-signature"], len(body), "bytes",
              flush=True)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"thanks\n")

    def log_message(self, format, *args):
        pass  # one line per delivery is enough


class Server(http.server.HTTPServer):
    request_queue_size = 128  # with the default 5, emit --concurrency 8 waits 1 s for retried SYNs


def main() -> int:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    server = Server(("127.0.0.1", port), Handler)
    print(f"listening on http://127.0.0.1:{server.server_port}/webhooks/hirehive",
          file=sys.stderr, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

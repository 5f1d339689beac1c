"""Runway's Python example: a web app on the standard library only.

It listens on the port Runway passes in PORT (App Runner's contract) and answers every GET with
the greeting from its environment and the text of message.txt, which a new commit can change.
"""
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        with open(os.path.join(HERE, "message.txt"), encoding="utf-8") as f:
            message = f.read().strip()
        body = "{}\n{}\nbuilt at: {}\n".format(
            os.environ.get("GREETING", "Hello"), message, os.environ.get("BUILT_BY", "?")
        ).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        print("%s %s" % (self.address_string(), fmt % args), flush=True)


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8080"))
    print("listening on 127.0.0.1:%d (APP_PORT=%s)" % (port, os.environ.get("APP_PORT")), flush=True)
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()

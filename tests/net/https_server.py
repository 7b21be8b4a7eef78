#!/usr/bin/env python3
"""A small HTTP(S) server for net::get's tests, on 127.0.0.1 only.

Prints "PORT <n>" once listening (port 0 picks a free one), then serves until
killed. Paths: /ok.xml (text/xml), /plain.txt (the same XML as text/plain),
/missing (404), /big (10 MB of XML, streamed), /drip (one byte a second),
/slow (128 bytes a second),
/to-http (302 to --http-url), /loop-a <-> /loop-b (302s), /chain (302 to
/ok.xml).

With --root DIR it serves files instead, by the Host header (so one server
stands in for many autoconfig hosts reached through connect-to):
DIR/HOST/PATH (the query string ignored), Content-Type by extension (.xml:
text/xml). A sidecar DIR/HOST/PATH.route (JSON) changes the answer:
{"content_type": "text/plain"}, {"status": 302, "location": URL},
{"delay": SECONDS} (then the file), {"drip": true} (a byte a second),
{"big": true} (10 MB of XML, streamed). A route needs no file beside it.
Every request is logged to stderr as "HOST REQUEST-LINE ...".
Standard library only.
"""
import argparse
import http.server
import json
import os
import ssl
import sys
import time

CONFIG = b"""<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example.test">
    <domain>example.test</domain>
    <incomingServer type="imap">
      <hostname>imap.%EMAILDOMAIN%</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.example.test</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>
"""


CONTENT_TYPES = {".xml": "text/xml", ".txt": "text/plain", ".json": "application/json"}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    http_url = ""
    root = None  # --root: serve DIR/HOST/PATH

    def log_message(self, fmt, *args):
        host = self.headers.get("Host", "-") if getattr(self, "headers", None) else "-"
        sys.stderr.write("%s %s %s\n" % (host, self.requestline, fmt % args))
        sys.stderr.flush()  # the tests read the log while the server runs

    def send(self, code, body, content_type="text/xml", headers=()):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location):
        self.send(302, b"", "text/plain", [("Location", location)])

    def big(self):
        chunk = b"<!-- " + b"x" * 65526 + b" -->"
        count = 10 * 1024 * 1024 // len(chunk)
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(count * len(chunk)))
        self.end_headers()
        for _ in range(count):
            self.wfile.write(chunk)

    def drip(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", "600")
        self.end_headers()
        for _ in range(600):
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(1)

    def serve_root(self, path):
        host = self.headers.get("Host", "").split(":", 1)[0].lower().rstrip(".")
        root = os.path.realpath(self.root)
        file = os.path.realpath(os.path.join(root, host, path.lstrip("/")))
        if not host or not file.startswith(root + os.sep):
            self.send(404, b"not here\n", "text/plain")
            return
        route = {}
        if os.path.isfile(file + ".route"):
            with open(file + ".route") as f:
                route = json.load(f)
        if "delay" in route:
            time.sleep(float(route["delay"]))
        if route.get("drip"):
            self.drip()
        elif route.get("big"):
            self.big()
        elif "location" in route:
            self.send(int(route.get("status", 302)), b"", "text/plain", [("Location", route["location"])])
        elif os.path.isfile(file):
            with open(file, "rb") as f:
                body = f.read()
            content_type = route.get("content_type") or CONTENT_TYPES.get(
                os.path.splitext(file)[1], "application/octet-stream")
            self.send(int(route.get("status", 200)), body, content_type)
        else:
            self.send(404, b"not here\n", "text/plain")

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        try:
            if self.root is not None:
                self.serve_root(path)
            elif path == "/ok.xml":
                self.send(200, CONFIG)
            elif path == "/plain.txt":
                self.send(200, CONFIG, "text/plain")
            elif path == "/big":
                self.big()
            elif path == "/drip":
                self.drip()
            elif path == "/slow":
                # 128 bytes a second: above any low-speed limit, so only
                # the client's hard deadline ends it.
                self.send_response(200)
                self.send_header("Content-Type", "text/xml")
                self.send_header("Content-Length", "1000000")
                self.end_headers()
                for _ in range(1000000 // 64):
                    self.wfile.write(b" " * 64)
                    self.wfile.flush()
                    time.sleep(0.5)
            elif path == "/to-http":
                self.redirect(self.http_url)
            elif path == "/loop-a":
                self.redirect("/loop-b")
            elif path == "/loop-b":
                self.redirect("/loop-a")
            elif path == "/chain":
                self.redirect("/ok.xml")
            else:
                self.send(404, b"not here\n", "text/plain")
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            pass  # the client stopped reading: what the tests want


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--cert", help="PEM chain; without it, plain HTTP")
    parser.add_argument("--key")
    parser.add_argument("--http-url", default="http://127.0.0.1:1/", help="where /to-http points")
    parser.add_argument("--root", help="serve DIR/HOST/PATH (see above) instead of the fixed paths")
    opts = parser.parse_args()
    Handler.http_url = opts.http_url
    Handler.root = opts.root
    server = http.server.ThreadingHTTPServer(("127.0.0.1", opts.port), Handler)
    server.daemon_threads = True
    if opts.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(opts.cert, opts.key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

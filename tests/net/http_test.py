#!/usr/bin/env python3
"""net::get against real HTTP(S) servers on 127.0.0.1, through connect-to.

Makes a throw-away CA and two leaf certificates with the openssl command (one
for autoconfig.example.test, one for another name), starts https_server.py
three times (HTTPS with the right name, HTTPS with the wrong name, plain
HTTP) on free high ports, runs the mailports_http_get driver once per case,
and stops the servers by PID. Exit 77 (skip) without openssl, unless
MAILPORTS_REQUIRE_SERVERS=1, which makes that a failure.
"""
import argparse
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
HOST = "autoconfig.example.test"


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def make_certificates(d):
    """ca.pem, and good.pem/good.key (SAN HOST), wrong.pem/wrong.key (SAN elsewhere)."""
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=mailports test CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=d)
    for name, san in (("good", HOST), ("wrong", "wrong.example.test")):
        with open(os.path.join(d, name + ".ext"), "w") as f:
            f.write("subjectAltName=DNS:%s\nbasicConstraints=CA:FALSE\n"
                    "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n" % san)
        openssl("req", *ec, "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + san, cwd=d)
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-set_serial", "0x%x" % (int(time.time() * 1000) + len(name)), "-days", "2",
                "-extfile", name + ".ext", "-out", name + ".pem", cwd=d)


def stop_child(proc, wait=5):
    """Terminate a child server, killing it if it has not gone within `wait` s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(wait)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Server:
    """https_server.py as a child process, stopped by its PID."""

    def __init__(self, *args, log):
        self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "https_server.py"), *args],
                                     stdout=subprocess.PIPE, stderr=log)
        ready, _, _ = select.select([self.proc.stdout], [], [], 15)
        line = self.proc.stdout.readline().decode() if ready else ""
        if not line.startswith("PORT "):
            self.stop()
            raise RuntimeError("https_server.py did not start: %r" % line)
        self.port = int(line.split()[1])

    def stop(self):
        stop_child(self.proc)


class Run:
    def __init__(self, driver, ca):
        self.driver, self.ca, self.failures = driver, ca, []
        self.env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}

    def get(self, url, *connect_to, ca=True, timeout_ms=5000):
        cmd = [self.driver, url, "--timeout-ms", str(timeout_ms)]
        if ca:
            cmd += ["--ca-file", self.ca]
        for c in connect_to:
            cmd += ["--connect-to", c]
        start = time.monotonic()
        out = subprocess.run(cmd, env=self.env, stdout=subprocess.PIPE, timeout=60, check=True).stdout
        result = json.loads(out)
        result["wall_ms"] = (time.monotonic() - start) * 1000
        return result

    def check(self, name, result, **expected):
        bad = []
        for key, want in expected.items():
            got = result.get(key)
            ok = want(got) if callable(want) else got == want
            if not ok:
                bad.append("%s: got %r" % (key, got))
        print("%s %s [%s, %d ms, %s]" % ("ok  " if not bad else "FAIL", name, result.get("status"),
                                         result.get("elapsed_ms", 0), result.get("detail")))
        if bad:
            print("     " + "; ".join(bad) + "\n     " + json.dumps(result))
            self.failures.append(name)


def run_cases(run, good, wrong, plain):
    to_good = "%s:443:127.0.0.1:%d" % (HOST, good)
    base = "https://%s" % HOST

    ok = run.get(base + "/ok.xml?emailaddress=taro%40example.test", to_good)
    run.check("200 text/xml, read as a config", ok, status="ok", http_code=200, content_type="text/xml",
              redirects=[], autoconfig={"accepted": True, "problems": [],
                                        "incoming": ["imap.example.test:993"]})

    r = run.get(base + "/plain.txt", to_good)
    run.check("text/plain: the GET is fine, the reader flags it", r, status="ok", http_code=200,
              content_type="text/plain",
              autoconfig=lambda a: a["problems"] == ["content-type"] and not a["accepted"])

    r = run.get(base + "/missing", to_good)
    run.check("404", r, status="http-error", http_code=404)

    r = run.get(base + "/big", to_good)
    run.check("10 MB body: stopped at 1 MiB, memory bounded", r, status="too-large", body_size=1 << 20,
              max_rss_kb=lambda kb: kb - ok["max_rss_kb"] < 6 * 1024)

    r = run.get(base + "/drip", to_good, timeout_ms=3000)
    run.check("a byte a second: ends within the timeout", r, status="timeout",
              elapsed_ms=lambda ms: ms <= 3300, wall_ms=lambda ms: ms < 6000)

    r = run.get(base + "/slow", to_good, timeout_ms=2500)
    run.check("too slow for the deadline: the deadline ends it", r,
              status="timeout", elapsed_ms=lambda ms: 2400 <= ms <= 3300, wall_ms=lambda ms: ms < 6000)

    http_url = "http://%s/ok.xml" % HOST
    r = run.get(base + "/to-http", to_good)
    run.check("https -> http: reported, not followed", r, status="insecure-redirect", http_code=302,
              detail=http_url, redirects=[], body_size=0)

    r = run.get(base + "/loop-a", to_good)
    run.check("redirect loop", r, status="redirect-loop",
              redirects=[base + "/loop-b", base + "/loop-a"])

    r = run.get(base + "/chain", to_good)
    run.check("a redirect within https is followed", r, status="ok", redirects=[base + "/ok.xml"],
              final_url=base + "/ok.xml")

    r = run.get(base + "/ok.xml", "%s:443:127.0.0.1:%d" % (HOST, wrong))
    run.check("wrong certificate name: tls-error naming it", r, status="tls-error",
              detail=lambda d: HOST in d)

    r = run.get(base + "/ok.xml", to_good, ca=False)
    run.check("an unknown CA is refused (verification always on)", r, status="tls-error")

    r = run.get(http_url, "%s:80:127.0.0.1:%d" % (HOST, plain))
    run.check("plain http", r, status="ok", http_code=200,
              autoconfig=lambda a: a["accepted"])

    r = run.get(base + "/ok.xml", "%s:443:127.0.0.1:1" % HOST)
    run.check("nothing listening: connect-failed", r, status="connect-failed")

    r = run.get("https://taro:secret@%s/ok.xml" % HOST, to_good)
    run.check("a URL with credentials is refused", r, status="error", http_code=0)

    r = run.get("ftp://%s/ok.xml" % HOST, to_good)
    run.check("only http and https", r, status="error")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--driver", required=True, help="the mailports_http_get executable")
    opts = parser.parse_args()
    if shutil.which("openssl") is None:
        if os.environ.get("MAILPORTS_REQUIRE_SERVERS") == "1":
            print("FAIL: MAILPORTS_REQUIRE_SERVERS=1, but the openssl command is missing")
            return 1
        print("SKIP: the openssl command is missing")
        return 77

    with tempfile.TemporaryDirectory(prefix="mailports-http-") as d:
        make_certificates(d)
        servers = []
        with open(os.path.join(d, "servers.log"), "w") as log:
            try:
                plain = Server(log=log)
                servers.append(plain)
                good = Server("--cert", os.path.join(d, "good.pem"), "--key", os.path.join(d, "good.key"),
                              "--http-url", "http://%s/ok.xml" % HOST, log=log)
                servers.append(good)
                wrong = Server("--cert", os.path.join(d, "wrong.pem"), "--key", os.path.join(d, "wrong.key"),
                               log=log)
                servers.append(wrong)
                run = Run(os.path.abspath(opts.driver), os.path.join(d, "ca.pem"))
                run_cases(run, good.port, wrong.port, plain.port)
            finally:
                for s in servers:
                    s.stop()
        with open(os.path.join(d, "servers.log")) as log:
            requests = log.read()
        # Not one request carried credentials (the refused URL never left).
        if "Authorization" in requests or "secret" in requests:
            print("FAIL: a request carried credentials:\n" + requests)
            run.failures.append("credentials")
    if run.failures:
        print("%d failed: %s" % (len(run.failures), ", ".join(run.failures)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Hostile SMTP servers against `mailports probe`.

Each case starts a misbehaving server on 127.0.0.1 (an ephemeral port, loopback
only), runs

    BINARY probe 127.0.0.1 --proto smtp --port N --timeout 2 --json [--ca-file CA]

with a clean environment, and checks that the probe gives a clear verdict in
time: exit status 2 (never a signal), stdout one JSON object that follows the
contract (/tmp/probe-contract.md, schema_version 1), the expected finding
codes, a non-empty "error" sentence when something failed, and a wall time
under timeout + 1.5 s (the silent server: under 2.5 s). The probe must never
send credentials (an AUTH command fails the case).

The form cases then name the target as users do, `127.0.0.1:PORT`,
`[::1]:PORT` (skipped without IPv6 loopback), `::1 --port PORT` and mail URLs,
against small SMTP, IMAP and POP3 servers (plaintext or implicit TLS) on
ports the rules table does not know, so the protocol comes from the greeting
or the scheme; they also check the text output of an untrusted chain, and
that a URL's password is neither sent nor printed.

    hostile_test.py --binary build/ci/src/mailports        # run every case
    hostile_test.py --binary ... --case silent -v          # one case, print the JSON
    hostile_test.py --self-check                           # only check the servers, with Python clients

Needs python3 (stdlib) and the openssl command (test certificates are made in
a temporary directory). Exit status: 0 pass, 1 fail.
"""

import argparse
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

LOOPBACK = "127.0.0.1"  # the address servers bind, unless a case asks for IPv6's loopback
LOOPBACK6 = "::1"
LOOPBACKS = (LOOPBACK, LOOPBACK6)
PROBE_TIMEOUT = 2       # --timeout given to the probe
SLACK = 1.5             # allowed wall time beyond --timeout
SILENT_LIMIT = 2.5      # the silent server: a performance target of the project
# Under AddressSanitizer the target measures the sanitizer (its start-up and
# exit checks, the extra handshakes' threads): --sanitized widens it.
SANITIZED_SILENT_LIMIT = 3.0
HARD_KILL = 30          # a probe still running after this is a hang

RESULT_KEYS = ["proto", "port", "address", "reachable", "tls", "banner", "starttls_offered",
               "starttls_result", "tls_session", "auth_before_tls", "auth_after_tls", "error",
               "verdict", "findings"]
CERT_KEYS = ["subject", "issuer", "sans", "not_after", "days_left", "hostname_match",
             "chain_trusted", "verify_error"]


# --------------------------------------------------------------------------
# test certificates (openssl CLI)

def make_certs(tmp):
    """A CA, a leaf for other.example (wrong name for 127.0.0.1) and a leaf
    for IP 127.0.0.1 (right name), both signed by the CA."""
    def run(*args):
        subprocess.run(["openssl", *args], cwd=tmp, check=True, timeout=60,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "365",
        "-subj", "/CN=mailports hostile test CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    certs = {"ca": os.path.join(tmp, "ca.pem")}
    for name, cn, san in (("other", "other.example", "DNS:other.example"),
                          ("loopback", "127.0.0.1", "IP:127.0.0.1,IP:::1")):
        ext = os.path.join(tmp, name + ".ext")
        with open(ext, "w") as f:
            f.write(f"subjectAltName={san}\nbasicConstraints=CA:FALSE\n"
                    "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
                    "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid,issuer\n")
        run("req", *ec, "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + cn)
        run("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-set_serial", str(int.from_bytes(os.urandom(8), "big")), "-days", "365",
            "-out", name + ".pem", "-extfile", ext)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(os.path.join(tmp, name + ".pem"), os.path.join(tmp, name + ".key"))
        certs[name] = ctx
    return certs


# --------------------------------------------------------------------------
# the server: one listener on 127.0.0.1, one daemon thread per connection

class Server:
    def __init__(self, name, handler, address=LOOPBACK):
        self.name = name
        self.handler = handler
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.sockets = []           # every socket ever opened, closed by stop()
        self.threads = []
        self.connections = 0
        self.log = []               # what clients sent (commands), for diagnostics
        self.auth_commands = []     # credentials must never be sent
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        self.listener = socket.socket(family, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((address, 0))
        assert self.listener.getsockname()[0] in LOOPBACKS
        self.address = address
        self.listener.listen(16)
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.track(self.listener)
        self.acceptor = threading.Thread(target=self._accept, name=f"{name}-accept", daemon=True)

    def __enter__(self):
        self.acceptor.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def track(self, sock):
        with self.lock:
            self.sockets.append(sock)
        return sock

    def wait(self, seconds):
        """Sleep, but return True at once when the server is stopping."""
        return self.stopping.wait(seconds)

    def _accept(self):
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            conn.settimeout(None)
            self.track(conn)
            with self.lock:
                self.connections += 1
            t = threading.Thread(target=self._serve, args=(conn,), daemon=True,
                                 name=f"{self.name}-conn{self.connections}")
            with self.lock:
                self.threads.append(t)
            t.start()

    def _serve(self, conn):
        conn.settimeout(15)
        try:
            self.handler(self, conn)
        except (OSError, ssl.SSLError, ValueError):
            pass   # the client went away, or stop() closed the socket
        finally:
            close_quietly(conn)

    def stop(self):
        self.stopping.set()
        self.acceptor.join(5) if self.acceptor.is_alive() else None
        with self.lock:
            sockets = list(self.sockets)
            threads = list(self.threads)
        for s in sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)   # wakes a thread blocked in recv/send
            except OSError:
                pass
            close_quietly(s)
        for t in threads:
            t.join(5)

    def leaks(self):
        """Sockets still open or threads still running after stop()."""
        problems = [f"socket fd {s.fileno()} still open" for s in self.sockets if s.fileno() != -1]
        problems += [f"thread {t.name} still running" for t in self.threads + [self.acceptor]
                     if t.is_alive()]
        return problems


def close_quietly(sock):
    try:
        sock.close()
    except OSError:
        pass


class Lines:
    """Line reader over a (possibly TLS) socket, bounded."""
    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def readline(self, limit=8192):
        while b"\n" not in self.buf:
            if len(self.buf) > limit:
                raise ValueError("line too long")
            data = self.sock.recv(4096)
            if not data:
                return None
            self.buf += data
        line, _, self.buf = self.buf.partition(b"\n")
        return line.rstrip(b"\r")


def smtp_dialogue(server, sock, ehlo_caps, on_starttls=None, greeting=True):
    """A small SMTP server: EHLO answers with ehlo_caps; STARTTLS calls on_starttls(sock)."""
    if greeting:
        sock.sendall(b"220 hostile.example ESMTP test\r\n")
    lines = Lines(sock)
    while True:
        line = lines.readline()
        if line is None:
            return
        server.log.append(line[:80])
        verb = line.split(b" ", 1)[0].upper()
        if verb == b"EHLO":
            caps = [b"hostile.example"] + ehlo_caps
            reply = b"".join(b"250-" + c + b"\r\n" for c in caps[:-1]) + b"250 " + caps[-1] + b"\r\n"
            sock.sendall(reply)
        elif verb == b"HELO":
            sock.sendall(b"250 hostile.example\r\n")
        elif verb == b"STARTTLS" and on_starttls is not None and b"STARTTLS" in ehlo_caps:
            return on_starttls(sock)
        elif verb == b"AUTH":
            server.auth_commands.append(line[:80])
            sock.sendall(b"535 5.7.8 no\r\n")
        elif verb == b"QUIT":
            sock.sendall(b"221 2.0.0 bye\r\n")
            return
        elif verb in (b"NOOP", b"RSET"):
            sock.sendall(b"250 2.0.0 ok\r\n")
        else:
            sock.sendall(b"502 5.5.2 not implemented\r\n")


# --------------------------------------------------------------------------
# the hostile behaviours

def drip_greeting(server, conn):
    """1. the greeting, one byte a second"""
    for byte in b"220 slow.example ESMTP\r\n":
        conn.sendall(bytes([byte]))
        if server.wait(1):
            return
    smtp_dialogue(server, conn, [b"PIPELINING"], greeting=False)


def endless_line(server, conn):
    """2. an endless greeting line: no CRLF, ever"""
    chunk = b"220 " + b"A" * 16380
    conn.sendall(chunk)
    chunk = b"A" * 16384
    sent = 0
    while not server.stopping.is_set() and sent < 64 * 1024 * 1024:
        conn.sendall(chunk)
        sent += len(chunk)


def starttls_garbage(server, conn):
    """3a. STARTTLS advertised, "220 go ahead", then garbage instead of a ServerHello"""
    def go_ahead(sock):
        sock.sendall(b"220 go ahead\r\n")
        sock.settimeout(5)
        try:
            sock.recv(4096)   # the ClientHello
        except socket.timeout:
            pass
        sock.sendall(b"\x00\xffgarbage, not TLS\r\n" * 8)
        server.wait(0.2)
    smtp_dialogue(server, conn, [b"PIPELINING", b"STARTTLS", b"8BITMIME"], go_ahead)


def starttls_close(server, conn):
    """3b. STARTTLS advertised, "220 go ahead", then the connection closes"""
    def go_ahead(sock):
        sock.sendall(b"220 go ahead\r\n")
        sock.shutdown(socket.SHUT_RDWR)
    smtp_dialogue(server, conn, [b"PIPELINING", b"STARTTLS"], go_ahead)


def slow_greeting(server, conn):
    """(extra) plaintext SMTP that greets after 1.3 s: longer than the probe
    waits before it tries TLS on a port it does not know"""
    if server.wait(1.3):
        return
    try:
        smtp_dialogue(server, conn, [b"PIPELINING"])
    except OSError:   # the first connection: the probe gave up on it after the ClientHello
        pass


def close_at_once(server, conn):
    """4a. close right after accept (FIN)"""
    conn.close()


def reset_at_once(server, conn):
    """4b. reset right after accept (RST: SO_LINGER 0)"""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    conn.close()


def implicit_tls(context, ehlo_caps):
    """5. implicit TLS with a given certificate: wait silently for the ClientHello."""
    def handler(server, conn):
        conn.settimeout(10)
        tls = server.track(context.wrap_socket(conn, server_side=True))
        tls.sendall(b"220 other.example ESMTP test\r\n")
        smtp_dialogue(server, tls, ehlo_caps, greeting=False)
    return handler


def tls_then_close(context):
    """(extra) implicit TLS, half a greeting, then the socket closes without close_notify"""
    def handler(server, conn):
        conn.settimeout(10)
        tls = server.track(context.wrap_socket(conn, server_side=True))
        tls.sendall(b"220-tls hi\r\n")
        tls.shutdown(socket.SHUT_RDWR)   # SSLSocket.shutdown: no close_notify
    return handler


def silent(server, conn):
    """6. accept, read whatever comes (a ClientHello), never send a byte"""
    conn.settimeout(None)
    while conn.recv(4096):
        pass


def auth_before_tls(context):
    """7. plaintext SMTP offering AUTH PLAIN LOGIN before STARTTLS; a good TLS after it"""
    def handler(server, conn):
        def upgrade(sock):
            sock.sendall(b"220 2.0.0 go ahead\r\n")
            tls = server.track(context.wrap_socket(sock, server_side=True))
            smtp_dialogue(server, tls, [b"PIPELINING", b"AUTH PLAIN LOGIN"], greeting=False)
        smtp_dialogue(server, conn, [b"PIPELINING", b"AUTH PLAIN LOGIN", b"STARTTLS"], upgrade)
    return handler


def ssh_banner(server, conn):
    """(extra) another service on the port: an SSH banner, then silence"""
    conn.sendall(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
    while conn.recv(4096):
        pass


def binary_garbage(server, conn):
    """8. (extra) binary garbage instead of a greeting, then silence"""
    conn.sendall(bytes(range(256)) * 4)
    while conn.recv(4096):
        pass


def endless_ehlo(server, conn):
    """9. (extra) a good greeting, then an EHLO reply that never ends (250- lines forever)"""
    conn.sendall(b"220 hostile.example ESMTP\r\n")
    lines = Lines(conn)
    while True:
        line = lines.readline()
        if line is None:
            return
        if line.upper().startswith(b"EHLO"):
            break
        conn.sendall(b"502 no\r\n")
    n = 0
    while not server.stopping.is_set():
        conn.sendall(b"".join(b"250-X-EXTENSION-%d\r\n" % (n + i) for i in range(200)))
        n += 200
        server.wait(0.01)


def hello_then_close(server, conn):
    """11. (extra) silent, so the probe tries implicit TLS; read the ClientHello, then close:
    the TLS layer meets a dead socket (its alert write must not die of SIGPIPE)"""
    conn.settimeout(5)
    try:
        conn.recv(4096)
    except socket.timeout:
        return
    conn.shutdown(socket.SHUT_RDWR)
    conn.close()


def ehlo_then_reset(server, conn):
    """10. (extra) greeting, EHLO offering AUTH (no STARTTLS), then a reset: the probe's
    next write (QUIT) meets a dead socket and must not die of SIGPIPE"""
    conn.sendall(b"220 hostile.example ESMTP\r\n")
    lines = Lines(conn)
    while True:
        line = lines.readline()
        if line is None:
            return
        if line.upper().startswith(b"EHLO"):
            break
    conn.sendall(b"250-hostile.example\r\n250 AUTH PLAIN LOGIN\r\n")
    server.wait(0.1)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    conn.close()


def imap_dialogue(server, sock):
    """A small IMAP server without STARTTLS: CAPABILITY and LOGOUT; LOGIN is refused."""
    sock.sendall(b"* OK hostile.example IMAP4rev1 ready\r\n")
    lines = Lines(sock)
    while True:
        line = lines.readline()
        if line is None:
            return
        server.log.append(line[:80])
        tag, _, rest = line.partition(b" ")
        verb = rest.split(b" ", 1)[0].upper()
        if verb == b"CAPABILITY":
            sock.sendall(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK done\r\n")
        elif verb in (b"LOGIN", b"AUTHENTICATE"):
            server.auth_commands.append(line[:80])
            sock.sendall(tag + b" NO no\r\n")
        elif verb == b"LOGOUT":
            sock.sendall(b"* BYE bye\r\n" + tag + b" OK done\r\n")
            return
        else:
            sock.sendall(tag + b" BAD what\r\n")


def pop3_dialogue(server, sock):
    """A small POP3 server without STLS: CAPA and QUIT; USER, PASS and AUTH are refused."""
    sock.sendall(b"+OK hostile.example POP3 ready\r\n")
    lines = Lines(sock)
    while True:
        line = lines.readline()
        if line is None:
            return
        server.log.append(line[:80])
        verb = line.split(b" ", 1)[0].upper()
        if verb == b"CAPA":
            sock.sendall(b"+OK list follows\r\nUIDL\r\nSASL PLAIN\r\n.\r\n")
        elif verb in (b"USER", b"PASS", b"AUTH", b"APOP"):
            server.auth_commands.append(line[:80])
            sock.sendall(b"-ERR no\r\n")
        elif verb == b"QUIT":
            sock.sendall(b"+OK bye\r\n")
            return
        else:
            sock.sendall(b"-ERR what\r\n")


def plain(dialogue):
    return lambda server, conn: dialogue(server, conn)


def implicit(context, dialogue):
    """implicit TLS, then a dialogue: the protocol shows only after the handshake"""
    def handler(server, conn):
        conn.settimeout(10)
        dialogue(server, server.track(context.wrap_socket(conn, server_side=True)))
    return handler


def greet_after(seconds):
    """plaintext SMTP that greets late (to a client that sent a ClientHello too)"""
    def handler(server, conn):
        if server.wait(seconds):
            return
        try:
            smtp_dialogue(server, conn, [b"PIPELINING"])
        except OSError:
            pass
    return handler


def smtp_plain(server, conn):
    smtp_dialogue(server, conn, [b"PIPELINING"])


# --------------------------------------------------------------------------
# cases: server + what the probe must say

class Case:
    def __init__(self, name, title, handler, codes, error_sentence=True, ca=False,
                 limit=PROBE_TIMEOUT + SLACK, extra=None, timeout=PROBE_TIMEOUT, verdict="error"):
        self.name, self.title, self.handler = name, title, handler
        self.timeout = timeout                # --timeout
        self.verdict = verdict                # of the port and of the whole run
        self.codes = codes                    # finding codes that must be present
        self.error_sentence = error_sentence  # "error" must be a non-empty sentence
        self.ca = ca                          # pass --ca-file
        self.limit = limit                    # wall time limit, seconds
        self.extra = extra                    # more checks on the result: fn(result) -> [problems]


def expect(result, path, want):
    value = result
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return [f"{'.'.join(path)}: missing" + ("" if callable(want) else f" (want {want!r})")]
        value = value[key]
    if callable(want):
        return [] if want(value) else [f"{'.'.join(path)}: unexpected value {value!r}"]
    return [] if value == want else [f"{'.'.join(path)}: {value!r}, want {want!r}"]


def starttls_failed(r):
    return (expect(r, ["starttls_offered"], True) + expect(r, ["starttls_result"], "failed")
            + expect(r, ["tls_session"], None) + expect(r, ["auth_after_tls"], None))


def name_mismatch(r):
    c = ["tls_session", "certificate"]
    problems = expect(r, ["tls"], "implicit") + expect(r, ["starttls_offered"], None)
    problems += expect(r, ["auth_before_tls"], None)
    problems += expect(r, c + ["hostname_match"], False) + expect(r, c + ["chain_trusted"], True)
    problems += expect(r, c + ["verify_error"], "IP address mismatch")  # OpenSSL's words; LOOPBACK is an IP
    problems += expect(r, c + ["sans"], lambda v: isinstance(v, list) and "other.example" in v)
    problems += expect(r, c + ["subject"], lambda v: isinstance(v, str) and "other.example" in v)
    problems += expect(r, c + ["issuer"], lambda v: isinstance(v, str) and "hostile test CA" in v)
    problems += expect(r, c + ["days_left"], lambda v: isinstance(v, int) and 300 <= v <= 366)
    problems += expect(r, ["banner"], lambda v: isinstance(v, str) and v.startswith("220 other.example"))
    problems += expect(r, ["tls_session", "version"], lambda v: v in ("TLSv1.2", "TLSv1.3"))
    return problems


def name_and_chain(r):
    """Both checks fail: verify_error keeps the chain's reason (its meaning in
    schema 1), hostname_match says the name's."""
    c = ["tls_session", "certificate"]
    problems = expect(r, c + ["hostname_match"], False) + expect(r, c + ["chain_trusted"], False)
    return problems + expect(r, c + ["verify_error"], "unable to get local issuer certificate")


def cleartext_auth(r):
    c = ["tls_session", "certificate"]
    problems = expect(r, ["tls"], "starttls") + expect(r, ["starttls_offered"], True)
    problems += expect(r, ["starttls_result"], "ok")
    problems += expect(r, ["auth_before_tls"], lambda v: isinstance(v, list) and sorted(v) == ["LOGIN", "PLAIN"])
    problems += expect(r, ["auth_after_tls"], lambda v: isinstance(v, list) and sorted(v) == ["LOGIN", "PLAIN"])
    problems += expect(r, c + ["hostname_match"], True) + expect(r, c + ["chain_trusted"], True)
    problems += expect(r, ["banner"], lambda v: isinstance(v, str) and v.startswith("220 hostile.example"))
    return problems


def no_session(r):
    return expect(r, ["tls_session"], None)


def build_cases(certs):
    no_response = ["probe-no-response"]
    return [
        Case("drip", "greeting dripped one byte a second", drip_greeting, no_response, extra=no_session),
        Case("endless-line", "endless greeting line, no CRLF", endless_line, no_response, extra=no_session),
        Case("starttls-garbage", "STARTTLS, 220 go ahead, then garbage", starttls_garbage,
             ["probe-tls-failed"], ca=True, extra=starttls_failed),
        Case("starttls-close", "STARTTLS, 220 go ahead, then close", starttls_close,
             ["probe-tls-failed"], ca=True, extra=starttls_failed),
        Case("close", "closes at once after accept", close_at_once, no_response, extra=no_session),
        Case("reset", "resets at once after accept", reset_at_once, no_response, extra=no_session),
        Case("wrong-name", "implicit TLS, certificate for other.example",
             implicit_tls(certs["other"], [b"PIPELINING", b"AUTH PLAIN"]),
             ["probe-cert-name-mismatch"], error_sentence=False, ca=True, extra=name_mismatch),
        Case("wrong-name-untrusted", "(extra) implicit TLS, certificate for other.example, CA not given",
             implicit_tls(certs["other"], [b"PIPELINING", b"AUTH PLAIN"]),
             ["probe-cert-name-mismatch"], error_sentence=False, extra=name_and_chain),
        Case("silent", "accepts, never sends", silent, no_response, limit=SILENT_LIMIT,
             extra=no_session),
        Case("auth-cleartext", "AUTH PLAIN LOGIN offered before STARTTLS",
             auth_before_tls(certs["loopback"]), ["probe-auth-cleartext"], error_sentence=False,
             ca=True, extra=cleartext_auth),
        Case("short-timeout", "(extra) implicit TLS found with --timeout 1: the greeting wait is halved",
             implicit_tls(certs["loopback"], [b"AUTH PLAIN"]), ["unknown-port"], error_sentence=False,
             ca=True, timeout=1, limit=1 + SLACK, verdict="warning",
             extra=lambda r: expect(r, ["tls"], "implicit") + expect(r, ["error"], None)),
        Case("slow-greeting", "(extra) plaintext greeting after 1.3 s on an unknown port",
             slow_greeting, ["unknown-port"], error_sentence=False, timeout=4, limit=4 + SLACK,
             verdict="error",
             extra=lambda r: expect(r, ["tls"], "none") + expect(r, ["error"], None)
             + expect(r, ["banner"], lambda v: isinstance(v, str) and v.startswith("220 hostile.example"))),
        Case("tls-then-close", "(extra) implicit TLS, then closed mid-greeting without close_notify",
             tls_then_close(certs["loopback"]), no_response, ca=True,
             extra=lambda r: expect(r, ["tls"], "implicit") + expect(r, ["error_code"], "closed")
             + expect(r, ["findings"], lambda v: all(f.get("code") != "probe-tls-failed" for f in v))),
        Case("garbage", "(extra) binary garbage greeting", binary_garbage, no_response),
        Case("endless-ehlo", "(extra) EHLO reply that never ends", endless_ehlo, no_response),
        Case("hello-close", "(extra) silent, reads the ClientHello, then closes", hello_then_close,
             [("probe-tls-failed", "probe-no-response")], ca=True, extra=no_session),
        Case("ehlo-reset", "(extra) EHLO offers AUTH, then the connection resets", ehlo_then_reset,
             ["probe-auth-cleartext"], error_sentence=False,
             extra=lambda r: expect(r, ["auth_before_tls"],
                                    lambda v: isinstance(v, list) and sorted(v) == ["LOGIN", "PLAIN"])),
    ]


# --------------------------------------------------------------------------
# running the probe

def run_probe(binary, case, server, ca_file, verbose):
    args = [binary, "probe", LOOPBACK, "--proto", "smtp", "--port", str(server.port),
            "--timeout", str(case.timeout), "--json"]
    if case.ca:
        args += ["--ca-file", ca_file]
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    shown = " ".join(args)
    start = time.monotonic()
    try:
        proc = subprocess.run(args, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=HARD_KILL)
    except subprocess.TimeoutExpired:
        return shown, [f"HANG: still running after {HARD_KILL} s (killed)"], None, None
    elapsed = time.monotonic() - start
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    problems = []
    if proc.returncode < 0:
        problems.append(f"killed by signal {-proc.returncode}")
    elif proc.returncode != {"ok": 0, "warning": 1, "error": 2}[case.verdict]:
        problems.append(f"exit status {proc.returncode}, want that of verdict {case.verdict}")
    if elapsed >= case.limit:
        problems.append(f"took {elapsed:.2f} s, limit {case.limit} s")
    if "AddressSanitizer" in err or "runtime error:" in err:
        problems.append("sanitizer report on stderr")
    if server.auth_commands:
        problems.append(f"the probe sent credentials: {server.auth_commands}")
    try:
        doc = json.loads(proc.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        problems.append(f"stdout is not one JSON object: {e}")
        doc = None
    result = None
    if doc is not None:
        problems += check_document(doc, server.port, case)
        if isinstance(doc, dict) and isinstance(doc.get("results"), list) and doc["results"]:
            result = doc["results"][0]
    if verbose or problems:
        detail = json.dumps(result if result is not None else doc, ensure_ascii=False, indent=2)
        detail = detail if doc is not None else repr(out[:2000])
        info = f"exit {proc.returncode}, {elapsed:.2f} s\n  stdout: {detail}"
        if err:
            info += f"\n  stderr: {err[:2000]!r}"
        info += f"\n  server saw {server.connections} connection(s), commands {server.log[:10]}"
        return shown, problems, info, elapsed
    return shown, problems, None, elapsed


def check_document(doc, port, case):
    if not isinstance(doc, dict):
        return ["stdout is JSON but not an object"]
    problems = expect(doc, ["schema_version"], 1) + expect(doc, ["host"], LOOPBACK)
    problems += expect(doc, ["verdict"], case.verdict)
    results = doc.get("results")
    if not isinstance(results, list) or len(results) != 1:
        return problems + [f"results: want a list of one, got {results!r:.200}"]
    r = results[0]
    if not isinstance(r, dict):
        return problems + ["results[0] is not an object"]
    problems += [f"results[0].{k}: missing" for k in RESULT_KEYS if k not in r]
    problems += expect(r, ["proto"], "smtp") + expect(r, ["port"], port)
    problems += expect(r, ["reachable"], True) + expect(r, ["address"], LOOPBACK)
    problems += expect(r, ["verdict"], case.verdict)
    if r.get("tls") not in ("implicit", "starttls", "none", None):
        problems.append(f"tls: {r.get('tls')!r} is not implicit|starttls|none|null")
    if r.get("starttls_result") not in ("ok", "rejected", "failed", None):
        problems.append(f"starttls_result: {r.get('starttls_result')!r}")
    session = r.get("tls_session")
    if isinstance(session, dict):
        cert = session.get("certificate")
        if isinstance(cert, dict):
            problems += [f"tls_session.certificate.{k}: missing" for k in CERT_KEYS if k not in cert]
    findings = r.get("findings")
    if not isinstance(findings, list):
        problems.append("findings: not a list")
        findings = []
    codes = []
    for f in findings:
        if not isinstance(f, dict) or not {"code", "severity", "message", "refs"} <= set(f):
            problems.append(f"finding without code/severity/message/refs: {f!r:.200}")
            continue
        codes.append(f["code"])
        if f["severity"] not in ("info", "warning", "error"):
            problems.append(f"finding {f['code']}: severity {f['severity']!r}")
        if not isinstance(f["message"], str) or not f["message"].strip():
            problems.append(f"finding {f['code']}: empty message")
    for code in case.codes:   # a tuple: any one of these
        alternatives = code if isinstance(code, tuple) else (code,)
        if not any(c in codes for c in alternatives):
            problems.append(f"finding {' or '.join(alternatives)} missing (codes: {codes})")
    if case.error_sentence:
        e = r.get("error")
        if not isinstance(e, str) or not e.strip():
            problems.append(f"error: want a non-empty sentence, got {e!r}")
    if case.extra:
        problems += case.extra(r)
    return problems


# --------------------------------------------------------------------------
# the ways to name a target: HOST:PORT, [::1]:PORT, mail URLs; protocol from the greeting

SECRET = "hunter2-not-a-password"   # in URLs: must reach neither the server nor the output


class FormCase:
    def __init__(self, name, title, handler, target, check, options=(), ca=False,
                 address=LOOPBACK, text=False, lang="C.UTF-8", verdict=None):
        self.name, self.title, self.handler = name, title, handler
        self.target = target      # the argument, "{port}" replaced by the server's
        self.check = check        # fn(JSON document or text) -> [problems]
        self.options = list(options)
        self.ca = ca
        self.address = address
        self.text = text          # text output instead of --json
        self.lang = lang
        self.verdict = verdict    # None: any, as long as the exit status matches the JSON


def one_result(proto, tls, host=LOOPBACK, address=LOOPBACK, banner=None, extra=None):
    """The JSON of one port: its protocol (as inferred), mode, host and address."""
    def check(doc):
        problems = expect(doc, ["host"], host)
        results = doc.get("results")
        if not isinstance(results, list) or len(results) != 1:
            return problems + [f"results: want a list of one, got {results!r:.200}"]
        r = results[0]
        problems += expect(r, ["proto"], proto) + expect(r, ["tls"], tls)
        problems += expect(r, ["reachable"], True) + expect(r, ["address"], address)
        problems += expect(r, ["error"], None)
        if banner:
            problems += expect(r, ["banner"], lambda v: isinstance(v, str) and v.startswith(banner))
        if extra:
            problems += extra(r)
        return problems
    return check


def text_has(*patterns):
    def check(text):
        return [f"text output lacks /{p}/" for p in patterns if not re.search(p, text)]
    return check


def build_form_cases(certs):
    loopback = certs["loopback"]
    return [
        FormCase("form-host-port-smtp", "127.0.0.1:PORT, SMTP told by its 220 greeting",
                 smtp_plain, "127.0.0.1:{port}", one_result("smtp", "none", banner="220 hostile.example")),
        FormCase("form-host-port-imap", "127.0.0.1:PORT, IMAP told by its * OK greeting",
                 plain(imap_dialogue), "127.0.0.1:{port}", one_result("imap", "none", banner="* OK")),
        FormCase("form-host-port-pop3", "127.0.0.1:PORT, POP3 told by its +OK greeting",
                 plain(pop3_dialogue), "127.0.0.1:{port}", one_result("pop3", "none", banner="+OK")),
        FormCase("form-host-port-implicit", "127.0.0.1:PORT, implicit TLS: IMAP told by the greeting after the handshake",
                 implicit(loopback, imap_dialogue), "127.0.0.1:{port}",
                 one_result("imap", "implicit", extra=lambda r: expect(
                     r, ["tls_session", "certificate", "chain_trusted"], True)), ca=True),
        FormCase("form-host-port-proto", "127.0.0.1:PORT with --proto: no guessing",
                 plain(pop3_dialogue), "127.0.0.1:{port}", one_result("pop3", "none"), options=["--proto", "pop3"]),
        FormCase("form-ipv6", "[::1]:PORT", smtp_plain, "[::1]:{port}",
                 one_result("smtp", "none", host="[::1]", address="::1"), address=LOOPBACK6),
        FormCase("form-ipv6-bare", "::1 --proto smtp --port PORT: a bare IPv6 address is a host",
                 smtp_plain, "::1", one_result("smtp", "none", host="::1", address="::1"),
                 options=["--proto", "smtp", "--port", "{port}"], address=LOOPBACK6),
        FormCase("form-url-plain", "pop3://user:password@127.0.0.1:PORT: protocol from the scheme",
                 plain(pop3_dialogue), "pop3://taro:" + SECRET + "@127.0.0.1:{port}",
                 one_result("pop3", "none")),
        FormCase("form-url-implicit", "imaps://127.0.0.1:PORT: implicit TLS as the scheme says",
                 implicit(loopback, imap_dialogue), "imaps://taro:" + SECRET + "@127.0.0.1:{port}",
                 one_result("imap", "implicit"), ca=True),
        FormCase("form-url-says-implicit", "smtps://127.0.0.1:PORT on a plaintext server that greets after 0.6 s: "
                 "the scheme says implicit TLS, so the handshake is tried at 250 ms, and fails as a client's would",
                 greet_after(0.6), "smtps://127.0.0.1:{port}",
                 lambda doc: expect(doc, ["results"], lambda rs: len(rs) == 1 and rs[0].get("proto") == "smtp"
                                    and rs[0].get("tls") is None and rs[0].get("error_code") == "tls-failed"),
                 verdict="error"),
        FormCase("form-url-plain-waits", "smtp://127.0.0.1:PORT on the same server: a plain scheme waits, and finds it",
                 greet_after(0.6), "smtp://127.0.0.1:{port}", one_result("smtp", "none", banner="220 hostile")),
        FormCase("form-url-text", "smtps://...: text output names the host, never the password",
                 implicit(loopback, lambda server, sock: smtp_dialogue(server, sock, [b"AUTH PLAIN"])),
                 "smtps://taro:" + SECRET + "@127.0.0.1:{port}",
                 text_has(r"^Probe of 127\.0\.0\.1: 1 port\(s\)\n", r"SMTP \d+  SSL/TLS|SMTP \d+  implicit",
                          r"chain trusted: yes"), ca=True, text=True),
        FormCase("form-untrusted-text", "text output: why the chain is not trusted (no --ca-file)",
                 implicit(loopback, lambda server, sock: smtp_dialogue(server, sock, [b"AUTH PLAIN"])),
                 "127.0.0.1:{port}",
                 text_has(r"chain trusted: no \(unable to get local issuer certificate\)",
                          r"\(\d+ days left\)"), text=True),
        FormCase("form-untrusted-text-ja", "the same in Japanese",
                 implicit(loopback, lambda server, sock: smtp_dialogue(server, sock, [b"AUTH PLAIN"])),
                 "127.0.0.1:{port}",
                 text_has(r"チェーンの信頼: いいえ（発行者の証明書が信頼ストアにありません）",
                          r"（残り \d+ 日）"), text=True, lang="ja_JP.UTF-8"),
        FormCase("form-other-service", "127.0.0.1:PORT, an SSH banner: not a mail greeting, said so",
                 ssh_banner, "127.0.0.1:{port}", lambda doc: expect(doc, ["results"], lambda rs: (
                     len(rs) == 1 and rs[0].get("proto") is None
                     and [f["code"] for f in rs[0]["findings"]] == ["probe-unknown-protocol"])),
                 verdict="error"),
        FormCase("form-no-greeting", "127.0.0.1:PORT, silent server: no protocol to tell, a clear error",
                 silent, "127.0.0.1:{port}", lambda doc: expect(doc, ["results"], lambda rs: (
                     len(rs) == 1 and rs[0].get("proto") is None and rs[0].get("reachable") is True
                     and bool(rs[0].get("error")))),
                 verdict="error"),
    ]


def ipv6_loopback():
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind((LOOPBACK6, 0))
        return True
    except OSError:
        return False


def run_form(binary, case, server, ca_file, verbose):
    fill = lambda a: a.replace("{port}", str(server.port))  # noqa: E731
    args = [binary, "probe", fill(case.target), *map(fill, case.options), "--timeout", "3"]
    args += [] if case.text else ["--json"]
    args += ["--ca-file", ca_file] if case.ca else []
    env = {"PATH": "/usr/bin:/bin", "LANG": case.lang}
    try:
        proc = subprocess.run(args, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=HARD_KILL)
    except subprocess.TimeoutExpired:
        return [f"HANG: still running after {HARD_KILL} s (killed)"], ""
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    problems = []
    if SECRET in out + err:
        problems.append("the URL's password was printed")
    if server.auth_commands or any(SECRET.encode() in line for line in server.log):
        problems.append(f"the probe sent credentials: {server.auth_commands}")
    if proc.returncode not in (0, 1, 2):
        problems.append(f"exit status {proc.returncode}: {err.strip()[:300]}")
    if case.text:
        problems += case.check(out)
    else:
        try:
            doc = json.loads(out)
        except ValueError as e:
            return problems + [f"stdout is not one JSON object: {e}"], out
        verdict = doc.get("verdict")
        if proc.returncode in (0, 1, 2) and {"ok": 0, "warning": 1, "error": 2}.get(verdict) != proc.returncode:
            problems.append(f"exit status {proc.returncode} for verdict {verdict!r}")
        if case.verdict and verdict != case.verdict:
            problems.append(f"verdict {verdict!r}, want {case.verdict!r}")
        problems += case.check(doc)
    shown = " ".join(args[1:]).replace(SECRET, "***")
    detail = f"$ {shown}\n  exit {proc.returncode}\n  stdout: {out[:3000]}\n  stderr: {err[:500]}"
    return problems, detail if (problems or verbose) else ""



def self_check(certs, ca_file):
    failures = []

    def client(server, timeout=3):
        s = socket.create_connection((LOOPBACK, server.port), timeout=timeout)
        return s

    def check(name, handler, fn):
        with Server(name, handler) as server:
            try:
                fn(server)
                status = "ok"
            except Exception as e:   # noqa: BLE001 - report any failure of the check
                status = f"FAILED: {type(e).__name__}: {e}"
                failures.append(name)
        leaks = server.leaks()
        if leaks:
            failures.append(name)
            status += f"; leaks after stop: {leaks}"
        print(f"self-check {name}: {status}")

    def drip(server):
        s = client(server)
        start = time.monotonic()
        got = b""
        while time.monotonic() - start < 2.5:
            got += s.recv(100)
        s.close()
        assert got.startswith(b"220") and 2 <= len(got) <= 4, got

    def endless(server):
        s = client(server)
        got = b""
        while len(got) < 200000:
            got += s.recv(65536)
        s.close()
        assert got.startswith(b"220 ") and b"\n" not in got, got[:20]

    def ehlo(s, lines):
        s.sendall(b"EHLO probe.example\r\n")
        reply = []
        while True:
            line = lines.readline()
            reply.append(line)
            if line is None or line[3:4] == b" ":
                return reply

    def starttls_then(expect_exc):
        def fn(server):
            s = client(server)
            lines = Lines(s)
            assert lines.readline().startswith(b"220 ")
            assert any(l[4:] == b"STARTTLS" for l in ehlo(s, lines) if l)
            s.sendall(b"STARTTLS\r\n")
            assert lines.readline().startswith(b"220 ") and not lines.buf
            ctx = ssl.create_default_context(cafile=ca_file)
            try:
                ctx.wrap_socket(s, server_hostname=LOOPBACK)
            except expect_exc:
                return
            finally:
                s.close()
            raise AssertionError("TLS handshake succeeded")
        return fn

    def closes(server):
        s = client(server)
        assert s.recv(10) == b""
        s.close()

    def resets(server):
        s = client(server)
        try:
            data = s.recv(10)
        except ConnectionResetError:
            return
        finally:
            s.close()
        raise AssertionError(f"no reset, got {data!r}")

    def wrong_name(server):
        ctx = ssl.create_default_context(cafile=ca_file)
        s = client(server)
        try:
            ctx.wrap_socket(s, server_hostname=LOOPBACK)
            raise AssertionError("hostname 127.0.0.1 accepted")
        except ssl.SSLCertVerificationError as e:
            assert "mismatch" in str(e) or "match" in str(e), e
        finally:
            s.close()
        s = client(server)
        t = ctx.wrap_socket(s, server_hostname="other.example")   # chain itself is trusted
        lines = Lines(t)
        assert lines.readline().startswith(b"220 other.example")
        assert b"250 AUTH PLAIN" in ehlo(t, lines)
        t.close()

    def silence(server):
        s = client(server, timeout=2)
        s.sendall(b"\x16\x03\x01\x00\x05hello")
        start = time.monotonic()
        try:
            data = s.recv(10)
            raise AssertionError(f"silent server sent {data!r}")
        except socket.timeout:
            assert time.monotonic() - start >= 1.9
        finally:
            s.close()

    def auth_cleartext(server):
        s = client(server)
        lines = Lines(s)
        assert lines.readline().startswith(b"220 ")
        caps = ehlo(s, lines)
        assert b"250-AUTH PLAIN LOGIN" in caps and b"250 STARTTLS" in caps, caps
        s.sendall(b"STARTTLS\r\n")
        assert lines.readline().startswith(b"220 ")
        ctx = ssl.create_default_context(cafile=ca_file)
        t = ctx.wrap_socket(s, server_hostname=LOOPBACK)   # name and chain are right
        lines = Lines(t)
        caps = ehlo(t, lines)
        assert b"250 AUTH PLAIN LOGIN" in caps and b"STARTTLS" not in b"".join(caps), caps
        t.sendall(b"QUIT\r\n")
        assert lines.readline().startswith(b"221")
        t.close()

    def garbage(server):
        s = client(server)
        got = b""
        while len(got) < 1024:
            got += s.recv(2048)
        s.close()
        assert got[:4] == b"\x00\x01\x02\x03"

    def ehlo_forever(server):
        s = client(server)
        lines = Lines(s)
        assert lines.readline().startswith(b"220 ")
        s.sendall(b"EHLO probe.example\r\n")
        for _ in range(5000):
            assert lines.readline().startswith(b"250-")
        s.close()

    check("drip", drip_greeting, drip)
    check("endless-line", endless_line, endless)
    check("starttls-garbage", starttls_garbage, starttls_then(ssl.SSLError))
    check("starttls-close", starttls_close, starttls_then((ssl.SSLError, OSError)))
    check("close", close_at_once, closes)
    check("reset", reset_at_once, resets)
    check("wrong-name", implicit_tls(certs["other"], [b"PIPELINING", b"AUTH PLAIN"]), wrong_name)
    check("silent", silent, silence)
    check("auth-cleartext", auth_before_tls(certs["loopback"]), auth_cleartext)
    check("garbage", binary_garbage, garbage)
    check("endless-ehlo", endless_ehlo, ehlo_forever)

    def reset_after_ehlo(server):
        s = client(server)
        lines = Lines(s)
        assert lines.readline().startswith(b"220 ")
        assert b"250 AUTH PLAIN LOGIN" in ehlo(s, lines)
        time.sleep(0.3)
        try:
            s.sendall(b"QUIT\r\n")
            time.sleep(0.1)
            s.sendall(b"QUIT\r\n")
            raise AssertionError("no reset: writes succeeded")
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            s.close()

    check("ehlo-reset", ehlo_then_reset, reset_after_ehlo)

    def hello_close(server):
        ctx = ssl.create_default_context(cafile=ca_file)
        s = client(server)
        try:
            ctx.wrap_socket(s, server_hostname=LOOPBACK)
            raise AssertionError("TLS handshake succeeded")
        except (ssl.SSLError, OSError):
            pass
        finally:
            s.close()

    check("hello-close", hello_then_close, hello_close)
    return failures


# --------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", help="the mailports binary to test")
    parser.add_argument("--sanitized", action="store_true",
                        help="the binary is built with sanitizers: timing targets widened")
    parser.add_argument("--case", action="append", help="run only this case (repeatable)")
    parser.add_argument("--self-check", action="store_true",
                        help="check the hostile servers with Python clients; no binary needed")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every probe's JSON")
    opts = parser.parse_args()
    if opts.sanitized:
        global SILENT_LIMIT
        SILENT_LIMIT = SANITIZED_SILENT_LIMIT
    if not opts.self_check and not opts.binary:
        parser.error("--binary is required (or --self-check)")

    with tempfile.TemporaryDirectory(prefix="mailports-hostile-") as tmp:
        certs = make_certs(tmp)
        ca_file = certs["ca"]
        if opts.self_check:
            failures = self_check(certs, ca_file)
            print("self-check:", "FAIL " + ", ".join(failures) if failures else "all servers ok")
            return 1 if failures else 0

        binary = os.path.abspath(opts.binary)
        help_run = subprocess.run([binary, "probe", "--help"], capture_output=True, timeout=30,
                                  env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
        if help_run.returncode != 0:
            print(f"FAIL: {binary} has no probe command ('probe --help' exited "
                  f"{help_run.returncode}: {help_run.stderr.decode(errors='replace').strip()[:300]})")
            return 1

        cases = build_cases(certs)
        forms = build_form_cases(certs)
        if opts.case:
            known = [c.name for c in cases + forms]
            unknown = set(opts.case) - set(known)
            if unknown:
                parser.error(f"unknown case(s) {sorted(unknown)}; known: {known}")
            cases = [c for c in cases if c.name in opts.case]
            forms = [c for c in forms if c.name in opts.case]
        failed = []
        for case in cases:
            with Server(case.name, case.handler) as server:
                shown, problems, info, elapsed = run_probe(binary, case, server, ca_file, opts.verbose)
            leaks = server.leaks()
            if leaks:
                problems.append(f"test server leaked: {leaks}")
            took = f"{elapsed:.2f} s" if elapsed is not None else "hang"
            status = "PASS" if not problems else "FAIL"
            print(f"{status} {case.name}: {case.title} ({took})")
            if problems:
                failed.append(case.name)
                print(f"  command: {shown}")
                for p in problems:
                    print(f"  - {p}")
            if info:
                print("  " + info)
        has_ipv6 = ipv6_loopback()
        for case in forms:
            if case.address == LOOPBACK6 and not has_ipv6:
                print(f"SKIP {case.name}: {case.title} (no IPv6 loopback here)")
                continue
            with Server(case.name, case.handler, case.address) as server:
                problems, detail = run_form(binary, case, server, ca_file, opts.verbose)
            problems += [f"test server leaked: {leak}" for leak in server.leaks()]
            print(f"{'FAIL' if problems else 'PASS'} {case.name}: {case.title}")
            for p in problems:
                print(f"  - {p}")
            if detail:
                print("  " + detail)
            if problems:
                failed.append(case.name)
        cases = cases + forms
        print(f"{len(cases) - len(failed)}/{len(cases)} passed"
              + (f"; failed: {', '.join(failed)}" if failed else ""))
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

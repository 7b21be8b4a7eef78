#!/usr/bin/env python3
"""Make the real logs that `mailports diagnose` is tested on.

    python3 tests/diagnose/make_logs.py [--out tests/data/diagnose]     (as root)

Starts the private Postfix and Dovecot of tests/probe/servers.py, checks them
with servers.self_check (which also leaves ordinary, healthy sessions in the
logs), then makes each client mistake of issue 13 with real clients (Python's
smtplib/imaplib/poplib, a raw socket where a client speaks first, the
`openssl s_client` CLI, msmtp and fetchmail when installed) and writes:

    postfix.log   Postfix's own log (maillog_file, no syslog), as written
    dovecot.log   Dovecot's own log (log_path), as written
    clients.txt   one client error per line:
                  family<TAB>client<TAB>mistake<TAB>the error text, on one line

`family` is the catalogue id (or ids, "a|b", or "~REGEX" over the id) the text
should be recognized as (the test runs
`mailports diagnose` on each text and expects it). Hosts and addresses are
left as they were (127.0.0.1, 127.0.0.2); the ports are the servers' random
high ports. The password is never written: the wrong one is a fixed fake.
"""

import argparse
import imaplib
import os
import poplib
import shutil
import signal
import smtplib
import socket
import ssl
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "probe"))
import servers as harness  # noqa: E402

HOST = "127.0.0.1"
SRC = (harness.SOURCE, 0)
WRONG_PASSWORD = "wrong-password-for-the-test"
TIMEOUT = 5
# Dovecot delays a failed login (auth_failure_delay, 2 s) and anvil adds a
# growing penalty for repeated failures from one address.
AUTH_TIMEOUT = 30
# The family column: ids separated by "|", or "~REGEX" over the id, where a
# text is fairly read as more than one family (the test accepts any).
TIMED_OUT = ("greeting-never-received|connection-timed-out|read-timeout-no-greeting|"
             "python-smtp-server-disconnected")
DOVECOT_AUTH_FAILED = "~auth.*fail|credential"


def one_line(text):
    return " ".join(str(text).split())


class Recorder:
    def __init__(self):
        self.lines = []

    def add(self, family, client, mistake, error):
        self.lines.append("\t".join((family, client, mistake, one_line(error))))
        print("%-32s %-22s %s" % (family, client, one_line(error))[:200])

    def attempt(self, family, client, mistake, action):
        """Run action(); record the exception text it ends with (the client's
        error as a program using that client would show it)."""
        try:
            result = action()
        except Exception as e:  # the error is what we want
            self.add(family, client, mistake, "%s: %s" % (type(e).__name__, e))
            return
        if result:  # a reply the client returned instead of raising
            self.add(family, client, mistake, result)
        else:
            print("!! %s / %s: no error" % (client, mistake), file=sys.stderr)


def raw_send_first(port, data, tls_context=None, read_for=2.0):
    """A client that speaks before the server greets (as a client set to
    plaintext does on an implicit-TLS port once it times out, or as a
    pipelining client does); returns what came back."""
    s = harness._connect(HOST, port, TIMEOUT)
    try:
        s.sendall(data)
        s.settimeout(read_for)
        got = b""
        try:
            while True:
                b = s.recv(4096)
                if not b:
                    break
                got += b
        except (socket.timeout, OSError):
            pass
        return got
    finally:
        s.close()


def run_cli(cmd, stdin=b"", timeout=15):
    try:
        p = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return (e.stdout or b"") + (e.stderr or b""), None
    return p.stdout + p.stderr, p.returncode


def mistakes(s, rec):
    p = s.ports
    trusting = ssl.create_default_context(cafile=s.ca)
    trusting.check_hostname = False  # the clients below use 127.0.0.1, the cert says localhost

    # 1. Implicit TLS to a STARTTLS port (465-style client against 587/143/110/25).
    for name, cls in (("submission", "smtplib.SMTP_SSL"), ("smtp", "smtplib.SMTP_SSL")):
        rec.attempt("tls-wrong-version-number", "python " + cls,
                    "implicit TLS to the STARTTLS port (%s)" % name,
                    lambda: smtplib.SMTP_SSL(HOST, p[name], timeout=TIMEOUT, source_address=SRC,
                                             context=trusting).close())
    rec.attempt("tls-wrong-version-number", "python imaplib.IMAP4_SSL",
                "implicit TLS to the STARTTLS IMAP port (143)",
                lambda: harness._IMAPS(HOST, p["imap"], ssl_context=trusting, timeout=TIMEOUT).logout())
    rec.attempt("tls-wrong-version-number", "python poplib.POP3_SSL",
                "implicit TLS to the STLS POP3 port (110)",
                lambda: harness._POP3S(HOST, p["pop3"], context=trusting, timeout=TIMEOUT).quit())
    for name in ("submission", "imap", "pop3"):
        out, _ = run_cli(["openssl", "s_client", "-connect", "%s:%d" % (HOST, p[name]),
                          "-CAfile", s.ca, "-brief"])
        errs = [l for l in out.decode(errors="replace").splitlines() if "error:" in l]
        if errs:
            rec.add("tls-wrong-version-number", "openssl s_client",
                    "implicit TLS to the STARTTLS port (%s)" % name, errs[0])
        else:
            print("!! openssl s_client to %s: no error line: %r" % (name, out[:300]), file=sys.stderr)

    # 2. Plaintext or STARTTLS to the implicit-TLS ports (465/993/995).
    #    A client that waits for the greeting waits until its timeout ...
    rec.attempt(TIMED_OUT, "python smtplib.SMTP",
                "plaintext/STARTTLS client on the implicit-TLS port (465)",
                lambda: smtplib.SMTP(HOST, p["smtps"], timeout=TIMEOUT, source_address=SRC).quit())
    rec.attempt(TIMED_OUT, "python imaplib.IMAP4",
                "plaintext/STARTTLS client on the implicit-TLS port (993)",
                lambda: harness._IMAP(HOST, p["imaps"], timeout=TIMEOUT).logout())
    rec.attempt(TIMED_OUT, "python poplib.POP3",
                "plaintext/STARTTLS client on the implicit-TLS port (995)",
                lambda: harness._POP3(HOST, p["pop3s"], timeout=TIMEOUT).quit())
    #    ... and one that then speaks (or speaks first) makes the server's TLS
    #    library read plaintext as a record: "wrong version number" server-side.
    for name, line in (("smtps", b"EHLO client.example\r\n"),
                       ("imaps", b"a1 CAPABILITY\r\n"),
                       ("pop3s", b"CAPA\r\n")):
        raw_send_first(p[name], line)
    out, _ = run_cli(["openssl", "s_client", "-starttls", "smtp", "-connect",
                      "%s:%d" % (HOST, p["smtps"]), "-CAfile", s.ca, "-brief"], timeout=8)
    text = [l for l in out.decode(errors="replace").splitlines() if l.strip()]
    if text:
        rec.add("greeting-never-received", "openssl s_client -starttls smtp",
                "STARTTLS client on the implicit-TLS port (465)", text[0])

    # 3. AUTH (and MAIL) without STARTTLS where TLS is required (587).
    def auth_no_tls():
        with smtplib.SMTP(HOST, p["submission"], timeout=TIMEOUT, source_address=SRC) as c:
            c.ehlo()
            code, msg = c.docmd("AUTH", "PLAIN AHByb2JlAHdyb25n")  # base64 of a fake, wrong password
            return "%d %s" % (code, msg.decode())
    rec.attempt("smtp-530-starttls-first", "python smtplib (raw AUTH)",
                "AUTH without STARTTLS on the port that requires TLS (587)", auth_no_tls)

    def mail_no_tls():
        with smtplib.SMTP(HOST, p["submission"], timeout=TIMEOUT, source_address=SRC) as c:
            c.ehlo()
            c.sendmail("a@example.org", ["b@example.net"], "Subject: t\r\n\r\nt\r\n")
    rec.attempt("smtp-530-starttls-first", "python smtplib.sendmail",
                "MAIL without STARTTLS on the port that requires TLS (587)", mail_no_tls)

    # 4. A wrong password: SMTP after STARTTLS, IMAP and POP3 over TLS.
    def smtp_wrong_password():
        with smtplib.SMTP(HOST, p["submission"], timeout=AUTH_TIMEOUT, source_address=SRC) as c:
            c.starttls(context=trusting)
            c.login(harness.USER, WRONG_PASSWORD)
    rec.attempt("smtp-535-auth-failed", "python smtplib.login",
                "wrong password (587 after STARTTLS)", smtp_wrong_password)

    def smtps_wrong_password():
        with smtplib.SMTP_SSL(HOST, p["smtps"], timeout=AUTH_TIMEOUT, source_address=SRC,
                              context=trusting) as c:
            c.login(harness.USER, WRONG_PASSWORD)
    rec.attempt("smtp-535-auth-failed", "python smtplib.login",
                "wrong password (465)", smtps_wrong_password)

    def imaps_wrong_password():
        c = harness._IMAPS(HOST, p["imaps"], ssl_context=trusting, timeout=AUTH_TIMEOUT)
        try:
            c.login(harness.USER, WRONG_PASSWORD)
        finally:
            c.shutdown()
    rec.attempt(DOVECOT_AUTH_FAILED, "python imaplib.login",
                "wrong password (993)", imaps_wrong_password)

    def pop3s_wrong_password():
        c = harness._POP3S(HOST, p["pop3s"], context=trusting, timeout=AUTH_TIMEOUT)
        try:
            c.user(harness.USER)
            c.pass_(WRONG_PASSWORD)
        finally:
            c.close()
    rec.attempt(DOVECOT_AUTH_FAILED, "python poplib.pass_",
                "wrong password (995)", pop3s_wrong_password)

    # 5. Plaintext login before STARTTLS on 143/110 (Dovecot disable_plaintext_auth).
    def imap_plain_login():
        c = harness._IMAP(HOST, p["imap"], timeout=AUTH_TIMEOUT)
        try:
            c.login(harness.USER, WRONG_PASSWORD)
        finally:
            c.shutdown()
    rec.attempt("dovecot-plaintext-auth-disallowed", "python imaplib.login",
                "IMAP LOGIN on 143 without STARTTLS", imap_plain_login)

    def pop3_plain_user():
        c = harness._POP3(HOST, p["pop3"], timeout=AUTH_TIMEOUT)
        try:
            c.user(harness.USER)
        finally:
            c.close()
    rec.attempt("dovecot-plaintext-auth-disallowed", "python poplib.user",
                "POP3 USER on 110 without STLS", pop3_plain_user)

    # 6. Relaying without AUTH. servers.py trusts 127.0.0.0/8 (mynetworks), so
    #    this run's private Postfix trusts only 127.0.0.1 and rejects (not
    #    defers) unauthenticated relaying; clients come from 127.0.0.2.
    def relay():
        with smtplib.SMTP(HOST, p["smtp"], timeout=TIMEOUT, source_address=SRC) as c:
            c.sendmail("a@example.org", ["someone@example.net"], "Subject: t\r\n\r\nt\r\n")
    rec.attempt("postfix-relay-access-denied", "python smtplib.sendmail",
                "relaying without AUTH (port 25)", relay)

    # 7. Connection refused: the port is closed.
    closed = harness.free_ports(1)[0]
    rec.attempt("connection-refused", "python smtplib.SMTP",
                "nothing listens on the port",
                lambda: smtplib.SMTP(HOST, closed, timeout=TIMEOUT).quit())
    out, _ = run_cli(["openssl", "s_client", "-connect", "%s:%d" % (HOST, closed), "-brief"])
    errs = [l for l in out.decode(errors="replace").splitlines() if "refused" in l.lower()]
    if errs:
        rec.add("connection-refused", "openssl s_client", "nothing listens on the port", errs[0])

    # 8. Optional CLIs: msmtp and fetchmail, when installed.
    if shutil.which("msmtp"):
        out, _ = run_cli(["msmtp", "--host=" + HOST, "--port=%d" % p["submission"], "--tls=on",
                          "--tls-starttls=off", "--tls-trust-file=" + s.ca,
                          "--from=a@example.org", "b@example.net"], stdin=b"Subject: t\n\nt\n")
        for l in out.decode(errors="replace").splitlines():
            if l.strip():
                rec.add("gnutls-unexpected-tls-packet", "msmtp",
                        "implicit TLS to the STARTTLS port (587)", l)
                break


def restrict_relay(s):
    conf = s._path("postfix", "conf")
    postconf = harness._which("postconf")
    s._run(postconf, "-c", conf, "-e", "mynetworks = 127.0.0.1/32",
           "smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, "
           "reject_unauth_destination")
    s._run(harness._which("postfix"), "-c", conf, "reload")
    time.sleep(2)  # the reload restarts the smtpd processes lazily


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(HERE, "..", "data", "diagnose"))
    args = ap.parse_args()
    reason = harness.unavailable()
    if reason:
        print("cannot run: " + reason, file=sys.stderr)
        return 77
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    os.makedirs(args.out, exist_ok=True)
    rec = Recorder()
    # As many real Dovecots run: failed logins name their reason in the log
    # ("Password mismatch"), not only "auth failed" at disconnect.
    harness._DOVECOT_CONF += "auth_verbose = yes\n"
    with harness.Servers() as s:
        harness.self_check(s)  # healthy sessions: the lines a scan must not report
        restrict_relay(s)
        mistakes(s, rec)
        time.sleep(3)  # postlogd and Dovecot's log process write behind
        for name in ("postfix.log", "dovecot.log"):
            shutil.copyfile(s._path(name), os.path.join(args.out, name))
    with open(os.path.join(args.out, "clients.txt"), "w") as f:
        f.write("# family\tclient\tmistake\terror text (made by tests/diagnose/make_logs.py)\n")
        f.write("\n".join(rec.lines) + "\n")
    for line in rec.lines:
        if WRONG_PASSWORD in line or harness.PASSWORD in line:
            print("a password reached clients.txt", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Configs written by the msmtp and fetchmail units work in the real clients.

Against the private Postfix and Dovecot of tests/probe (servers.py, 127.0.0.1
high ports, a throw-away CA):
  - msmtp, with the config written for STARTTLS (submission) and for implicit
    TLS (smtps), sends a message with AUTH; the password comes from msmtp's
    password command (passwordeval), and Postfix logs the SASL login;
  - fetchmail --check, with the configs written for POP3 STARTTLS, POP3S and
    IMAPS, counts the message waiting in the test user's mailbox;
  - a config written (with --force) for STARTTLS on the implicit-TLS port
    (465 for msmtp, 995 for fetchmail) is flagged by the reader (lint) and
    fails in the client: it waits for a greeting the TLS port never sends,
    until the short timeout the test sets.

The configs come from `mailports config FORMAT ... --json`, and `mailports
lint --format FORMAT --json` judges them. The test then edits each written file only where the
loopback setup needs it, and says so: the port (the servers listen on random
high ports, and the wrong configs are written for 465/995 so that the reader
judges the real mistake), the CA (tls_trust_file / sslcertfile: the servers'
certificate comes from the test CA, not the system's), the password command
(passwordeval prints the test user's password; fetchmail reads it from a
~/.netrc in a temporary HOME) and a short timeout for the wrong configs.

Dovecot gets a mail_location (a maildir owned by nobody, holding one message)
in this test's copy of the fixture only, so POP3/IMAP logins have a mailbox.

Exit status: 0 pass, 1 fail, 77 skipped (not root, or Postfix, Dovecot, msmtp
or fetchmail missing); with MAILPORTS_REQUIRE_SERVERS=1 a skip is a failure.
"""

import argparse
import json
import os
import pwd
import grp
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "probe"))
import servers as harness  # noqa: E402

HOST = "localhost"  # the test certificate's name (SAN DNS:localhost, IP:127.0.0.1)
CLIENT_TIMEOUT = 60  # seconds for a client run that should work
WRONG_TIMEOUT = 3    # the `timeout` set in the deliberately wrong configs


def unavailable():
    reason = harness.unavailable()
    if reason:
        return reason
    missing = [n for n in ("msmtp", "fetchmail") if shutil.which(n) is None]
    return "not installed: " + ", ".join(missing) if missing else None


class Fixture:
    """The servers plus a maildir for the test user, and a scratch HOME."""

    def __init__(self):
        self.maildir_root = tempfile.mkdtemp(prefix="mp-clientconf-mail-")
        self.home = tempfile.mkdtemp(prefix="mp-clientconf-home-")
        nobody = pwd.getpwnam("nobody").pw_uid
        nogroup = grp.getgrnam("nogroup").gr_gid
        box = os.path.join(self.maildir_root, harness.USER)
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(box, sub))
        with open(os.path.join(box, "new", "1700000000.M1P1.mailports"), "w") as f:
            f.write("From: a@localhost\nTo: %s@localhost\nSubject: waiting\n\nfor fetchmail --check\n"
                    % harness.USER)
        for root, dirs, files in os.walk(self.maildir_root):
            for name in [root] + [os.path.join(root, n) for n in dirs + files]:
                os.chown(name, nobody, nogroup)
        os.chmod(self.maildir_root, 0o755)
        # This process's copy of the fixture only: servers.py itself is unchanged.
        harness._DOVECOT_CONF += "mail_location = maildir:%s/%%u\n" % self.maildir_root
        self.servers = harness.Servers()

    def __enter__(self):
        self.servers.__enter__()
        return self

    def __exit__(self, *exc):
        self.servers.__exit__(*exc)
        shutil.rmtree(self.maildir_root, ignore_errors=True)
        shutil.rmtree(self.home, ignore_errors=True)


class ClientTest(unittest.TestCase):
    binary = None
    fx = None

    # ---- helpers -----------------------------------------------------------

    def write(self, fmt, proto, port, tls, *extra):
        """`mailports config`'s file; forced past an error it still writes and exits 2."""
        cmd = [self.binary, "config", fmt, "--proto", proto, "--host", HOST, "--port", str(port),
               "--tls", tls, "--user", harness.USER, "--account", "test", "--json", *extra]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        self.assertIn(proc.returncode, (0, 1, 2) if "--force" in extra else (0, 1),
                      "%s\n%s%s" % (" ".join(cmd), proc.stdout, proc.stderr))
        self.assertNotIn(harness.PASSWORD, proc.stdout)
        return json.loads(proc.stdout)["config"]

    def lint(self, fmt, text):
        """lint's exit status and every finding as [line, code, severity]."""
        path = self.save(fmt + "-lint", text)
        proc = subprocess.run([self.binary, "lint", "--format", fmt, "--json", path],
                              capture_output=True, text=True, timeout=30)
        findings = []
        for f in json.loads(proc.stdout)["files"]:
            found = list(f.get("findings") or [])
            for account in f.get("accounts") or []:
                found += account["findings"]
                for server in account["servers"]:
                    found += server["findings"]
            findings += [[str(x["line"]), x["code"], x["severity"]] for x in found]
        return proc.returncode, findings

    def save(self, name, text):
        path = os.path.join(self.fx.home, name)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o600)
        return path

    def edit(self, text, pattern, replacement):
        """Replace the one line matching `pattern` (a whole-line regex)."""
        new, count = re.subn(r"(?m)^%s$" % pattern, lambda _: replacement, text)
        self.assertEqual(count, 1, "expected one line matching %r in:\n%s" % (pattern, text))
        return new

    def run_client(self, cmd, timeout=CLIENT_TIMEOUT, stdin=None):
        env = dict(os.environ, HOME=self.fx.home, LC_ALL="C")
        start = time.monotonic()
        proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=timeout, env=env)
        return proc, time.monotonic() - start

    def postfix_log(self):
        try:
            with open(os.path.join(self.fx.servers.dir, "postfix.log"), errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    # ---- msmtp -------------------------------------------------------------

    def msmtp_ready(self, text, port):
        """The loopback edits: the test port, the test CA, the password command."""
        text = self.edit(text, r"port \d+", "port %d" % port)
        text = self.edit(text, r"tls_trust_file system", "tls_trust_file %s" % self.fx.servers.ca)
        text = self.edit(text, r"passwordeval .*", "passwordeval \"echo '%s'\"" % harness.PASSWORD)
        return text

    def send(self, path, subject):
        message = "From: %s@localhost\nTo: someone@[127.0.0.1]\nSubject: %s\n\nsent by msmtp\n" % (
            harness.USER, subject)
        return self.run_client(["msmtp", "-C", path, "-a", "test", "--from=%s@localhost" % harness.USER,
                                "someone@[127.0.0.1]"], stdin=message)

    def check_msmtp_sends(self, port, tls, service):
        written = self.write("msmtp", "smtp", port, tls)
        code, findings = self.lint("msmtp", written)
        self.assertNotIn("error", [f[2] for f in findings], findings)
        before = self.postfix_log().count("sasl_username=%s" % harness.USER)
        path = self.save("msmtprc-" + service, self.msmtp_ready(written, self.fx.servers.ports[service]))
        proc, _ = self.send(path, "via " + service)
        self.assertEqual(proc.returncode, 0, "msmtp failed:\n%s\n%s" % (proc.stderr, self.fx.servers.logs()))
        deadline = time.monotonic() + 10  # postlogd writes the log a moment later
        while self.postfix_log().count("sasl_username=%s" % harness.USER) <= before:
            self.assertLess(time.monotonic(), deadline, "no SASL login in Postfix's log:\n" + self.postfix_log())
            time.sleep(0.2)

    def test_msmtp_starttls_submission_with_auth(self):
        self.check_msmtp_sends(587, "starttls", "submission")

    def test_msmtp_implicit_tls_with_auth(self):
        self.check_msmtp_sends(465, "implicit", "smtps")

    def test_msmtp_starttls_on_implicit_port_is_flagged_and_fails(self):
        written = self.write("msmtp", "smtp", 465, "starttls", "--force")
        code, findings = self.lint("msmtp", written)
        self.assertEqual(code, 2, findings)
        self.assertIn("starttls-on-implicit-port", [f[1] for f in findings])
        text = self.msmtp_ready(written, self.fx.servers.ports["smtps"])
        text = self.edit(text, r"timeout \d+", "timeout %d" % WRONG_TIMEOUT)
        path = self.save("msmtprc-wrong", text)
        proc, elapsed = self.send(path, "must not arrive")
        self.assertNotEqual(proc.returncode, 0, proc.stderr)
        self.assertRegex(proc.stderr, r"(?i)time[d ]?out|timed out")
        self.assertLess(elapsed, WRONG_TIMEOUT + 15)

    def test_msmtp_without_timeout_is_flagged(self):
        # What makes the wrong config hang without the edit above: lint says so.
        written = self.write("msmtp", "smtp", 465, "starttls", "--force")
        code, findings = self.lint("msmtp", self.edit(written, r"timeout \d+", ""))
        self.assertIn("msmtp-timeout-unset", [f[1] for f in findings])

    # ---- fetchmail ---------------------------------------------------------

    def fetchmail_ready(self, text, port):
        text = self.edit(text, r"    port \d+", "    port %d" % port)
        # The test CA, after the written `sslcertck`.
        text = self.edit(text, r"    sslcertck", "    sslcertck\n    sslcertfile \"%s\"" % self.fx.servers.ca)
        return text

    def netrc(self):
        path = os.path.join(self.fx.home, ".netrc")
        with open(path, "w") as f:
            f.write("machine %s login %s password %s\n" % (HOST, harness.USER, harness.PASSWORD))
        os.chmod(path, 0o600)

    def check(self, path, timeout=CLIENT_TIMEOUT):
        return self.run_client(["fetchmail", "--check", "--nosyslog", "-f", path], timeout=timeout)

    def check_fetchmail_counts(self, proto, port, tls, service):
        written = self.write("fetchmail", proto, port, tls)
        code, findings = self.lint("fetchmail", written)
        self.assertNotIn("error", [f[2] for f in findings], findings)
        self.netrc()
        path = self.save("fetchmailrc-" + service, self.fetchmail_ready(written, self.fx.servers.ports[service]))
        proc, _ = self.check(path)
        out = proc.stdout + proc.stderr
        # fetchmail --check: exit 0 and "1 message for probe" when mail is waiting.
        self.assertEqual(proc.returncode, 0, "fetchmail failed:\n%s\n%s" % (out, self.fx.servers.logs()))
        self.assertRegex(out, r"1 message for %s at" % harness.USER)

    def test_fetchmail_pop3_starttls(self):
        self.check_fetchmail_counts("pop3", 110, "starttls", "pop3")

    def test_fetchmail_pop3s(self):
        self.check_fetchmail_counts("pop3", 995, "implicit", "pop3s")

    def test_fetchmail_imaps(self):
        self.check_fetchmail_counts("imap", 993, "implicit", "imaps")

    def test_fetchmail_port_995_without_ssl_is_flagged_and_fails(self):
        written = self.write("fetchmail", "pop3", 995, "starttls", "--force")
        code, findings = self.lint("fetchmail", written)
        self.assertEqual(code, 2, findings)
        self.assertIn("starttls-on-implicit-port", [f[1] for f in findings])
        self.assertIn("fetchmail-port-without-ssl", [f[1] for f in findings])
        self.netrc()
        text = self.fetchmail_ready(written, self.fx.servers.ports["pop3s"])
        # `timeout` is a server option: after the port, before `user`.
        text = self.edit(text, r"    port \d+", "    port %d\n    timeout %d"
                         % (self.fx.servers.ports["pop3s"], WRONG_TIMEOUT))
        proc, elapsed = self.check(self.save("fetchmailrc-wrong", text))
        self.assertNotIn(proc.returncode, (0, 1), proc.stdout + proc.stderr)  # 1 would be "no mail"
        self.assertRegex(proc.stdout + proc.stderr, r"(?i)timeout|timed out")
        self.assertLess(elapsed, WRONG_TIMEOUT + 30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True, help="the mailports executable")
    parser.add_argument("-v", "--verbose", action="store_true")
    opts = parser.parse_args()
    reason = unavailable()
    if reason:
        if os.environ.get("MAILPORTS_REQUIRE_SERVERS") == "1":
            print("FAIL: MAILPORTS_REQUIRE_SERVERS=1, but " + reason)
            return 1
        print("SKIP: " + reason)
        return 77
    ClientTest.binary = os.path.abspath(opts.binary)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    with Fixture() as fx:
        ClientTest.fx = fx
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(ClientTest)
        result = unittest.TextTestRunner(verbosity=2 if opts.verbose else 1).run(suite)
        if not result.wasSuccessful():
            print(fx.servers.logs())
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""`mailports probe` against a real Postfix and Dovecot (see servers.py).

    servers_test.py --binary build/ci/src/mailports [-v]    (-v: also what the servers offer)

Starts the private servers, checks them with Python's own clients, then runs

    BINARY probe localhost --proto P --port N --source 127.0.0.2 --json [--ca-file CA]

for every service, with and without --ca-file, and checks the JSON against the
contract; then the same services as 127.0.0.1:PORT and as URLs (the protocol
from the greeting or the scheme), and the text output of an expired
certificate and of an untrusted chain, in English and Japanese. The ports are not standard ones, so the engine always adds the
`unknown-port` warning: a service with nothing wrong gives verdict "warning"
and exit 1, never 0.

Exit status: 0 pass, 1 fail, 77 skipped (not root, or Postfix/Dovecot/openssl
missing); with MAILPORTS_REQUIRE_SERVERS=1 a skip is a failure instead.
"""

import argparse
import concurrent.futures
import datetime
import json
import os
import re
import signal
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pki  # noqa: E402
import servers as harness  # noqa: E402

# service: (tls, starttls_offered, auth_before_tls, auth_after_tls,
#           probe-* codes with --ca-file); auth lists sorted, None for JSON null
EXPECT = {
    # MAIL FROM:<> before STARTTLS accepted: a relay's norm, but the port is not 25.
    "smtp": ("starttls", True, [], [], {"probe-cleartext-accepted"}),
    "submission": ("starttls", True, [], ["LOGIN", "PLAIN"], set()),
    "smtps": ("implicit", None, None, ["LOGIN", "PLAIN"], set()),
    "smtp-bad": ("none", False, ["LOGIN", "PLAIN"], None,
                 {"probe-auth-cleartext", "probe-starttls-missing"}),
    # "chain_trusted: ... expiry is judged separately": the CA is trusted, the date is not.
    "smtps-expired": ("implicit", None, None, [], {"probe-cert-expired"}),
    "smtps-weak": ("implicit", None, None, [],
                   {"probe-tls-old-accepted", "probe-cipher-no-forward-secrecy"}),
    "submission-old": ("starttls", True, [], ["LOGIN", "PLAIN"], {"probe-tls-old-accepted"}),
    "imap": ("starttls", True, [], ["LOGIN", "PLAIN", "login-command"], set()),
    "imaps": ("implicit", None, None, ["LOGIN", "PLAIN", "login-command"], set()),
    "pop3": ("starttls", True, [], ["LOGIN", "PLAIN", "user-pass"], set()),
    "pop3s": ("implicit", None, None, ["LOGIN", "PLAIN", "user-pass"], set()),
}
# The extra handshakes (issue 16): which services accept TLS 1.0 and 1.1,
# which accept RSA key exchange, and what each says before STARTTLS.
OLD_TLS = {"smtps-weak", "submission-old"}
NO_FORWARD_SECRECY = {"smtps-weak"}
CLEARTEXT = {"smtp": True, "submission": False, "submission-old": False, "imap": False, "pop3": False}
SEVERITY = {"probe-cipher-no-forward-secrecy": "warning"}  # every other probe code: error
GREETING = {"smtp": "220 ", "imap": "* OK", "pop3": "+OK"}
SECRET = "hunter2-not-a-password"  # in a URL: must never be printed
EXIT = {"ok": 0, "warning": 1, "error": 2}
WORKERS = 3  # probes run in parallel, so the whole test stays well under a minute


class Run:
    """One probe invocation and what came out of it."""

    def __init__(self, binary, args, target="localhost"):
        self.cmd = [binary, "probe", target, *args]
        # A clean environment: no SSL_CERT_FILE or the like can change what "trusted" means.
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"}
        try:
            proc = subprocess.run(self.cmd, env=env, stdin=subprocess.DEVNULL, timeout=60,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            self.code, self.stdout, self.stderr = proc.returncode, proc.stdout, proc.stderr
        except subprocess.TimeoutExpired:
            self.code, self.stdout, self.stderr = None, "", "(killed after 60 s)"
        try:
            self.json = json.loads(self.stdout)
        except ValueError:
            self.json = None

    def describe(self):
        return "$ %s\nexit %s\n--- stdout\n%s--- stderr\n%s" % (
            " ".join(self.cmd), self.code, self.stdout, self.stderr)


class ProbeTest(unittest.TestCase):
    servers = None  # set by main(): the running harness.Servers
    runs = {}       # key -> Run, all made up front in parallel

    @classmethod
    def commands(cls):
        """key -> probe arguments after HOST, for every run the tests look at."""
        s, out = cls.servers, {}
        for name, port in s.ports.items():
            args = ["--proto", harness.SERVICES[name][0], "--port", str(port),
                    "--source", harness.SOURCE, "--json"]
            out[(name, True)] = args + ["--ca-file", s.ca]
            out[(name, False)] = args
        # Several ports in one call, deliberately not in ascending order.
        imap = sorted(("imap", "imaps"), key=lambda n: -s.ports[n])
        smtp = ["smtps", "smtp-bad", "submission"]
        for key, proto, names in (("multi-imap", "imap", imap), ("multi-smtp", "smtp", smtp)):
            ports = [a for n in names for a in ("--port", str(s.ports[n]))]
            out[key] = ["--proto", proto, *ports, "--source", harness.SOURCE, "--json",
                        "--ca-file", s.ca]
        cls.multi = {"multi-imap": imap, "multi-smtp": smtp}
        # Text output of the certificate: expired, and untrusted (no --ca-file).
        for name in ("smtps-expired", "smtps"):
            base = ["--proto", "smtp", "--port", str(s.ports[name]), "--source", harness.SOURCE]
            out[("text", name, True)] = base + ["--ca-file", s.ca]
            out[("text", name, False)] = base
            out[("text-ja", name, True)] = base + ["--ca-file", s.ca, "--lang", "ja"]
            out[("text-ja", name, False)] = base + ["--lang", "ja"]
        # HOST:PORT and URLs: (target, service, options); the ports are not in
        # the rules table, so the protocol comes from the greeting, or the scheme.
        cls.forms = {
            "host-port-submission": ("127.0.0.1:{submission}", "submission", []),
            "host-port-smtps": ("127.0.0.1:{smtps}", "smtps", []),
            "host-port-imap": ("127.0.0.1:{imap}", "imap", []),
            "host-port-imaps": ("127.0.0.1:{imaps}", "imaps", []),
            "host-port-pop3": ("127.0.0.1:{pop3}", "pop3", []),
            "host-port-pop3s-proto": ("localhost:{pop3s}", "pop3s", ["--proto", "pop3"]),
            "url-imaps": ("imaps://probe:" + SECRET + "@localhost:{imaps}", "imaps", []),
            "url-submission": ("submission://localhost:{submission}", "submission", []),
            "url-pop3": ("pop3://probe@127.0.0.1:{pop3}", "pop3", []),
        }
        for key, (target, _, options) in cls.forms.items():
            out[("form", key)] = (options + ["--source", harness.SOURCE, "--json", "--ca-file", s.ca],
                                  target.format(**s.ports))
        # Dovecot accepts TLS 1.0/1.1 from OLD_SOURCE only; --as; loopback.
        for name in ("imaps", "pop3"):
            out[("old-source", name)] = ["--proto", harness.SERVICES[name][0], "--port",
                                         str(s.ports[name]), "--source", harness.OLD_SOURCE,
                                         "--json", "--ca-file", s.ca]
        for name, service in (("submission", "submission"), ("smtp", "smtp"), ("smtps-weak", "submissions")):
            out[("as", name)] = ["--port", str(s.ports[name]), "--as", service,
                                 "--source", harness.SOURCE, "--json", "--ca-file", s.ca]
        out["loopback"] = ["--proto", "imap", "--port", str(s.ports["imap"]), "--json",
                           "--ca-file", s.ca]
        out["loopback-text"] = ["--proto", "imap", "--port", str(s.ports["imap"]), "--ca-file", s.ca]
        cls.closed_port = harness.free_ports(1)[0]
        out["closed"] = ["--proto", "smtp", "--port", str(cls.closed_port),
                         "--source", harness.SOURCE, "--json"]
        return out

    def checked(self, run, check):
        """Run check(); on failure show the command and its whole output."""
        try:
            self.assertIsNotNone(run.json, "stdout is not one JSON object")
            check()
        except AssertionError as e:
            raise AssertionError("%s\n%s" % (e, run.describe())) from None

    def check_top(self, run, verdict, count):
        doc = run.json
        self.assertEqual((doc["schema_version"], doc["host"], len(doc["results"])),
                         (1, "localhost", count))
        self.assertEqual(doc["verdict"], verdict)
        self.assertEqual(run.code, EXIT[verdict], "exit status")

    def check_result(self, r, name, with_ca):
        """One result object for a service that answers."""
        tls, offered, before, after, codes = EXPECT[name]
        proto = harness.SERVICES[name][0]
        self.assertEqual([r["proto"], r["port"], r["address"], r["reachable"], r["tls"]],
                         [proto, self.servers.ports[name], harness.LISTEN, True, tls])
        self.assertTrue((r["banner"] or "").startswith(GREETING[proto]), "banner")
        self.assertEqual(r["starttls_offered"], offered, "starttls_offered")
        self.assertEqual(r["starttls_result"], "ok" if tls == "starttls" else None,
                         "starttls_result")
        self.assertEqual(_sorted(r["auth_before_tls"]), before, "auth_before_tls")
        self.assertEqual(_sorted(r["auth_after_tls"]), after, "auth_after_tls")
        self.assertIsNone(r["error"], "error")

        if tls == "none":
            self.assertIsNone(r["tls_session"], "tls_session")
        else:
            self.check_session(r["tls_session"], name, with_ca)
            if not with_ca:
                codes = codes | {"probe-cert-untrusted"}

        findings = r["findings"]
        for f in findings:
            self.assertEqual(sorted(f), ["code", "message", "refs", "severity"], f)
            self.assertIn(f["severity"], ("info", "warning", "error"))
        found = {f["code"]: f["severity"] for f in findings}
        self.assertEqual({c for c in found if c.startswith("probe-")}, codes, "probe codes")
        self.assertEqual({c: found[c] for c in codes}, {c: SEVERITY.get(c, "error") for c in codes},
                         "probe codes' severities")
        self.assertEqual(found.get("unknown-port"), "warning", "unknown-port warning")
        errors = any(SEVERITY.get(c, "error") == "error" for c in codes)
        self.assertEqual(r["verdict"], "error" if errors else "warning", "result verdict")
        self.check_depth(r, name)

    def check_depth(self, r, name):
        """Issue 16's keys: versions, ciphers, cleartext before STARTTLS."""
        self.assertEqual(r["cleartext_accepted"], CLEARTEXT.get(name), "cleartext_accepted")
        if r["tls"] == "none":
            self.assertEqual([r["tls_versions_accepted"], r["extra_handshakes"]], [[], []])
            return
        old = name in OLD_TLS
        self.assertEqual(r["tls_versions_accepted"],
                         ["TLSv1.3", "TLSv1.1", "TLSv1"] if old else ["TLSv1.3"], "tls_versions_accepted")
        self.assertEqual(r["tls_versions_refused"], [] if old else ["TLSv1.1", "TLSv1"],
                         "tls_versions_refused")
        results = {e["offer"]: e["result"] for e in r["extra_handshakes"]}
        self.assertEqual(results.get("no-forward-secrecy"),
                         "accepted" if name in NO_FORWARD_SECRECY else "refused", "no-forward-secrecy")
        # Only NULL ciphers are weaker than 128 bits in Debian's OpenSSL; no service takes them.
        self.assertIn(results.get("weak-cipher"), (None, "refused"), "weak-cipher")
        self.assertNotIn("ssl3", results, "Debian's OpenSSL cannot offer SSLv3")
        # Offers tried together: the TLS 1.1 offer (which offers 1.0 too) decides
        # 1.0 for a server that refuses both; 1.0 gets its own handshake only
        # when the server took 1.1. One handshake offers both cipher kinds:
        # smtps-weak chose RSA key exchange with AES, so the weak ciphers were
        # then tried alone.
        inferred = {e["offer"]: e["inferred"] for e in r["extra_handshakes"]}
        self.assertEqual([inferred.get("tls1.1"), inferred.get("tls1.0")], [False, not old], "inferred versions")
        if "weak-cipher" in inferred:
            self.assertEqual([inferred["no-forward-secrecy"], inferred["weak-cipher"]],
                             [True, name not in NO_FORWARD_SECRECY], "inferred ciphers")
        else:
            self.assertIs(inferred.get("no-forward-secrecy"), False, "no-forward-secrecy tried alone")

    def check_session(self, session, name, with_ca):
        self.assertIsNotNone(session, "tls_session")
        self.assertIn(session["version"], ("TLSv1.2", "TLSv1.3"))
        self.assertTrue(session["cipher"], "cipher")
        cert = session["certificate"]
        self.assertIsNotNone(cert, "certificate")
        kind = "expired" if name == "smtps-expired" else "good"
        not_after = self.servers.not_after[kind]
        self.assertEqual([cert["subject"], cert["issuer"], sorted(cert["sans"])],
                         [pki.LEAF_NAME, pki.CA_NAME, sorted(pki.SANS)])
        self.assertEqual(cert["not_after"], not_after.strftime("%Y-%m-%dT%H:%M:%SZ"))
        # Whole days, rounded either way: 365 days ahead or 2 days ago, give or take one.
        days = (not_after - datetime.datetime.now(datetime.timezone.utc)).days
        self.assertIn(cert["days_left"], (days, days + 1), "days_left")
        self.assertIs(cert["hostname_match"], True, "hostname_match")
        self.assertIs(cert["chain_trusted"], with_ca, "chain_trusted")
        if not with_ca:
            self.assertTrue(cert["verify_error"], "verify_error names the reason")
        elif kind == "good":
            self.assertIsNone(cert["verify_error"], "verify_error")

    def test_multi_port_in_order(self):
        for key, names in self.multi.items():
            run = self.runs[key]

            def check():
                results = run.json["results"]
                self.assertEqual([r["port"] for r in results],
                                 [self.servers.ports[n] for n in names], "order of --port")
                for r, name in zip(results, names):
                    self.check_result(r, name, True)
                worst = "error" if any(EXPECT[n][4] for n in names) else "warning"
                self.check_top(run, worst, len(names))
            with self.subTest(key):
                self.checked(run, check)

    def test_host_port_and_url(self):
        for key, (target, name, _) in self.forms.items():
            run = self.runs[("form", key)]

            def check():
                doc = run.json
                want_host = re.sub(r"^\w+://([^@]*@)?", "", target).rsplit(":", 1)[0]
                self.assertEqual((doc["host"], len(doc["results"])), (want_host, 1))
                self.check_result(doc["results"][0], name, True)
                self.assertEqual(run.code, EXIT[doc["verdict"]], "exit status")
                self.assertNotIn(SECRET, run.stdout + run.stderr, "the URL's password was printed")
            with self.subTest(key):
                self.checked(run, check)

    def test_text_expired_certificate(self):
        for lang, pattern in (("text", r"\(expired (\d+) days? ago\); name matches: yes; chain trusted: yes\n"),
                              ("text-ja", r"（(\d+) 日前に期限切れ）。ホスト名の一致: はい。チェーンの信頼: はい\n")):
            run = self.runs[(lang, "smtps-expired", True)]
            with self.subTest(lang):
                found = re.search(pattern, run.stdout)
                self.assertTrue(found, "no 'expired N days ago'\n" + run.describe())
                days = (datetime.datetime.now(datetime.timezone.utc)
                        - self.servers.not_after["expired"]).days
                # Whole days since expiry, rounded down (11 days and some hours is 11);
                # days - 1 only if a day boundary fell between the run and now.
                self.assertIn(int(found.group(1)), (days - 1, days), run.describe())
                self.assertNotRegex(run.stdout, r"-\d+ days left|残り -\d+", run.describe())

    def test_text_untrusted_chain(self):
        # The reason is the chain's, even when the certificate has also expired:
        # "certificate has expired" is not why a chain is untrusted.
        for name in ("smtps", "smtps-expired"):
            reason = self.runs[(name, False)].json["results"][0]["tls_session"]["certificate"]["verify_error"]
            for lang, pattern in (("text", r"chain trusted: no \((.+)\)\n"),
                                  ("text-ja", r"チェーンの信頼: いいえ（(.+)）\n")):
                run = self.runs[(lang, name, False)]
                with self.subTest(name=name, lang=lang):
                    found = re.search(pattern, run.stdout)
                    self.assertTrue(found, "no reason for the untrusted chain\n" + run.describe())
                    self.assertNotEqual(found.group(1), "certificate has expired", run.describe())
                    if name == "smtps" and lang == "text":
                        self.assertEqual(found.group(1), reason, "the JSON's verify_error")
                    if lang == "text-ja":  # OpenSSL's English reason, in Japanese
                        self.assertRegex(found.group(1), r"[\u3040-\u30ff\u4e00-\u9fff]", run.describe())

    def test_dovecot_old_tls_from_old_source(self):
        for name in ("imaps", "pop3"):
            run = self.runs[("old-source", name)]

            def check():
                r = run.json["results"][0]
                self.assertEqual(r["tls_versions_accepted"], ["TLSv1.3", "TLSv1.1", "TLSv1"])
                self.assertIn("probe-tls-old-accepted", {f["code"] for f in r["findings"]})
                self.check_top(run, "error", 1)
            with self.subTest(name):
                self.checked(run, check)

    def test_as_service(self):
        """--as: judged as the standard port, so no unknown-port warning."""
        want = {"submission": (587, set()), "smtp": (25, set()),
                "smtps-weak": (465, {"probe-tls-old-accepted", "probe-cipher-no-forward-secrecy"})}
        for name, (port, codes) in want.items():
            run = self.runs[("as", name)]

            def check():
                r = run.json["results"][0]
                self.assertEqual([r["port"], r["judged_as"], r["proto"]], [self.servers.ports[name], port, "smtp"])
                found = {f["code"] for f in r["findings"]}
                self.assertNotIn("unknown-port", found)
                # As port 25 (a relay), MAIL before STARTTLS is opportunistic TLS, not a finding.
                self.assertEqual({c for c in found if c.startswith("probe-")}, codes)
            with self.subTest(name):
                self.checked(run, check)

    def test_dovecot_loopback_note(self):
        """From 127.0.0.1 Dovecot offers AUTH before TLS: an info finding says why."""
        run = self.runs["loopback"]

        def check():
            r = run.json["results"][0]
            self.assertTrue(r["auth_before_tls"], "Dovecot offered AUTH to its own address")
            self.assertIn("probe-loopback-trusted", {f["code"] for f in r["findings"]})
        self.checked(run, check)
        self.assertIn("--source 127.0.0.2", self.runs["loopback-text"].stdout)

    def test_closed_port(self):
        run = self.runs["closed"]

        def check():
            self.check_top(run, "error", 1)
            r = run.json["results"][0]
            self.assertEqual([r["port"], r["reachable"], r["address"], r["tls"], r["banner"],
                              r["tls_session"], r["verdict"]],
                             [self.closed_port, False, None, None, None, None, "error"])
            self.assertTrue(r["error"], "error sentence")
            codes = {f["code"] for f in r["findings"]}
            self.assertEqual({c for c in codes if c.startswith("probe-")}, {"probe-unreachable"})
        self.checked(run, check)


def _sorted(items):
    return None if items is None else sorted(items)


def _add_service_tests():
    """test_<service>_with_ca / _without_ca for every service."""
    for name in EXPECT:
        for with_ca in (True, False):
            def test(self, name=name, with_ca=with_ca):
                run = self.runs[(name, with_ca)]

                def check():
                    r = run.json["results"][0]
                    self.check_result(r, name, with_ca)
                    self.check_top(run, r["verdict"], 1)
                self.checked(run, check)
            label = "%s_%s_ca" % (name.replace("-", "_"), "with" if with_ca else "without")
            setattr(ProbeTest, "test_" + label, test)


_add_service_tests()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True, help="the mailports executable")
    parser.add_argument("-v", "--verbose", action="store_true")
    opts = parser.parse_args()

    reason = harness.unavailable()
    if reason:
        if os.environ.get("MAILPORTS_REQUIRE_SERVERS") == "1":
            print("FAIL: MAILPORTS_REQUIRE_SERVERS=1, but " + reason)
            return 1
        print("SKIP: " + reason)
        return 77
    binary = os.path.abspath(opts.binary)
    if not os.access(binary, os.X_OK):
        print("FAIL: not an executable: " + binary)
        return 1

    # SIGTERM (a test runner's timeout) unwinds through `with`: the servers stop.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    with harness.Servers() as s:
        try:
            facts = harness.self_check(s)
        except Exception as e:  # the servers, not the probe, are wrong: say so
            print("FAIL: the test servers are not as expected: %s\n%s" % (e, s.logs()))
            return 1
        if opts.verbose:
            print("\n".join(facts))
        ProbeTest.servers = s
        commands = ProbeTest.commands()
        with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
            futures = {k: pool.submit(Run, binary, *(a if isinstance(a, tuple) else (a,)))
                       for k, a in commands.items()}
            ProbeTest.runs = {k: f.result() for k, f in futures.items()}
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(ProbeTest)
        result = unittest.TextTestRunner(verbosity=2 if opts.verbose else 1).run(suite)
        if not result.wasSuccessful():
            print(s.logs())
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""`mailports discover` end to end, against real servers on loopback (issue 12).

    discover_test.py --binary build/dev/src/mailports [-v] [-k PATTERN]

One fixture (fixture.py) for the whole run: dnsmasq on a 127.0.0.1 high port
serving one zone per case (NAME.test), an HTTPS server (a throw-away CA, one
leaf naming every autoconfig host), an HTTPS server with a certificate for
another name, and an HTTP server, both serving files by Host; the autoconfig
host names reach them through MAILPORTS_TEST_CONNECT_TO, which also sends
every other host on 443/80 to a refusing port, so nothing leaves the machine.
Each test runs `discover` once or twice and checks the exit status and the
JSON against the contract (issue 12 and the brief the tests were written
from). The --verify case starts the private Postfix and Dovecot of
tests/probe/servers.py (root only) in a child process; the same class runs
--role relay (issue 16 §3) against that Postfix as every MX, with MTA-STS
and TLS-RPT records in dnsmasq and policies on the HTTPS server, and DANE
through unbound validating zones it signed (fixture.ValidatingResolver).

Exit status: 0 pass, 1 fail, 77 skipped (dnsmasq or openssl missing); with
MAILPORTS_REQUIRE_SERVERS=1 a missing command is a failure instead, and so
is a skipped --verify case.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fixture as fx_mod  # noqa: E402
from fixture import (AUTOCONFIG_PATH, WELL_KNOWN_PATH, ENTITY_BOMB, Fixture, config_xml,  # noqa: E402
                     host_record, local, mx, srv, srv_not_offered)

RULES = os.path.join(HERE, "..", "..", "data", "rules.json")
SERVERS_PY = os.path.join(HERE, "..", "probe", "servers.py")
REQUIRE = os.environ.get("MAILPORTS_REQUIRE_SERVERS") == "1"

BINARY = None
FX = None          # the Fixture, started by setUpModule
RUN_LIMIT = 60     # seconds: a run that takes longer is killed and fails
MARGIN = 2.0       # seconds beyond --timeout the contract's "small margin" may take
SOURCE_KINDS = {"autoconfig", "ispdb", "mx", "srv", "guess"}
STATUSES = {"found", "not-found", "error", "timeout"}
VERDICTS = {"ok", "warning", "error"}
EXIT = {"ok": 0, "warning": 1, "error": 2}
SRV_NAMES = ("_submissions._tcp", "_submission._tcp", "_imaps._tcp", "_imap._tcp", "_pop3s._tcp", "_pop3._tcp")


# The relay role (issue 16 §3): MTA-STS policies the fixture's HTTPS server
# serves at mta-sts.D; their DNS records are in the Verify class's dnsmasq,
# beside the private Postfix that answers for the MX host "localhost".
STS_PATH = "/.well-known/mta-sts.txt"
RELAY_POLICIES = {
    "relay-good.test": "version: STSv1\r\nmode: enforce\r\nmx: localhost\r\nmax_age: 86400\r\n",
    "relay-notin.test": "version: STSv1\nmode: enforce\nmx: *.elsewhere.test\nmax_age: 86400\n",
    "relay-badcert.test": "version: STSv1\nmode: enforce\nmx: localhost\nmax_age: 86400\n",
    "relay-testing.test": "version: STSv1\nmode: testing\nmx: localhost\nmax_age: 86400\n",
    "relay-testnotin.test": "version: STSv1\nmode: testing\nmx: *.elsewhere.test\nmax_age: 86400\n",
    "relay-malformed.test": "version: STSv2\nmode: enforce\nmx: localhost\nmax_age: 86400\n",
    # a good policy, but served as text/html, or only behind a redirect
    "relay-html.test": "version: STSv1\nmode: enforce\nmx: localhost\nmax_age: 86400\n",
    "relay-redirect.test": "version: STSv1\nmode: enforce\nmx: localhost\nmax_age: 86400\n",
}


def urls(domain, address=True, http=True):
    """The autoconfig URLs the contract lists, in its order."""
    query = "?emailaddress=taro%%40%s" % domain if address else ""
    out = ["https://autoconfig.%s%s%s" % (domain, AUTOCONFIG_PATH, query),
           "https://%s%s%s" % (domain, WELL_KNOWN_PATH, query)]
    if http:
        out += ["http://autoconfig.%s%s%s" % (domain, AUTOCONFIG_PATH, query),
                "http://%s%s%s" % (domain, WELL_KNOWN_PATH, query)]
    return out


def imap_smtp(domain, imap_host=None, smtp_host=None):
    return config_xml(domain, [("imap", imap_host or "imap." + domain, 993, "SSL")],
                      [("smtp", smtp_host or "smtp." + domain, 465, "SSL")])


# ---------------------------------------------------------------------------
# The zones and files of every case, served by one fixture.

def site_and_zones(fx):
    """Fill fx.site; return (certificate names, dnsmasq zone arguments)."""
    site, zones, names = fx.site, [], []

    def domain(d, *records):
        names.extend(["autoconfig." + d, d])
        zones.append(local(d))
        # The autoconfig hosts exist in DNS, as they would for real: connect-to
        # then decides where the connection goes, whether or not the command
        # resolves the URL's host first.
        zones.extend([host_record("autoconfig." + d), host_record(d)])
        zones.extend(records)

    # autoconfig only (also the query that reaches the server); the same with --no-address
    domain("ac-only.test")
    site.put("autoconfig.ac-only.test", AUTOCONFIG_PATH, imap_smtp("ac-only.test"))
    domain("noaddr.test")
    site.put("autoconfig.noaddr.test", AUTOCONFIG_PATH, imap_smtp("noaddr.test"))
    # SRV only
    domain("srv-only.test",
           srv("_submissions._tcp.srv-only.test", "smtp.srv-only.test", 465),
           srv("_imaps._tcp.srv-only.test", "imap.srv-only.test", 993))
    # MX only: the most preferred MX is Google's; a less preferred one is Fastmail's
    domain("mx-only.test", mx("mx-only.test", "aspmx.l.google.com", 5),
           mx("mx-only.test", "in1-smtp.messagingengine.com", 20))
    # MX at Fastmail: the MX host's registrable domain is messagingengine.com
    domain("fm-hosted.test", mx("fm-hosted.test", "in1-smtp.messagingengine.com", 10),
           mx("fm-hosted.test", "in2-smtp.messagingengine.com", 20))
    # MX at a provider the built-in ISPDB does not know, which serves its own
    # autoconfig: asked at https://autoconfig.PROVIDER/ (the MX host's
    # registrable domain; the host minus its first label is the same here)
    domain("mx-ac.test", mx("mx-ac.test", "mx1.hoster-a.test", 10))
    domain("hoster-a.test")
    site.put("autoconfig.hoster-a.test", AUTOCONFIG_PATH, imap_smtp("hoster-a.test"))
    # ... and one whose MX host minus its first label (mail.hoster-b.test) is
    # not the registrable domain (hoster-b.test): that one is asked first,
    # and wins over the registrable domain's other file
    domain("mx-sub.test", mx("mx-sub.test", "mx1.mail.hoster-b.test", 10))
    domain("mail.hoster-b.test")
    site.put("autoconfig.mail.hoster-b.test", AUTOCONFIG_PATH,
             imap_smtp("mail.hoster-b.test", "imap.mail.hoster-b.test", "smtp.mail.hoster-b.test"))
    domain("hoster-b.test")
    site.put("autoconfig.hoster-b.test", AUTOCONFIG_PATH, imap_smtp("hoster-b.test"))
    # autoconfig over plain HTTP only
    domain("http-only.test")
    site.put("autoconfig.http-only.test", AUTOCONFIG_PATH, imap_smtp("http-only.test"), scheme="http")
    # text/plain
    domain("ctype.test")
    site.put("autoconfig.ctype.test", AUTOCONFIG_PATH, imap_smtp("ctype.test"), content_type="text/plain")
    # STARTSSL (the ISPDB's old typo) on one server; a good one beside it
    domain("startssl.test")
    site.put("autoconfig.startssl.test", AUTOCONFIG_PATH, config_xml(
        "startssl.test", [("imap", "imap.startssl.test", 143, "STARTSSL"), ("imap", "imap.startssl.test", 993, "SSL")],
        [("smtp", "smtp.startssl.test", 465, "SSL")]))
    # _submission on 465
    domain("sub465.test",
           srv("_submission._tcp.sub465.test", "smtp.sub465.test", 465),
           srv("_imaps._tcp.sub465.test", "imap.sub465.test", 993))
    # SRV target "."
    domain("notoffered.test",
           srv_not_offered("_imap._tcp.notoffered.test"),
           srv_not_offered("_pop3._tcp.notoffered.test"),
           srv("_imaps._tcp.notoffered.test", "imap.notoffered.test", 993),
           srv("_submissions._tcp.notoffered.test", "smtp.notoffered.test", 465))
    # SRV target outside the domain
    domain("outside.test",
           srv("_imaps._tcp.outside.test", "imap.hoster.test", 993),
           srv("_submissions._tcp.outside.test", "smtp.outside.test", 465))
    # autoconfig and SRV disagree on the IMAP host; agree on SMTP
    domain("disagree.test",
           srv("_imaps._tcp.disagree.test", "imap.disagree.test", 993),
           srv("_submissions._tcp.disagree.test", "mail.disagree.test", 465))
    site.put("autoconfig.disagree.test", AUTOCONFIG_PATH,
             imap_smtp("disagree.test", "mail.disagree.test", "mail.disagree.test"))
    # an answer after 6 s: slow, but within the default 10 s
    domain("slow.test")
    site.put("autoconfig.slow.test", AUTOCONFIG_PATH, imap_smtp("slow.test"), delay=6)
    # a byte a second
    domain("drip.test")
    site.route("autoconfig.drip.test", AUTOCONFIG_PATH, drip=True)
    # 10 MB
    domain("big.test")
    site.route("autoconfig.big.test", AUTOCONFIG_PATH, big=True)
    # DOCTYPE entity bomb
    domain("bomb.test")
    site.put("autoconfig.bomb.test", AUTOCONFIG_PATH, ENTITY_BOMB)
    # https -> http redirect; what it points at would be a good config
    domain("redir.test")
    site.route("autoconfig.redir.test", AUTOCONFIG_PATH, status=302,
               location="http://autoconfig.redir.test/redirected.xml")
    site.put("autoconfig.redir.test", "/redirected.xml", imap_smtp("redir.test"), scheme="http")
    # redirect loop
    domain("loop.test")
    site.route("autoconfig.loop.test", AUTOCONFIG_PATH, status=302,
               location="https://autoconfig.loop.test/loop-b")
    site.route("autoconfig.loop.test", "/loop-b", status=302,
               location="https://autoconfig.loop.test" + AUTOCONFIG_PATH)
    # the right file behind a certificate for another name
    domain("wrongcert.test")
    site.put("autoconfig.wrongcert.test", AUTOCONFIG_PATH, imap_smtp("wrongcert.test"))
    # placeholders: %EMAILDOMAIN% fillable from a domain, %EMAILLOCALPART% only from an address
    domain("placeholder.test")
    site.put("autoconfig.placeholder.test", AUTOCONFIG_PATH, config_xml(
        "placeholder.test", [("imap", "imap.%EMAILDOMAIN%", 993, "SSL")],
        [("smtp", "smtp.%EMAILDOMAIN%", 465, "SSL")]).replace("%EMAILADDRESS%", "%EMAILLOCALPART%"))
    # a port out of range beside a good server, and no outgoing server at all
    domain("badport.test")
    site.put("autoconfig.badport.test", AUTOCONFIG_PATH, config_xml(
        "badport.test", [("imap", "imap.badport.test", 99999, "SSL"), ("imap", "imap.badport.test", 993, "SSL")]))
    # not XML at all
    domain("notxml.test")
    site.put("autoconfig.notxml.test", AUTOCONFIG_PATH, "<clientConfig><emailProvider>oops")
    # the engine's judgement: implicit TLS on 587 is an error
    domain("engine.test")
    site.put("autoconfig.engine.test", AUTOCONFIG_PATH, config_xml(
        "engine.test", [("imap", "imap.engine.test", 993, "SSL")], [("smtp", "smtp.engine.test", 587, "SSL")]))
    # SRV order: priority first, then weight
    domain("order.test",
           srv("_imaps._tcp.order.test", "imap-c.order.test", 993, 20, 100),
           srv("_imaps._tcp.order.test", "imap-b.order.test", 993, 10, 5),
           srv("_imaps._tcp.order.test", "imap-a.order.test", 993, 10, 60))
    # --verify against a server that never greets
    domain("hang.test", srv("_imaps._tcp.hang.test", "imap.hang.test", 993),
           srv("_submissions._tcp.hang.test", "smtp.hang.test", 465),
           host_record("imap.hang.test"), host_record("smtp.hang.test"))
    for d, body in RELAY_POLICIES.items():
        names.append("mta-sts." + d)
        site.put("mta-sts." + d, STS_PATH, body, content_type="text/plain")
    site.put("mta-sts.relay-html.test", STS_PATH, RELAY_POLICIES["relay-html.test"], content_type="text/html")
    # RFC 8461 §3.3: "HTTP 3xx redirects MUST NOT be followed"
    site.route("mta-sts.relay-redirect.test", STS_PATH, status=301,
               location="https://mta-sts.relay-redirect.test/moved.txt")
    site.put("mta-sts.relay-redirect.test", "/moved.txt", RELAY_POLICIES["relay-redirect.test"],
             content_type="text/plain")
    # nothing at all
    domain("empty.test")
    # for the timeouts and exit 68: names the refusing and silent servers are asked
    domain("silent.test")
    domain("unreach.test")
    return names, zones


def setUpModule():
    global FX
    FX = Fixture()
    try:
        names, zones = site_and_zones(FX)
        FX.start(names, zones)
    except BaseException:
        FX.stop()
        raise


def tearDownModule():
    if FX is not None:
        FX.stop()


# ---------------------------------------------------------------------------
# Running the command.

class Run:
    """One `mailports discover` run: exit status, output, wall time, peak RSS."""

    def __init__(self, args, env, limit=RUN_LIMIT, command="discover"):
        self.cmd = [BINARY, command, *args]
        self.env = env
        start = time.monotonic()
        proc = subprocess.Popen(self.cmd, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = [], []
        readers = [threading.Thread(target=lambda s, b: b.append(s.read()), args=(proc.stdout, out)),
                   threading.Thread(target=lambda s, b: b.append(s.read()), args=(proc.stderr, err))]
        for r in readers:
            r.start()
        killer = threading.Timer(limit, proc.kill)
        killer.start()
        # wait4, not wait: the child's peak RSS comes with it.
        _, status, usage = os.wait4(proc.pid, 0)
        killer.cancel()
        self.wall = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        for r in readers:
            r.join()
        proc.stdout.close()
        proc.stderr.close()
        self.code = proc.returncode
        self.killed = self.code == -signal.SIGKILL
        self.max_rss_kb = usage.ru_maxrss
        self.stdout = b"".join(out).decode("utf-8", "replace")
        self.stderr = b"".join(err).decode("utf-8", "replace")
        try:
            self.json = json.loads(self.stdout)
        except ValueError:
            self.json = None

    def describe(self):
        shown = {k: v for k, v in self.env.items() if k.startswith(("MAILPORTS", "LANG", "LC_"))}
        return "$ %s %s\nexit %s after %.2f s\n--- stdout\n%s\n--- stderr\n%s" % (
            " ".join("%s=%s" % kv for kv in shown.items()), " ".join(self.cmd), self.code, self.wall,
            self.stdout[-6000:], self.stderr[-3000:])

    # --- reading the JSON
    def sources(self, kind=None):
        return [s for s in (self.json or {}).get("sources", []) if kind is None or s.get("kind") == kind]

    def source(self, kind, name):
        for s in self.sources(kind):
            if s.get("url_or_name") == name:
                return s
        return None

    def servers(self, direction=None):
        j = self.json or {}
        if direction is None:
            return j.get("incoming", []) + j.get("outgoing", [])
        return j.get(direction, [])

    def server(self, direction, host, port=None):
        for s in self.servers(direction):
            if s.get("host") == host and (port is None or s.get("port") == port):
                return s
        return None

    def codes(self, where=None):
        """Finding codes of the sources and servers (or of `where`, one dict or a list)."""
        items = where if isinstance(where, list) else ([where] if where is not None
                                                       else self.sources() + self.servers())
        return {f.get("code") for item in items for f in (item or {}).get("findings", [])}


def environment(connect_to, lang="C"):
    """A clean environment: nothing of the caller's proxy or CA settings."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "MAILPORTS_TEST_CONNECT_TO": connect_to}
    if lang == "C":
        env["LC_ALL"] = "C"
    else:
        env["LANG"] = lang
    for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


class DiscoverCase(unittest.TestCase):
    maxDiff = None

    def discover(self, target, *args, domains=None, dns=None, connect_to=None, ca=True, json_out=True,
                 lang="C", limit=RUN_LIMIT):
        """Run discover TARGET ARGS with --dns-server (the fixture's dnsmasq
        unless `dns`), --ca-file (the test CA unless ca=False), --json, and
        connect-to for `domains` (default: the target's domain)."""
        domain = target.split("@")[-1]
        if connect_to is None:
            connect_to = FX.connect_to(domains if domains is not None else [domain])
        cmd = [target, *args, "--dns-server", dns or FX.dns_server]
        if ca:
            cmd += ["--ca-file", FX.ca]
        if json_out:
            cmd.append("--json")
        run = Run(cmd, environment(connect_to, lang), limit)
        self.assertFalse(run.killed, "killed after %d s\n%s" % (limit, run.describe()))
        self.assertNotIn("Traceback", run.stderr)
        self.assertNotRegex(run.stderr, r"AddressSanitizer|LeakSanitizer|runtime error:")
        if json_out and run.code in (0, 1, 2, 3):
            self.assertIsNotNone(run.json, "stdout is not JSON\n" + run.describe())
        return run

    def assertExit(self, run, code):
        self.assertEqual(run.code, code, run.describe())

    def assertUnreachable(self, run):
        """Exit 68 as documented: nothing on stdout (even with --json), the
        reason on stderr."""
        self.assertEqual(run.code, 68, run.describe())
        self.assertEqual(run.stdout, "", run.describe())
        self.assertTrue(run.stderr.startswith("mailports: error: "), run.describe())

    def server_sources(self, server):
        return [(s.get("kind"), s.get("url_or_name")) for s in server.get("sources", [])]


# ---------------------------------------------------------------------------

class Sources(DiscoverCase):
    def test_autoconfig_only(self):
        r = self.discover("taro@ac-only.test")
        self.assertExit(r, 0)
        first = urls("ac-only.test")[0]
        s = r.source("autoconfig", first)
        self.assertIsNotNone(s, r.describe())
        self.assertEqual(s["status"], "found", r.describe())
        imap = r.server("incoming", "imap.ac-only.test", 993)
        smtp = r.server("outgoing", "smtp.ac-only.test", 465)
        self.assertIsNotNone(imap, r.describe())
        self.assertIsNotNone(smtp, r.describe())
        self.assertEqual((imap["proto"], imap["tls"], imap["username"]), ("imap", "implicit", "taro@ac-only.test"))
        self.assertEqual((smtp["proto"], smtp["tls"], smtp["username"]), ("smtp", "implicit", "taro@ac-only.test"))
        self.assertIn(("autoconfig", first), self.server_sources(imap))
        self.assertEqual(r.json["query"], {"address": "taro@ac-only.test", "domain": "ac-only.test"})
        self.assertEqual(r.json["verdict"], "ok", r.describe())
        # no SRV or MX data: those sources found nothing, and said so
        for name in SRV_NAMES:
            srv_source = r.source("srv", "%s.ac-only.test" % name)
            self.assertIsNotNone(srv_source, "%s missing\n%s" % (name, r.describe()))
            self.assertEqual(srv_source["status"], "not-found", r.describe())

    def test_json_shape(self):
        r = self.discover("taro@disagree.test")
        j = r.json
        self.assertEqual(j["schema_version"], 1)
        self.assertEqual(set(j), {"schema_version", "query", "sources", "incoming", "outgoing", "verdict"},
                         r.describe())
        self.assertIn(j["verdict"], VERDICTS)
        for s in j["sources"]:
            self.assertTrue({"kind", "url_or_name", "status", "elapsed_ms", "detail", "findings"} <= set(s), s)
            self.assertIn(s["kind"], SOURCE_KINDS)
            self.assertIn(s["status"], STATUSES)
            self.assertIsInstance(s["elapsed_ms"], int)
            self.assertGreaterEqual(s["elapsed_ms"], 0)
            self.assertIsInstance(s["detail"], str)
        for direction, protos in (("incoming", {"imap", "pop3"}), ("outgoing", {"smtp"})):
            self.assertTrue(j[direction], r.describe())
            for s in j[direction]:
                self.assertTrue({"proto", "host", "port", "tls", "username", "auth", "sources", "verdict",
                                 "findings"} <= set(s), s)
                self.assertIn(s["proto"], protos)
                self.assertIn(s["tls"], {"implicit", "starttls", "none"})
                self.assertIn(s["verdict"], VERDICTS)
                self.assertIsInstance(s["auth"], list)
                self.assertTrue(s["sources"])
                for src in s["sources"]:
                    self.assertEqual(set(src), {"kind", "url_or_name"}, s)
        for f in [f for item in j["sources"] + j["incoming"] + j["outgoing"] for f in item["findings"]]:
            self.assertTrue({"code", "severity", "message", "refs"} <= set(f), f)
            self.assertIn(f["severity"], {"info", "warning", "error"})
        # the exit status follows the first incoming and the first outgoing server
        worst = max((j["incoming"][0]["verdict"], j["outgoing"][0]["verdict"]), key=EXIT.get)
        self.assertEqual(j["verdict"], worst)
        self.assertExit(r, EXIT[worst])

    def test_srv_only(self):
        r = self.discover("taro@srv-only.test")
        self.assertExit(r, 0)
        imap = r.server("incoming", "imap.srv-only.test", 993)
        smtp = r.server("outgoing", "smtp.srv-only.test", 465)
        self.assertIsNotNone(imap, r.describe())
        self.assertIsNotNone(smtp, r.describe())
        self.assertEqual((imap["tls"], smtp["tls"]), ("implicit", "implicit"))
        self.assertIn(("srv", "_imaps._tcp.srv-only.test"), self.server_sources(imap))
        self.assertIn(("srv", "_submissions._tcp.srv-only.test"), self.server_sources(smtp))
        self.assertEqual(r.source("srv", "_imaps._tcp.srv-only.test")["status"], "found")
        for url in urls("srv-only.test"):
            self.assertNotEqual(r.source("autoconfig", url)["status"], "found", r.describe())

    def test_mx_only_resolves_to_the_builtin_gmail_entry(self):
        r = self.discover("taro@mx-only.test")
        self.assertExit(r, 0)
        mx_source = r.source("mx", "aspmx.l.google.com")
        self.assertIsNotNone(mx_source, r.describe())
        self.assertEqual(mx_source["status"], "found", r.describe())
        imap = r.server("incoming", "imap.gmail.com", 993)
        smtp = r.server("outgoing", "smtp.gmail.com")
        self.assertIsNotNone(imap, r.describe())
        self.assertIsNotNone(smtp, r.describe())
        self.assertEqual((imap["tls"], imap["username"]), ("implicit", "taro@mx-only.test"))
        self.assertTrue(any(kind == "mx" for kind, _ in self.server_sources(imap)), imap)
        # only the most preferred MX counts: Fastmail's (preference 20) does not
        hosts = {s["host"] for s in r.servers()}
        self.assertFalse(any("fastmail" in h for h in hosts), r.describe())

    def test_mx_at_fastmail_resolves_to_messagingengine(self):
        r = self.discover("taro@fm-hosted.test")
        mx_source = r.source("mx", "in1-smtp.messagingengine.com")
        self.assertIsNotNone(mx_source, r.describe())
        self.assertEqual(mx_source["status"], "found", r.describe())
        imap = r.server("incoming", "imap.fastmail.com", 993)
        self.assertIsNotNone(imap, r.describe())
        self.assertIn(("mx", "in1-smtp.messagingengine.com"), self.server_sources(imap))
        self.assertIsNone(r.source("mx", "in2-smtp.messagingengine.com"), "only the most preferred MX")

    def test_mx_provider_autoconfig(self):
        # The MX provider is in no built-in data: its own autoconfig answers,
        # over HTTPS, with the user's address, for the user's domain.
        r = self.discover("taro@mx-ac.test", domains=["mx-ac.test", "hoster-a.test"])
        self.assertExit(r, 0)
        mx_source = r.source("mx", "mx1.hoster-a.test")
        self.assertIsNotNone(mx_source, r.describe())
        self.assertEqual(mx_source["status"], "found", r.describe())
        self.assertIn("https://autoconfig.hoster-a.test/mail/config-v1.1.xml", mx_source["detail"])
        imap = r.server("incoming", "imap.hoster-a.test", 993)
        smtp = r.server("outgoing", "smtp.hoster-a.test", 465)
        self.assertIsNotNone(imap, r.describe())
        self.assertIsNotNone(smtp, r.describe())
        self.assertIn(("mx", "mx1.hoster-a.test"), self.server_sources(imap))
        self.assertEqual(imap["username"], "taro@mx-ac.test")
        self.assertIn("GET /mail/config-v1.1.xml?emailaddress=taro%40mx-ac.test HTTP/1.1",
                      FX.requests("autoconfig.hoster-a.test"))
        # Thunderbird asks the MX provider over HTTPS only, without .well-known
        self.assertEqual(FX.requests("hoster-a.test"), [])

    def test_mx_host_minus_first_label_before_the_registrable_domain(self):
        r = self.discover("taro@mx-sub.test", domains=["mx-sub.test", "mail.hoster-b.test", "hoster-b.test"])
        self.assertExit(r, 0)
        mx_source = r.source("mx", "mx1.mail.hoster-b.test")
        self.assertIsNotNone(mx_source, r.describe())
        self.assertEqual(mx_source["status"], "found", r.describe())
        self.assertIn("https://autoconfig.mail.hoster-b.test/", mx_source["detail"])
        self.assertIsNotNone(r.server("incoming", "imap.mail.hoster-b.test", 993), r.describe())
        self.assertIsNone(r.server("incoming", "imap.hoster-b.test"), r.describe())
        self.assertTrue(FX.requests("autoconfig.mail.hoster-b.test"))
        # found at the first candidate: the registrable domain is not asked
        self.assertEqual(FX.requests("autoconfig.hoster-b.test"), [])

    def test_builtin_ispdb(self):
        # gmail.com is not in the test zones: DNS refuses, HTTP is refused;
        # the built-in data still answers, and names the domain it looked up.
        r = self.discover("taro@gmail.com", domains=[])
        s = r.source("ispdb", "gmail.com")
        self.assertIsNotNone(s, r.describe())
        self.assertEqual(s["status"], "found", r.describe())
        imap = r.server("incoming", "imap.gmail.com", 993)
        self.assertIsNotNone(imap, r.describe())
        self.assertIn(("ispdb", "gmail.com"), self.server_sources(imap))
        self.assertEqual(imap["username"], "taro@gmail.com")
        self.assertExit(r, 0)

    def test_urls_in_order_and_the_query(self):
        r = self.discover("taro@empty.test")
        got = [s["url_or_name"] for s in r.sources("autoconfig")]
        self.assertEqual(got, urls("empty.test"), r.describe())
        for url in urls("empty.test"):
            self.assertEqual(r.source("autoconfig", url)["status"], "not-found", r.describe())
        self.assertEqual([s["url_or_name"] for s in r.sources("srv")], ["%s.empty.test" % n for n in SRV_NAMES])
        # the address reached the servers as the query, %40 for @
        for host in ("autoconfig.empty.test", "empty.test"):
            lines = FX.requests(host)
            self.assertTrue(lines, "no request reached %s" % host)
            for line in lines:
                self.assertIn("?emailaddress=taro%40empty.test ", line, host)

    def test_query_arrives_at_the_server(self):
        self.discover("taro@ac-only.test")
        self.assertIn("GET /mail/config-v1.1.xml?emailaddress=taro%40ac-only.test HTTP/1.1",
                      FX.requests("autoconfig.ac-only.test"))

    def test_no_address(self):
        r = self.discover("taro@noaddr.test", "--no-address")
        self.assertExit(r, 0)
        self.assertEqual([s["url_or_name"] for s in r.sources("autoconfig")], urls("noaddr.test", address=False))
        lines = FX.requests("autoconfig.noaddr.test")
        self.assertTrue(lines)
        for line in FX.requests("autoconfig.noaddr.test") + FX.requests("noaddr.test"):
            self.assertNotIn("emailaddress", line)
            self.assertNotIn("taro", line)
        self.assertIsNotNone(r.server("incoming", "imap.noaddr.test", 993), r.describe())

    def test_domain_alone_sends_no_address(self):
        r = self.discover("noaddr.test")
        self.assertEqual(r.json["query"], {"address": None, "domain": "noaddr.test"}, r.describe())
        for s in r.sources("autoconfig"):
            self.assertNotIn("emailaddress=", s["url_or_name"])

    def test_no_http(self):
        r = self.discover("taro@http-only.test", "--no-http")
        self.assertEqual([s["url_or_name"] for s in r.sources("autoconfig")],
                         urls("http-only.test", http=False), r.describe())
        self.assertFalse([s for s in r.sources() if s["url_or_name"].startswith("http://")])
        self.assertExit(r, 3)  # the only answer was over http

    def test_http_only_autoconfig_is_a_warning(self):
        r = self.discover("taro@http-only.test")
        plain = r.source("autoconfig", urls("http-only.test")[2])
        self.assertIsNotNone(plain, r.describe())
        self.assertEqual(plain["status"], "found", r.describe())
        self.assertIn("autoconfig-http-only", r.codes(plain), r.describe())
        warning = [f for f in plain["findings"] if f["code"] == "autoconfig-http-only"][0]
        self.assertEqual(warning["severity"], "warning")
        self.assertIsNotNone(r.server("incoming", "imap.http-only.test", 993), r.describe())


class Judging(DiscoverCase):
    def test_text_plain_content_type(self):
        r = self.discover("taro@ctype.test")
        s = r.source("autoconfig", urls("ctype.test")[0])
        self.assertIn("autoconfig-content-type", r.codes(s), r.describe())

    def test_startssl_typo(self):
        r = self.discover("taro@startssl.test")
        s = r.source("autoconfig", urls("startssl.test")[0])
        self.assertIn("autoconfig-socket-type", r.codes(s) | r.codes(r.servers()), r.describe())
        # the good server beside it is still read
        self.assertIsNotNone(r.server("incoming", "imap.startssl.test", 993), r.describe())

    def test_submission_on_465(self):
        r = self.discover("taro@sub465.test")
        s = r.source("srv", "_submission._tcp.sub465.test")
        self.assertEqual(s["status"], "found", r.describe())
        smtp = r.server("outgoing", "smtp.sub465.test", 465)
        self.assertIsNotNone(smtp, r.describe())
        self.assertIn("srv-submission-implicit", r.codes(s) | r.codes(smtp), r.describe())

    def test_srv_target_dot_is_not_offered(self):
        r = self.discover("taro@notoffered.test")
        for name in ("_imap._tcp.notoffered.test", "_pop3._tcp.notoffered.test"):
            s = r.source("srv", name)
            self.assertIsNotNone(s, r.describe())
            self.assertIn("srv-not-offered", r.codes(s), r.describe())
        hosts = {(s["host"], s["port"]) for s in r.servers()}
        self.assertFalse({h for h in hosts if h[0] in ("", ".") or h[1] == 1}, r.describe())
        self.assertIsNotNone(r.server("incoming", "imap.notoffered.test", 993), r.describe())

    def test_srv_target_outside_the_domain(self):
        r = self.discover("taro@outside.test")
        s = r.source("srv", "_imaps._tcp.outside.test")
        imap = r.server("incoming", "imap.hoster.test", 993)
        self.assertIsNotNone(imap, r.describe())
        self.assertIn("srv-target-outside-domain", r.codes(s) | r.codes(imap), r.describe())
        # the SMTP record stays inside: no finding there
        smtp_source = r.source("srv", "_submissions._tcp.outside.test")
        self.assertNotIn("srv-target-outside-domain",
                         r.codes(smtp_source) | r.codes(r.server("outgoing", "smtp.outside.test", 465)))

    def test_two_sources_disagree(self):
        r = self.discover("taro@disagree.test")
        incoming = r.servers("incoming")
        found = [f for s in incoming for f in s["findings"] if f["code"] == "sources-disagree"]
        self.assertTrue(found, r.describe())
        message = found[0]["message"]
        self.assertIn("_imaps._tcp.disagree.test", message)
        self.assertTrue("autoconfig" in message or AUTOCONFIG_PATH in message, message)
        self.assertIsNotNone(r.server("incoming", "mail.disagree.test", 993), r.describe())
        self.assertIsNotNone(r.server("incoming", "imap.disagree.test", 993), r.describe())
        # where they agree, one server with both sources
        smtp = [s for s in r.servers("outgoing") if (s["host"], s["port"]) == ("mail.disagree.test", 465)]
        self.assertEqual(len(smtp), 1, r.describe())
        kinds = {kind for kind, _ in self.server_sources(smtp[0])}
        self.assertEqual(kinds, {"autoconfig", "srv"}, smtp[0])

    def test_text_output(self):
        r = self.discover("taro@disagree.test", json_out=False)
        self.assertIn(r.code, (0, 1, 2), r.describe())
        for host in ("mail.disagree.test", "imap.disagree.test"):
            self.assertIn(host, r.stdout, r.describe())
        self.assertIn(message_prefix("sources-disagree", "en"), r.stdout, r.describe())

    def test_text_output_in_japanese(self):
        r = self.discover("taro@disagree.test", json_out=False, lang="ja_JP.UTF-8")
        self.assertIn("mail.disagree.test", r.stdout, r.describe())
        self.assertIn(message_prefix("sources-disagree", "ja"), r.stdout, r.describe())
        self.assertNotIn(message_prefix("sources-disagree", "en"), r.stdout, r.describe())
        self.assertNotIn("Sources disagree", r.stdout)


def message_prefix(code, lang):
    """A finding message's text before its first placeholder, from data/rules.json."""
    with open(RULES, encoding="utf-8") as f:
        text = json.load(f)["findings"][code]["message"][lang]
    return re.split(r"\{\w+\}", text)[0]


class Validation(DiscoverCase):
    def test_placeholders_filled_for_an_address(self):
        r = self.discover("taro@placeholder.test")
        imap = r.server("incoming", "imap.placeholder.test", 993)
        self.assertIsNotNone(imap, r.describe())
        self.assertEqual(imap["username"], "taro")
        self.assertFalse([s for s in r.servers() if "%" in s["host"] or "%" in (s["username"] or "")],
                         r.describe())
        self.assertNotIn("autoconfig-placeholder", r.codes(), r.describe())

    def test_placeholder_a_domain_cannot_fill(self):
        r = self.discover("placeholder.test")
        self.assertIn("autoconfig-placeholder", r.codes(), r.describe())
        # %EMAILDOMAIN% is known from a domain alone (the user name cannot be
        # filled without an address: the finding says so)
        self.assertIsNotNone(r.server("incoming", "imap.placeholder.test", 993), r.describe())
        self.assertFalse([s for s in r.servers() if "%" in s["host"]], r.describe())

    def test_bad_port_and_no_outgoing(self):
        r = self.discover("taro@badport.test")
        s = r.source("autoconfig", urls("badport.test")[0])
        self.assertIn("autoconfig-bad-port", r.codes(s) | r.codes(r.servers()), r.describe())
        self.assertIn("autoconfig-no-outgoing", r.codes(s), r.describe())
        self.assertFalse([x for x in r.servers() if x["port"] == 99999 or x["port"] > 65535], r.describe())

    def test_not_xml(self):
        r = self.discover("taro@notxml.test")
        s = r.source("autoconfig", urls("notxml.test")[0])
        self.assertIn("autoconfig-not-xml", r.codes(s), r.describe())
        self.assertExit(r, 3)

    def test_engine_judges_every_server(self):
        r = self.discover("taro@engine.test")
        smtp = r.server("outgoing", "smtp.engine.test", 587)
        self.assertIsNotNone(smtp, r.describe())
        self.assertEqual(smtp["tls"], "implicit")
        self.assertIn("implicit-on-starttls-port", r.codes(smtp), r.describe())
        self.assertEqual(smtp["verdict"], "error")
        self.assertExit(r, 2)

    def test_srv_records_by_priority_then_weight(self):
        r = self.discover("taro@order.test")
        hosts = [s["host"] for s in r.servers("incoming")]
        self.assertEqual(sorted(hosts), ["imap-a.order.test", "imap-b.order.test", "imap-c.order.test"],
                         r.describe())
        # equal servers in every other way: the SRV order decides (10/60, 10/5, 20/100)
        self.assertEqual(hosts, ["imap-a.order.test", "imap-b.order.test", "imap-c.order.test"], r.describe())


class Hostile(DiscoverCase):
    def test_dns_that_never_answers_ends_within_the_timeout(self):
        r = self.discover("taro@silent.test", "--timeout", "3", dns=FX.black_hole_dns)
        self.assertLess(r.wall, 3 + MARGIN, r.describe())
        # 3 if the HTTP requests reached the server through connect-to without
        # asking DNS first (curl's --connect-to), 68 if the command resolves
        # the URL's host through --dns-server first: the contract allows both.
        self.assertIn(r.code, (3, 68), r.describe())
        if r.code == 68:
            self.assertUnreachable(r)
            return
        for name in SRV_NAMES:
            s = r.source("srv", "%s.silent.test" % name)
            self.assertIsNotNone(s, r.describe())
            self.assertEqual(s["status"], "timeout", r.describe())

    def test_http_that_drips_ends_within_the_timeout(self):
        r = self.discover("taro@drip.test", "--timeout", "3")
        self.assertLess(r.wall, 3 + MARGIN, r.describe())
        self.assertEqual(r.source("autoconfig", urls("drip.test")[0])["status"], "timeout", r.describe())
        self.assertExit(r, 3)

    def test_slow_answer_within_the_timeout_is_read(self):
        # The source's deadline is --timeout (default 10 s): an answer that
        # starts after 6 s still counts (no second, hidden deadline such as a
        # low-speed limit over half the timeout).
        r = self.discover("taro@slow.test")
        s = r.source("autoconfig", urls("slow.test")[0])
        self.assertEqual(s["status"], "found", r.describe())
        self.assertGreaterEqual(s["elapsed_ms"], 6000)
        self.assertIsNotNone(r.server("incoming", "imap.slow.test", 993), r.describe())
        self.assertLess(r.wall, 10 + MARGIN)

    def test_silent_dns_and_dripping_http_together(self):
        r = self.discover("taro@drip.test", "--timeout", "3", dns=FX.black_hole_dns)
        self.assertLess(r.wall, 3 + MARGIN, r.describe())
        self.assertIn(r.code, (3, 68), r.describe())  # as above
        if r.code == 68:
            self.assertUnreachable(r)
            return
        self.assertEqual(r.source("autoconfig", urls("drip.test")[0])["status"], "timeout", r.describe())
        for s in r.sources():
            self.assertLessEqual(s["elapsed_ms"], (3 + MARGIN) * 1000, s)

    def test_verify_against_a_server_that_never_greets(self):
        silent = FX.silent_tcp.port
        connect_to = "imap.hang.test:993:127.0.0.1:%d,smtp.hang.test:465:127.0.0.1:%d,%s" % (
            silent, silent, FX.connect_to(["hang.test"]))
        r = self.discover("taro@hang.test", "--verify", "--timeout", "3", connect_to=connect_to)
        self.assertLess(r.wall, 3 + MARGIN, r.describe())
        for direction, host in (("incoming", "imap.hang.test"), ("outgoing", "smtp.hang.test")):
            s = r.server(direction, host)
            self.assertIsNotNone(s, r.describe())
            self.assertTrue([c for c in r.codes(s) if c.startswith("probe-")], s)
            self.assertEqual(s["verdict"], "error", s)
        self.assertExit(r, 2)

    def test_ten_megabytes_are_not_read(self):
        small = self.discover("taro@ac-only.test")
        r = self.discover("taro@big.test")
        s = r.source("autoconfig", urls("big.test")[0])
        self.assertEqual(s["status"], "error", r.describe())
        self.assertIn("autoconfig-too-large", r.codes(s), r.describe())
        # bounded: the body was not held (10 MB would show in the peak RSS)
        self.assertLess(r.max_rss_kb - small.max_rss_kb, 6 * 1024,
                        "peak RSS %d KiB against %d" % (r.max_rss_kb, small.max_rss_kb))
        self.assertLess(r.wall, 10 + MARGIN)

    def test_entity_bomb_is_not_expanded(self):
        r = self.discover("taro@bomb.test", limit=30)
        self.assertLess(r.wall, 10 + MARGIN, r.describe())
        self.assertLess(len(r.stdout), 200 * 1024, "output of %d bytes" % len(r.stdout))
        self.assertNotIn("lol" * 10, r.stdout)
        self.assertNotIn("lol" * 10, r.stderr)
        self.assertIn(r.code, (0, 1, 2, 3), r.describe())
        s = r.source("autoconfig", urls("bomb.test")[0])
        self.assertIsNotNone(s, r.describe())
        self.assertIn(s["status"], ("error", "found"), r.describe())

    def test_redirect_from_https_to_http_is_not_followed(self):
        r = self.discover("taro@redir.test")
        s = r.source("autoconfig", urls("redir.test")[0])
        self.assertEqual(s["status"], "error", r.describe())
        self.assertTrue("redirect" in s["detail"].lower() or "http://autoconfig.redir.test" in s["detail"],
                        s["detail"])
        self.assertFalse([l for l in FX.requests("autoconfig.redir.test") if "/redirected.xml" in l],
                         FX.requests("autoconfig.redir.test"))
        self.assertIsNone(r.server("incoming", "imap.redir.test"), r.describe())
        self.assertExit(r, 3)

    def test_redirect_loop(self):
        r = self.discover("taro@loop.test")
        s = r.source("autoconfig", urls("loop.test")[0])
        self.assertEqual(s["status"], "error", r.describe())
        self.assertLess(len(FX.requests("autoconfig.loop.test")), 30, "the loop was followed too far")
        self.assertLess(r.wall, 10 + MARGIN)
        self.assertExit(r, 3)

    def test_wrong_certificate_name(self):
        r = self.discover("taro@wrongcert.test", connect_to=FX.connect_to(wrong_cert=["wrongcert.test"]))
        for url in urls("wrongcert.test", http=False):
            s = r.source("autoconfig", url)
            self.assertEqual(s["status"], "error", r.describe())
            self.assertIn("certificate", s["detail"].lower(), s)
        self.assertIsNone(r.server("incoming", "imap.wrongcert.test"), r.describe())
        # TLS failed before any request was sent
        self.assertEqual(FX.requests("autoconfig.wrongcert.test"), [])

    def test_unknown_ca_is_refused(self):
        r = self.discover("taro@ac-only.test", ca=False)
        s = r.source("autoconfig", urls("ac-only.test")[0])
        self.assertEqual(s["status"], "error", r.describe())
        self.assertIsNone(r.server("incoming", "imap.ac-only.test"), r.describe())

    def test_no_credentials_in_any_request(self):
        self.discover("taro@ac-only.test")
        with open(FX.log_path, errors="replace") as f:
            log = f.read()
        self.assertTrue(log)
        self.assertNotIn("Authorization", log)
        self.assertNotIn("password", log.lower())


class ExitCodes(DiscoverCase):
    def test_nothing_found_is_3(self):
        r = self.discover("taro@empty.test")
        self.assertExit(r, 3)
        self.assertEqual(r.json["incoming"], [])
        self.assertEqual(r.json["outgoing"], [])

    def test_nothing_reachable_is_68(self):
        start = time.monotonic()
        r = self.discover("taro@unreach.test", dns=FX.refusing_dns, connect_to=FX.connect_to([]))
        self.assertUnreachable(r)
        self.assertLess(time.monotonic() - start, 10 + MARGIN)

    def test_silent_dns_and_refused_http_is_68(self):
        r = self.discover("taro@unreach.test", "--timeout", "2", dns=FX.black_hole_dns,
                          connect_to=FX.connect_to([]))
        self.assertUnreachable(r)
        self.assertLess(r.wall, 2 + MARGIN, r.describe())

    def test_dns_server_in_ipv6_brackets(self):
        # dnsmasq listens on ::1 too: glibc's resolver asks it over IPv6.
        r = self.discover("taro@srv-only.test", dns="[::1]:%d" % FX.dnsmasq.port)
        self.assertExit(r, 0)
        self.assertEqual(r.source("srv", "_imaps._tcp.srv-only.test")["status"], "found", r.describe())

    def test_dns_server_by_host_name(self):
        # A name is resolved once (here from /etc/hosts), then asked.
        r = self.discover("taro@srv-only.test", dns="localhost:%d" % FX.dnsmasq.port)
        self.assertExit(r, 0)
        self.assertEqual(r.source("srv", "_imaps._tcp.srv-only.test")["status"], "found", r.describe())

    def test_dns_server_name_that_does_not_resolve_is_68(self):
        r = Run(["taro@srv-only.test", "--dns-server", "no-such-host.invalid", "--timeout", "3"],
                environment(FX.connect_to([])))
        self.assertEqual(r.code, 68, r.describe())
        self.assertIn("'no-such-host.invalid'", r.stderr)
        self.assertLess(r.wall, 3 + MARGIN, r.describe())

    def test_usage_errors_are_64(self):
        for args in (["a@@b"], ["taro@example.test", "--timeout", "0"],
                     ["taro@example.test", "--dns-server", "non_sense"],
                     ["taro@example.test", "--dns-server", "[::1"],
                     ["taro@example.test", "--dns-server", "127.0.0.1:99999"], []):
            with self.subTest(args=args):
                r = Run(args, environment(FX.connect_to([])))
                self.assertEqual(r.code, 64, r.describe())
                self.assertEqual(r.stdout, "", r.describe())
                self.assertTrue(r.stderr.startswith("mailports: error: ") or "Usage" in r.stderr, r.describe())
                self.assertNotIn("Traceback", r.stderr)


class RelayWithoutServers(DiscoverCase):
    """--role relay where no MX answers: only dnsmasq (no root needed)."""

    def test_relay_domain_without_mx(self):
        r = self.discover("empty.test", "--role", "relay", "--timeout", "3")
        self.assertEqual(r.json["mx"], [], r.describe())
        codes = {f["code"] for f in r.json["findings"]}
        self.assertIn("relay-no-mx", codes, r.describe())
        self.assertIn("relay-mta-sts-missing", codes)
        self.assertIn("relay-tls-rpt-missing", codes)
        self.assertEqual(r.json["summary"]["starttls"], "not-judged")
        self.assertExit(r, 1)

    def test_relay_refuses_client_options(self):
        for option in ("--verify", "--guess", "--no-http", "--no-address"):
            r = self.discover("empty.test", "--role", "relay", option)
            self.assertExit(r, 64)
            self.assertIn(option, r.stderr)


# ---------------------------------------------------------------------------
# --verify against the private Postfix and Dovecot (tests/probe/servers.py).

class PrivateServers:
    """tests/probe/servers.py in a child process (it reaps every child of the
    process it runs in, so not in this one); ports and CA from its output."""

    def __init__(self):
        # stderr to a file: a pipe nobody reads could fill and stall the servers
        self.errors = tempfile.TemporaryFile("w+")
        self.proc = subprocess.Popen([sys.executable, SERVERS_PY], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=self.errors, text=True)
        self.ports, self.ca, seen = {}, None, []
        # Blocking reads (select on a buffered pipe misses lines already read
        # into the buffer); the timer ends a start that hangs, and so the loop.
        killer = threading.Timer(120, self.proc.kill)
        killer.start()
        try:
            for line in self.proc.stdout:
                seen.append(line)
                m = re.match(r"CA file: (\S+)", line)
                if m:
                    self.ca = m.group(1)
                m = re.match(r"(\S+)\s+(\d+)  ", line)
                if m and self.ca:
                    self.ports[m.group(1)] = int(m.group(2))
                if line.startswith("Running;"):
                    return
        finally:
            killer.cancel()
        self.stop()
        self.errors.seek(0)
        raise RuntimeError("servers.py did not start:\n%s%s" % ("".join(seen), self.errors.read()))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()  # servers.py unwinds on SIGTERM and stops both servers
            try:
                self.proc.wait(90)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        self.errors.close()


def servers_unavailable():
    sys.path.insert(0, os.path.join(HERE, "..", "probe"))
    import servers  # noqa: E402
    return servers.unavailable()


def postfix_ca_tlsa(ca_path):
    """The private Postfix's CA: its key (DER, hex) for "2 1 0", its SHA-256 for "2 0 1"."""
    import hashlib
    import ssl
    with open(ca_path) as f:
        der = ssl.PEM_cert_to_DER_cert(f.read())
    spki = subprocess.run(["openssl", "x509", "-inform", "DER", "-pubkey", "-noout"], input=der,
                          capture_output=True, check=True).stdout
    spki_der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "DER"], input=spki,
                              capture_output=True, check=True).stdout
    return spki_der.hex(), hashlib.sha256(der).hexdigest()


def postfix_leaf_sha256(ca_path):
    """SHA-256 of the private Postfix's certificate (DER), for a TLSA 3 0 1 record."""
    import hashlib
    import ssl
    with open(os.path.join(os.path.dirname(ca_path), "good.crt")) as f:
        return hashlib.sha256(ssl.PEM_cert_to_DER_cert(f.read())).hexdigest()


RELAY_ZONES = []  # filled in Verify.setUpClass, once the Postfix certificate is known


def relay_zones():
    return list(RELAY_ZONES)


class Verify(DiscoverCase):
    @classmethod
    def setUpClass(cls):
        reason = servers_unavailable()
        if reason:
            if REQUIRE:
                raise RuntimeError("MAILPORTS_REQUIRE_SERVERS=1, but Postfix/Dovecot: " + reason)
            raise unittest.SkipTest("Postfix/Dovecot: " + reason)
        cls.servers = PrivateServers()
        p = cls.servers.ports
        d = "verify.test"
        digest = postfix_leaf_sha256(cls.servers.ca)
        ca_spki, ca_sha256 = postfix_ca_tlsa(cls.servers.ca)
        RELAY_ZONES[:] = ["--dns-rr=_25._tcp.localhost,52,030001" + digest]
        for r in RELAY_POLICIES:
            RELAY_ZONES.extend([local(r), mx(r, "localhost", 10), "--txt-record=_mta-sts.%s,v=STSv1; id=20261201" % r,
                                "--txt-record=_smtp._tls.%s,%s" % (
                                    r, "v=TLSRPTv1; rua=ftp://nowhere" if r == "relay-malformed.test"
                                    else "v=TLSRPTv1; rua=mailto:tlsrpt@" + r)])
        # no policy, no TLS-RPT; an MX whose certificate names another host,
        # with a TLSA record matching nothing
        RELAY_ZONES.extend([local("relay-none.test"), mx("relay-none.test", "mx.relay-none.test", 10),
                            host_record("mx.relay-none.test"),
                            "--dns-rr=_25._tcp.mx.relay-none.test,52,030101" + "ab" * 32])
        # Targets "localhost": the servers' certificate names localhost (so
        # outside the domain: srv-target-outside-domain as well).
        try:
            cls.dns = fx_mod.Dnsmasq([
                local(d), host_record("localhost", "127.0.0.1"),
                srv("_imaps._tcp." + d, "localhost", p["imaps"]),          # as published
                srv("_pop3._tcp." + d, "localhost", p["pop3s"]),           # says STARTTLS, does implicit
                srv("_submissions._tcp." + d, "localhost", p["smtps-expired"]),  # expired certificate
                srv("_submissions._tcp." + d, "localhost", p["submission"], 10),  # says implicit, does STARTTLS
                srv("_submission._tcp." + d, "localhost", p["smtp-bad"]),   # says STARTTLS, has none
                *relay_zones(),
                # --guess: every usual name exists; connect-to says where each port goes
                local("guess.test"),
                *[host_record(h + "guess.test") for h in ("imap.", "pop3.", "pop.", "mail.", "smtp.", "")],
            ])
        except BaseException:
            cls.servers.stop()
            raise
        cls.connect_to = ",".join(["localhost:%d:127.0.0.1:%d" % (port, port) for port in p.values()] +
                                  [FX.connect_to([])])
        # The relay role: port 25 of every MX to Postfix's "smtp" port, the
        # policy hosts to the HTTPS server (relay-badcert.test's to the one
        # with a certificate for another name); the two CAs in one file.
        cls.relay_connect_to = ",".join(
            ["localhost:25:127.0.0.1:%d" % p["smtp"], "mx.relay-none.test:25:127.0.0.1:%d" % p["smtp"]] +
            ["mta-sts.%s:443:127.0.0.1:%d" % (r, FX.wrong_https_port if r == "relay-badcert.test" else FX.https_port)
             for r in RELAY_POLICIES] + [FX.connect_to([])])
        cls.relay_connect_to = ",".join(["mx.relay-dane.test:25:127.0.0.1:%d" % p["smtp"],
                                         "mx.relay-danebad.test:25:127.0.0.1:%d" % p["smtp"],
                                         "mx.relay-danepkix.test:25:127.0.0.1:%d" % p["smtp"],
                                         "mx.relay-daneta.test:25:127.0.0.1:%d" % p["smtp"],
                                         "mx.relay-danetaunsent.test:25:127.0.0.1:%d" % p["smtp"],
                                         cls.relay_connect_to])
        # DANE validated: unbound, validating zones it signed itself (dnsmasq
        # does not sign), with TLSA records matching Postfix's certificate or not.
        cls.unbound = None
        gone = fx_mod.ValidatingResolver.missing()
        if gone and REQUIRE:
            raise RuntimeError("MAILPORTS_REQUIRE_SERVERS=1, but missing: " + ", ".join(gone))
        if not gone:
            try:
                cls.unbound = fx_mod.ValidatingResolver({
                    "relay-dane.test": ["@ IN MX 10 mx", "mx IN A 127.0.0.1", "_25._tcp.mx IN TLSA 3 0 1 " + digest],
                    "relay-danebad.test": ["@ IN MX 10 mx", "mx IN A 127.0.0.1",
                                           "_25._tcp.mx IN TLSA 3 0 1 " + "cd" * 32],
                    # PKIX-TA/EE only (not for SMTP, RFC 7672 §3.1.3), though they match
                    "relay-danepkix.test": ["@ IN MX 10 mx", "mx IN A 127.0.0.1",
                                            "_25._tcp.mx IN TLSA 1 0 1 " + digest,
                                            "_25._tcp.mx IN TLSA 0 0 1 " + digest],
                    # DANE-TA: the test CA's key, which signed the certificate
                    # Postfix sends (alone), beside a DANE-EE that does not match
                    "relay-daneta.test": ["@ IN MX 10 mx", "mx IN A 127.0.0.1",
                                          "_25._tcp.mx IN TLSA 2 1 0 " + ca_spki,
                                          "_25._tcp.mx IN TLSA 3 0 1 " + "ef" * 32],
                    # the CA's certificate digest: Postfix does not send it (RFC 7671 §5.2.2)
                    "relay-danetaunsent.test": ["@ IN MX 10 mx", "mx IN A 127.0.0.1",
                                                "_25._tcp.mx IN TLSA 2 0 1 " + ca_sha256]})
            except BaseException:
                cls.dns.stop()
                cls.servers.stop()
                raise
        cls.bundle = os.path.join(FX.dir, "relay-ca.pem")
        with open(cls.bundle, "w") as out:
            for ca in (FX.ca, cls.servers.ca):
                with open(ca) as f:
                    out.write(f.read())

    @classmethod
    def tearDownClass(cls):
        if cls.unbound is not None:
            cls.unbound.stop()
        cls.dns.stop()
        cls.servers.stop()

    def verify(self, ca):
        args = ["--verify"] + (["--ca-file", self.servers.ca] if ca else [])
        return self.discover("taro@verify.test", *args, dns="127.0.0.1:%d" % self.dns.port,
                             connect_to=self.connect_to, ca=False)

    def test_verify_adds_what_the_servers_do(self):
        p = self.servers.ports
        r = self.verify(ca=True)
        imaps = r.server("incoming", "localhost", p["imaps"])
        pop3 = r.server("incoming", "localhost", p["pop3s"])
        expired = r.server("outgoing", "localhost", p["smtps-expired"])
        bad = r.server("outgoing", "localhost", p["smtp-bad"])
        for s in (imaps, pop3, expired, bad):
            self.assertIsNotNone(s, r.describe())
        probe_codes = {c for c in r.codes(r.servers()) if c.startswith("probe-")}
        self.assertTrue(probe_codes, r.describe())
        # one subTest per server, so every disagreement with the contract shows
        with self.subTest("imaps as published: trusted, reachable, same mode"):
            self.assertFalse({"verify-mode-differs", "probe-cert-untrusted", "probe-unreachable",
                              "probe-no-response"} & r.codes(imaps), imaps)
        with self.subTest("_pop3._tcp (STARTTLS) on an implicit-TLS port"):
            self.assertIn("verify-mode-differs", r.codes(pop3), pop3)
            self.assertEqual(pop3["verdict"], "error")
        with self.subTest("expired certificate"):
            self.assertIn("probe-cert-expired", r.codes(expired), expired)
            self.assertEqual(expired["verdict"], "error")
        with self.subTest("_submission._tcp (STARTTLS) on a port without STARTTLS"):
            self.assertIn("probe-starttls-missing", r.codes(bad), bad)
            self.assertIn("verify-mode-differs", r.codes(bad), bad)
            self.assertEqual(bad["verdict"], "error")
        with self.subTest("_submissions._tcp (implicit TLS) on a STARTTLS port"):
            starttls = r.server("outgoing", "localhost", p["submission"])
            self.assertIsNotNone(starttls, r.describe())
            self.assertEqual(starttls["tls"], "implicit")
            self.assertIn("verify-mode-differs", r.codes(starttls), starttls)
            self.assertEqual(starttls["verdict"], "error")
        with self.subTest("exit status"):
            self.assertExit(r, 2)  # every outgoing server is an error

    def test_verify_without_the_ca(self):
        r = self.verify(ca=False)
        imaps = r.server("incoming", "localhost", self.servers.ports["imaps"])
        self.assertIsNotNone(imaps, r.describe())
        self.assertIn("probe-cert-untrusted", r.codes(imaps), r.describe())

    def test_guess_probes_the_usual_names(self):
        p = self.servers.ports
        refuse = FX.refusing.tcp_port
        d = "guess.test"
        hosts = ["imap." + d, "pop3." + d, "pop." + d, "mail." + d, "smtp." + d, d]
        connect_to = ",".join(["imap.%s:993:127.0.0.1:%d" % (d, p["imaps"]),
                               "smtp.%s:465:127.0.0.1:%d" % (d, p["smtps"])] +
                              ["%s::127.0.0.1:%d" % (h, refuse) for h in hosts] + [FX.connect_to([])])
        r = self.discover("taro@" + d, "--guess", "--timeout", "5", dns="127.0.0.1:%d" % self.dns.port,
                          connect_to=connect_to, ca=False)
        self.assertLess(r.wall, 5 + MARGIN, r.describe())
        self.assertEqual([s["url_or_name"] for s in r.sources("guess")], hosts, r.describe())
        imap = r.server("incoming", "imap." + d, 993)
        smtp = r.server("outgoing", "smtp." + d, 465)
        self.assertIsNotNone(imap, r.describe())
        self.assertIsNotNone(smtp, r.describe())
        self.assertEqual((imap["tls"], smtp["tls"]), ("implicit", "implicit"))
        self.assertIn(("guess", "imap." + d), self.server_sources(imap))
        self.assertFalse([s for s in r.servers() if s["host"] in ("pop3." + d, "pop." + d, "mail." + d, d)],
                         r.describe())

    def relay(self, domain, *args, **more):
        return self.discover(domain, "--role", "relay", "--timeout", "8", "--ca-file", self.bundle, *args,
                             dns="127.0.0.1:%d" % self.dns.port, connect_to=self.relay_connect_to, ca=False, **more)

    def relay_codes(self, r):
        codes = {f["code"] for f in r.json["findings"]}
        for m in r.json["mx"]:
            codes |= {f["code"] for f in m["findings"]}
        return codes

    def test_relay_good_policy(self):
        r = self.relay("relay-good.test")
        j = r.json
        self.assertEqual(j["query"], {"domain": "relay-good.test", "role": "relay"}, r.describe())
        self.assertEqual([m["host"] for m in j["mx"]], ["localhost"], r.describe())
        m = j["mx"][0]
        self.assertTrue(m["probe"]["reachable"], r.describe())
        self.assertEqual(m["probe"]["tls"], "starttls", r.describe())
        self.assertIs(m["in_sts_policy"], True, r.describe())
        self.assertEqual(j["mta_sts"]["policy"], {"mode": "enforce", "mx": ["localhost"], "max_age": 86400})
        self.assertEqual(j["tls_rpt"]["rua"], ["mailto:tlsrpt@relay-good.test"])
        s = j["summary"]
        self.assertEqual((s["starttls"], s["certificate"], s["mta_sts"], s["tls_rpt"]), ("pass",) * 4, r.describe())
        # dnsmasq does not sign: the matching TLSA record is not judged, and not passed
        self.assertEqual(m["dane"]["result"], "not-validated", r.describe())
        self.assertFalse(m["dane"]["validated"])
        self.assertEqual(len(m["dane"]["records"]), 1)
        self.assertEqual(s["dane"], "not-judged")
        codes = self.relay_codes(r)
        self.assertIn("relay-dane-not-validated", codes)
        self.assertFalse({c for c in codes if c.startswith("relay-mta-sts") or c.startswith("relay-tls-rpt")},
                         r.describe())
        self.assertNotIn("relay-dane-match", codes)
        self.assertNotIn("relay-no-downgrade-protection", codes)  # the policy is enforced and met
        # Each MX gets the extra handshakes that `probe` makes of the same port.
        direct = subprocess.run([BINARY, "probe", "localhost", "--port", str(self.servers.ports["smtp"]),
                                 "--as", "smtp", "--json", "--ca-file", self.bundle, "--timeout", "8"],
                                stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
        offers = [e["offer"] for e in json.loads(direct.stdout)["results"][0]["extra_handshakes"]]
        self.assertIn("weak-cipher", offers, direct.stdout)  # Debian 12's OpenSSL: the NULL ciphers
        self.assertEqual([e["offer"] for e in m["probe"]["extra_handshakes"]], offers, r.describe())

    def test_relay_mx_not_in_policy(self):
        r = self.relay("relay-notin.test")
        self.assertIn("relay-mta-sts-mx-not-in-policy", self.relay_codes(r), r.describe())
        self.assertIs(r.json["mx"][0]["in_sts_policy"], False)
        self.assertEqual(r.json["summary"]["mta_sts"], "fail")
        self.assertExit(r, 2)

    def test_relay_policy_with_a_bad_certificate(self):
        r = self.relay("relay-badcert.test")
        self.assertIn("relay-mta-sts-policy-cert-invalid", self.relay_codes(r), r.describe())
        self.assertEqual(r.json["mta_sts"]["fetch_status"], "tls-error", r.describe())
        self.assertIsNone(r.json["mta_sts"]["policy"])
        self.assertExit(r, 2)

    def test_relay_policy_in_testing_mode(self):
        r = self.relay("relay-testing.test")
        codes = self.relay_codes(r)
        self.assertIn("relay-mta-sts-mode-testing", codes, r.describe())
        self.assertIn("relay-no-downgrade-protection", codes, r.describe())
        self.assertEqual(r.json["summary"]["mta_sts"], "warning")

    def test_relay_testing_mode_mx_not_in_policy_is_a_warning(self):
        r = self.relay("relay-testnotin.test")
        codes = self.relay_codes(r)
        self.assertIn("relay-mta-sts-testing-mx-not-in-policy", codes, r.describe())
        self.assertNotIn("relay-mta-sts-mx-not-in-policy", codes, r.describe())
        self.assertIs(r.json["mx"][0]["in_sts_policy"], False)
        self.assertEqual(r.json["summary"]["mta_sts"], "warning")

    def test_relay_malformed_policy_and_tls_rpt(self):
        r = self.relay("relay-malformed.test")
        codes = self.relay_codes(r)
        self.assertIn("relay-mta-sts-policy-malformed", codes, r.describe())
        self.assertIn("relay-tls-rpt-malformed", codes, r.describe())
        self.assertIsNotNone(r.json["mta_sts"]["policy_error"])
        self.assertEqual(r.json["summary"]["tls_rpt"], "fail")

    def test_relay_policy_behind_a_redirect_is_not_fetched(self):
        r = self.relay("relay-redirect.test")
        self.assertIn("relay-mta-sts-policy-unreachable", self.relay_codes(r), r.describe())
        self.assertIsNone(r.json["mta_sts"]["policy"], r.describe())
        self.assertEqual(r.json["summary"]["mta_sts"], "fail")
        self.assertFalse([l for l in FX.requests("mta-sts.relay-redirect.test") if "/moved.txt" in l],
                         "the redirect was followed")

    def test_relay_policy_not_text_plain(self):
        r = self.relay("relay-html.test")
        self.assertIn("relay-mta-sts-policy-malformed", self.relay_codes(r), r.describe())
        self.assertIn("text/html", r.json["mta_sts"]["policy_error"], r.describe())
        self.assertIsNone(r.json["mta_sts"]["policy"])
        self.assertEqual(r.json["summary"]["mta_sts"], "fail")

    def test_relay_without_policies(self):
        r = self.relay("relay-none.test")
        codes = self.relay_codes(r)
        for code in ("relay-mta-sts-missing", "relay-tls-rpt-missing", "relay-no-downgrade-protection",
                     "relay-dane-not-validated", "probe-cert-name-mismatch"):
            self.assertIn(code, codes, r.describe())
        m = r.json["mx"][0]
        self.assertIsNone(m["in_sts_policy"])
        self.assertEqual(m["dane"]["records"][0]["data"], "ab" * 32)
        self.assertEqual(r.json["summary"]["certificate"], "fail")

    def validated(self, domain):
        if self.unbound is None:
            self.skipTest("unbound or ldnsutils missing: " + ", ".join(fx_mod.ValidatingResolver.missing()))
        return self.discover(domain, "--role", "relay", "--timeout", "8", "--ca-file", self.bundle,
                             dns="127.0.0.1:%d" % self.unbound.port, connect_to=self.relay_connect_to, ca=False)

    def test_relay_dane_validated_match(self):
        r = self.validated("relay-dane.test")
        m = r.json["mx"][0]
        self.assertEqual(m["host"], "mx.relay-dane.test", r.describe())
        self.assertTrue(m["dane"]["validated"], r.describe())
        self.assertEqual(m["dane"]["result"], "match", r.describe())
        codes = self.relay_codes(r)
        self.assertIn("relay-dane-match", codes)
        self.assertNotIn("relay-dane-not-validated", codes)
        self.assertNotIn("relay-no-downgrade-protection", codes)  # DANE on every MX
        self.assertEqual(r.json["summary"]["dane"], "pass")

    def test_relay_dane_validated_mismatch(self):
        r = self.validated("relay-danebad.test")
        m = r.json["mx"][0]
        self.assertTrue(m["dane"]["validated"], r.describe())
        self.assertEqual(m["dane"]["result"], "mismatch", r.describe())
        self.assertIn("relay-dane-mismatch", self.relay_codes(r))
        self.assertEqual(r.json["summary"]["dane"], "fail")
        self.assertExit(r, 2)

    def test_relay_dane_pkix_usages_are_unusable(self):
        r = self.validated("relay-danepkix.test")
        m = r.json["mx"][0]
        self.assertTrue(m["dane"]["validated"], r.describe())
        self.assertEqual(m["dane"]["result"], "unusable", r.describe())
        codes = self.relay_codes(r)
        self.assertIn("relay-dane-unusable", codes)
        self.assertFalse({"relay-dane-match", "relay-dane-mismatch"} & codes, r.describe())
        self.assertEqual(r.json["summary"]["dane"], "absent")

    def test_relay_dane_ta_key_signed_the_certificate(self):
        r = self.validated("relay-daneta.test")
        m = r.json["mx"][0]
        self.assertEqual([m["dane"]["result"], m["dane"]["detail"]], ["match", "2 1 0"], r.describe())
        codes = self.relay_codes(r)
        self.assertIn("relay-dane-match", codes)
        self.assertFalse({"relay-dane-mismatch", "relay-dane-ta-not-checked"} & codes, r.describe())
        self.assertEqual(r.json["summary"]["dane"], "pass")

    def test_relay_dane_ta_certificate_not_sent_is_a_mismatch(self):
        r = self.validated("relay-danetaunsent.test")
        m = r.json["mx"][0]
        self.assertEqual([m["dane"]["result"], m["dane"]["detail"]], ["mismatch", "2 0 1"], r.describe())
        self.assertIn("relay-dane-mismatch", self.relay_codes(r))
        self.assertEqual(r.json["summary"]["dane"], "fail")

    def test_relay_text_and_japanese(self):
        r = self.relay("relay-good.test", json_out=False)
        self.assertIn("MX 10 localhost", r.stdout, r.describe())
        self.assertIn("MTA-STS", r.stdout)
        r = self.discover("relay-good.test", "--role", "relay", "--timeout", "8", "--ca-file", self.bundle,
                          dns="127.0.0.1:%d" % self.dns.port, connect_to=self.relay_connect_to, ca=False,
                          json_out=False, lang="ja_JP.UTF-8")
        self.assertIn("まとめ", r.stdout, r.describe())

    def test_probe_role_relay(self):
        run = Run(["localhost", "--role", "relay", "--json", "--timeout", "8", "--ca-file", self.bundle,
                   "--dns-server", "127.0.0.1:%d" % self.dns.port], environment(self.relay_connect_to, "C"),
                  command="probe")
        self.assertIsNotNone(run.json, run.describe())
        relay = run.json["relay"]
        self.assertEqual(run.json["query"], {"host": "localhost", "role": "relay"})
        self.assertEqual(relay["probe"]["port"], 25, run.describe())
        self.assertEqual(relay["probe"]["tls"], "starttls", run.describe())
        self.assertEqual(relay["dane"]["result"], "not-validated", run.describe())
        # a mail domain rather than an MX host: pointed to discover --role relay
        run = Run(["relay-good.test", "--role", "relay", "--timeout", "3", "--ca-file", self.bundle,
                   "--dns-server", "127.0.0.1:%d" % self.dns.port], environment(self.relay_connect_to, "C"),
                  command="probe")
        self.assertIn("discover relay-good.test --role relay", run.stderr, run.describe())

    def test_no_probe_without_verify(self):
        r = self.discover("taro@verify.test", dns="127.0.0.1:%d" % self.dns.port, connect_to=self.connect_to,
                          ca=False)
        self.assertIsNotNone(r.server("incoming", "localhost", self.servers.ports["imaps"]), r.describe())
        self.assertFalse({c for c in r.codes(r.servers()) if c.startswith("probe-") or c == "verify-mode-differs"},
                         r.describe())


# ---------------------------------------------------------------------------

def main():
    global BINARY
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    opts, rest = parser.parse_known_args()
    BINARY = os.path.abspath(opts.binary)
    gone = fx_mod.missing()
    if gone:
        if REQUIRE:
            print("FAIL: MAILPORTS_REQUIRE_SERVERS=1, but missing: " + ", ".join(gone))
            return 1
        print("SKIP: missing " + ", ".join(gone))
        return 77
    program = unittest.main(argv=[sys.argv[0], *rest], exit=False)
    result = program.result
    if REQUIRE and result.skipped:
        print("FAIL: MAILPORTS_REQUIRE_SERVERS=1, but skipped: %s" % [str(t) for t, _ in result.skipped])
        return 1
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())

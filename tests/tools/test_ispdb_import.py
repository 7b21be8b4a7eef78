"""Tests for data/tools/ispdb_import.py and the committed data/providers.json.

Run from the repo root:  python3 -m unittest discover -s tests/tools -v
                    or:  python3 tests/tools/test_ispdb_import.py
"""
import contextlib
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
IMPORTER = os.path.join(REPO, "data", "tools", "ispdb_import.py")
OVERRIDES = os.path.join(REPO, "data", "tools", "provider-overrides.json")
PROVIDERS = os.path.join(REPO, "data", "providers.json")
SCHEMA = os.path.join(REPO, "data", "providers.schema.json")
FIXTURES = os.path.join(REPO, "tests", "data", "ispdb")
ISPDB = os.path.abspath(os.path.join(REPO, os.environ.get("MAILPORTS_ISPDB_DIR", "../shared/ispdb")))

spec = importlib.util.spec_from_file_location("ispdb_import", IMPORTER)
ispdb_import = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ispdb_import)

try:
    import jsonschema
except ImportError:  # Debian: apt-get install -y python3-jsonschema
    # CI sets this so that the schema tests cannot be skipped silently.
    if os.environ.get("MAILPORTS_REQUIRE_JSONSCHEMA") == "1":
        raise
    jsonschema = None

SOURCE_MD = """# Source
- Repository: https://example.invalid/ispdb (folder `ispdb/`)
- Commit: 0123456789abcdef0123456789abcdef01234567
- Commit date: 2000-01-01 00:00:00 +0000
- License: Mozilla Public License 2.0 (MPL-2.0)
"""


def run_importer(ispdb, out, overrides=None, source_md=None):
    """Run the importer in-process; return (exit code, stdout, stderr)."""
    argv = ["--ispdb", ispdb, "--source-md", source_md or os.path.join(ispdb, "SOURCE.md"), "--out", out]
    if overrides:
        argv += ["--overrides", overrides]
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = ispdb_import.main(argv)
    return code, stdout.getvalue(), stderr.getvalue()


def by_file(doc, fname):
    return next(p for p in doc["providers"] if p["file"] == fname)


def has_server(servers, proto, port, tls):
    return any(s["proto"] == proto and s["port"] == port and s["tls"] == tls for s in servers)


class FixtureImport(unittest.TestCase):
    """Import the synthetic fixtures once and inspect output and defect report."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.source_md = os.path.join(cls.tmp.name, "SOURCE.md")
        with open(cls.source_md, "w", encoding="utf-8") as f:
            f.write(SOURCE_MD)
        cls.out = os.path.join(cls.tmp.name, "providers.json")
        cls.code, cls.stdout, _ = run_importer(FIXTURES, cls.out, source_md=cls.source_md)
        with open(cls.out, encoding="utf-8") as f:
            cls.doc = json.load(f)
        cls.lines = cls.stdout.splitlines()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def defects(self, fname):
        prefix = f"DEFECT {fname}: "
        return [line[len(prefix):] for line in self.lines if line.startswith(prefix)]

    def assertDefect(self, fname, *fragments):
        matching = [d for d in self.defects(fname) if all(f in d for f in fragments)]
        self.assertEqual(len(matching), 1, f"{fname}: want one defect with {fragments}, got {self.defects(fname)}")

    def test_exit_code_and_summary(self):
        self.assertEqual(self.code, 0)
        self.assertEqual(self.lines[-1], "imported 10 providers, 13 domains, 21 defects")
        self.assertEqual(len([l for l in self.lines if l.startswith("DEFECT ")]), 21)

    def test_clean_file_is_imported_exactly(self):
        self.assertEqual(self.defects("good.example.xml"), [])
        self.assertEqual(by_file(self.doc, "good.example.xml"), {
            "id": "good.example", "ispdb_id": "good.example", "file": "good.example.xml",
            "name": "Good Mail", "short_name": "Good",
            "domains": ["good.example", "mail.good.example"],  # lowercased, trailing dot stripped
            "docs": ["https://help.good.example/mail"],
            "documentation": [{"url": "https://help.good.example/mail",
                               "descriptions": [{"lang": "en", "text": "Settings"}]}],
            "enable": None, "auth_facts": None,
            "oauth2": True,  # from the OAuth2 authentication of the imap server
            "incoming": [
                {"proto": "imap", "host": "imap.good.example", "port": 993, "tls": "implicit",
                 "username": "%EMAILADDRESS%", "auth": ["OAuth2", "password-cleartext"],
                 "leave_messages_on_server": None},
                {"proto": "pop3", "host": "pop.%EMAILDOMAIN%", "port": 995, "tls": "implicit",
                 "username": "%EMAILLOCALPART%", "auth": ["password-cleartext"],
                 "leave_messages_on_server": False},
            ],
            "outgoing": [
                {"proto": "smtp", "host": "smtp.good.example", "port": 587, "tls": "starttls",
                 "username": "%EMAILLOCALPART%@%EMAILDOMAIN%", "auth": ["password-encrypted"],
                 "leave_messages_on_server": None},
            ],
            "notes": [],
        })

    def test_enable_documentation_and_placeholder_host(self):
        self.assertEqual(self.defects("enable.example.xml"), [])
        p = by_file(self.doc, "enable.example.xml")
        self.assertEqual(p["enable"], {
            "url": "https://enable.example/settings/imap",
            "instructions": [{"lang": "en", "text": "Allow IMAP access once in the web mail settings."},
                             {"lang": "de", "text": "Erlauben Sie einmalig den IMAP-Zugriff."}]})
        self.assertEqual(p["documentation"], [
            {"url": "https://help.enable.example/imap",  # white space folded
             "descriptions": [{"lang": "en", "text": "IMAP settings for clients"},
                              {"lang": "de", "text": "IMAP-Einstellungen"}]},
            {"url": "https://help.enable.example/bare", "descriptions": []}])
        self.assertEqual(p["docs"], ["https://help.enable.example/imap", "https://help.enable.example/bare"])
        self.assertEqual(p["incoming"][0]["host"], "imap.%EMAILDOMAIN%", "placeholder host kept as written")

    def test_enable_outside_email_provider_is_still_imported(self):
        # Reported (clients ignore it there), but its step is still true.
        p = by_file(self.doc, "typos.example.xml")
        self.assertEqual(p["enable"], {"url": "https://typos.example/settings",
                                       "instructions": [{"lang": "en", "text": "Enable IMAP first"}]})
        self.assertEqual(p["documentation"], [{"url": "https://help.typos.example/clients",
                                               "descriptions": [{"lang": "en", "text": "Client setup"}]}])

    def test_ids_are_unique_and_ispdb_id_kept(self):
        ids = [p["id"] for p in self.doc["providers"]]
        self.assertEqual(len(ids), len(set(ids)))
        a, b = by_file(self.doc, "dupes-a.example.xml"), by_file(self.doc, "dupes-b.example.xml")
        self.assertEqual((a["id"], a["ispdb_id"]), ("dupes-a.example", "dupes.example"))
        self.assertEqual((b["id"], b["ispdb_id"]), ("dupes-b.example", "dupes.example"))
        good = by_file(self.doc, "good.example.xml")
        self.assertEqual(good["id"], good["ispdb_id"], "a unique ISPDB id is kept")

    def test_source_block_from_source_md(self):
        self.assertEqual(self.doc["schema_version"], 2)
        self.assertEqual(self.doc["source"], {
            "name": "Thunderbird ISPDB", "repository": "https://example.invalid/ispdb",
            "commit": "0123456789abcdef0123456789abcdef01234567", "date": "2000-01-01 00:00:00 +0000",
            "license": "MPL-2.0", "note": "Generated by data/tools/ispdb_import.py; do not edit by hand."})

    def test_providers_sorted_by_id_then_file(self):
        keys = [(p["id"], p["file"]) for p in self.doc["providers"]]
        self.assertEqual(keys, sorted(keys))
        self.assertEqual(len(keys), 10)

    def test_unclosed_placeholder_is_repaired_and_marked(self):
        self.assertDefect("placeholder.example.xml", "<username>", "'%EMAILADDRESS'", "repaired to '%EMAILADDRESS%'")
        imap = by_file(self.doc, "placeholder.example.xml")["incoming"][0]
        self.assertEqual(imap["username"], "%EMAILADDRESS%")
        self.assertIn("'%EMAILADDRESS' -> '%EMAILADDRESS%'", imap["source"])

    def test_unknown_placeholder_is_kept_as_written(self):
        self.assertDefect("placeholder.example.xml", "'%USER%'", "kept as written")
        smtp = by_file(self.doc, "placeholder.example.xml")["outgoing"][0]
        self.assertEqual(smtp["username"], "%USER%")
        self.assertNotIn("source", smtp)

    def test_url_only_servers_have_null_tls(self):
        self.assertDefect("urlonly.example.xml", "#2 (ews)", "no <socketType>")
        self.assertDefect("urlonly.example.xml", "#3 (graph)", "no <socketType>")
        self.assertDefect("urlonly.example.xml", "#3 (graph)", "no <url>")
        p = by_file(self.doc, "urlonly.example.xml")
        ews = p["incoming"][1]
        self.assertEqual((ews["proto"], ews["host"], ews["port"], ews["tls"]), ("ews", None, None, None))
        self.assertEqual(ews["url"], "https://mail.urlonly.example/ews/exchange.asmx")
        self.assertTrue(p["oauth2"], "an <oAuth2> element must set oauth2 even without OAuth2 auth")

    def test_cleartext_only_providers(self):
        self.assertDefect("cleartext.example.xml", "publishes only cleartext settings")
        self.assertDefect("halfplain.example.xml", "publishes only cleartext incoming settings")
        self.assertEqual(by_file(self.doc, "cleartext.example.xml")["outgoing"][0]["tls"], "none")

    def test_port_defects(self):
        self.assertDefect("ports.example.xml", "outgoingServer #1 (smtp)", "non-standard port 586")
        self.assertDefect("ports.example.xml", "outgoingServer #2 (smtp)", "SSL", "port 587")
        self.assertDefect("ports.example.xml", "incomingServer #2 (pop3)", "invalid <port> 'pop'")
        self.assertDefect("ports.example.xml", "incomingServer #2 (pop3)", "missing <socketType>")
        self.assertDefect("ports.example.xml", "incomingServer #2 (pop3)", "leaveMessagesOnServer", "'maybe'")
        self.assertDefect("ports.example.xml", "incomingServer #1 (imap)", "missing <hostname>")
        p = by_file(self.doc, "ports.example.xml")
        self.assertEqual(p["incoming"][0]["host"], None)
        self.assertEqual((p["incoming"][1]["port"], p["incoming"][1]["tls"]), (None, None))
        self.assertEqual(p["outgoing"][0]["port"], 586, "non-standard ports are reported, not dropped")

    def test_duplicates_within_and_across_files(self):
        self.assertDefect("dupes-b.example.xml", "'dupes-b.example' listed more than once")
        self.assertDefect("dupes-b.example.xml", "'shared.example'", "dupes-a.example.xml")
        self.assertDefect("dupes-b.example.xml", "id 'dupes.example'", "dupes-a.example.xml")
        self.assertEqual(self.defects("dupes-a.example.xml"), [], "the first owner is not blamed")
        self.assertEqual(by_file(self.doc, "dupes-b.example.xml")["domains"], ["dupes-b.example", "shared.example"])

    def test_misspelt_and_misplaced_elements(self):
        self.assertDefect("typos.example.xml", "<displayNameShort>")
        self.assertDefect("typos.example.xml", "<instruction url=...>")
        self.assertDefect("typos.example.xml", "<enable> is a child of <clientConfig>")
        self.assertDefect("typos.example.xml", "unknown <socketType> 'TLS'")
        self.assertDefect("typos.example.xml", "outgoingServer #1 (smtp)", "no <username>")
        p = by_file(self.doc, "typos.example.xml")
        self.assertEqual(p["short_name"], "Typos")
        self.assertEqual(p["docs"], ["https://help.typos.example/clients"])
        self.assertIsNone(p["incoming"][0]["tls"])

    @unittest.skipIf(jsonschema is None, "jsonschema not importable (apt-get install -y python3-jsonschema)")
    def test_fixture_output_matches_schema(self):
        with open(SCHEMA, encoding="utf-8") as f:
            jsonschema.Draft202012Validator(json.load(f)).validate(self.doc)


class ImporterBehaviour(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.dir = self.tmp.name
        self.source_md = os.path.join(self.dir, "SOURCE.md")
        with open(self.source_md, "w", encoding="utf-8") as f:
            f.write(SOURCE_MD)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write_overrides(self, data):
        with open(self.path("ov.json"), "w", encoding="utf-8") as f:
            json.dump(data, f)
        return self.path("ov.json")

    def cli(self, *args):
        return subprocess.run([sys.executable, IMPORTER, *args], capture_output=True, text=True)

    def test_output_is_deterministic(self):
        for name in ("a.json", "b.json"):
            self.assertEqual(run_importer(FIXTURES, self.path(name), source_md=self.source_md)[0], 0)
        with open(self.path("a.json"), "rb") as a, open(self.path("b.json"), "rb") as b:
            data = a.read()
            self.assertEqual(data, b.read())
        self.assertTrue(data.endswith(b"}\n"))
        self.assertIn("\n \"providers\": [".encode(), data, "stable indentation")

    def test_override_adds_server_with_source_and_note(self):
        server = {"proto": "smtp", "host": "smtp.good.example", "port": 465, "tls": "implicit",
                  "username": "%EMAILADDRESS%", "auth": ["OAuth2"], "leave_messages_on_server": None,
                  "source": "Good help page"}
        note = {"source": "Good help page", "url": "https://help.good.example/smtp", "text": "adds 465",
                "text_ja": "465 を追加"}
        ov = self.write_overrides({"_comment": "x", "good.example": {"add_outgoing": [server], "notes": [note]}})
        code, _, _ = run_importer(FIXTURES, self.path("o.json"), ov, self.source_md)
        self.assertEqual(code, 0)
        with open(self.path("o.json"), encoding="utf-8") as f:
            p = by_file(json.load(f), "good.example.xml")
        self.assertEqual(p["outgoing"][-1], server)
        self.assertEqual(len(p["outgoing"]), 2, "ISPDB server kept, override appended")
        self.assertNotIn("source", p["outgoing"][0])
        self.assertEqual(p["notes"], [note])

    def test_override_auth_facts_and_unverified_server(self):
        facts = {"kind": "oauth2-only", "where": {"en": "Use OAuth2.", "ja": "OAuth2 を使います。"},
                 "url": "https://help.good.example/oauth", "checked": "2026-12-01", "verified": True}
        server = {"proto": "imap", "host": "imap2.good.example", "port": 993, "tls": "implicit",
                  "username": "%EMAILADDRESS%", "auth": ["OAuth2"], "leave_messages_on_server": None,
                  "source": "not sourced", "unverified": True}
        ov = self.write_overrides({"dupes-b.example": {"auth_facts": facts, "add_incoming": [server]}})
        code, _, err = run_importer(FIXTURES, self.path("o.json"), ov, self.source_md)
        self.assertEqual(code, 0, err)
        with open(self.path("o.json"), encoding="utf-8") as f:
            doc = json.load(f)
        p = by_file(doc, "dupes-b.example.xml")  # keyed by the unique id
        self.assertEqual(p["auth_facts"], facts)
        self.assertEqual(p["incoming"][-1], server)
        self.assertIsNone(by_file(doc, "dupes-a.example.xml")["auth_facts"])

    def test_override_already_in_ispdb_is_skipped_with_warning(self):
        server = {"proto": "smtp", "host": "smtp.good.example", "port": 587, "tls": "starttls",
                  "username": None, "auth": [], "leave_messages_on_server": None, "source": "s"}
        ov = self.write_overrides({"good.example": {"add_outgoing": [server]}})
        code, _, err = run_importer(FIXTURES, self.path("o.json"), ov, self.source_md)
        self.assertEqual(code, 0)
        self.assertIn("WARNING override good.example", err)
        with open(self.path("o.json"), encoding="utf-8") as f:
            self.assertEqual(len(by_file(json.load(f), "good.example.xml")["outgoing"]), 1)

    def test_bad_overrides_fail(self):
        note = {"source": "s", "url": "https://x.example/", "text": "t", "text_ja": "t"}
        facts = {"kind": "app-password", "where": {"en": "e", "ja": "j"}, "url": "https://x.example/",
                 "checked": "2026-12-01", "verified": False}
        cases = [{"nosuch.example": {"notes": []}},               # unknown provider
                 {"dupes.example": {"notes": []}},                # ISPDB's shared id: not a provider id
                 {"good.example": {"notes": [{"source": "s", "text": "t"}]}},  # no url, no text_ja
                 {"good.example": {"notes": [dict(note, url="http://x.example/")]}},  # not https
                 {"good.example": {"notes": [dict(note, text_ja="")]}},          # empty Japanese
                 {"good.example": {"auth_facts": dict(facts, kind="magic")}},
                 {"good.example": {"auth_facts": dict(facts, where={"en": "e"})}},
                 {"good.example": {"auth_facts": dict(facts, checked="yesterday")}},
                 {"good.example": {"auth_facts": dict(facts, url=None)}},
                 {"good.example": {"auth_facts": {k: v for k, v in facts.items() if k != "verified"}}},
                 {"good.example": {"replace_outgoing": []}},      # unsupported key
                 {"good.example": {"add_incoming": [{"proto": "imap"}]}}]  # incomplete server
        for data in cases:
            with self.subTest(data=data):
                code, _, err = run_importer(FIXTURES, self.path("o.json"), self.write_overrides(data), self.source_md)
                self.assertEqual(code, 1)
                self.assertIn("error:", err)
                self.assertFalse(os.path.exists(self.path("o.json")), "nothing written on failure")

    def test_unparsable_xml_fails_naming_the_file(self):
        os.mkdir(self.path("in"))
        with open(self.path("in/broken.example.xml"), "w", encoding="utf-8") as f:
            f.write("<clientConfig version='1.1'><emailProvider id='x'>")
        with open(self.path("out.json"), "w", encoding="utf-8") as f:
            f.write("previous\n")
        r = self.cli("--ispdb", self.path("in"), "--source-md", self.source_md, "--out", self.path("out.json"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("broken.example.xml", r.stderr)
        with open(self.path("out.json"), encoding="utf-8") as f:
            self.assertEqual(f.read(), "previous\n", "existing output untouched")

    def test_missing_or_empty_input_dir_fails(self):
        os.mkdir(self.path("empty"))
        for d in (self.path("empty"), self.path("does-not-exist")):
            with self.subTest(dir=d):
                r = self.cli("--ispdb", d, "--source-md", self.source_md, "--out", self.path("out.json"))
                self.assertEqual(r.returncode, 1)
                self.assertIn("error:", r.stderr)
                self.assertFalse(os.path.exists(self.path("out.json")))

    def test_source_md_without_commit_fails(self):
        with open(self.source_md, "w", encoding="utf-8") as f:
            f.write("- Repository: https://example.invalid/x\n- License: MPL-2.0\n")
        self.assertEqual(run_importer(FIXTURES, self.path("out.json"), source_md=self.source_md)[0], 1)

    def test_atomic_write_keeps_old_file_on_failure(self):
        target = self.path("out.json")
        with open(target, "w", encoding="utf-8") as f:
            f.write("old\n")
        with self.assertRaises(UnicodeEncodeError):
            ispdb_import.write_atomic(target, "new \ud800")  # lone surrogate cannot be encoded mid-write
        with open(target, encoding="utf-8") as f:
            self.assertEqual(f.read(), "old\n")
        self.assertEqual(sorted(os.listdir(self.dir)), ["SOURCE.md", "out.json"], "temp file removed")


class CommittedProviders(unittest.TestCase):
    """Checks on the committed data/providers.json."""

    @classmethod
    def setUpClass(cls):
        with open(PROVIDERS, encoding="utf-8") as f:
            cls.doc = json.load(f)

    def provider(self, domain):
        found = [p for p in self.doc["providers"] if domain in p["domains"]]
        self.assertEqual(len(found), 1, f"exactly one provider must claim {domain}")
        return found[0]

    @unittest.skipIf(jsonschema is None, "jsonschema not importable (apt-get install -y python3-jsonschema)")
    def test_matches_schema(self):
        with open(SCHEMA, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.Draft202012Validator(schema).validate(self.doc)

    def test_attribution(self):
        src = self.doc["source"]
        self.assertEqual(src["license"], "MPL-2.0")
        self.assertEqual(src["repository"], "https://github.com/thunderbird/autoconfig")
        self.assertRegex(src["commit"], r"^[0-9a-f]{40}$")

    def test_size(self):
        self.assertEqual(len(self.doc["providers"]), 163)
        self.assertEqual(sum(len(p["domains"]) for p in self.doc["providers"]), 962)

    # Seed guides: settings the providers publish in their own help pages.
    def test_seed_gmail(self):
        p = self.provider("gmail.com")
        self.assertTrue(has_server(p["incoming"], "imap", 993, "implicit"))
        self.assertTrue(has_server(p["incoming"], "pop3", 995, "implicit"))
        self.assertTrue(has_server(p["outgoing"], "smtp", 465, "implicit"))
        self.assertTrue(has_server(p["outgoing"], "smtp", 587, "starttls"))

    def test_seed_outlook(self):
        for domain in ("outlook.com", "hotmail.com"):
            p = self.provider(domain)
            self.assertTrue(has_server(p["incoming"], "pop3", 995, "implicit"))
            self.assertTrue(has_server(p["incoming"], "imap", 993, "implicit"))
            self.assertTrue(has_server(p["outgoing"], "smtp", 587, "starttls"))

    def test_seed_icloud(self):
        for domain in ("icloud.com", "me.com"):
            p = self.provider(domain)
            self.assertTrue(has_server(p["incoming"], "imap", 993, "implicit"))
            self.assertTrue(has_server(p["outgoing"], "smtp", 587, "starttls"))

    def test_seed_yahoo_japan(self):
        p = self.provider("yahoo.co.jp")
        self.assertTrue(has_server(p["incoming"], "pop3", 995, "implicit"))
        self.assertTrue(has_server(p["incoming"], "imap", 993, "implicit"))
        self.assertTrue(has_server(p["outgoing"], "smtp", 465, "implicit"))

    def test_overridden_servers_carry_source_and_note(self):
        gmail = self.provider("gmail.com")
        added = [s for s in gmail["outgoing"] if s["port"] == 587]
        self.assertEqual(len(added), 1)
        self.assertIn("https://support.google.com/mail/answer/7126229", added[0]["source"])
        self.assertTrue(gmail["notes"])
        imap = [s for s in self.provider("yahoo.co.jp")["incoming"] if s["proto"] == "imap"]
        self.assertIn("source", imap[0])
        # No Yahoo! JAPAN page could be cited for its IMAP server: it says so, in both languages.
        self.assertTrue(imap[0]["unverified"])
        note = self.provider("yahoo.co.jp")["notes"][0]
        self.assertIn("no Yahoo! JAPAN page", note["text"])
        self.assertIn("出典として示せなかった", note["text_ja"])
        # Servers straight from ISPDB carry no source.
        self.assertTrue(all("source" not in s for s in self.provider("outlook.com")["incoming"]))

    def test_ids_unique(self):
        ids = [p["id"] for p in self.doc["providers"]]
        self.assertEqual(len(ids), len(set(ids)))
        zoho = [p for p in self.doc["providers"] if p["ispdb_id"] == "zoho.com"]
        self.assertEqual(sorted(p["id"] for p in zoho),
                         ["zoho.com", "zoho.com.au", "zoho.eu", "zoho.in", "zoho.jp", "zohocloud.ca"])
        for p in self.doc["providers"]:
            self.assertIn(p["id"], (p["ispdb_id"], p["file"][:-len(".xml")]))

    def test_every_override_cites_a_url_and_speaks_both_languages(self):
        for p in self.doc["providers"]:
            with self.subTest(provider=p["id"]):
                for note in p["notes"]:
                    self.assertRegex(note["url"], r"^https://")
                    self.assertTrue(note["text"] and note["text_ja"])
                    self.assertNotIn("seed guide", note["source"] + note["text"])
                for s in p["incoming"] + p["outgoing"]:
                    if "source" in s and not s["source"].startswith("ispdb_import.py repaired"):
                        self.assertTrue("https://" in s["source"] or s.get("unverified"),
                                        f"added server without a URL: {s}")
                        self.assertNotIn("seed guide", s["source"])
                f = p["auth_facts"]
                if f:
                    self.assertRegex(f["url"], r"^https://")
                    self.assertTrue(f["where"]["en"] and f["where"]["ja"])
                    self.assertRegex(f["checked"], r"^\d{4}-\d{2}-\d{2}$")

    def test_auth_facts_cover_the_big_providers(self):
        want = {"gmail.com": "app-password", "icloud.com": "app-password", "outlook.com": "oauth2-only",
                "hotmail.com": "oauth2-only", "yahoo.co.jp": "password", "yahoo.com": "app-password",
                "aol.com": "app-password", "gmx.net": "password", "zoho.com": "password",
                "zoho.eu": "password", "biglobe.ne.jp": "password", "nifty.com": "password",
                "ocn.ne.jp": "password", "ybb.ne.jp": "password", "i.softbank.jp": "password",
                "goo.jp": "password"}
        for domain, kind in want.items():
            with self.subTest(domain=domain):
                self.assertEqual(self.provider(domain)["auth_facts"]["kind"], kind)

    def test_enable_steps_imported(self):
        for domain in ("gmail.com", "gmx.net", "web.de", "t-online.de", "yandex.ru"):
            with self.subTest(domain=domain):
                enable = self.provider(domain)["enable"]
                self.assertIsNotNone(enable)
                self.assertTrue(enable["instructions"])

    def test_office365_placeholder_repaired(self):
        p = self.provider("office365.com")
        for s in p["incoming"] + p["outgoing"]:
            self.assertNotRegex(s["username"] or "", r"%EMAILADDRESS(?!%)")
        self.assertEqual(sum("source" in s for s in p["incoming"]), 2)  # ews and owa


@unittest.skipUnless(os.path.isfile(os.path.join(ISPDB, "SOURCE.md")),
                     f"ISPDB not found at {ISPDB} (set MAILPORTS_ISPDB_DIR)")
class RegenerateFromIspdb(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.out = os.path.join(cls.tmp.name, "providers.json")
        cls.code, cls.stdout, cls.stderr = run_importer(ISPDB, cls.out, OVERRIDES)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_byte_identical_to_committed(self):
        self.assertEqual(self.code, 0, self.stderr)
        with open(self.out, "rb") as new, open(PROVIDERS, "rb") as committed:
            self.assertTrue(new.read() == committed.read(),
                            "data/providers.json is stale: regenerate it (see data/tools/README.md)")

    def test_known_ispdb_defects_reported(self):
        expected = [
            ("office365.com.xml", "(ews) <username>: malformed placeholder '%EMAILADDRESS'"),
            ("office365.com.xml", "(owa) <username>: malformed placeholder '%EMAILADDRESS'"),
            ("office365.com.xml", "(graph): no <socketType>"),
            ("rediffmail.com.xml", "non-standard port 586 for smtp"),
            ("nifty.com.xml", "publishes only cleartext settings"),
            ("cty-net.ne.jp.xml", "'cty-net.ne.jp' listed more than once"),
            ("zoho.eu.xml", "id 'zoho.com' duplicates"),
        ]
        for fname, fragment in expected:
            with self.subTest(fname=fname):
                self.assertTrue(any(l.startswith(f"DEFECT {fname}: ") and fragment in l
                                    for l in self.stdout.splitlines()), fragment)
        self.assertRegex(self.stdout.splitlines()[-1], r"^imported 163 providers, 962 domains, \d+ defects$")


if __name__ == "__main__":
    unittest.main()

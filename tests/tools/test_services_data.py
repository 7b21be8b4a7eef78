"""data/services.json: its schema, and what every entry must have (a source
URL, every text in English and Japanese, unique ids and names), read
independently of the C++ loader."""

import copy
import json
import os
import subprocess
import unittest

try:
    import jsonschema
except ImportError:  # Debian: apt-get install -y python3-jsonschema
    if os.environ.get("MAILPORTS_REQUIRE_JSONSCHEMA") == "1":
        raise
    jsonschema = None

NODEMAILER = "/usr/share/nodejs/nodemailer/lib/well-known/services.json"
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def load(name):
    with open(os.path.join(ROOT, "data", name), encoding="utf-8") as f:
        return json.load(f)


class ServicesData(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = load("services.json")
        cls.entries = cls.doc["entries"]
        cls.rules = load("rules.json")

    @unittest.skipIf(jsonschema is None, "jsonschema not importable (apt-get install -y python3-jsonschema)")
    def test_schema(self):
        validator = jsonschema.Draft202012Validator(load("services.schema.json"))
        validator.validate(self.doc)
        broken = copy.deepcopy(self.doc)
        del broken["entries"][0]["auth"]["ja"]
        self.assertFalse(validator.is_valid(broken))

    def test_every_entry_has_a_source_url(self):
        for e in self.entries:
            with self.subTest(id=e["id"]):
                self.assertTrue(e["sources"])
                for s in e["sources"]:
                    self.assertRegex(s["url"], r"^https?://")
                    self.assertIsInstance(s["verified"], bool)

    def test_every_text_has_en_and_ja(self):
        for e in self.entries:
            for key in ("username_rule", "auth"):
                with self.subTest(id=e["id"], key=key):
                    self.assertEqual(set(e[key]), {"en", "ja"})
                    self.assertTrue(e[key]["en"].strip())
                    self.assertTrue(e[key]["ja"].strip())
                    # Japanese text, not a copy of the English.
                    self.assertNotEqual(e[key]["en"], e[key]["ja"])

    def test_ids_and_names_are_unique(self):
        ids = [e["id"] for e in self.entries]
        self.assertEqual(len(ids), len(set(ids)))
        names = ids + [a for e in self.entries for a in e["aliases"]]
        self.assertEqual(len(names), len(set(names)))

    def test_the_issue_s_services_and_hosts_are_there(self):
        ids = {e["id"] for e in self.entries}
        for wanted in ("sendgrid", "mailgun", "mailgun-eu", "ses", "postmark", "smtp2go", "brevo",
                       "sparkpost", "mailjet", "resend", "mailersend", "zeptomail",
                       "xserver", "sakura", "lolipop", "conoha-wing"):
            self.assertIn(wanted, ids)

    def test_unverified_entries_say_so_in_their_text(self):
        # An entry whose own pages were not read says it in both languages.
        for e in self.entries:
            if not e["verified"]:
                with self.subTest(id=e["id"]):
                    self.assertTrue(any(not s["verified"] for s in e["sources"]) or
                                    "unconfirmed" in e["auth"]["en"] + e["username_rule"]["en"]
                                    or "could not be read" in e["auth"]["en"])

    def test_unverified_entries_mark_every_server(self):
        # Not read on the entry's own pages: each server says so and ranks
        # after any verified one; a verified entry has a read source.
        for e in self.entries:
            with self.subTest(id=e["id"]):
                if e["verified"]:
                    self.assertTrue(any(s["verified"] for s in e["sources"]))
                else:
                    for server in e["servers"]:
                        self.assertIs(server.get("unverified"), True)

    @unittest.skipUnless(os.path.exists(NODEMAILER), "nodemailer not installed (apt-get install -y node-nodemailer)")
    def test_nodemailer_citations_state_what_the_file_says(self):
        # A source named after nodemailer's list names the host and port the
        # file gives, and that host (the region filled) is the entry's.
        with open(NODEMAILER, encoding="utf-8") as f:
            known = json.load(f)
        for e in self.entries:
            for src in e["sources"]:
                if not src["name"].startswith("nodemailer"):
                    continue
                with self.subTest(id=e["id"]):
                    stated = [v for v in known.values()
                              if v.get("host") and v["host"] in src["name"].replace("REGION", "us-east-1")
                              and "port %d" % v["port"] in src["name"]]
                    self.assertTrue(stated, src["name"])
                    hosts = {server["host"].replace("%REGION%", "us-east-1") for server in e["servers"]}
                    self.assertTrue(any(v["host"] in hosts and any(server["port"] == v["port"]
                                                                   for server in e["servers"])
                                        for v in stated), src["name"])

    def test_codes_are_rules_findings(self):
        for e in self.entries:
            for code in e["codes"]:
                self.assertIn(code, self.rules["findings"])

    def test_hosting_templates_match_their_example(self):
        binary = os.environ.get("MAILPORTS_BINARY")
        for e in self.entries:
            if e["host_pattern"] is None:
                continue
            with self.subTest(id=e["id"]):
                head, tail = e["host_pattern"].split("*")
                self.assertTrue(e["host_example"].startswith(head) and e["host_example"].endswith(tail))
                if binary:  # the built binary finds the entry by that host
                    out = subprocess.run([binary, "recommend", "--host", e["host_example"], "--json"],
                                         capture_output=True, text=True, check=False)
                    doc = json.loads(out.stdout)
                    self.assertEqual(doc["service"]["id"], e["id"])
                    self.assertEqual(doc["found_by"], "host")


if __name__ == "__main__":
    unittest.main()

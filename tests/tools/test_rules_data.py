"""The rules table's own invariants, and its agreement with its schema.

Independent of the C++ loader on purpose: a second reader of data/rules.json
catches mistakes that one implementation would share with its own tests.
"""

import copy
import json
import os
import unittest

try:
    import jsonschema
except ImportError:  # Debian: apt-get install -y python3-jsonschema
    if os.environ.get("MAILPORTS_REQUIRE_JSONSCHEMA") == "1":
        raise
    jsonschema = None

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def load(name):
    with open(os.path.join(ROOT, "data", name), encoding="utf-8") as f:
        return json.load(f)


class RulesInvariants(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rules = load("rules.json")
        cls.entries = cls.rules["entries"]

    def modes_of(self, proto, port):
        return {e["tls"] for e in self.entries if e["proto"] == proto and e["port"] == port}

    def test_every_standard_port_has_all_four_modes(self):
        standard = {"smtp": [25, 465, 587], "pop3": [110, 995], "imap": [143, 993]}
        for proto, ports in standard.items():
            for port in ports:
                with self.subTest(proto=proto, port=port):
                    self.assertEqual(self.modes_of(proto, port),
                                     {"none", "starttls", "opportunistic", "implicit"})

    def test_nonstandard_and_not_mail_ports_are_recorded(self):
        self.assertTrue(self.modes_of("smtp", 2525))
        for port in (80, 443, 588):
            with self.subTest(port=port):
                entry = [e for e in self.entries if e["port"] == port]
                self.assertEqual(len(entry), 1)
                self.assertEqual(entry[0]["status"], "not-mail-port")

    def test_no_duplicate_keys(self):
        keys = [(e["proto"], e["port"], e["tls"]) for e in self.entries]
        self.assertEqual(len(keys), len(set(keys)))

    def test_every_text_has_english_and_japanese(self):
        texts = [e["summary"] for e in self.entries]
        texts += [m[k] for m in self.rules["modes"].values() for k in ("label", "summary")]
        texts += [f["message"] for f in self.rules["findings"].values()]
        texts += [n[k] for n in self.rules["notes"].values() for k in ("title", "text")]
        for text in texts:
            with self.subTest(text=text.get("en")):
                self.assertTrue(text["en"].strip())
                self.assertTrue(text["ja"].strip())
                # Japanese text that is really English would pass the check above.
                self.assertTrue(any(ord(c) > 0x3000 for c in text["ja"]), text["ja"])

    def test_every_entry_and_finding_has_refs(self):
        for item in self.entries + list(self.rules["findings"].values()):
            self.assertTrue(item["refs"])

    def test_rfc_8314_policy(self):
        def rank(proto, port, tls):
            (e,) = [e for e in self.entries
                    if (e["proto"], e["port"], e["tls"]) == (proto, port, tls)]
            return e.get("rank"), e["status"]
        self.assertEqual(rank("smtp", 465, "implicit"), (1, "recommended"))
        self.assertEqual(rank("smtp", 587, "starttls"), (2, "recommended"))
        self.assertEqual(rank("imap", 993, "implicit"), (1, "recommended"))
        self.assertEqual(rank("pop3", 995, "implicit"), (1, "recommended"))
        self.assertEqual(rank("smtp", 587, "implicit"), (None, "mismatch"))
        self.assertEqual(rank("smtp", 465, "starttls"), (None, "mismatch"))

    def test_the_465_history_is_recorded(self):
        note = self.rules["notes"]["465-history"]
        self.assertIn("RFC 8314", note["text"]["en"])
        self.assertIn("465-history",
                      [n for e in self.entries if e["port"] == 465 for n in e["notes"]])


@unittest.skipIf(jsonschema is None, "jsonschema not importable (apt-get install -y python3-jsonschema)")
class RulesSchema(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.schema = load("rules.schema.json")
        jsonschema.Draft202012Validator.check_schema(cls.schema)
        cls.validator = jsonschema.Draft202012Validator(cls.schema)
        cls.rules = load("rules.json")

    def test_rules_json_is_valid(self):
        self.validator.validate(self.rules)

    def test_schema_rejects_what_the_loader_rejects(self):
        def mutated(change):
            doc = copy.deepcopy(self.rules)
            change(doc)
            return doc

        bad = {
            "unknown mode": lambda d: d["entries"][0].__setitem__("tls", "ssl3"),
            "port out of range": lambda d: d["entries"][0].__setitem__("port", 70000),
            "port as string": lambda d: d["entries"][0].__setitem__("port", "587"),
            "missing ja": lambda d: d["entries"][0]["summary"].pop("ja"),
            "empty en": lambda d: d["entries"][0]["summary"].__setitem__("en", ""),
            "unknown field": lambda d: d["entries"][0].__setitem__("colour", "red"),
            "missing refs": lambda d: d["entries"][0].pop("refs"),
            "bad severity": lambda d: d["findings"]["unknown-port"].__setitem__("severity", "fatal"),
            "missing mode": lambda d: d["modes"].pop("opportunistic"),
            "code not kebab-case": lambda d: d["entries"][0]["findings"].append("Bad_Code"),
        }
        for name, change in bad.items():
            with self.subTest(name):
                self.assertFalse(self.validator.is_valid(mutated(change)))


if __name__ == "__main__":
    unittest.main()

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
        return {e["tls"] for e in self.entries
                if e["proto"] == proto and e["port"] == port and e["tls"] != "any"}

    def entry(self, proto, port, tls, role):
        (e,) = [e for e in self.entries
                if (e["proto"], e["port"], e["tls"], e["role"]) == (proto, port, tls, role)]
        return e

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
        # Two rows of one port overlap when proto, role and mode all overlap
        # ("any" overlaps everything); a row naming a mode may sit inside a
        # row of the same protocol for any mode, which it overrides.
        def overlap(a, b):
            return a == "any" or b == "any" or a == b
        for i, a in enumerate(self.entries):
            for b in self.entries[:i]:
                if a["port"] != b["port"]:
                    continue
                one_names_mode = ((a["tls"] == "any") != (b["tls"] == "any")
                                  and a["proto"] == b["proto"])
                with self.subTest(a=a["summary"]["en"], b=b["summary"]["en"]):
                    self.assertFalse(overlap(a["proto"], b["proto"]) and overlap(a["role"], b["role"])
                                     and overlap(a["tls"], b["tls"]) and not one_names_mode)

    def test_role_specific_findings(self):
        findings = self.rules["findings"]
        self.assertEqual(findings["implicit-tls-preferred"].get("role"), "client")
        self.assertEqual(findings["implicit-port-available"].get("role"), "client")
        self.assertEqual(findings["relay-opportunistic"].get("role"), "relay")
        self.assertEqual(findings["relay-starttls-required"].get("role"), "relay")
        self.assertEqual(findings["relay-port-for-client"].get("role"), "client")
        self.assertEqual(findings["client-port-for-relay"].get("role"), "relay")

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

    def test_relay_ranking_follows_rfc_3207_section_4(self):
        # A publicly referenced server must not require STARTTLS: opportunistic
        # STARTTLS comes first between servers, hardened by MTA-STS or DANE.
        opportunistic = self.entry("smtp", 25, "opportunistic", "relay")
        required = self.entry("smtp", 25, "starttls", "relay")
        self.assertEqual((opportunistic.get("rank"), opportunistic["status"]), (1, "recommended"))
        self.assertNotEqual(required["status"], "recommended")
        self.assertGreater(required.get("rank", 99), 1)
        self.assertIn("relay-starttls-required", required["findings"])
        for code in ("relay-opportunistic", "relay-starttls-required"):
            finding = self.rules["findings"][code]
            self.assertIn("RFC 3207 §4", finding["refs"])
            self.assertIn("RFC 3207 §4", finding["message"]["en"])
            self.assertIn("RFC 3207 §4", finding["message"]["ja"])

    def test_port_25_has_a_client_row_about_op25b(self):
        client = self.entry("smtp", 25, "any", "client")
        self.assertNotIn(client["status"], ("recommended", "acceptable", "fallback"))
        self.assertIn("relay-port-for-client", client["findings"])
        for lang in ("en", "ja"):
            self.assertIn("OP25B", client["summary"][lang])
            self.assertIn("465", client["summary"][lang])
            self.assertIn("587", client["summary"][lang])
        self.assertIn("op25b", client["notes"])
        note = self.rules["notes"]["op25b"]
        self.assertIn("Outbound Port 25 Blocking", note["text"]["en"])
        self.assertIn("OP25B", note["text"]["ja"])
        self.assertIn("日本", note["text"]["ja"])

    def test_the_587_note_is_true_for_either_order(self):
        text = self.rules["notes"]["587-equivalence"]["text"]
        for lang in ("en", "ja"):
            self.assertIn("--prefer starttls", text[lang])
        self.assertIn("465 first unless you give --prefer starttls", text["en"])
        self.assertIn("587 first", text["en"])

    def test_the_465_history_is_recorded(self):
        note = self.rules["notes"]["465-history"]
        self.assertIn("RFC 8314", note["text"]["en"])
        self.assertIn("465-history",
                      [n for e in self.entries if e["port"] == 465 for n in e["notes"]])
        # Such guides are still written: the note says what they repeat, not when.
        self.assertNotIn("predate", note["text"]["en"])
        self.assertIn("repeat", note["text"]["en"])


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
            "finding for an unknown role": lambda d: d["findings"]["unknown-port"].__setitem__("role", "any"),
        }
        for name, change in bad.items():
            with self.subTest(name):
                self.assertFalse(self.validator.is_valid(mutated(change)))


if __name__ == "__main__":
    unittest.main()

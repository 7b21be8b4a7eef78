"""The catalogue checker must fail on the mistakes it exists to catch; a
checker that passes everything would make data/diagnoses a test that cannot fail."""

import copy
import importlib.util
import json
import os
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
spec = importlib.util.spec_from_file_location("check_diagnoses", os.path.join(HERE, "check_diagnoses.py"))
check_diagnoses = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_diagnoses)


def load(name):
    with open(os.path.join(ROOT, "data", name), encoding="utf-8") as f:
        return json.load(f)


class CheckerCatchesMistakes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.catalogue = load("diagnoses.json")
        cls.rules = load("rules.json")
        cls.schema = load("diagnoses.schema.json")

    def problems(self, mutate):
        catalogue = copy.deepcopy(self.catalogue)
        mutate(catalogue["families"][0])
        return check_diagnoses.Checker(catalogue, self.rules, self.schema).check()

    def test_normalize(self):
        self.assertEqual(check_diagnoses.normalize("  A\tB\r\n  Ä こんにちは "), "a b Ä こんにちは")

    def test_the_catalogue_is_clean(self):
        self.assertEqual(check_diagnoses.Checker(self.catalogue, self.rules, self.schema).check(), [])

    def test_example_that_matches_nothing(self):
        self.assertTrue(self.problems(lambda f: f["examples"].append("nothing like it")))

    def test_near_miss_that_matches(self):
        self.assertTrue(self.problems(lambda f: f["near_misses"].append(f["examples"][0])))

    def test_bad_regex(self):
        self.assertTrue(self.problems(lambda f: f["patterns"].append({"regex": "a(b", "needs": "ab"})))

    def test_perl_class_is_not_ere(self):
        # grep -E reads \d as a literal 'd' (or warns), so an example with digits fails.
        self.assertTrue(self.problems(lambda f: (f["patterns"].__setitem__(slice(None), [{"regex": "error:\\d+", "needs": "error:"}]),
                                                 f["examples"].__setitem__(slice(None), ["error:123"]))))

    def test_needs_missing_from_a_match(self):
        self.assertTrue(self.problems(lambda f: f["patterns"].append({"regex": "wrong.version", "needs": "nowhere"})))

    def test_upper_case_literal(self):
        self.assertTrue(self.problems(lambda f: f["patterns"].append({"literal": "Wrong Version"})))

    def test_unknown_code(self):
        self.assertTrue(self.problems(lambda f: f["causes"][0].__setitem__("code", "no-such-finding")))

    def test_duplicate_id(self):
        catalogue = copy.deepcopy(self.catalogue)
        catalogue["families"].append(copy.deepcopy(catalogue["families"][0]))
        self.assertTrue(check_diagnoses.Checker(catalogue, self.rules, self.schema).check())

    def test_setting_that_does_not_show_the_cause(self):
        # The engine is needed to judge a setting; skip the check without a build.
        binary = os.environ.get("MAILPORTS_BINARY")
        if not binary:
            self.skipTest("MAILPORTS_BINARY not set")
        catalogue = copy.deepcopy(self.catalogue)
        cause = next(c for c in catalogue["families"][0]["causes"] if "setting" in c)
        cause["setting"] = {"proto": "smtp", "port": 465, "tls": "implicit"}
        checker = check_diagnoses.Checker(catalogue, self.rules, self.schema)
        checker.check_settings(binary)
        self.assertTrue(checker.problems)

    def test_schema(self):
        self.assertTrue(self.problems(lambda f: f.pop("sources")))


if __name__ == "__main__":
    unittest.main()

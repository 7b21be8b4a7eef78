#!/usr/bin/python3
"""Check data/diagnoses.json: its schema, and that every family matches its
own examples and none of its near misses.

A second reader of the catalogue, independent of the C++ loader, so a mistake
the loader shares with its own tests is still caught. Regexes are run through
`grep -E -i -q` rather than Python's `re`, because the catalogue promises POSIX
ERE and Python's dialect would accept (and mean differently) things grep does not.

Usage: check_diagnoses.py [--binary MAILPORTS] [CATALOGUE]   (default: data/diagnoses.json)
With --binary, every cause's setting is also run through
`mailports check --proto P --port N --tls M [--role R] --json`, which must raise
the cause's code: the setting is the cause's evidence, so it has to show it.
Exit 0 when clean, 1 with one line per problem otherwise.
"""

import json
import os
import re
import subprocess
import sys

try:
    import jsonschema
except ImportError:  # Debian: apt-get install -y python3-jsonschema
    if os.environ.get("MAILPORTS_REQUIRE_JSONSCHEMA") == "1":
        raise
    jsonschema = None

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

ASCII_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# "Every run of white space": the ASCII white space the C++ matcher splits on.
WHITESPACE_RUN = re.compile(r"[ \t\n\r\f\v]+")


def normalize(text):
    """The matcher's normalization: only ASCII letters are lower-cased (so
    Japanese and other non-ASCII text is left as it is), white space runs
    become one space, and the ends are trimmed."""
    return WHITESPACE_RUN.sub(" ", text.translate(ASCII_UPPER)).strip(" ")


def grep_status(regex, text):
    """0 = matches, 1 = no match, 2 = bad regex (grep's own exit codes).
    -e keeps a regex that starts with '-' from being read as an option;
    the text is one line after normalization, so line-wise grep is whole-text."""
    result = subprocess.run(["grep", "-E", "-i", "-q", "-e", regex],
                            input=text.encode("utf-8"), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={"LC_ALL": "C.UTF-8", "PATH": os.environ.get("PATH", "/usr/bin:/bin")})
    return result.returncode


class Checker:
    def __init__(self, catalogue, rules, schema):
        self.catalogue = catalogue
        self.codes = set(rules["findings"].keys())
        self.schema = schema
        self.problems = []
        self.grep_cache = {}

    def problem(self, where, what):
        self.problems.append(f"{where}: {what}")

    def grep(self, regex, text):
        key = (regex, text)
        if key not in self.grep_cache:
            self.grep_cache[key] = grep_status(regex, text)
        return self.grep_cache[key]

    def check_schema(self):
        if jsonschema is None:
            print("check_diagnoses: python3-jsonschema missing; schema not checked", file=sys.stderr)
            return
        validator = jsonschema.Draft202012Validator(self.schema)
        for error in sorted(validator.iter_errors(self.catalogue), key=lambda e: list(e.path)):
            self.problem("/".join(str(p) for p in error.path) or "(root)", error.message)

    def check_normalized(self, where, text):
        if text != normalize(text):
            self.problem(where, f"not normalized (lower case, single spaces): {text!r}")

    def pattern_hits(self, where, pattern, text):
        """Whether one pattern matches normalized text; checks `needs` against
        every text the regex matches, since the matcher skips the regex when
        `needs` is absent and would otherwise miss that text."""
        if "literal" in pattern:
            return pattern["literal"] in text
        status = self.grep(pattern["regex"], text)
        if status == 2:
            return False  # reported once by check_regexes_compile
        if status == 0 and pattern["needs"] not in text:
            self.problem(where, f"regex {pattern['regex']!r} matches but needs {pattern['needs']!r} is not in {text!r}")
        return status == 0

    def family_matches(self, where, family, text):
        hit = any([self.pattern_hits(where, p, text) for p in family["patterns"]])
        blocked = [u for u in family.get("unless", []) if u in text]
        return hit, blocked

    def check_family(self, index, family):
        fid = family.get("id", f"#{index}")
        where = f"families[{index}] {fid}"
        for n, pattern in enumerate(family["patterns"]):
            if "literal" in pattern:
                self.check_normalized(f"{where} patterns[{n}]", pattern["literal"])
            else:
                self.check_normalized(f"{where} patterns[{n}].needs", pattern["needs"])
                regex = pattern["regex"]
                if regex != regex.strip() or "  " in regex or regex != regex.translate(ASCII_UPPER):
                    self.problem(f"{where} patterns[{n}]", f"regex not written in lower case with single spaces: {regex!r}")
                if self.grep(regex, "") == 2:
                    self.problem(f"{where} patterns[{n}]", f"regex does not compile as ERE (grep -E exit 2): {regex!r}")
        for n, literal in enumerate(family.get("unless", [])):
            self.check_normalized(f"{where} unless[{n}]", literal)
        for n, cause in enumerate(family["causes"]):
            if cause["code"] not in self.codes:
                self.problem(f"{where} causes[{n}]", f"code {cause['code']!r} is not a finding of data/rules.json")
        for n, example in enumerate(family["examples"]):
            text = normalize(example)
            hit, blocked = self.family_matches(f"{where} examples[{n}]", family, text)
            if not hit:
                self.problem(f"{where} examples[{n}]", f"matches no pattern: {text!r}")
            if blocked:
                self.problem(f"{where} examples[{n}]", f"contains unless {blocked!r}: {text!r}")
        for n, near in enumerate(family["near_misses"]):
            text = normalize(near)
            hit, blocked = self.family_matches(f"{where} near_misses[{n}]", family, text)
            if hit and not blocked:
                self.problem(f"{where} near_misses[{n}]", f"matches the family: {text!r}")

    def check_settings(self, binary):
        """Every cause's setting must make the engine raise the cause's code."""
        seen = {}
        for index, family in enumerate(self.catalogue.get("families", [])):
            for n, cause in enumerate(family.get("causes", [])):
                setting = cause.get("setting")
                if not setting:
                    continue
                key = (setting["proto"], setting["port"], setting["tls"], setting.get("role"))
                if key not in seen:
                    argv = [binary, "check", "--proto", setting["proto"], "--port", str(setting["port"]),
                            "--tls", setting["tls"], "--json"]
                    if setting.get("role"):
                        argv += ["--role", setting["role"]]
                    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                    try:
                        seen[key] = {f["code"] for f in json.loads(result.stdout)["findings"]}
                    except (ValueError, KeyError) as error:
                        seen[key] = None
                        self.problem(f"families[{index}] {family.get('id')} causes[{n}]",
                                     f"check {key} gave no findings JSON (exit {result.returncode}): {error}")
                codes = seen[key]
                if codes is not None and cause["code"] not in codes:
                    self.problem(f"families[{index}] {family.get('id')} causes[{n}]",
                                 f"check {key} does not raise {cause['code']!r} (it raises {sorted(codes)})")

    def check(self):
        self.check_schema()
        families = self.catalogue.get("families", [])
        seen = {}
        for index, family in enumerate(families):
            fid = family.get("id")
            if fid in seen:
                self.problem(f"families[{index}] {fid}", f"id already used by families[{seen[fid]}]")
            seen.setdefault(fid, index)
        if self.problems:
            return self.problems  # a schema error makes the rest unreliable
        for index, family in enumerate(families):
            self.check_family(index, family)
        return self.problems


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv):
    args = argv[1:]
    binary = None
    if args[:1] == ["--binary"] and len(args) >= 2:
        binary, args = args[1], args[2:]
    catalogue_path = args[0] if args else os.path.join(ROOT, "data", "diagnoses.json")
    checker = Checker(load(catalogue_path),
                      load(os.path.join(ROOT, "data", "rules.json")),
                      load(os.path.join(ROOT, "data", "diagnoses.schema.json")))
    problems = checker.check()
    if binary and not problems:
        checker.check_settings(binary)
        problems = checker.problems
    for line in problems:
        print(line)
    families = len(checker.catalogue.get("families", []))
    if problems:
        print(f"check_diagnoses: {len(problems)} problem(s) in {families} families", file=sys.stderr)
        return 1
    print(f"check_diagnoses: {families} families clean")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""`mailports diagnose` end to end, on real logs and real client errors.

    diagnose_test.py --binary build/dev/src/mailports [-v] [Class.test ...]
    diagnose_test.py --binary ... --big-log [--big-bytes N]

The logs and client texts are in tests/data/diagnose (made by make_logs.py
with a real Postfix, Dovecot and real clients; see its README). Expected
counts and line numbers are computed here from those files with plain
regular expressions of this file's own, never taken from the binary or the
catalogue, so a rerun of make_logs.py needs no change here.

--big-log runs only the 1 GB stream (its own ctest, label diagnose-big):
a generator thread writes a repeating block of the real log lines mixed with
garbage into `diagnose --file - --json`; the counts must be the block's
counts times the repetitions and the child's peak RSS must stay flat.
"""

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data", "diagnose")
CATALOGUE = os.path.join(HERE, "..", "..", "data", "diagnoses.json")
BINARY = None
CATALOGUE_GIVEN = False  # --catalogue: every run reads it (MAILPORTS_DIAGNOSES)
BIG_BYTES = 1 << 30
RSS_LIMIT_KIB = 64 * 1024
SEVERITY_EXIT = {"ok": 0, "info": 0, "warning": 1, "error": 2}


def child_env(env=None):
    full_env = dict(os.environ, LANG="C.UTF-8")
    full_env.pop("MAILPORTS_DIAGNOSES", None)
    if CATALOGUE_GIVEN:
        full_env["MAILPORTS_DIAGNOSES"] = CATALOGUE
    full_env.update(env or {})
    return full_env


def run(args, stdin=None, timeout=60, env=None):
    """The binary's exit code, stdout and stderr (text)."""
    full_env = child_env(env)
    p = subprocess.run([BINARY] + args, input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=timeout, env=full_env)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def run_json(testcase, args, stdin=None, codes=(0, 1, 2)):
    code, out, err = run(args + ["--json"], stdin=stdin)
    testcase.assertIn(code, codes, "%s: exit %d\nstderr: %s\nstdout: %s" % (args, code, err, out[:2000]))
    try:
        doc = json.loads(out)
    except ValueError:
        testcase.fail("%s: stdout is not JSON: %r" % (args, out[:500]))
    return code, doc, err


def read_lines(name):
    with open(os.path.join(DATA, name), "rb") as f:
        return f.read().decode("utf-8", "replace").splitlines()


def clients():
    """(families allowed, client, mistake, text) for each line of clients.txt."""
    out = []
    for line in read_lines("clients.txt"):
        if not line.strip() or line.startswith("#"):
            continue
        family, client, mistake, text = line.split("\t", 3)
        out.append(([family] if family.startswith("~") else family.split("|"), client, mistake, text))
    return out


def family_fits(family_id, expected):
    """expected: ids, or one "~REGEX" over the id (see make_logs.py)."""
    return any(re.search(e[1:], family_id) if e.startswith("~") else family_id == e for e in expected)


def worst_exit(doc):
    severities = [c["severity"] for m in doc["matches"] for c in m["causes"]]
    return max((SEVERITY_EXIT.get(s, 0) for s in severities), default=3)


def check_contract(testcase, doc, code, log_mode):
    """What every answer must hold whatever was matched."""
    testcase.assertEqual(doc.get("schema_version"), 1)
    testcase.assertIn("lines", doc["input"])
    testcase.assertEqual(set(doc["input"]["context"]), {"proto", "port", "tls", "role"})
    testcase.assertIn(doc["verdict"], ("ok", "warning", "error"))
    for m in doc["matches"]:
        testcase.assertTrue({"id", "family", "source", "line", "causes"} <= set(m), m)
        testcase.assertIn(m["source"], ("client", "library", "server"))
        testcase.assertTrue(m["causes"], "a match without causes: %s" % m["id"])
        for c in m["causes"]:
            testcase.assertTrue({"code", "severity", "message", "why", "fits", "fix"} <= set(c), c)
            testcase.assertIsInstance(c["fits"], bool)
            for s in c["fix"]:
                testcase.assertTrue({"proto", "port", "tls"} <= set(s), s)
    if doc["matches"]:
        testcase.assertEqual(code, worst_exit(doc), "exit code is not the worst severity")
        testcase.assertEqual(SEVERITY_EXIT[doc["verdict"]], code, "verdict does not match the exit code")
    if log_mode:
        testcase.assertIn("summary", doc)
        ids = [m["id"] for m in doc["matches"]]
        testcase.assertEqual(len(ids), len(set(ids)), "matches holds one line per family in log mode")
        testcase.assertEqual(sorted(ids), sorted(s["id"] for s in doc["summary"]))
        for s in doc["summary"]:
            testcase.assertTrue({"id", "count", "first_lines", "example"} <= set(s), s)
            testcase.assertLessEqual(len(s["first_lines"]), 5)
            testcase.assertEqual(len(s["first_lines"]), min(5, s["count"]))
            testcase.assertEqual(s["first_lines"], sorted(s["first_lines"]))
            first = [m for m in doc["matches"] if m["id"] == s["id"]][0]
            testcase.assertEqual(first["line"], s["first_lines"][0])


# What the real logs hold, found by this file's own expressions:
# (what, file, regex over the raw line, regex a family id must match)
LOG_EXPECT = [
    # The server's TLS library read plaintext ("wrong version number"), or a
    # client connected and left without a handshake (what a plaintext client
    # waiting for the greeting leaves); an "SSL_accept error ...: -1" line only
    # when its reason, the next line, is one of these (not e.g. an expired
    # certificate the client refused).
    ("plaintext client on an implicit-TLS port (Postfix)", "postfix.log",
     # "SSL_accept error ...: -1" says only that a handshake failed (a
     # certificate the client refused gives it too): the TLS library line
     # after it carries the reason, and that line is the one counted.
     r"TLS library problem: .*wrong version number|SSL_accept error from \S+: lost connection",
     r"^server-tls-plaintext-client$"),
    ("wrong password (Postfix SASL)", "postfix.log",
     r"SASL [A-Z0-9-]+ authentication failed", r"auth.*fail|credential|sasl|535"),
    ("relaying without AUTH", "postfix.log",
     r"Relay access denied", r"^postfix-relay-access-denied$"),
    ("plaintext client on an implicit-TLS port (Dovecot)", "dovecot.log",
     r"SSL_accept\(\) failed: .*wrong version number", r"^server-tls-plaintext-client$"),
    ("plaintext login before STARTTLS (Dovecot)", "dovecot.log",
     r"Plaintext authentication disabled", r"^dovecot-plaintext-auth-disallowed$"),
    # The failed password, and the disconnect "auth failed" after it: on a
    # TLS connection a wrong password, without TLS maybe a refused plaintext
    # login, which the family names as its second cause (one family, both).
    # Implicit TLS to a STARTTLS port, as the servers see it: Postfix logs
    # the early bytes (\026\003 opens a TLS record), Dovecot only that the
    # lines made no sense (IMAP "invalid", POP3 "bad" commands).
    ("implicit TLS to a STARTTLS port (Postfix)", "postfix.log",
     r"improper command pipelining after CONNECT from \S+: \\026\\003",
     r"^postfix-tls-hello-on-plaintext-port$"),
    ("implicit TLS to a STARTTLS port (Dovecot)", "dovecot.log",
     r"(imap|pop3)-login: .*Disconnected: Too many (invalid|bad) commands",
     r"^dovecot-too-many-invalid-commands$"),
    ("wrong password (Dovecot)", "dovecot.log",
     r"Password mismatch|\(auth failed, [0-9]+ attempts", r"auth.*fail|password|credential"),
]
# Lines of healthy sessions: no family may point at one of these.
HEALTHY = re.compile(r"postfix/(postfix-script|master)\[|\]: (connect|disconnect) from |"
                     r"starting up for|Aborted login by logging out \(no auth attempts|"
                     r"Anonymous TLS connection established|: Login: user=")


class LogMode(unittest.TestCase):
    def scan(self, name):
        code, doc, _ = run_json(self, ["diagnose", "--file", os.path.join(DATA, name)])
        check_contract(self, doc, code, log_mode=True)
        self.assertEqual(doc["input"]["lines"], len(read_lines(name)))
        return doc

    def expect_families(self, name):
        doc = self.scan(name)
        lines = read_lines(name)
        summary = {s["id"]: s for s in doc["summary"]}
        for what, file, pattern, family in LOG_EXPECT:
            if file != name:
                continue
            with self.subTest(what):
                # each line with the next one after it, for the look-ahead
                expected = [i + 1 for i, l in enumerate(lines)
                            if re.match(".*(?:%s)" % pattern,
                                        l + "\n" + (lines[i + 1] if i + 1 < len(lines) else ""))]
                self.assertTrue(expected, "the log holds no line for %s: rerun make_logs.py" % what)
                found = [s for fid, s in summary.items()
                         if re.search(family, fid) and set(s["first_lines"]) & set(expected)]
                self.assertEqual(len(found), 1, "%s: lines %s; families %s" % (
                    what, expected, {k: v["first_lines"] for k, v in summary.items()}))
                s = found[0]
                self.assertEqual(s["count"], len(expected), "%s: %s" % (what, s))
                self.assertEqual(s["first_lines"], expected[:5], what)
                self.assertIn(lines[expected[0] - 1].strip()[:40], s["example"] + " " + lines[expected[0] - 1],
                              what)
        for s in doc["summary"]:
            for n in s["first_lines"]:
                self.assertIsNone(HEALTHY.search(lines[n - 1]),
                                  "%s reports a healthy line %d: %s" % (s["id"], n, lines[n - 1]))
        return doc

    def test_postfix_log(self):
        self.expect_families("postfix.log")

    def test_dovecot_log(self):
        self.expect_families("dovecot.log")

    def test_server_lines_are_server_families(self):
        # A server's "wrong version number" is a plaintext client, not the
        # client-side library error of the same words.
        for name in ("postfix.log", "dovecot.log"):
            doc = self.scan(name)
            for m in doc["matches"]:
                self.assertNotEqual(m["id"], "tls-wrong-version-number",
                                    "%s line %d read as the client's error" % (name, m["line"]))

    def test_stdin_log(self):
        with open(os.path.join(DATA, "postfix.log"), "rb") as f:
            data = f.read()
        code, doc, _ = run_json(self, ["diagnose", "--file", "-"], stdin=data)
        _, direct, _ = run_json(self, ["diagnose", "--file", os.path.join(DATA, "postfix.log")])
        self.assertEqual(doc["summary"], direct["summary"])

    def test_stdin_of_many_lines_is_a_log(self):
        # Without --file, a stream of 100 lines or more is a log, read as
        # --file - reads it: line numbers, counts, a summary.
        with open(os.path.join(DATA, "postfix.log"), "rb") as f:
            data = f.read()
        data = data * (100 // data.count(b"\n") + 1)
        self.assertGreaterEqual(data.count(b"\n"), 100)
        code, doc, _ = run_json(self, ["diagnose"], stdin=data)
        check_contract(self, doc, code, log_mode=True)
        _, direct, _ = run_json(self, ["diagnose", "--file", "-"], stdin=data)
        self.assertEqual(doc["input"]["lines"], data.count(b"\n"))
        self.assertEqual(doc["summary"], direct["summary"])
        self.assertEqual(doc, direct)
        # one line fewer than the rule: still one message, as pasted
        lines = data.splitlines(keepends=True)[:99]
        code, doc, _ = run_json(self, ["diagnose"], stdin=b"".join(lines))
        check_contract(self, doc, code, log_mode=False)
        self.assertNotIn("summary", doc)
        self.assertEqual({m["line"] for m in doc["matches"]}, {1})

    def test_stdin_past_one_message_is_a_log(self):
        # Few lines but more bytes than a message is matched on (64 KiB).
        data = (b"530 5.7.0 Must issue a STARTTLS command first " + b"y" * (70 << 10) + b"\n"
                + b"Relay access denied\n")
        code, doc, _ = run_json(self, ["diagnose"], stdin=data)
        check_contract(self, doc, code, log_mode=True)
        ids = {s["id"]: s["first_lines"] for s in doc["summary"]}
        self.assertEqual(ids, {"smtp-530-starttls-first": [1], "postfix-relay-access-denied": [2]})

    def test_clients_as_a_log(self):
        # clients.txt minus its first two columns is client output, one error a line.
        texts = [t for _, _, _, t in clients()]
        code, doc, _ = run_json(self, ["diagnose", "--file", "-"],
                                stdin=("\n".join(texts) + "\n").encode())
        check_contract(self, doc, code, log_mode=True)
        self.assertEqual(doc["input"]["lines"], len(texts))
        total = sum(s["count"] for s in doc["summary"])
        self.assertGreaterEqual(total, len(texts) - 3, doc["summary"])


class MessageMode(unittest.TestCase):
    def test_each_client_error(self):
        for families, client, mistake, text in clients():
            with self.subTest(client=client, mistake=mistake):
                code, doc, err = run_json(self, ["diagnose", text], codes=(0, 1, 2, 3))
                self.assertNotEqual(code, 3, "%s (%s): not recognized: %r" % (client, mistake, text))
                check_contract(self, doc, code, log_mode=False)
                self.assertEqual(doc["input"]["lines"], 1)
                ids = [m["id"] for m in doc["matches"]]
                self.assertTrue(family_fits(ids[0], families), "%s: %r -> %s, expected %s"
                                % (mistake, text, ids, families))

    def test_words_are_joined(self):
        code, doc, _ = run_json(self, ["diagnose", "530", "5.7.0", "Must", "issue", "a", "STARTTLS",
                                       "command", "first"])
        self.assertEqual(doc["matches"][0]["id"], "smtp-530-starttls-first")

    def test_stdin_message_wrapped(self):
        # A pasted message that wrapped: stdin is one message, not a log.
        text = b"smtplib.SMTPSenderRefused: (530, b'5.7.0 Must issue a\n  STARTTLS command first',\n 'a@example.org')\n"
        code, doc, _ = run_json(self, ["diagnose"], stdin=text)
        check_contract(self, doc, code, log_mode=False)
        self.assertEqual([m["id"] for m in doc["matches"]][:1], ["smtp-530-starttls-first"])
        self.assertNotIn("summary", doc)
        text = b"140226423506752:error:1408F10B:SSL routines:ssl3_get_record:wrong\nversion number\n"
        code, doc, _ = run_json(self, ["diagnose"], stdin=text)
        self.assertEqual(doc["matches"][0]["id"], "tls-wrong-version-number")

    def test_nothing_recognized(self):
        for args in (["diagnose", "the weather is nice today"],
                     ["diagnose", "--json", "the weather is nice today"]):
            code, out, err = run(args)
            self.assertEqual(code, 3, args)
            lines = [l for l in err.splitlines() if l.strip()]
            self.assertEqual(len(lines), 1, err)
            self.assertIn("mailports probe", lines[0])
        code, out, err = run(["diagnose"], stdin=b"all good here\n")
        self.assertEqual(code, 3)

    def test_empty_file_is_nothing_recognized(self):
        code, _, err = run(["diagnose", "--file", os.devnull])
        self.assertEqual(code, 3, err)


class Context(unittest.TestCase):
    def test_contradiction(self):
        # "wrong version number" while the client already does implicit TLS on
        # 465: the client is right for the port, so the server is not what it
        # should be; no cause fits, and diagnose says to probe.
        code, doc, err = run_json(self, ["diagnose", "wrong version number", "--port", "465",
                                         "--tls", "implicit"])
        check_contract(self, doc, code, log_mode=False)
        self.assertEqual(doc["input"]["context"]["port"], 465)
        self.assertEqual(doc["input"]["context"]["tls"], "implicit")
        self.assertIsNone(doc["input"]["context"]["role"])
        causes = [c for m in doc["matches"] for c in m["causes"]]
        self.assertTrue(causes)
        self.assertEqual([c["fits"] for c in causes], [False] * len(causes), causes)
        self.assertEqual(code, worst_exit(doc))
        code, out, err = run(["diagnose", "wrong version number", "--port", "465", "--tls", "implicit"])
        self.assertIn("mailports probe", out + err)

    def test_context_that_fits(self):
        code, doc, _ = run_json(self, ["diagnose", "wrong version number", "--port", "587",
                                       "--tls", "implicit", "--proto", "smtp"])
        causes = [c for m in doc["matches"] for c in m["causes"]]
        self.assertIn(True, [c["fits"] for c in causes], causes)
        self.assertEqual(doc["input"]["context"],
                         {"proto": "smtp", "port": 587, "tls": "implicit", "role": None})

    def test_role_in_context(self):
        _, doc, _ = run_json(self, ["diagnose", "530 5.7.0 Must issue a STARTTLS command first",
                                    "--role", "relay"], codes=(0, 1, 2, 3))
        self.assertEqual(doc["input"]["context"]["role"], "relay")

    def test_proto_inferred_from_the_port(self):
        # The issue's own example: --port 587 --tls implicit, no --proto.
        # 587 is SMTP's alone, so check runs on SMTP and says it inferred it.
        code, doc, _ = run_json(self, ["diagnose", "wrong version number", "--port", "587", "--tls", "implicit"])
        check_contract(self, doc, code, log_mode=False)
        self.assertEqual(doc["input"]["context"]["proto"], "smtp")
        self.assertIn("context_check", doc)
        codes = [f["code"] for f in doc["context_check"]["findings"]]
        self.assertIn("proto-inferred", codes)
        self.assertIn("implicit-on-starttls-port", codes)
        self.assertEqual(doc["context_check"]["verdict"], "error")
        self.assertNotIn("context_missing", doc)
        # the causes narrowed to SMTP's
        causes = doc["matches"][0]["causes"]
        self.assertEqual([c["fits"] for c in causes], [True], causes)

    def test_incomplete_context_says_what_to_add(self):
        # 25 is SMTP's alone but no TLS mode was given; 2525 is no protocol's
        # in the rules, so --proto is needed as well.
        _, doc, _ = run_json(self, ["diagnose", "wrong version number", "--port", "25"])
        self.assertEqual(doc["context_missing"], ["--tls"])
        self.assertNotIn("context_check", doc)
        _, doc, _ = run_json(self, ["diagnose", "wrong version number", "--port", "4190", "--tls", "implicit"])
        self.assertEqual(doc["context_missing"], ["--proto"])
        self.assertIsNone(doc["input"]["context"]["proto"])
        code, out, _ = run(["diagnose", "wrong version number", "--port", "4190", "--tls", "implicit"])
        self.assertIn("add --proto", out)
        self.assertIn("port 4190", out)
        _, doc, _ = run_json(self, ["diagnose", "wrong version number", "--tls", "implicit"])
        self.assertEqual(doc["context_missing"], ["--proto", "--port"])

    def test_no_context_is_null(self):
        _, doc, _ = run_json(self, ["diagnose", "wrong version number"])
        self.assertEqual(doc["input"]["context"],
                         {"proto": None, "port": None, "tls": None, "role": None})


class Errors(unittest.TestCase):
    def test_missing_file(self):
        for path in ("/nonexistent/mail.log", "/"):
            code, _, err = run(["diagnose", "--file", path])
            self.assertEqual(code, 66, "%s: %s" % (path, err))
            self.assertTrue(err.strip())

    def test_usage(self):
        # (arguments, what stderr must name)
        for args, named in ((["diagnose", "--bogus", "x"], "--bogus"),
                            (["diagnose", "x", "--port", "notaport"], "notaport"),
                            (["diagnose", "x", "--port", "70000"], "70000"),
                            (["diagnose", "x", "--tls", "sometimes"], "sometimes"),
                            (["diagnose", "x", "--proto", "gopher"], "gopher"),
                            (["diagnose", "x", "--role", "postmaster"], "postmaster"),
                            (["diagnose", "--file"], "--file")):
            with self.subTest(args=args):
                code, out, err = run(args)
                self.assertEqual(code, 64, "%s: %s" % (args, err))
                self.assertEqual(out, "")
                self.assertIn(named, err)
                self.assertNotIn("unknown command", err)

    def test_bad_catalogue(self):
        bad = os.path.join(os.environ.get("TMPDIR", "/tmp"), "mp-diag-bad-%d.json" % os.getpid())
        try:
            for content in ("{not json", '{"version": "1.0.0", "date": "2026-11-30", "families": []}'):
                with open(bad, "w") as f:
                    f.write(content)
                with self.subTest(content=content):
                    code, _, err = run(["--diagnoses", bad, "diagnose", "wrong version number"])
                    self.assertEqual(code, 65, err)
                    code, _, err = run(["diagnose", "wrong version number"],
                                       env={"MAILPORTS_DIAGNOSES": bad})
                    self.assertEqual(code, 65, err)
        finally:
            os.unlink(bad)

    def test_catalogue_from_file_is_used(self):
        # The source catalogue passed explicitly gives the same answer as the built-in one.
        _, a, _ = run_json(self, ["diagnose", "wrong version number"])
        _, b, _ = run_json(self, ["--diagnoses", CATALOGUE, "diagnose", "wrong version number"])
        self.assertEqual(a["matches"], b["matches"])


class Japanese(unittest.TestCase):
    def test_ja_texts(self):
        with open(CATALOGUE, encoding="utf-8") as f:
            cat = json.load(f)
        fam = [f for f in cat["families"] if f["id"] == "tls-wrong-version-number"][0]
        why = fam["causes"][0]["why"]
        code, out, err = run(["--lang", "ja", "diagnose", "wrong version number"])
        self.assertIn(code, (0, 1, 2), err)
        self.assertIn(why["ja"][:30], out)
        self.assertNotIn(why["en"][:30], out)
        code, out, _ = run(["--lang", "en", "diagnose", "wrong version number"])
        self.assertIn(why["en"][:30], out)
        code, doc, _ = run_json(self, ["--lang", "ja", "diagnose", "wrong version number"])
        whys = [c["why"] for m in doc["matches"] for c in m["causes"]]
        self.assertIn(why["ja"], whys)

    def test_ja_message_recognized(self):
        # Thunderbird's Japanese text, as a user pastes it.
        with open(CATALOGUE, encoding="utf-8") as f:
            cat = json.load(f)
        fam = [f for f in cat["families"] if f["id"] == "thunderbird-starttls-not-advertised"]
        if not fam:
            self.fail("no thunderbird-starttls-not-advertised family in the catalogue")
        ja = [e for e in fam[0]["examples"] if re.search(r"[\u3040-\u30ff]", e)]
        self.assertTrue(ja, "the family has no Japanese example")
        code, doc, _ = run_json(self, ["--lang", "ja", "diagnose", ja[0]])
        self.assertEqual(doc["matches"][0]["id"], "thunderbird-starttls-not-advertised")


class Hostile(unittest.TestCase):
    """Garbage in: exit 0..3, never a crash or a hang."""

    def feed(self, data, args=("--file", "-"), timeout=120):
        try:
            code, out, err = run(["diagnose"] + list(args) + ["--json"], stdin=data, timeout=timeout)
        except subprocess.TimeoutExpired:
            self.fail("hung on %d bytes" % len(data))
        self.assertIn(code, (0, 1, 2, 3), "exit %d: %s" % (code, err[-500:]))
        if code != 3 or out.strip():
            return json.loads(out)
        return None

    def test_random_bytes(self):
        rng = random.Random(13)
        data = rng.randbytes(4 << 20)
        self.feed(data)
        self.feed(data, args=())  # as one message from stdin

    def test_ten_megabyte_line_without_newline(self):
        self.feed(b"x" * (10 << 20))
        self.feed(b"A" * (10 << 20), args=())

    def test_long_line_cut_not_lost(self):
        # The start of a long line is matched; the next line still counts.
        data = (b"SSL_accept error: wrong version number " + b"y" * (1 << 20) + b"\n"
                + b"530 5.7.0 Must issue a STARTTLS command first\n")
        doc = self.feed(data)
        self.assertEqual(doc["input"]["lines"], 2)
        ids = {s["id"]: s for s in doc["summary"]}
        self.assertEqual(ids["smtp-530-starttls-first"]["first_lines"], [2])
        self.assertEqual(sum(s["count"] for s in doc["summary"]), 2, doc["summary"])
        for s in doc["summary"]:  # "the first line, shortened"
            self.assertLess(len(s["example"]), 4096, s["id"])
        # Past 64 KiB nothing is matched.
        doc = self.feed(b"z" * (70 << 10) + b" wrong version number\n")
        self.assertTrue(doc is None or not doc["matches"], doc and doc["summary"])

    def test_invalid_utf8(self):
        lines = [b"\xff\xfe wrong version number \xc3\x28",
                 b"\xe3\x81 530 5.7.0 Must issue a STARTTLS command first \xed\xa0\x80",
                 b"\x00\x01\x02 nul bytes \x00 wrong version number",
                 b"\xc0\xaf\xe0\x80\xaf overlong",
                 b"\xf4\x90\x80\x80 beyond U+10FFFF"]
        doc = self.feed(b"\n".join(lines) + b"\n")
        self.assertEqual(doc["input"]["lines"], 5)
        self.assertGreaterEqual(sum(s["count"] for s in doc["summary"]), 2, doc["summary"])
        doc = self.feed(lines[0], args=())
        self.assertEqual(doc["matches"][0]["id"], "tls-wrong-version-number")
        json.dumps(doc)  # the example text came out as valid JSON

    def test_crlf_and_no_final_newline(self):
        doc = self.feed(b"530 5.7.0 Must issue a STARTTLS command first\r\nnoise\r\n"
                        b"530 5.7.0 Must issue a STARTTLS command first")
        self.assertEqual(doc["input"]["lines"], 3)
        s = [s for s in doc["summary"] if s["id"] == "smtp-530-starttls-first"][0]
        self.assertEqual((s["count"], s["first_lines"]), (2, [1, 3]))


# --------------------------------------------------------------------------
# The 1 GB stream.

def sanitized():
    """Whether the binary is built with AddressSanitizer."""
    with open(BINARY, "rb") as f:
        return b"__asan_init" in f.read()


def big_block():
    """About 1 MiB: the real lines, then garbage lines, ending in a newline,
    so that lines never join across repetitions."""
    real = []
    for name in ("postfix.log", "dovecot.log"):
        with open(os.path.join(DATA, name), "rb") as f:
            real += f.read().splitlines()
    real += [t.encode() for _, _, _, t in clients()]
    rng = random.Random(2026)
    garbage = []
    for _ in range(200):
        raw = rng.randbytes(rng.randrange(1, 400))
        garbage.append(raw.replace(b"\n", b" ").replace(b"\r", b" "))
    unit = b"\n".join(real + garbage) + b"\n"
    reps = max(1, (1 << 20) // len(unit))
    return unit * reps


class BigLog(unittest.TestCase):
    def test_one_gigabyte_stream(self):
        block = big_block()
        path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "mp-diag-block-%d.log" % os.getpid())
        with open(path, "wb") as f:
            f.write(block)
        small_rss = None
        try:
            _, one, _ = run_json(self, ["diagnose", "--file", path])
            if os.path.exists("/usr/bin/time"):  # the same binary on 1 MiB: the flat baseline
                rss_out = path + ".rss"
                subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_out, BINARY, "diagnose",
                                "--file", path, "--json"], stdout=subprocess.DEVNULL, timeout=120,
                               env=child_env())
                with open(rss_out) as f:
                    small_rss = int(f.read().split()[-1])
                os.unlink(rss_out)
        finally:
            os.unlink(path)
        reps = max(1, BIG_BYTES // len(block))
        block_lines = block.count(b"\n")

        env = child_env()
        started = time.monotonic()
        errfile = open(os.path.join(os.environ.get("TMPDIR", "/tmp"), "mp-diag-err-%d" % os.getpid()), "w+b")
        # /usr/bin/time measures the binary alone: a child forked from this
        # Python process would count Python's own pages in RUSAGE_CHILDREN.
        rss_file = errfile.name + ".rss"
        timer = ["/usr/bin/time", "-f", "%M", "-o", rss_file] if os.path.exists("/usr/bin/time") else []
        proc = subprocess.Popen(timer + [BINARY, "diagnose", "--file", "-", "--json"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=errfile, env=env)
        writer_error = []

        def generate():  # the generator: a separate thread writing into the pipe
            try:
                for _ in range(reps):
                    proc.stdin.write(block)
                proc.stdin.close()
            except OSError as e:
                writer_error.append(e)

        t = threading.Thread(target=generate, daemon=True)
        t.start()
        out = proc.stdout.read()
        proc.stdout.close()
        proc.wait()
        t.join()
        errfile.seek(0)
        err = errfile.read()
        os.unlink(errfile.name)
        errfile.close()
        seconds = time.monotonic() - started
        if timer:
            with open(rss_file) as f:
                rss_kib = int(f.read().split()[-1])
            os.unlink(rss_file)
        else:
            rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        self.assertFalse(writer_error, writer_error)
        self.assertIn(proc.returncode, (0, 1, 2), err.decode(errors="replace"))
        doc = json.loads(out)
        total_bytes = reps * len(block)
        print("\nbig log: %.2f GB, %d lines in %.1f s (%.0f lines/s, %.0f MB/s), peak RSS %d KiB"
              " (%s KiB on 1 MiB)" % (total_bytes / 1e9, reps * block_lines, seconds,
                                     reps * block_lines / seconds, total_bytes / 1e6 / seconds,
                                     rss_kib, small_rss), file=sys.stderr)
        self.assertEqual(doc["input"]["lines"], reps * block_lines)
        expect = {s["id"]: (s["count"] * reps, s["first_lines"]) for s in one["summary"]}
        got = {s["id"]: (s["count"], s["first_lines"]) for s in doc["summary"]}
        self.assertEqual(got, expect)
        if sanitized():
            # ASan keeps up to 256 MB of freed blocks in quarantine and adds
            # shadow memory: its RSS says nothing about the program's. (Seen:
            # 549 MB on 1 GB, 140 MB on 1 MiB.) Counts are still checked.
            print("sanitized binary: peak RSS not checked", file=sys.stderr)
            return
        self.assertLess(rss_kib, RSS_LIMIT_KIB, "peak RSS %d KiB" % rss_kib)
        if small_rss is not None:  # flat: 1 GB costs at most 8 MiB more than 1 MiB
            self.assertLess(rss_kib, small_rss + 8192, "peak RSS %d KiB on 1 GB, %d KiB on 1 MiB"
                            % (rss_kib, small_rss))


def main():
    global BINARY, BIG_BYTES, CATALOGUE, CATALOGUE_GIVEN, DATA
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--big-log", action="store_true", help="run only the 1 GB stream")
    ap.add_argument("--big-bytes", type=int, default=BIG_BYTES)
    ap.add_argument("--catalogue", help="a catalogue to test instead of the built-in one")
    ap.add_argument("--data", help="logs and clients.txt from another run of make_logs.py")
    args, rest = ap.parse_known_args()
    BINARY = os.path.abspath(args.binary)
    BIG_BYTES = args.big_bytes
    if args.data:
        DATA = os.path.abspath(args.data)
    if args.catalogue:
        CATALOGUE, CATALOGUE_GIVEN = os.path.abspath(args.catalogue), True
    if args.big_log:
        rest = rest + ["BigLog"]
    else:
        big = [a for a in rest if a.startswith("BigLog")]
        if not big and not [a for a in rest if not a.startswith("-")]:
            rest = rest + ["LogMode", "MessageMode", "Context", "Errors", "Japanese", "Hostile"]
    unittest.main(argv=[sys.argv[0]] + rest)


if __name__ == "__main__":
    main()

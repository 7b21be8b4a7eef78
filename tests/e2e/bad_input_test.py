#!/usr/bin/env python3
"""Bad input across the whole CLI, one table: command x bad input -> exit status,
a stderr pattern, and what stdout may hold.

    bad_input_test.py BINARY [-v] [-k SUBSTRING]

Every row runs BINARY with a clean environment (PATH=/usr/bin:/bin,
LANG=C.UTF-8, plus the row's own variables), in a scratch directory, with a
10 s limit (a hang fails), and checks:

- the exit status is the documented one, never a signal;
- stderr matches the row's pattern (which names the bad value), starts with
  `mailports: error: ` for statuses 64, 65, 66, 68, 73 and 74 (`mailports: ` for 3),
  is valid UTF-8, ends with a newline, and holds no sanitizer report;
- stdout is empty for statuses 64, 65, 66, 68, 73 and 74 (no partial write
  beside an error), except `check --batch`, whose per-line results are NDJSON
  by design, and `lint --json`, whose report holds each file's error beside
  the other files' results ("json-report"); otherwise it is what the row says (text, one JSON object, NDJSON).

Rows for `probe` run only when `BINARY probe --help` exits 0; otherwise they
are reported as skipped. Rows marked `bug=` show a known defect: they are
reported as XFAIL and do not fail the test (XPASS, which fails it, once fixed:
then drop the mark). The unreadable-file rows need a user who cannot read a
mode-000 file: as root they run as `nobody` through setpriv; as another user
they run as that user.

Exit status: 0 pass, 1 fail.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROW_TIMEOUT = 10
QUIET_ERRORS = (64, 65, 66, 68, 73, 74)   # nothing on stdout with these
SANITIZER = re.compile(r"AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:")

HUGE = "99999999999999999999"
DIDYOU = "; did you mean '{}'?"


class Row:
    def __init__(self, name, args, code, err=None, out=None, stdin=None, env=None, user=None,
                 needs=None, seconds=ROW_TIMEOUT, check=None, bug=None, stdout_to=None):
        self.name = name
        self.args = args          # list of str/bytes; "{tmp}" is the scratch directory
        self.code = code          # expected exit status
        self.err = err            # regex searched in stderr; None: stderr must be empty
        self.out = out            # "empty" | "text" | "json" | "ndjson" | "any"; None: by code
        self.stdin = stdin        # None (/dev/null) | "closed" | "dir" | bytes
        self.env = env or {}
        self.user = user          # "nobody": run without the right to read mode-000 files
        self.needs = needs        # "probe": only if the binary has the probe command
        self.seconds = seconds    # wall time limit
        self.check = check        # fn(stdout_text) -> list of problems
        self.bug = bug            # known defect: expected to fail, reported as XFAIL
        self.stdout_to = stdout_to  # "full": stdout is /dev/full


def json_has(**want):
    def check(text):
        doc = json.loads(text)
        return [f"JSON {k}: {doc.get(k)!r}, want {v!r}" for k, v in want.items() if doc.get(k) != v]
    return check


def ndjson_errors(*codes):
    """NDJSON whose error records carry these codes, in order."""
    def check(text):
        got = [json.loads(line).get("error", {}).get("code") for line in text.splitlines()]
        got = [c for c in got if c]
        return [] if got == list(codes) else [f"batch error codes {got}, want {list(codes)}"]
    return check


def rows():
    r = []
    add = r.append
    usage = "mailports: error: "

    # -- no arguments at all, and each command without its arguments
    add(Row("no-args", [], 64,
            r"no command given; expected one of: recommend, check, ports, explain, providers"))
    add(Row("recommend-no-args", ["recommend"], 64,
            r"recommend needs exactly one of --proto, --email, --domain, --host, --service, --hosting, or an ADDRESS or DOMAIN argument"))
    add(Row("check-no-args", ["check"], 64,
            r"check needs a URL, or --proto, --port and --tls; missing: --proto, --port, --tls"))
    add(Row("ports-no-args", ["ports"], 0, out="text"))
    add(Row("explain-no-args", ["explain"], 64, r"missing: port"))
    add(Row("providers-no-args", ["providers"], 0, out="text"))
    add(Row("probe-no-args", ["probe"], 64, r"(?i)host", needs="probe"))

    # -- unknown command: did you mean, never acted on
    for typo, meant in (("recmomend", "recommend"), ("chekc", "check"), ("portz", "ports"),
                        ("explian", "explain"), ("provders", "providers")):
        add(Row(f"unknown-command-{typo}", [typo, "--json"], 64,
                re.escape(f"unknown command '{typo}'" + DIDYOU.format(meant))))
    add(Row("unknown-command-prob", ["prob", "example.com"], 64,
            re.escape("unknown command 'prob'" + DIDYOU.format("probe")), needs="probe"))
    add(Row("unknown-command-far", ["zzzzz"], 64, r"unknown command 'zzzzz'\n"))
    add(Row("unknown-command-help", ["help"], 64, r"unknown command 'help'"))
    add(Row("unknown-command-empty", [""], 64, r"unknown command ''"))
    # Full-width words are read as typed on a Japanese keyboard (NFKC), command names too.
    add(Row("unknown-command-fullwidth", ["ｃｈｅｃｋｋ"], 64,
            re.escape("unknown command 'checkk'" + DIDYOU.format("check"))))
    add(Row("command-fullwidth", ["ｃｈｅｃｋ", "--port", "５８７", "--tls", "ＳＴＡＲＴＴＬＳ"], 0, out="text"))
    add(Row("unknown-command-bad-utf8", [b"chekc\xff"], 64,
            re.escape(r"unknown command 'chekc\xff'" + DIDYOU.format("check"))))

    # -- unknown options, with did you mean for options of the command
    add(Row("check-unknown-option", ["check", "--prot", "smtp"], 64,
            re.escape("unexpected argument: --prot" + DIDYOU.format("--proto"))))
    add(Row("ports-unknown-option", ["ports", "--jsn"], 64,
            re.escape("unexpected argument: --jsn" + DIDYOU.format("--json"))))
    add(Row("explain-unknown-option", ["explain", "465", "--bogus"], 64,
            r"unexpected argument: --bogus"))
    add(Row("providers-unknown-option", ["providers", "--bogus", "a", "b"], 64,
            r"unexpected argument: .*--bogus"))
    add(Row("global-unknown-option", ["--bogus"], 64, r"unexpected argument: --bogus"))
    add(Row("global-unknown-option-before-value", ["--lnag", "ja"], 64,
            r"unexpected argument: .*--lnag" + re.escape(DIDYOU.format("--lang"))))
    add(Row("option-missing-value", ["check", "--proto", "smtp", "--tls", "none", "--port"], 64,
            r"--port: 1 required PORT missing"))
    add(Row("global-option-missing-value", ["ports", "--rules"], 64,
            r"--rules: 1 required FILE missing"))

    # -- repeated options
    for name, args in (
            ("check-port", ["check", "--proto", "smtp", "--tls", "none", "--port", "1", "--port", "2"]),
            ("check-proto", ["check", "--proto", "smtp", "--proto", "imap", "--port", "1", "--tls", "none"]),
            ("check-tls", ["check", "--proto", "smtp", "--port", "587", "--tls", "none", "--tls", "implicit"]),
            ("check-role", ["check", "--proto", "smtp", "--port", "587", "--tls", "none",
                            "--role", "client", "--role", "relay"]),
            ("check-batch", ["check", "--batch", "/dev/null", "--batch", "/dev/null"]),
            ("recommend-proto", ["recommend", "--proto", "smtp", "--proto", "imap"]),
            ("recommend-prefer", ["recommend", "--proto", "smtp", "--prefer", "implicit", "--prefer", "starttls"]),
            ("recommend-email", ["recommend", "--email", "a@gmail.com", "--email", "b@gmail.com"]),
            ("recommend-domain", ["recommend", "--domain", "gmail.com", "--domain", "yahoo.com"]),
            ("recommend-host", ["recommend", "--host", "smtp.gmail.com", "--host", "imap.gmail.com"]),
            ("recommend-service", ["recommend", "--service", "sendgrid", "--service", "resend"]),
            ("recommend-region", ["recommend", "--service", "ses", "--region", "eu-west-1", "--region", "us-east-1"]),
            ("recommend-hosting", ["recommend", "--hosting", "xserver", "--hosting", "sakura"]),
            ("ports-proto", ["ports", "--proto", "smtp", "--proto", "imap"]),
            ("providers-search", ["providers", "--search", "a", "--search", "b"]),
            ("global-lang", ["--lang", "en", "--lang", "ja", "ports"]),
            ("global-color", ["--color", "never", "ports", "--color", "always"]),
            ("global-rules", ["--rules", "{tmp}/valid-rules.json", "ports", "--rules", "{tmp}/valid-rules.json"]),
            ("global-providers", ["--providers", "{tmp}/p.json", "--providers", "{tmp}/p.json", "providers"]),
            ("probe-timeout", ["probe", "127.0.0.1", "--timeout", "1", "--timeout", "2"])):
        flags = [a for a in args if a.startswith("--")]
        flag = next(f for f in flags if flags.count(f) > 1)
        add(Row(f"repeated-{name}", args, 64, re.escape(f"{flag} was given more than once"),
                needs="probe" if name.startswith("probe") else None))
    add(Row("repeated-flag-json", ["ports", "--json", "--json"], 0, out="json"))
    add(Row("explain-two-ports", ["explain", "465", "587"], 64, r"unexpected argument: 587"))

    # -- numbers: huge, negative, zero, out of range, not decimal, full-width
    port_msg = "invalid port '{}': expected a number from 1 to 65535"
    check_port = ["check", "--proto", "smtp", "--tls", "none", "--port"]
    for name, value in (("huge", HUGE), ("negative", "-1"), ("zero", "0"), ("65536", "65536"),
                        ("decimal", "587.0"), ("hex", "0x24b"), ("leading-space", " 587"),
                        ("plus", "+587"), ("empty", ""), ("fullwidth-minus", "－５８７"),
                        ("1000-digits", "9" * 1000)):
        shown = value if len(value) <= 80 else value[:80] + "..."
        shown = shown.replace("－５８７", "-587")  # NFKC first: the message names what was read
        add(Row(f"check-port-{name}", check_port + [value], 64,
                re.escape("--port: " + port_msg.format(shown))))
    add(Row("check-port-bom", check_port + ["\ufeff587"], 64,
            re.escape("--port: " + port_msg.format("\\xef\\xbb\\xbf587"))))
    add(Row("check-port-fullwidth", check_port + ["５８７"], 2, out="text",
            check=lambda t: [] if t.startswith("SMTP port 587,") else ["５８７ not read as 587"]))
    add(Row("check-port-mixed-width", check_port + ["5８7"], 2, out="text"))
    add(Row("check-tls-mixed-width", ["check", "--proto", "smtp", "--port", "587", "--tls", "ＳＴＡＲＴtls", "--json"], 0,
            out="json", check=json_has(tls="starttls")))
    add(Row("check-tls-bom", ["check", "--proto", "smtp", "--port", "587", "--tls", "\ufeffstarttls"], 64,
            re.escape("--tls: invalid TLS mode '\\xef\\xbb\\xbfstarttls'")))
    add(Row("check-port-equals-negative", ["check", "--proto", "smtp", "--tls", "none", "--port=-1"], 64,
            re.escape("--port: " + port_msg.format("-1"))))
    for name, value in (("huge", HUGE), ("zero", "0"), ("65536", "65536"), ("fullwidth-zero", "０"),
                        ("suffix", "465abc"), ("empty", "")):
        shown = "0" if value == "０" else value
        add(Row(f"explain-port-{name}", ["explain", value], 64, re.escape("port: " + port_msg.format(shown))))
    add(Row("explain-port-fullwidth", ["explain", "４６５"], 0, out="text",
            check=lambda t: [] if t.startswith("Port 465:") else ["４６５ not read as 465"]))
    add(Row("explain-port-negative", ["explain", "--", "-1"], 64, re.escape("port: " + port_msg.format("-1"))))
    for name, value in (("huge", HUGE), ("negative", "-1"), ("empty", ""), ("bom", "\ufeff587")):
        url = f"smtp://mail.example:{value}"
        add(Row(f"check-url-port-{name}", ["check", url, "--tls", "none"], 64,
                re.escape(f"invalid port '{value}' in URL '{url}'".replace("\ufeff", "\\xef\\xbb\\xbf"))))
    add(Row("check-url-port-fullwidth", ["check", "smtp://mail.example:５８７", "--tls", "none"], 2, out="text"))
    # HOST:PORT without a scheme
    for name, value in (("zero", "0"), ("huge", "99999"), ("word", "x")):
        add(Row(f"check-host-port-{name}", ["check", f"mail.example:{value}"], 64,
                re.escape(f"invalid port '{value}' in URL 'mail.example:{value}'")))
    add(Row("check-host-no-port", ["check", "mail.example"], 64, re.escape("'mail.example' is not a mail URL")))
    add(Row("check-host-port-unknown", ["check", "mail.example:2526"], 64,
            re.escape("cannot tell the protocol of mail.example:2526: the rules table has it for no mail protocol")))
    add(Row("check-host-port-and-port", ["check", "mail.example:587", "--port", "465"], 64,
            re.escape("give either a URL or --proto/--port, not both")))
    add(Row("check-port-no-proto-unknown", ["check", "--port", "2526", "--tls", "starttls"], 64,
            re.escape("cannot tell the protocol of port 2526")))
    add(Row("check-port-no-proto-not-mail", ["check", "--port", "443", "--tls", "implicit"], 64,
            re.escape("cannot tell the protocol of port 443")))
    add(Row("check-v6-open", ["check", "[::1:993"], 64, re.escape("'[::1:993' is not a mail URL")))

    # -- bad words, with did you mean
    add(Row("check-proto-typo", ["check", "--proto", "smtpp", "--port", "587", "--tls", "none"], 64,
            re.escape("--proto: invalid protocol 'smtpp'; expected one of: smtp, imap, pop3" + DIDYOU.format("smtp"))))
    add(Row("check-tls-typo", ["check", "--proto", "smtp", "--port", "587", "--tls", "starttsl"], 64,
            r"--tls: invalid TLS mode 'starttsl'; expected one of: .*" + re.escape(DIDYOU.format("starttls"))))
    add(Row("check-role-typo", ["check", "--proto", "smtp", "--port", "587", "--tls", "none", "--role", "relya"], 64,
            re.escape("--role: invalid role 'relya'; expected one of: client, relay" + DIDYOU.format("relay"))))
    add(Row("recommend-prefer-typo", ["recommend", "--proto", "smtp", "--prefer", "implict"], 64,
            re.escape("--prefer: invalid preference 'implict'") + r".*" + re.escape(DIDYOU.format("implicit"))))
    add(Row("ports-proto-typo", ["ports", "--proto", "pop4"], 64,
            re.escape("--proto: invalid protocol 'pop4'") + r".*" + re.escape(DIDYOU.format("pop3"))))
    add(Row("ports-proto-pop", ["ports", "--proto", "pop"], 0, out="text"))
    add(Row("ports-proto-fullwidth", ["ports", "--proto", "ｐｏｐ３"], 0, out="text"))
    add(Row("global-lang-typo", ["--lang", "jp", "ports"], 64,
            re.escape("--lang: invalid language 'jp'") + r".*" + re.escape(DIDYOU.format("ja"))))
    add(Row("global-color-typo", ["ports", "--color", "alwayz"], 64,
            re.escape("--color: invalid color mode 'alwayz'") + r".*" + re.escape(DIDYOU.format("always"))))
    add(Row("recommend-proto-bad-utf8", ["recommend", "--proto", b"\xff"], 64,
            re.escape(r"--proto: invalid protocol '\xff'")))
    add(Row("check-batch-with-setting", ["check", "--batch", "-", "--proto", "smtp"], 64,
            r"--batch reads its settings from the input; give no URL, --proto, --port or --tls with it"))
    add(Row("error-in-japanese", ["check", "--proto", "smtp", "--port", "-1", "--tls", "none"], 64,
            re.escape("--port: ポート番号 '-1' は無効です"), env={"LANG": "ja_JP.UTF-8"}))

    # -- Unicode in host, domain, URL
    add(Row("check-url-unicode-user-host", ["check", "smtp://üser@mäil.example:587"], 1,
            out="text", check=lambda t: [] if "smtp://üser@mäil.example:587" in t else ["URL not echoed"]))
    add(Row("check-url-unicode-json", ["check", "smtp://üser@mäil.example:587", "--tls", "starttls", "--json"], 0,
            out="json", check=json_has(host="mäil.example", url="smtp://üser@mäil.example:587")))
    add(Row("check-url-fullwidth-scheme", ["check", "ｓｍｔｐｓ://mail.example"], 0, out="text"))
    add(Row("check-url-idn-query", ["check", "smtps://例え.jp?x=1"], 64,
            re.escape("URL 'smtps://例え.jp' has a path or query after the host (?x=1)")))
    add(Row("check-url-query-password", ["check", "smtps://u:hunter2@h/?password=hunter2"], 64,
            re.escape("URL 'smtps://u:***@h' has a path or query after the host (/?password=***)"),
            check=lambda t: ["password echoed"] if "hunter2" in t else []))
    add(Row("check-mailto", ["check", "mailto:taro@example.com"], 64,
            re.escape("mailto:taro@example.com is an e-mail address, not a mail server URL")))
    add(Row("check-url-control-host", ["check", "smtps://mail\x01example"], 64,
            re.escape(r"invalid host 'mail\x01example'")))
    add(Row("check-url-space-host", ["check", "smtps://mail example"], 64,
            re.escape("invalid host 'mail example'")))
    add(Row("check-url-open-bracket", ["check", "smtps://[::1"], 64, re.escape("invalid host '[::1'")))
    add(Row("check-url-long-host", ["check", "smtps://" + "a" * 100000 + ".example"], 64,
            r"invalid host 'a{80}\.\.\.'"))
    add(Row("check-url-bad-utf8-host", ["check", b"smtps://\xff\xfe.example"], 64,
            re.escape(r"invalid host '\xff\xfe.example'")))
    add(Row("check-url-empty", ["check", ""], 64, r"url: needs a value, not an empty string"))
    add(Row("recommend-domain-idn-unknown", ["recommend", "--domain", "例え.jp"], 3,
            r"^mailports: no settings known for xn--r8jz45g\.jp"))
    add(Row("recommend-domain-idn-unknown-json", ["recommend", "--domain", "例え.jp", "--json"], 3,
            r"no settings known for xn--r8jz45g\.jp", out="json",
            check=json_has(found=False, domain="xn--r8jz45g.jp")))
    add(Row("recommend-email-idn-unknown", ["recommend", "--email", "太郎@例え.jp"], 3,
            r"no settings known for xn--r8jz45g\.jp"))
    add(Row("recommend-domain-fullwidth", ["recommend", "--domain", "ｇｍａｉｌ．ｃｏｍ"], 0, out="text",
            check=lambda t: [] if t.startswith("gmail.com: ") else ["not mapped to gmail.com"]))
    add(Row("recommend-domain-bad-punycode", ["recommend", "--domain", "xn--zz"], 64,
            re.escape("invalid domain 'xn--zz'")))
    add(Row("recommend-domain-empty-label", ["recommend", "--domain", "a..b"], 64, re.escape("invalid domain 'a..b'")))
    add(Row("recommend-domain-bad-utf8", ["recommend", "--domain", b"\xff.jp"], 64,
            re.escape(r"invalid domain '\xff.jp'")))
    add(Row("recommend-domain-too-long", ["recommend", "--domain", "a" * 300 + ".com"], 64,
            r"invalid domain 'a{80}\.\.\.': the domain is too long"))
    add(Row("recommend-email-bad-utf8", ["recommend", "--email", b"a@\xff.jp"], 64,
            re.escape(r"invalid address 'a@\xff.jp'")))
    # -- sending services and hosting templates (data/services.json)
    add(Row("recommend-service-unknown", ["recommend", "--service", "sendgird"], 64,
            re.escape("no sending service named 'sendgird'; did you mean 'sendgrid'?")))
    add(Row("recommend-service-empty", ["recommend", "--service", ""], 64,
            r"--service: needs a value, not an empty string"))
    add(Row("recommend-service-bad-utf8", ["recommend", "--service", b"\xff"], 64,
            re.escape(r"no sending service named '\xff'")))
    add(Row("recommend-service-long", ["recommend", "--service", "s" * 100000], 64,
            r"no sending service named 's{80}\.\.\.'"))
    add(Row("recommend-service-hosting-name", ["recommend", "--service", "xserver"], 64,
            re.escape("no sending service named 'xserver'")))
    add(Row("recommend-service-no-region", ["recommend", "--service", "ses"], 64,
            re.escape("Amazon SES has one host per region: add --region REGION")))
    add(Row("recommend-service-bad-region", ["recommend", "--service", "ses", "--region", "eu-west-9"], 64,
            re.escape("Amazon SES has no region 'eu-west-9'")))
    add(Row("recommend-service-region-unused", ["recommend", "--service", "resend", "--region", "eu-west-1"], 64,
            re.escape("--region 'eu-west-1': Resend has the same hosts in every region")))
    add(Row("recommend-region-alone", ["recommend", "--region", "eu-west-1"], 64,
            re.escape("--region 'eu-west-1' needs --service")))
    add(Row("recommend-service-role", ["recommend", "--service", "ses", "--region", "eu-west-1", "--role", "relay"], 64,
            re.escape("--role 'relay' is for --proto, not --service")))
    add(Row("recommend-service-prefer", ["recommend", "--service", "sendgrid", "--prefer", "starttls"], 64,
            re.escape("--prefer 'starttls' is for --proto, not --service")))
    add(Row("recommend-hosting-role", ["recommend", "--hosting", "sakura", "--role", "client"], 64,
            re.escape("--role 'client' is for --proto, not --hosting")))
    add(Row("recommend-hosting-prefer", ["recommend", "--hosting", "xserver", "--host", "sv1.xserver.jp",
                                         "--prefer", "implicit"], 64,
            re.escape("--prefer 'implicit' is for --proto, not --hosting")))
    add(Row("recommend-hosting-unknown", ["recommend", "--hosting", "xservr"], 64,
            re.escape("no hosting template named 'xservr'; did you mean 'xserver'?")))
    add(Row("recommend-hosting-host-mismatch", ["recommend", "--hosting", "xserver", "--host", "sv1.evil.example"], 64,
            re.escape("--host 'sv1.evil.example' is not a server name of Xserver")))
    add(Row("recommend-hosting-bad-host", ["recommend", "--hosting", "xserver", "--host", "a..b"], 64,
            re.escape("invalid host 'a..b'")))
    add(Row("recommend-service-json", ["recommend", "--service", "sendgrid", "--json"], 0, out="json",
            check=json_has(found=True, found_by="service")))
    add(Row("recommend-domain-empty", ["recommend", "--domain", ""], 64,
            r"--domain: needs a value, not an empty string"))
    add(Row("recommend-email-empty", ["recommend", "--email", ""], 64,
            r"--email: needs a value, not an empty string"))
    add(Row("recommend-host-empty", ["recommend", "--host", ""], 64,
            r"--host: needs a value, not an empty string"))
    add(Row("recommend-host-space", ["recommend", "--host", "mail example.net"], 64,
            re.escape("invalid host 'mail example.net'")))
    add(Row("recommend-host-too-long", ["recommend", "--host", "a" * 300 + ".com"], 64,
            r"invalid host 'a{80}\.\.\.': the domain is too long"))
    add(Row("recommend-host-bad-utf8", ["recommend", "--host", b"\xff.jp"], 64,
            re.escape(r"invalid host '\xff.jp'")))
    add(Row("recommend-host-unknown", ["recommend", "--host", "sv1234.example.net"], 3,
            re.escape("publishes the server sv1234.example.net")))
    add(Row("recommend-host-and-domain", ["recommend", "--host", "smtp.gmail.com", "--domain", "gmail.com"], 64,
            r"recommend needs exactly one of"))
    add(Row("providers-search-fullwidth", ["providers", "--search", "ｙａｈｏｏ"], 0, out="text"))
    # Addresses as people paste them
    add(Row("recommend-name-addr-bad", ["recommend", "Taro <bad@@x>"], 64,
            re.escape("invalid address 'Taro <bad@@x>': it has more than one '@'")))
    for name, value in (("two", "Taro <taro@gmail.com> <x@y.com>"), ("first", "<x@y.com> Taro <taro@gmail.com>"),
                        ("angles-in-name", "a<b>c <taro@gmail.com>")):
        add(Row(f"recommend-name-addr-{name}", ["recommend", value], 64,
                re.escape(f"invalid address '{value}': it holds more than one <...>")))
    add(Row("recommend-prefer-ambiguous", ["recommend", "--proto", "smtp", "--prefer", "TLS"], 64,
            re.escape("--prefer: 'TLS' is ambiguous: Outlook means STARTTLS by it")))
    add(Row("recommend-name-addr-empty", ["recommend", "--email", "Taro <>"], 64,
            re.escape("invalid address 'Taro <>': it has no '@'")))
    add(Row("recommend-email-is-domain", ["recommend", "--email", "gmail.com"], 64,
            re.escape("it has no '@'; to look up a domain, use --domain gmail.com")))
    add(Row("recommend-domain-is-email", ["recommend", "--domain", "taro@gmail.com"], 64,
            re.escape("to look up an address, use --email taro@gmail.com")))
    add(Row("recommend-two-targets", ["recommend", "gmail.com", "--email", "a@gmail.com"], 64,
            r"recommend needs exactly one of"))
    add(Row("recommend-email-bom", ["recommend", "--email", "\ufefftaro@gmail.com"], 64,
            re.escape("invalid address '\\xef\\xbb\\xbftaro@gmail.com': it contains a space or a control character")))
    add(Row("providers-search-huge", ["providers", "--search", "x" * 100000], 3,
            r"no provider matches 'x{80}\.\.\.'"))

    # -- NUL bytes in files
    add(Row("rules-nul", ["ports", "--rules", "{tmp}/nul.json"], 65,
            re.escape("invalid rules file {tmp}/nul.json:1:6: control character U+0000 (NUL)")))
    add(Row("rules-nul-env", ["check", "--proto", "smtp", "--port", "587", "--tls", "none"], 65,
            re.escape("invalid rules file {tmp}/nul.json:1:6: control character U+0000 (NUL)"),
            env={"MAILPORTS_RULES": "{tmp}/nul.json"}))
    add(Row("providers-nul", ["recommend", "--domain", "gmail.com", "--providers", "{tmp}/nul.json"], 65,
            re.escape("invalid providers file {tmp}/nul.json:1:6: control character U+0000 (NUL)")))
    add(Row("providers-nul-env", ["providers"], 65,
            re.escape("invalid providers file {tmp}/nul.json:1:6: control character U+0000 (NUL)"),
            env={"MAILPORTS_PROVIDERS": "{tmp}/nul.json"}))
    add(Row("batch-nul-file", ["check", "--batch", "{tmp}/nul.ndjson"], 65, None, out="ndjson",
            check=ndjson_errors("bad-json")))
    add(Row("batch-nul-stdin", ["check", "--batch", "-"], 65, None, out="ndjson",
            stdin=b'{"proto":"smtp","port":465,"tls":"implicit"}\n\0\0\0\n{"url":"imaps://x"}\n',
            check=ndjson_errors("bad-json")))
    add(Row("batch-bad-utf8", ["check", "--batch", "-"], 65, None, out="ndjson",
            stdin=b'{"id":"\xff","proto":"smtp","port":465,"tls":"implicit"}\n', check=ndjson_errors("bad-json")))
    add(Row("batch-relay-without-settings", ["check", "--batch", "-"], 65, None, out="ndjson",
            stdin=b'{"proto":"imap","port":993,"tls":"implicit","role":"relay"}\n'
                  b'{"proto":"smtp","port":465,"tls":"implicit"}\n'
                  b'{"url":"pop3s://x","role":"relay"}\n',
            check=ndjson_errors("bad-field", "bad-field")))
    add(Row("check-relay-without-settings", ["check", "--proto", "pop3", "--port", "995", "--tls", "implicit",
                                             "--role", "relay"], 64,
            re.escape("the rules table has no server-to-server relay settings for pop3")))
    add(Row("rules-empty-file", ["ports", "--rules", "{tmp}/empty.json"], 65,
            re.escape("invalid rules file {tmp}/empty.json:1:1: syntax error")))

    # -- 100 MB files (sparse), and endless ones: refused at once
    add(Row("rules-100mb", ["ports", "--rules", "{tmp}/big.json"], 65,
            re.escape("rules file '{tmp}/big.json' is larger than 16 MiB"), seconds=3))
    add(Row("providers-100mb", ["providers", "--providers", "{tmp}/big.json"], 65,
            re.escape("providers file '{tmp}/big.json' is larger than 16 MiB"), seconds=3))
    add(Row("providers-dev-zero", ["recommend", "--domain", "gmail.com", "--providers", "/dev/zero"], 65,
            re.escape("providers file '/dev/zero' is larger than 16 MiB"), seconds=3))
    add(Row("batch-100mb-one-line", ["check", "--batch", "{tmp}/big.json"], 65, None, out="ndjson",
            check=ndjson_errors("line-too-long")))

    # -- a directory where a file belongs
    add(Row("rules-directory", ["ports", "--rules", "{tmp}/dir"], 66,
            re.escape("cannot read rules file '{tmp}/dir': Is a directory")))
    add(Row("rules-directory-env", ["ports"], 66,
            re.escape("cannot read rules file '{tmp}/dir': Is a directory"), env={"MAILPORTS_RULES": "{tmp}/dir"}))
    add(Row("providers-directory", ["recommend", "--email", "a@gmail.com", "--providers", "{tmp}/dir"], 66,
            re.escape("cannot read providers file '{tmp}/dir': Is a directory")))
    add(Row("batch-directory", ["check", "--batch", "{tmp}/dir"], 66,
            re.escape("cannot read input file '{tmp}/dir': Is a directory")))
    add(Row("batch-stdin-directory", ["check", "--batch", "-"], 66,
            re.escape("cannot read input file '-': Is a directory"), stdin="dir"))

    # -- unreadable files (mode 000)
    add(Row("rules-unreadable", ["ports", "--rules", "{tmp}/unreadable.json"], 66,
            re.escape("cannot read rules file '{tmp}/unreadable.json': Permission denied"), user="nobody"))
    add(Row("providers-unreadable", ["providers", "--providers", "{tmp}/unreadable.json"], 66,
            re.escape("cannot read providers file '{tmp}/unreadable.json': Permission denied"), user="nobody"))
    add(Row("batch-unreadable", ["check", "--batch", "{tmp}/unreadable.json"], 66,
            re.escape("cannot read input file '{tmp}/unreadable.json': Permission denied"), user="nobody"))

    # -- empty file names: refused, never taken as "not given"
    add(Row("rules-empty-name", ["ports", "--rules", ""], 64, r"--rules: needs a value, not an empty string"))
    add(Row("providers-empty-name", ["providers", "--providers", ""], 64,
            r"--providers: needs a value, not an empty string"))
    # CLI11 gives "--batch ''" and a bare "--batch" the same empty value, and a
    # bare --batch means standard input (README): so does this.
    add(Row("batch-empty-name", ["check", "--batch", ""], 0, None, out="empty"))

    # -- standard input closed, standard output full
    add(Row("batch-stdin-closed", ["check", "--batch", "-"], 66,
            re.escape("cannot read input file '-': Bad file descriptor"), stdin="closed"))
    add(Row("batch-default-stdin-closed", ["check", "--batch"], 66,
            re.escape("cannot read input file '-': Bad file descriptor"), stdin="closed"))
    add(Row("stdin-closed-unused", ["recommend", "--proto", "smtp"], 0, out="text", stdin="closed"))
    add(Row("rules-dev-stdin-closed", ["ports", "--rules", "/dev/stdin"], 66,
            re.escape("rules file '/dev/stdin' not found"), stdin="closed"))
    for name, args in (("ports", ["ports"]), ("providers-json", ["providers", "--json"]),
                       ("explain", ["explain", "465"]), ("check-url", ["check", "smtps://mail.example"]),
                       ("recommend-email", ["recommend", "--email", "a@gmail.com"]),
                       ("batch", ["check", "--batch", "{tmp}/good.ndjson"])):
        add(Row(f"stdout-full-{name}", args, 74,
                re.escape("cannot write the output: No space left on device"), stdout_to="full"))

    # -- probe (only when the binary has it)
    probe = ["probe", "127.0.0.1", "--proto", "smtp"]
    for name, args, pattern in (
            ("port-0", probe + ["--port", "0"], r"--port\b.*'0'"),
            ("port-70000", probe + ["--port", "70000"], r"--port\b.*'70000'"),
            ("port-huge", probe + ["--port", HUGE], r"--port\b.*'" + HUGE + "'"),
            ("port-negative", probe + ["--port=-1"], r"--port\b.*'-1'"),
            ("timeout-negative", ["probe", "127.0.0.1", "--timeout=-1"], r"--timeout\b.*'-1'"),
            ("timeout-text", ["probe", "127.0.0.1", "--timeout", "soon"], r"--timeout\b.*'soon'"),
            ("proto-bogus", ["probe", "127.0.0.1", "--proto", "bogus"], r"--proto\b.*'bogus'"),
            ("proto-typo", ["probe", "127.0.0.1", "--proto", "smpt"],
             r"--proto\b.*'smpt'.*" + re.escape(DIDYOU.format("smtp"))),
            ("port-fullwidth-zero", ["probe", "127.0.0.1", "--port", "０"], r"--port\b.*'0'"),
            ("as-unknown", probe + ["--port", "10587", "--as", "bogus"], r"'bogus' for --as\b.*submission"),
            ("as-no-port", ["probe", "127.0.0.1", "--as", "submission"], r"--as submission\b.*one port"),
            ("as-two-ports", probe + ["--port", "1", "--port", "2", "--as", "submission"],
             r"--as submission\b.*one port"),
            ("as-proto-conflict", ["probe", "127.0.0.1", "--proto", "imap", "--port", "1", "--as", "submission"],
             r"--as submission means SMTP, but the protocol is IMAP"),
            ("unknown-option", ["probe", "127.0.0.1", "--tiemout", "2"],
             re.escape("unexpected argument: ") + r".*--tiemout.*" + re.escape(DIDYOU.format("--timeout")))):
        add(Row(f"probe-{name}", args, 64, pattern, needs="probe"))
    # --port without --proto speaks the table's protocol for the port (587: SMTP), as check does
    add(Row("probe-port-without-proto", ["probe", "127.0.0.1", "--port", "５８７", "--timeout", "2", "--json"], 2,
            out="json", check=lambda t: [] if json.loads(t)["results"][0]["proto"] == "smtp" else ["not SMTP"],
            needs="probe"))
    add(Row("probe-source-bad", probe + ["--port", "1", "--source", "not-an-address"], 64,
            r"--source\b.*'not-an-address'", needs="probe"))
    add(Row("probe-ca-file-missing", probe + ["--port", "1", "--timeout", "2", "--ca-file", "{tmp}/nope.pem"], 66,
            re.escape("{tmp}/nope.pem"), needs="probe"))
    add(Row("probe-ca-file-directory", probe + ["--port", "1", "--timeout", "2", "--ca-file", "{tmp}/dir"], 66,
            re.escape("{tmp}/dir") + r".*Is a directory", needs="probe"))
    add(Row("probe-ca-file-unreadable", probe + ["--port", "1", "--timeout", "2", "--ca-file", "{tmp}/unreadable.json"],
            66, re.escape("{tmp}/unreadable.json") + r".*Permission denied", needs="probe", user="nobody"))
    add(Row("probe-ca-file-nul", probe + ["--port", "1", "--timeout", "2", "--ca-file", "{tmp}/nul.json"], 65,
            re.escape("{tmp}/nul.json"), needs="probe"))
    add(Row("probe-unresolvable-ja", ["--lang", "ja", "probe", "no-such-host.invalid", "--timeout", "2"], 68,
            r"ホスト名 'no-such-host\.invalid' の名前解決ができません: "
            r"(そのホスト名は存在しません|名前解決に一時的に失敗しました)\n", needs="probe"))
    add(Row("probe-unresolvable", ["probe", "no-such-host.invalid", "--timeout", "2"], 68,
            r"no-such-host\.invalid", needs="probe"))
    add(Row("probe-unresolvable-json", ["probe", "no-such-host.invalid", "--timeout", "2", "--json"], 68,
            r"no-such-host\.invalid", needs="probe"))
    add(Row("probe-unresolvable-idn", ["probe", "例え.invalid", "--proto", "imap", "--timeout", "2"], 68,
            r"例え\.invalid|xn--r8jz45g\.invalid", needs="probe"))

    # -- probe's HOST:PORT, [IPv6]:PORT and URL forms: the bad part named, never a DNS error
    for name, target, pattern in (
            ("target-port-0", "host.example:0", r"port '0' in 'host\.example:0'"),
            ("target-port-99999", "host.example:99999", r"port '99999' in 'host\.example:99999'"),
            ("target-port-huge", "host.example:" + HUGE, r"port '" + HUGE + "'"),
            ("target-port-text", "host.example:smtp", r"port 'smtp' in 'host\.example:smtp'"),
            ("target-port-negative", "host.example:-1", r"port '-1'"),
            ("target-port-empty", "host.example:", r"port '' in 'host\.example:'"),
            ("target-empty-host", ":25", r"host ':25'"),
            ("target-bracket-open", "[::1", r"host '\[::1'.*\[ADDRESS\]:PORT"),
            ("target-bracket-empty", "[]:25", r"host '\[\]:25'"),
            ("target-bracket-junk", "[::1]x", r"host '\[::1\]x'"),
            ("target-bracket-port-text", "[::1]:x", r"port 'x' in '\[::1\]:x'"),
            ("target-bracket-port-0", "[::1]:0", r"port '0' in '\[::1\]:0'"),
            ("target-url-path", "imaps://u:hunter2@host.example/INBOX",   # the password as ***
             r"URL 'imaps://u:\*\*\*@host\.example' has a path"),
            ("target-url-query", "smtp://host.example:25?tls=1", r"URL 'smtp://host\.example:25' has a path"),
            ("target-url-bad-port", "pop3://host.example:0", r"port '0' in URL"),
            ("target-url-scheme", "http://host.example", r"scheme 'http'"),
            ("target-url-no-host", "imap://", r"URL 'imap://' has no host")):
        add(Row(f"probe-{name}", ["probe", target], 64, pattern, needs="probe"))
    for name, args, pattern in (
            ("target-port-conflict", ["probe", "127.0.0.1:587", "--port", "465"],
             r"'127\.0\.0\.1:587' names port 587, but --port says 465"),
            ("target-url-port-conflict", ["probe", "smtps://127.0.0.1:465", "--port", "587"],
             r"names port 465, but --port says 587"),
            ("target-url-proto-conflict", ["probe", "imaps://127.0.0.1", "--proto", "smtp"],
             r"scheme 'imaps' means imap, but --proto says smtp")):
        add(Row(f"probe-{name}", args, 64, pattern, needs="probe"))

    # -- discover: refused before anything is sent; and a network that answers nothing (68)
    disc = ["discover", "taro@example.invalid"]
    for name, args, pattern in (
            ("no-args", ["discover"], r"(?i)target"),
            ("address-two-at", ["discover", "a@@example.com"], r"'a@@example\.com'"),
            ("domain-space", ["discover", "exa mple.com"], r"'exa mple\.com'"),
            ("domain-empty", ["discover", ""], r"(?i)empty|target"),
            ("address-invisible", ["discover", "taro\u200b@example.com"], re.escape(r"'taro\xe2\x80\x8b@example.com'")),
            ("timeout-0", disc + ["--timeout", "0"], r"--timeout\b.*'0'"),
            ("timeout-text", disc + ["--timeout", "soon"], r"--timeout\b.*'soon'"),
            ("timeout-huge", disc + ["--timeout", HUGE], r"--timeout\b.*'" + HUGE + "'"),
            ("dns-server-name", disc + ["--dns-server", "bad_name!"], r"DNS server 'bad_name!'"),
            ("dns-server-ipv6", disc + ["--dns-server", "[::1"], r"DNS server '\[::1'.*IPv6"),
            ("dns-server-ipv6-port", disc + ["--dns-server", "[::1]:0"], r"DNS server '\[::1\]:0'"),
            ("dns-server-port-0", disc + ["--dns-server", "127.0.0.1:0"], r"DNS server '127\.0\.0\.1:0'"),
            ("dns-server-port-huge", disc + ["--dns-server", "127.0.0.1:" + HUGE], r"DNS server '127\.0\.0\.1:"),
            ("unknown-option", disc + ["--no-htp"], r"--no-htp" + re.escape(DIDYOU.format("--no-http")))):
        add(Row(f"discover-{name}", args, 64, pattern))
    add(Row("discover-connect-to-bad", disc, 64, r"MAILPORTS_TEST_CONNECT_TO.*'?a:b'?",
            env={"MAILPORTS_TEST_CONNECT_TO": "a:b"}))
    # --role relay (issue 16 §3): a bad role, and the client options it refuses
    add(Row("discover-role-bogus", disc + ["--role", "mx"], 64, r"--role\b.*'mx'"))
    add(Row("discover-relay-verify", ["discover", "example.invalid", "--role", "relay", "--verify"], 64,
            r"--verify does not apply to --role relay"))
    add(Row("discover-relay-unreachable", ["discover", "example.invalid", "--role", "relay", "--dns-server",
                                           "127.0.0.1:1", "--timeout", "3"], 68, r"example\.invalid", seconds=8))
    add(Row("probe-role-bogus", ["probe", "127.0.0.1", "--role", "mx"], 64, r"--role\b.*'mx'", needs="probe"))
    add(Row("probe-relay-port", ["probe", "127.0.0.1", "--role", "relay", "--port", "587"], 64,
            r"--port does not apply to --role relay", needs="probe"))
    add(Row("probe-relay-host-port", ["probe", "127.0.0.1:587", "--role", "relay"], 64,
            r"127\.0\.0\.1:587 does not apply to --role relay", needs="probe"))
    add(Row("probe-dns-server-client", ["probe", "127.0.0.1", "--dns-server", "127.0.0.1"], 64,
            r"--dns-server is used only with --role relay", needs="probe"))
    add(Row("probe-relay-bad-dns-server", ["probe", "127.0.0.1", "--role", "relay", "--dns-server", "[::1"], 64,
            r"'\[::1'", needs="probe"))
    add(Row("probe-relay-dns-server-unresolved", ["probe", "127.0.0.1", "--role", "relay", "--dns-server",
                                                  "dns.invalid", "--timeout", "3"], 68,
            r"'dns\.invalid'", needs="probe"))
    add(Row("discover-ca-file-missing", disc + ["--ca-file", "{tmp}/nope.pem"], 66, re.escape("{tmp}/nope.pem")))
    add(Row("discover-ca-file-nul", disc + ["--ca-file", "{tmp}/nul.json"], 65, re.escape("{tmp}/nul.json")))
    # Every DNS query refused at once, so every HTTP request too: nothing reached, quickly.
    add(Row("discover-unreachable", disc + ["--dns-server", "127.0.0.1:1", "--timeout", "3"], 68,
            r"taro@example\.invalid.*Connection refused", seconds=8))
    add(Row("discover-unreachable-json", disc + ["--dns-server", "127.0.0.1:1", "--timeout", "3", "--json"], 68,
            r"taro@example\.invalid", seconds=8))
    add(Row("discover-unreachable-ja", ["--lang", "ja"] + disc + ["--dns-server", "127.0.0.1:1", "--timeout", "3"],
            68, r"taro@example\.invalid について、どの情報源にも接続できませんでした", seconds=8))

    # -- diagnose: bad options, files and catalogues; never a crash on what a log holds
    for name, args, pattern in (
            ("port-0", ["diagnose", "x", "--port", "0"], r"--port\b.*'0'"),
            ("tls-bogus", ["diagnose", "x", "--tls", "bogus"], r"--tls\b.*'bogus'"),
            ("proto-typo", ["diagnose", "x", "--proto", "smpt"], r"--proto\b.*'smpt'.*" + re.escape(DIDYOU.format("smtp"))),
            ("file-empty-name", ["diagnose", "--file", ""], r"--file"),
            ("text-and-file", ["diagnose", "x", "--file", "-"], r"(?i)not both"),
            ("diagnoses-empty", ["--diagnoses", "", "diagnose", "x"], r"--diagnoses")):
        add(Row(f"diagnose-{name}", args, 64, pattern))
    add(Row("diagnose-file-missing", ["diagnose", "--file", "{tmp}/nope.log"], 66, re.escape("{tmp}/nope.log")))
    add(Row("diagnose-file-directory", ["diagnose", "--file", "{tmp}/dir"], 66, re.escape("{tmp}/dir") + r".*Is a directory"))
    add(Row("diagnose-file-unreadable", ["diagnose", "--file", "{tmp}/unreadable.json"], 66,
            re.escape("{tmp}/unreadable.json") + r".*Permission denied", user="nobody"))
    add(Row("diagnose-catalogue-nul", ["--diagnoses", "{tmp}/nul.json", "diagnose", "x"], 65, re.escape("{tmp}/nul.json")))
    add(Row("diagnose-catalogue-missing", ["--diagnoses", "{tmp}/nope.json", "diagnose", "x"], 66, re.escape("{tmp}/nope.json")))
    add(Row("diagnose-catalogue-env", ["diagnose", "x"], 65, re.escape("{tmp}/nul.json"),
            env={"MAILPORTS_DIAGNOSES": "{tmp}/nul.json"}))
    add(Row("diagnose-catalogue-empty-object", ["--diagnoses", "{tmp}/p.json", "diagnose", "x"], 65, r"(?i)version"))
    add(Row("diagnose-nothing", ["diagnose", "all", "is", "well"], 3, r"probe"))
    add(Row("diagnose-binary-stdin", ["diagnose"], 3, r"probe", stdin=bytes(range(256)) * 64))
    add(Row("diagnose-binary-log", ["diagnose", "--file", "-", "--json"], 3, r"probe", out="json",
            stdin=bytes(range(256)) * 4096))
    add(Row("diagnose-stdin-closed", ["diagnose"], 66, r"'-'.*Bad file descriptor", stdin="closed"))
    add(Row("diagnose-stdin-dir", ["diagnose", "--file", "-"], 66, r"(?i)is a directory", stdin="dir"))

    # -- config: the FORMAT, where the settings come from, --output; lint: files and formats
    explicit = ["--proto", "smtp", "--host", "mail.example.com", "--port", "587", "--tls", "starttls"]
    for name, args, pattern in (
            ("no-format", ["config"], r"(?i)format"),
            ("format-typo", ["config", "msmt", "--domain", "gmail.com"], r"'msmt'.*" + re.escape(DIDYOU.format("msmtp"))),
            ("no-source", ["config", "srv"], r"--email ADDRESS"),
            ("explicit-with-domain-incomplete", ["config", "srv", "--domain", "gmail.com", "--port", "587"],
             r"missing: --proto, --host, --tls"),
            ("explicit-incomplete", ["config", "srv", "--host", "h.example", "--port", "587"], r"missing: --proto, --tls"),
            ("tls-ambiguous", ["config", "srv", *explicit[:-1], "tls"], r"'tls'.*implicit or starttls"),
            ("tls-bogus", ["config", "srv", *explicit[:-1], "bogus"], r"--tls\b.*'bogus'"),
            ("port-0", ["config", "srv", "--domain", "gmail.com", "--port", "0"], r"--port\b.*'0'"),
            ("bad-version", ["config", "srv", "--domain", "gmail.com", "--client-version", "1.x"], r"'1\.x'"),
            ("discover-no-domain", ["config", "srv", "--discover", *explicit], r"--discover needs"),
            ("output-empty", ["config", "srv", "--domain", "gmail.com", "--output", ""], r"--output"),
            ("address-bad", ["config", "srv", "--email", "taro@"], r"taro@")):
        add(Row(f"config-{name}", args, 64, pattern))
    add(Row("config-unknown-domain", ["config", "srv", "--domain", "nowhere.invalid"], 3, r"discover"))
    add(Row("config-refused", ["config", "srv", "--proto", "smtp", "--host", "mail.example.com", "--port", "587",
                               "--tls", "none"], 2, r"refused: smtp mail\.example\.com:587 none[\s\S]*--force"))
    add(Row("config-needs-domain", ["config", "srv", *explicit], 3, r"--email or --domain"))
    add(Row("config-output-exists", ["config", "srv", "--domain", "gmail.com", "--output", "{tmp}/p.json"], 73,
            re.escape("{tmp}/p.json") + r".*--force"))
    add(Row("config-output-no-dir", ["config", "srv", "--domain", "gmail.com", "--output", "{tmp}/nodir/x"], 73,
            r"No such file or directory"))
    for name, args, pattern in (
            ("no-files", ["lint"], r"(?i)file"),
            ("format-typo", ["lint", "--format", "msmpt", "{tmp}/p.json"], r"'msmpt'.*" + re.escape(DIDYOU.format("msmtp"))),
            ("format-write-only", ["lint", "--format", "srv", "{tmp}/p.json"], r"'srv'"),
            ("stdin-no-format", ["lint", "-"], r"--format"),
            ("bad-version", ["lint", "--client-version", "x", "{tmp}/p.json"], r"'x'")):
        add(Row(f"lint-{name}", args, 64, pattern))
    add(Row("lint-missing", ["lint", "{tmp}/nope.msmtprc"], 66, re.escape("{tmp}/nope.msmtprc")))
    add(Row("lint-directory", ["lint", "--format", "msmtp", "{tmp}/dir"], 66, r"Is a directory"))
    add(Row("lint-unreadable", ["lint", "--format", "msmtp", "{tmp}/unreadable.json"], 66,
            re.escape("{tmp}/unreadable.json"), user="nobody"))
    add(Row("lint-undetected", ["lint", "{tmp}/p.json"], 65, re.escape("{tmp}/p.json") + r".*--format"))
    add(Row("lint-binary", ["lint", "--format", "msmtp", "{tmp}/nul.json"], 65, r"binary"))
    add(Row("lint-huge", ["lint", "--format", "msmtp", "{tmp}/big.json"], 65, r"1 MiB"))
    add(Row("lint-stdin-closed", ["lint", "--format", "msmtp", "-"], 66, r"'-'", stdin="closed"))
    add(Row("lint-stdin-binary", ["lint", "--format", "mbsync", "-", "--json"], 65, r"binary", out="json-report",
            stdin=bytes(range(256)) * 64))
    # What the clients themselves refuse: the line and column, never a password.
    add(Row("lint-mbsync-unterminated", ["lint", "--format", "mbsync", "-"], 65, r"-:3:6: .*quote",
            stdin=b'IMAPAccount a\nHost h\nPass "s3cret-pw\n'))
    add(Row("lint-mbsync-ssltype", ["lint", "--format", "mbsync", "-"], 65, r"-:3:1: .*SSLType TLS",
            stdin=b'IMAPAccount a\nHost h\nSSLType TLS\n'))
    add(Row("lint-aerc-section", ["lint", "--format", "aerc", "-"], 65, r"-:3:1: .*aerc",
            stdin=b'[A]\nsource = imaps://h\n[B\n'))
    add(Row("lint-msmtp-port", ["lint", "--format", "msmtp", "-"], 65, r"-:3:1: .*99999",
            stdin=b'account a\nhost h\nport 99999\npassword s3cret-pw\n'))
    add(Row("lint-msmtp-base", ["lint", "--format", "msmtp", "-"], 65, r"-:1:1: .*nowhere",
            stdin=b'account a : nowhere\nhost h\n'))
    add(Row("lint-fetchmail-order", ["lint", "--format", "fetchmail", "-"], 65, r"-:2:7: .*user",
            stdin=b'poll h proto pop3\n  ssl user joe pass s3cret-pw\n'))

    for row in r:
        if row.err is not None and row.code in QUIET_ERRORS and not row.err.startswith("^"):
            row.err = re.escape(usage) + ".*" + row.err if not row.err.startswith("(?i)") \
                else "(?i)" + re.escape(usage) + ".*" + row.err[4:]
    return r


# --------------------------------------------------------------------------

def make_fixtures(tmp):
    os.chmod(tmp, 0o755)   # "nobody" must reach the files inside
    with open(os.path.join(tmp, "nul.json"), "wb") as f:
        f.write(b'{"a":\0}\n')
    with open(os.path.join(tmp, "nul.ndjson"), "wb") as f:
        f.write(b'{"proto":"smtp","port":465,"tls":"implicit"}\n{"proto":"smtp",\0"port":465}\n'
                b'{"url":"imaps://mail.example"}\n')
    with open(os.path.join(tmp, "good.ndjson"), "wb") as f:
        f.write(b'{"proto":"smtp","port":465,"tls":"implicit"}\n' * 200)
    open(os.path.join(tmp, "empty.json"), "wb").close()
    with open(os.path.join(tmp, "big.json"), "wb") as f:
        f.truncate(100_000_000)   # sparse: 100 MB of NUL bytes, made at once
    os.mkdir(os.path.join(tmp, "dir"))
    with open(os.path.join(tmp, "unreadable.json"), "wb") as f:
        f.write(b"{}\n")
    os.chmod(os.path.join(tmp, "unreadable.json"), 0)
    with open(os.path.join(tmp, "p.json"), "wb") as f:
        f.write(b"{}\n")
    here = os.path.dirname(os.path.abspath(__file__))
    shutil.copy(os.path.join(here, "..", "..", "data", "rules.json"), os.path.join(tmp, "valid-rules.json"))


def expand(value, tmp):
    if isinstance(value, bytes):
        return value.replace(b"{tmp}", os.fsencode(tmp))
    return value.replace("{tmp}", tmp)


def shown(args):
    parts = []
    for a in args:
        text = os.fsdecode(a) if isinstance(a, bytes) else a
        text = text if len(text) <= 60 else text[:40] + f"...({len(text)} chars)"
        parts.append(repr(text) if (not text or any(c in text for c in " '\"\\") or
                                    not text.isprintable()) else text)
    return " ".join(parts)


def run_row(binary, row, tmp, has_probe, is_root):
    """Returns (status, problems, detail) with status in ok/FAIL/SKIP."""
    if row.needs == "probe" and not has_probe:
        return "SKIP", [], "the binary has no probe command"
    args = [expand(a, tmp) for a in row.args]
    cmd = [binary] + args
    if row.user == "nobody":
        if is_root:
            setpriv = shutil.which("setpriv", path="/usr/bin:/bin")
            if not setpriv:
                return "SKIP", [], "running as root and setpriv is missing: cannot drop privileges"
            cmd = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"] + cmd
        # not root: this user cannot read a mode-000 file; run as is
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    env.update({k: expand(v, tmp) for k, v in row.env.items()})

    stdin, stdin_data, preexec, opened = subprocess.DEVNULL, None, None, []
    if row.stdin == "closed":
        preexec = lambda: os.close(0)  # noqa: E731 - fd 0 closed in the child
    elif row.stdin == "dir":
        stdin = os.open(os.path.join(tmp, "dir"), os.O_RDONLY)
        opened.append(stdin)
    elif isinstance(row.stdin, bytes):
        stdin, stdin_data = subprocess.PIPE, row.stdin
    stdout = subprocess.PIPE
    if row.stdout_to == "full":
        stdout = os.open("/dev/full", os.O_WRONLY)
        opened.append(stdout)

    start = time.monotonic()
    try:
        proc = subprocess.Popen(cmd, env=env, cwd=tmp, stdin=stdin, stdout=stdout,
                                stderr=subprocess.PIPE, preexec_fn=preexec)
        try:
            out, err = proc.communicate(stdin_data, timeout=ROW_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            return "FAIL", [f"HANG: no exit within {ROW_TIMEOUT} s (killed)"], None
    finally:
        for fd in opened:
            os.close(fd)
    elapsed = time.monotonic() - start
    out = out or b""
    problems = []

    code = proc.returncode
    if code < 0:
        problems.append(f"killed by signal {-code}")
    elif code != row.code:
        problems.append(f"exit status {code}, want {row.code}")
    if elapsed > row.seconds:
        problems.append(f"took {elapsed:.2f} s, limit {row.seconds} s")

    try:
        err_text = err.decode("utf-8")
    except UnicodeDecodeError:
        problems.append("stderr is not valid UTF-8")
        err_text = err.decode("utf-8", "replace")
    if SANITIZER.search(err_text):
        problems.append("sanitizer report on stderr")
    if row.err is None:
        if err_text:
            problems.append("stderr should be empty")
    else:
        pattern = row.err.replace(re.escape("{tmp}"), re.escape(tmp)).replace("{tmp}", re.escape(tmp))
        if not re.search(pattern, err_text):
            problems.append(f"stderr does not match /{pattern[:300]}/")
        if code in QUIET_ERRORS and not err_text.startswith("mailports: error: "):
            problems.append("stderr does not start with 'mailports: error: '")
        if code == 3 and not err_text.startswith("mailports: "):
            problems.append("stderr does not start with 'mailports: '")
    if err_text and not err_text.endswith("\n"):
        problems.append("stderr does not end with a newline")

    want_out = row.out or ("empty" if row.code in QUIET_ERRORS else "any")
    if code in QUIET_ERRORS and want_out not in ("ndjson", "json-report") and out:
        problems.append(f"stdout not empty beside exit {code}: {out[:200]!r}")
    try:
        out_text = out.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(f"stdout is not valid UTF-8: {out[:200]!r}")
        out_text = None
    if out_text is not None:
        problems += check_stdout(want_out, out_text)
        if row.check and not problems:
            try:
                problems += row.check(out_text)
            except (ValueError, AttributeError, TypeError) as e:
                problems.append(f"stdout check failed: {e}")

    detail = (f"exit {code} in {elapsed:.2f} s; stderr: {err_text[:400]!r}; "
              f"stdout: {len(out)} bytes {out[:160]!r}")
    return ("FAIL" if problems else "ok"), problems, detail


def check_stdout(want, text):
    if want == "empty":
        return [] if not text else [f"stdout should be empty: {text[:200]!r}"]
    if want == "text":
        return [] if text.strip() else ["stdout should not be empty"]
    if want in ("json", "json-report"):
        try:
            doc = json.loads(text)
        except ValueError as e:
            return [f"stdout is not one JSON object: {e}"]
        if not isinstance(doc, dict) or doc.get("schema_version") != 1:
            return ["stdout JSON is not an object with schema_version 1"]
        return []
    if want == "ndjson":
        if not text.endswith("\n"):
            return ["NDJSON stdout does not end with a newline"]
        for n, line in enumerate(text.splitlines(), 1):
            try:
                if not isinstance(json.loads(line), dict):
                    return [f"NDJSON line {n} is not an object"]
            except ValueError as e:
                return [f"NDJSON line {n} is not JSON: {e}"]
        return []
    return []


def main():
    argv = sys.argv[1:]
    verbose = "-v" in argv
    only = None
    if "-k" in argv:
        only = argv[argv.index("-k") + 1]
        del argv[argv.index("-k"):argv.index("-k") + 2]
    argv = [a for a in argv if a != "-v"]
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    binary = os.path.abspath(argv[0])
    if not os.access(binary, os.X_OK):
        print(f"FAIL: {binary} is not an executable", file=sys.stderr)
        return 1
    clean = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    has_probe = subprocess.run([binary, "probe", "--help"], env=clean, capture_output=True,
                               stdin=subprocess.DEVNULL, timeout=ROW_TIMEOUT).returncode == 0
    is_root = os.geteuid() == 0

    table = rows()
    names = [r.name for r in table]
    dupes = {n for n in names if names.count(n) > 1}
    assert not dupes, f"duplicate row names: {dupes}"
    if only:
        table = [r for r in table if only in r.name]

    counts = {"ok": 0, "FAIL": 0, "SKIP": 0, "XFAIL": 0, "XPASS": 0}
    with tempfile.TemporaryDirectory(prefix="mailports-bad-input-") as tmp:
        make_fixtures(tmp)
        try:
            for row in table:
                status, problems, detail = run_row(binary, row, tmp, has_probe, is_root)
                if row.bug and status == "FAIL":
                    status = "XFAIL"
                elif row.bug and status == "ok":
                    status = "XPASS"
                counts[status] += 1
                line = f"{status:5} {row.name}: mailports {shown(row.args)}"
                if status == "SKIP":
                    line += f"  ({detail})"
                if status in ("XFAIL", "XPASS"):
                    line += f"\n      known bug: {row.bug}"
                    if status == "XPASS":
                        line += " -- now passes: remove the bug= mark"
                if status == "ok" and not verbose:
                    continue
                print(line)
                if status in ("FAIL", "XFAIL") or verbose:
                    for p in problems:
                        print(f"      - {p}")
                if detail and status != "SKIP" and (status == "FAIL" or verbose):
                    print(f"      {detail}")
        finally:
            os.chmod(os.path.join(tmp, "unreadable.json"), 0o600)
    print(", ".join(f"{v} {k}" for k, v in counts.items() if v) + f" of {len(table)} rows"
          + ("" if has_probe else " (probe rows skipped: the binary has no probe command)"))
    return 1 if counts["FAIL"] or counts["XPASS"] else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The neomuttrc the neomutt unit writes, read and run by Debian's real NeoMutt.

NeoMutt is interactive, but two of its modes are not:
  - `neomutt -n -F FILE -Q VAR` prints what NeoMutt made of a setting: the
    written file must parse, and NeoMutt must see the same server (scheme,
    host, port) and TLS switches the reader (lint) sees;
  - `neomutt -n -F FILE -s SUBJECT -- RCPT < BODY` sends in batch mode: the
    written config sends through the private Postfix of tests/probe, with
    AUTH on its implicit-TLS port (the 465 stand-in).
A deliberately wrong config (smtp://, i.e. STARTTLS, on the implicit port)
is flagged by the reader and does not send: NeoMutt waits for a greeting
that never comes (it has no read timeout, so the test stops it after 20 s).

The config is written for the real port (465) and read as such; the test then
edits what a user would not have to: the port becomes the fixture's, the
commented `smtp_pass` line gets a backquoted command echoing the test
password, and `ssl_ca_certificates_file` names the throw-away test CA.
NeoMutt runs with HOME set to a scratch directory.

Skipped (77) without root, Postfix/Dovecot or neomutt, unless
MAILPORTS_REQUIRE_SERVERS=1.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "probe"))
import servers  # noqa: E402



def skip_or_fail(reason):
    if os.environ.get("MAILPORTS_REQUIRE_SERVERS") == "1":
        print("FAIL: cannot run, and MAILPORTS_REQUIRE_SERVERS=1: " + reason, file=sys.stderr)
        return 1
    print("skipped: " + reason)
    return 77


def run(cmd, timeout=60, env=None, stdin=None, stderr=subprocess.STDOUT):
    return subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=stderr, text=True,
                          timeout=timeout, env=env)


def installed_version():
    m = re.search(r"NeoMutt (\d+)", run(["neomutt", "-v"]).stdout)
    return m.group(1) if m else "20220429"


def write_config(binary, url_tls, version, force=False, port="465"):
    cmd = [binary, "config", "neomutt", "--proto", "smtp", "--host", "localhost", "--port", port, "--tls", url_tls,
           "--user", servers.USER, "--account", "test", "--client-version", version, "--json"]
    proc = run(cmd + (["--force"] if force else []), stderr=subprocess.PIPE)
    # Forced past an error, config still writes the file and exits 2 (the verdict).
    if proc.returncode not in ((0, 1, 2) if force else (0, 1)):
        raise AssertionError("config neomutt --tls %s failed (%d):\n%s" % (url_tls, proc.returncode, proc.stderr))
    return json.loads(proc.stdout)["config"]


def lint(binary, version, path):
    """lint's exit status, its servers as [proto, host, port, tls] and its
    findings as [code, line, severity]."""
    proc = run([binary, "lint", "--format", "neomutt", "--client-version", version, "--json", path],
               stderr=subprocess.PIPE)
    endpoints, findings = [], []
    for f in json.loads(proc.stdout)["files"]:
        found = f.get("findings") or []
        for account in f.get("accounts") or []:
            found += account["findings"]
            for server in account["servers"]:
                endpoints.append([server["proto"], server["host"], str(server["port"]), server["tls"]])
                found += server["findings"]
        findings += [[x["code"], str(x["line"]), x["severity"]] for x in found]
    return proc.returncode, endpoints, findings


def neomutt_query(path, home, *names):
    args = ["neomutt", "-n", "-F", path]
    for name in names:
        args += ["-Q", name]
    proc = run(args, timeout=30, env=dict(os.environ, HOME=home))
    values = dict(re.findall(r'^set (\w+) = "?(.*?)"?$', proc.stdout, re.M))
    return proc.returncode, values, proc.stdout


def for_the_fixture(config, port, ca):
    config, n = re.subn(r"(set smtp_url = '[^']*):465/'", r"\1:%d/'" % port, config)
    assert n == 1, config
    config, n = re.subn(r"^# set smtp_pass = .*$", 'set smtp_pass = "`echo %s`"' % servers.PASSWORD, config,
                        flags=re.M)
    assert n == 1, config
    return config + "set ssl_ca_certificates_file = '%s'\nset from = 'probe@localhost'\nset copy = no\n" % ca


def send(config, scratch, name, subject, timeout):
    home = os.path.join(scratch, name)
    os.makedirs(home)
    path = os.path.join(home, "neomuttrc")
    with open(path, "w") as f:
        f.write(config)
    # No terminal: neomutt must not wait on one for anything.
    cmd = ["setsid", "neomutt", "-n", "-F", path, "-s", subject, "--", "someone@localhost"]
    try:
        proc = subprocess.run(cmd, input="hello from neomutt\n", stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=timeout, env=dict(os.environ, HOME=home, TERM="dumb"),
                              start_new_session=True)
        return proc.returncode, proc.stdout
    except subprocess.TimeoutExpired as e:
        return None, (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")


def accepted(servers_, subject, seconds=10):
    """Whether Postfix accepted a message with `subject` after AUTH (its log)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        log = servers_.logs()
        if "sasl_username=%s" % servers.USER in log and re.search(r"postfix/cleanup\[\d+\]: \w+: message-id=", log):
            return True
        time.sleep(0.3)
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    reason = servers.unavailable()
    if reason is None and shutil.which("neomutt") is None:
        reason = "neomutt is not installed (apt-get install neomutt)"
    if reason:
        return skip_or_fail(reason)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    version = installed_version()
    failures = []
    scratch = tempfile.mkdtemp(prefix="mp-neomutt-")
    try:
        # 1. What NeoMutt reads from the written file is what lint reads.
        for url_tls, port, force in (("implicit", "465", False), ("starttls", "587", False),
                                     ("starttls", "465", True)):
            config = write_config(args.binary, url_tls, version, force, port)
            path = os.path.join(scratch, "q-%s-%s.neomuttrc" % (url_tls, port))
            with open(path, "w") as f:
                f.write(config)
            rc, values, out = neomutt_query(path, scratch, "smtp_url", "ssl_force_tls", "ssl_starttls",
                                            "ssl_verify_host", "ssl_verify_dates")
            status, endpoints, findings = lint(args.binary, version, path)
            m = re.match(r"(smtps?)://([^@/]*@)?([^:/]+):(\d+)/", values.get("smtp_url", ""))
            if rc != 0 or not m or values.get("ssl_force_tls") != "yes" or values.get("ssl_verify_host") != "yes" \
                    or values.get("ssl_verify_dates") != "yes":
                failures.append("neomutt -Q on the %s config: exit %d\n%s" % (url_tls, rc, out))
                continue
            seen = [m.group(3), m.group(4), "implicit" if m.group(1) == "smtps" else "starttls"]
            smtp = [e for e in endpoints if e[0] == "smtp"]
            if len(smtp) != 1 or smtp[0][1:4] != seen:
                failures.append("neomutt sees %s, the reader %s" % (seen, smtp))
            print("neomutt -Q: smtp_url=%s ssl_force_tls=%s; reader: %s; lint exit %d"
                  % (values["smtp_url"], values["ssl_force_tls"], smtp, status))
            errors = [f for f in findings if f[2] == "error"]
            if force and not any(f[0] == "starttls-on-implicit-port" for f in errors):
                failures.append("the reader does not flag smtp:// on 465: %s" % findings)
            if not force and errors:
                failures.append("the reader flags the written config: %s" % findings)

        # 1b. The same for every file of the lint corpus: NeoMutt's smtp_url
        # and TLS switches give the server the reader reports.
        corpus = os.path.join(HERE, "..", "data", "lint", "neomutt")
        for name in sorted(os.listdir(corpus)):
            if not name.endswith(".muttrc"):
                continue
            path = os.path.join(corpus, name)
            rc, values, out = neomutt_query(path, scratch, "smtp_url", "ssl_force_tls", "ssl_starttls")
            m = re.match(r"(smtps?)://(?:[^@/]*@)?([^:/]+)(?::(\d+))?/?$", values.get("smtp_url", ""))
            if not m:
                continue  # no top-level smtp_url (a hook's, or none)
            scheme, host, port = m.groups()
            port = port or ("465" if scheme == "smtps" else "25")
            if scheme == "smtps":
                tls = "implicit"
            elif values.get("ssl_force_tls") == "yes":
                tls = "starttls"
            else:
                tls = "opportunistic" if values.get("ssl_starttls") != "no" else "none"
            _, endpoints, _ = lint(args.binary, version, path)
            smtp = [e[1:4] for e in endpoints if e[0] == "smtp"]
            if [host, port, tls] not in smtp:
                failures.append("%s: neomutt reads %s, the reader %s" % (name, [host, port, tls], smtp))
        print("lint corpus: the reader agrees with neomutt -Q on every smtp_url")

        with servers.Servers() as s:
            port = s.ports["smtps"]
            # 2. The written config sends through Postfix with AUTH over implicit TLS.
            good = for_the_fixture(write_config(args.binary, "implicit", version), port, s.ca)
            rc, out = send(good, scratch, "good", "mailports neomutt good", 60)
            ok = accepted(s, "mailports neomutt good")
            print("good config: neomutt exit %s, accepted by Postfix after AUTH: %s" % (rc, ok))
            if rc != 0 or not ok:
                failures.append("neomutt did not send with the written config: exit %s\n%s\n%s"
                                % (rc, out, s.logs()))

            # 3. smtp:// (STARTTLS) on the implicit-TLS port: no greeting, nothing sent.
            before = s.logs().count("sasl_username=")
            wrong = for_the_fixture(write_config(args.binary, "starttls", version, force=True), port, s.ca)
            rc, out = send(wrong, scratch, "wrong", "mailports neomutt wrong", 20)
            sent = s.logs().count("sasl_username=") > before
            print("wrong config: neomutt %s, logged in and sent: %s"
                  % ("still waiting after 20 s" if rc is None else "exit %d" % rc, sent))
            if rc == 0 or sent:
                failures.append("neomutt sent with smtp:// on the implicit port:\n%s" % out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The mbsyncrc the mbsync unit writes, run by Debian's real mbsync against
the private Dovecot of tests/probe (passwd-file user, on a 127.0.0.1 high port).

1. A good config (IMAPS) syncs the INBOX: a message put into the user's
   Maildir on the server arrives in the local Maildir.
2. A deliberately wrong one (STARTTLS on the implicit-TLS port) is flagged
   by the reader (an error finding on its Host line) and fails in mbsync.

The config is written for the real ports (993), judged and linted as such;
the test then edits three things a user would not have to:
  - `Port 993` becomes the fixture's implicit-TLS port (Dovecot's "imaps"
    listener stands in for 993),
  - `PassCmd` echoes the test user's password (instead of the secret-tool
    placeholder),
  - `CertificateFile` names the throw-away test CA (mbsync's way to trust it);
and runs mbsync with HOME set to a scratch directory (the Maildir is ~/Mail),
after the `mkdir -p ~/Mail/test` the config's comment asks for.

Skipped (77) without root, Postfix/Dovecot or mbsync, unless
MAILPORTS_REQUIRE_SERVERS=1.
"""

import argparse
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "probe"))
import servers  # noqa: E402

SUBJECT = "mailports mbsync round trip"


def skip_or_fail(reason):
    if os.environ.get("MAILPORTS_REQUIRE_SERVERS") == "1":
        print("FAIL: cannot run, and MAILPORTS_REQUIRE_SERVERS=1: " + reason, file=sys.stderr)
        return 1
    print("skipped: " + reason)
    return 77


def run(cmd, timeout=60, env=None, stderr=subprocess.PIPE):
    return subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr,
                          text=True, timeout=timeout, env=env)


def installed_version():
    out = run(["mbsync", "--version"], stderr=subprocess.STDOUT).stdout
    m = re.search(r"(\d+\.\d+(?:\.\d+)?)", out)
    return m.group(1) if m else "1.4.4"


def config_command(binary, tls, version):
    return [binary, "config", "mbsync", "--proto", "imap", "--host", "localhost", "--port", "993", "--tls", tls,
            "--user", servers.USER, "--account", "test", "--client-version", version, "--json"]


def write_config(binary, tls, version, force=False):
    proc = run(config_command(binary, tls, version) + (["--force"] if force else []))
    # Forced past an error, config still writes the file and exits 2 (the verdict).
    if proc.returncode not in ((0, 1, 2) if force else (0, 1)):
        raise AssertionError("config mbsync --tls %s failed (%d):\n%s" % (tls, proc.returncode, proc.stdout))
    return json.loads(proc.stdout)["config"]


def lint(binary, version, path):
    """lint's exit status and every finding as [code, line, severity]."""
    proc = run([binary, "lint", "--format", "mbsync", "--client-version", version, "--json", path])
    findings = []
    for f in json.loads(proc.stdout)["files"]:
        found = f.get("findings") or []
        for account in f.get("accounts") or []:
            found += account["findings"]
            for server in account["servers"]:
                found += server["findings"]
        findings += [[x["code"], str(x["line"]), x["severity"]] for x in found]
    return proc.returncode, findings


def for_the_fixture(config, port, ca):
    """The three test-only edits (see the module docstring)."""
    config, n = re.subn(r"^Port 993$", "Port %d" % port, config, flags=re.M)
    assert n == 1, config
    config, n = re.subn(r"^PassCmd .*$", 'PassCmd "echo %s"\nCertificateFile %s' % (servers.PASSWORD, ca),
                        config, flags=re.M)
    assert n == 1, config
    return config


def add_message(maildir_root):
    """One message in the test user's INBOX on the server (Dovecot's Maildir,
    owned by the user Dovecot runs the mail processes as)."""
    nobody = pwd.getpwnam("nobody")
    user_dir = os.path.join(maildir_root, servers.USER)
    for sub in ("", "cur", "new", "tmp"):
        os.makedirs(os.path.join(user_dir, sub), exist_ok=True)
    path = os.path.join(user_dir, "new", "1700000000.M1P1.mailports")
    with open(path, "w") as f:
        f.write("From: a@localhost\nTo: probe@localhost\nSubject: %s\nMessage-ID: <rt@localhost>\n\nhello\n"
                % SUBJECT)
    for root, dirs, files in os.walk(maildir_root):
        for name in [root] + [os.path.join(root, n) for n in dirs + files]:
            os.chown(name, nobody.pw_uid, nobody.pw_gid)


def synced_messages(home):
    found = []
    inbox = os.path.join(home, "Mail", "test", "INBOX")
    for sub in ("cur", "new"):
        d = os.path.join(inbox, sub)
        if os.path.isdir(d):
            for name in os.listdir(d):
                with open(os.path.join(d, name), errors="replace") as f:
                    if SUBJECT in f.read():
                        found.append(name)
    return found


def mbsync(config, scratch, name):
    home = os.path.join(scratch, name)
    # The one step the written config's comment asks of the user.
    os.makedirs(os.path.join(home, "Mail", "test"))
    path = os.path.join(home, ".mbsyncrc")
    with open(path, "w") as f:
        f.write(config)
    env = dict(os.environ, HOME=home)
    try:
        proc = run(["mbsync", "-c", path, "test"], timeout=90, env=env, stderr=subprocess.STDOUT)
        return proc.returncode, proc.stdout, home
    except subprocess.TimeoutExpired as e:
        return None, (e.stdout or ""), home


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    reason = servers.unavailable()
    if reason is None and shutil.which("mbsync") is None:
        reason = "mbsync is not installed (apt-get install isync)"
    if reason:
        return skip_or_fail(reason)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    version = installed_version()

    # Dovecot keeps the test user's mail in a Maildir under the fixture's directory.
    conf = servers._DOVECOT_CONF
    if "mail_location" not in conf:
        servers._DOVECOT_CONF = conf + "mail_location = maildir:{d}/mail/%u\n"
    failures = []
    scratch = tempfile.mkdtemp(prefix="mp-mbsync-")
    try:
        with servers.Servers() as s:
            add_message(os.path.join(s.dir, "mail"))
            port = s.ports["imaps"]

            # 1. The good config: IMAPS on 993, as written for the installed mbsync.
            good = write_config(args.binary, "implicit", version)
            keyword = "TLSType" if tuple(map(int, version.split(".")[:2])) >= (1, 5) else "SSLType"
            if not re.search(r"^%s IMAPS$" % keyword, good, re.M):
                failures.append("the config for mbsync %s lacks '%s IMAPS':\n%s" % (version, keyword, good))
            good_path = os.path.join(scratch, "good.mbsyncrc")
            with open(good_path, "w") as f:
                f.write(good)
            status, findings = lint(args.binary, version, good_path)
            if status != 0 or any(sev != "info" for _, _, sev in findings):
                failures.append("the reader flags the written config (exit %d): %s" % (status, findings))
            rc, out, home = mbsync(for_the_fixture(good, port, s.ca), scratch, "good")
            got = synced_messages(home)
            print("good config: mbsync exit %s, synced %d message(s)" % (rc, len(got)))
            if rc != 0 or len(got) != 1:
                failures.append("mbsync with the written config: exit %s, %d message(s)\n%s\n%s"
                                % (rc, len(got), out, s.logs()))

            # 2. STARTTLS on the implicit-TLS port: refused unless forced, flagged, fails.
            refused = run(config_command(args.binary, "starttls", version))
            if refused.returncode != 2:
                failures.append("STARTTLS on 993 was not refused without force: %d" % refused.returncode)
            wrong = write_config(args.binary, "starttls", version, force=True)
            wrong_path = os.path.join(scratch, "wrong.mbsyncrc")
            with open(wrong_path, "w") as f:
                f.write(wrong)
            status, findings = lint(args.binary, version, wrong_path)
            host_line = 1 + wrong.splitlines().index("Host localhost")
            errors = [(code, int(line)) for code, line, sev in findings if sev == "error"]
            print("wrong config: reader exit %d, errors %s" % (status, errors))
            if status != 2 or not any(line == host_line for _, line in errors):
                failures.append("the reader does not flag STARTTLS on 993 at line %d: exit %d, %s"
                                % (host_line, status, findings))
            rc, out, home = mbsync(for_the_fixture(wrong, port, s.ca), scratch, "wrong")
            print("wrong config: mbsync exit %s: %s" % (rc, " | ".join(out.strip().splitlines()[-3:])))
            if rc == 0 or synced_messages(home):
                failures.append("mbsync succeeded with STARTTLS on the implicit port:\n%s" % out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

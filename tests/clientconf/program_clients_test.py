#!/usr/bin/env python3
"""`mailports config` for python, nodemailer and postfix, run by the real clients.

Against the private Postfix and Dovecot of tests/probe/servers.py (127.0.0.1
high ports, a throw-away CA), with configs written by `mailports config`:

- python: the generated smtplib code sends a message through Postfix
  submission (STARTTLS) and through the implicit-TLS port with AUTH; the
  generated imaplib code logs in to Dovecot over STARTTLS and implicit TLS.
  The CA reaches ssl.create_default_context() through SSL_CERT_FILE, the
  password through MAIL_PASSWORD: the files are run as written, except that
  the deliberately wrong one (STARTTLS on the implicit port) gets a 5 s
  TIMEOUT, and must fail.
- nodemailer (Debian's node-nodemailer, when nodejs and it are installed):
  the transport sends through both ports; the CA through NODE_EXTRA_CA_CERTS,
  the password through SMTP_PASSWORD.
- postfix: the `postconf -e` lines are applied to a second, private Postfix
  instance (`postconf -c DIR -e`), which relays a message to the first one's
  implicit-TLS port with smtp_tls_wrappermode and SASL; the test edits the
  relay's port (the servers listen on high ports, not 465) and the CA file
  (the test CA instead of the system bundle), and writes sasl_passwd. A
  config with STARTTLS on port 465 is refused without --force, is flagged by
  `mailports lint` (postfix-465-no-wrappermode), and, applied, never
  delivers: the greeting times out.

Needs root and Debian's postfix, dovecot (exit 77 otherwise, unless
MAILPORTS_REQUIRE_SERVERS=1).
"""

import argparse
import json
import os
import re
import shutil
import signal
import smtplib
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "probe"))
import servers  # noqa: E402

HOST = "localhost"  # the name in the test certificate
FAILURES = []


def check(condition, what, detail=""):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        FAILURES.append(what)
        if detail:
            print(detail, file=sys.stderr)


def run(cmd, env=None, timeout=60, stdin=None):
    return subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL if stdin is None else None,
                          input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          timeout=timeout)


def config(binary, fmt, proto, port, tls, *extra):
    cmd = [binary, "config", fmt, "--proto", proto, "--host", HOST, "--port", str(port), "--tls", tls,
           "--user", servers.USER, *extra]
    proc = run(cmd, env=dict(os.environ, LC_ALL="C.UTF-8"))
    if proc.returncode not in ((0, 1, 2) if "--force" in extra else (0, 1)) or not proc.stdout:
        raise AssertionError("%s: exit %d\n%s" % (" ".join(cmd), proc.returncode, proc.stderr))
    return proc.stdout


def lint(binary, fmt, path):
    proc = run([binary, "lint", "--format", fmt, "--json", path])
    return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip() else None


def codes_of(report):
    out = []
    for f in report["files"]:
        out += [x["code"] for x in f.get("findings") or []]
        for a in f.get("accounts") or []:
            out += [x["code"] for x in a["findings"]]
            for s in a["servers"]:
                out += [x["code"] for x in s["findings"]]
    return out


# ---------------------------------------------------------------- python

def test_python(binary, s, work):
    env = dict(os.environ, SSL_CERT_FILE=s.ca, MAIL_PASSWORD=servers.PASSWORD)
    env.pop("SSL_CERT_DIR", None)
    for name, tls in (("submission", "starttls"), ("smtps", "implicit")):
        text = config(binary, "python", "smtp", s.ports[name], tls)
        check("context=tls_context()" in text and servers.PASSWORD not in text,
              "python %s: a verifying context, no password in the file" % name)
        path = os.path.join(work, "send_%s.py" % name)
        with open(path, "w") as f:
            f.write(text)
        proc = run([sys.executable, path, "send", "probe@example.test"], env=env, timeout=90)
        check(proc.returncode == 0, "python %s (%s): the generated smtplib code sends with AUTH" % (name, tls),
              proc.stdout + proc.stderr)
        # Without the test CA the same code must refuse the server.
        bad_env = dict(env, SSL_CERT_FILE=os.path.join(work, "no-such-ca.pem"))
        proc = run([sys.executable, path, "send", "probe@example.test"], env=bad_env, timeout=90)
        check(proc.returncode != 0 and "CERTIFICATE_VERIFY_FAILED" in proc.stderr,
              "python %s: an untrusted certificate is refused" % name, proc.stderr[-2000:])

    for name, tls in (("imap", "starttls"), ("imaps", "implicit")):
        text = config(binary, "python", "imap", s.ports[name], tls)
        path = os.path.join(work, "mail_%s.py" % name)
        with open(path, "w") as f:
            f.write(text)
        # The module's own connection, then LOGIN's answer (the fixture's
        # users have no mailbox, so INBOX is not opened, and Dovecot's imap
        # process may hang up before LOGOUT is answered: the login is what
        # counts).
        code = ("import importlib.util, sys\n"
                "spec = importlib.util.spec_from_file_location('m', sys.argv[1])\n"
                "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
                "imap = m.imap_connect()\n"
                "print(imap.state, imap.sock.version())\n"
                "try:\n"
                "    imap.logout()\n"
                "except imap.abort:\n"
                "    pass\n")
        proc = run([sys.executable, "-c", code, path], env=env, timeout=90)
        check(proc.returncode == 0 and proc.stdout.startswith("AUTH TLSv1."),
              "python %s (%s): the generated imaplib code logs in over TLS" % (name, tls),
              proc.stdout + proc.stderr)

    log = s.logs()
    check(log.count("sasl_username=%s" % servers.USER) >= 2,
          "postfix saw both python logins (sasl_username=%s)" % servers.USER)

    # Wrong: STARTTLS on the implicit port. Refused without --force; forced,
    # the code waits for a greeting that never comes.
    refused = run([binary, "config", "python", "--proto", "smtp", "--host", HOST, "--port", "465",
                   "--tls", "starttls", "--user", servers.USER])
    check(refused.returncode != 0 and refused.stdout == "",
          "python: STARTTLS on 465 is refused without --force", refused.stderr)
    text = config(binary, "python", "smtp", 465, "starttls", "--force")
    text = text.replace(", 465,", ", %d," % s.ports["smtps"]).replace("TIMEOUT = 30", "TIMEOUT = 5")
    path = os.path.join(work, "wrong.py")
    with open(path, "w") as f:
        f.write(text)
    started = time.monotonic()
    proc = run([sys.executable, path, "send", "probe@example.test"], env=env, timeout=60)
    check(proc.returncode != 0 and ("timed out" in proc.stderr or "Disconnected" in proc.stderr),
          "python: STARTTLS on the implicit-TLS port fails (after %.1f s)" % (time.monotonic() - started),
          proc.stderr[-2000:])


# ---------------------------------------------------------------- nodemailer

NODE_PATHS = "/usr/share/nodejs:/usr/lib/nodejs"


def nodemailer_available():
    if shutil.which("node") is None:
        return "nodejs is not installed"
    proc = run(["node", "-e", "require('nodemailer')"], env=dict(os.environ, NODE_PATH=NODE_PATHS))
    if proc.returncode != 0:
        return "nodemailer is not installed (Debian: node-nodemailer)"
    return None


def test_nodemailer(binary, s, work):
    reason = nodemailer_available()
    if reason:
        if os.environ.get("MAILPORTS_REQUIRE_SERVERS") == "1":
            check(False, "nodemailer: " + reason)
        else:
            print("skip nodemailer: " + reason)
        return
    env = dict(os.environ, NODE_PATH=NODE_PATHS, NODE_EXTRA_CA_CERTS=s.ca, SMTP_PASSWORD=servers.PASSWORD)
    send = ("const t = require(process.argv[1]);\n"
            "t.sendMail({from: 'probe@example.test', to: 'probe@example.test', subject: 'nodemailer',"
            " text: 'It works.'}).then(i => { console.log(i.response); t.close(); },"
            " e => { console.error(String(e)); process.exit(1); });\n")
    for name, tls in (("submission", "starttls"), ("smtps", "implicit")):
        text = config(binary, "nodemailer", "smtp", s.ports[name], tls)
        check(servers.PASSWORD not in text and "process.env.SMTP_PASSWORD" in text,
              "nodemailer %s: the password comes from the environment" % name)
        path = os.path.join(work, "transport_%s.js" % name)
        with open(path, "w") as f:
            f.write(text)
        proc = run(["node", "-e", send, path], env=env, timeout=90)
        check(proc.returncode == 0 and proc.stdout.startswith("250"),
              "nodemailer %s (%s): the generated transport sends with AUTH" % (name, tls),
              proc.stdout + proc.stderr)
    # Wrong: STARTTLS (secure: false) on the implicit port: nodemailer hangs
    # until its greeting timeout.
    text = config(binary, "nodemailer", "smtp", 465, "starttls", "--force")
    text = text.replace("port: 465,", "port: %d," % s.ports["smtps"])
    text = text.replace("greetingTimeout: 30000", "greetingTimeout: 3000")
    path = os.path.join(work, "transport_wrong.js")
    with open(path, "w") as f:
        f.write(text)
    proc = run(["node", "-e", send, path], env=env, timeout=90)
    check(proc.returncode != 0 and "Greeting never received" in proc.stderr,
          "nodemailer: STARTTLS on the implicit-TLS port fails", proc.stdout + proc.stderr)


# ---------------------------------------------------------------- postfix relay

_RELAY_MAIN_CF = """\
compatibility_level = 3.6
queue_directory = {d}/queue
data_directory = {d}/data
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = relay.localdomain
mydomain = localdomain
mydestination =
relay_domains =
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
local_recipient_maps =
smtpd_peername_lookup = no
smtp_host_lookup = native
smtp_helo_timeout = 5s
smtp_tls_loglevel = 1
maillog_file = {d}/postfix.log
maillog_file_prefixes = {d}
"""

_RELAY_MASTER_CF = """\
127.0.0.1:{port} inet n - n - - smtpd
pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 1 1 qmgr
tlsmgr unix - - n 1000? 1 tlsmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
smtp unix - - n - - smtp
relay unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
"""


class Relay:
    """A second private Postfix that only relays (relayhost), in `directory`."""

    def __init__(self, directory):
        self.dir = directory
        self.conf = os.path.join(directory, "conf")
        self.port = servers.free_ports(1)[0]
        self.started = False

    def postconf(self, *args):
        proc = run([servers._which("postconf"), "-c", self.conf, *args])
        if proc.returncode != 0:
            raise AssertionError("postconf %s: %s" % (" ".join(args), proc.stderr))
        return proc.stdout + proc.stderr

    def setup(self, lines, sasl_line):
        os.makedirs(self.conf)
        os.makedirs(os.path.join(self.dir, "queue"))
        os.chmod(self.dir, 0o755)
        with open(os.path.join(self.conf, "main.cf"), "w") as f:
            f.write(_RELAY_MAIN_CF.format(d=self.dir))
        with open(os.path.join(self.conf, "master.cf"), "w") as f:
            f.write(_RELAY_MASTER_CF.format(port=self.port))
        # The generated lines, run as the shell would (postconf -e), with -c.
        for words in lines:
            self.postconf(*words)
        sasl = os.path.join(self.conf, "sasl_passwd")
        with open(sasl, "w") as f:
            f.write(sasl_line + "\n")
        os.chmod(sasl, 0o600)
        self.postconf("-e", "smtp_sasl_password_maps = hash:" + sasl)
        proc = run([servers._which("postmap"), "-c", self.conf, "hash:" + sasl])
        if proc.returncode != 0:
            raise AssertionError("postmap: " + proc.stderr)

    def start(self):
        self.started = True
        proc = run([servers._which("postfix"), "-c", self.conf, "start"], timeout=60)
        if proc.returncode != 0:
            raise AssertionError("relay postfix start: %s%s" % (proc.stdout, proc.stderr))

    def stop(self):
        if self.started:
            self.started = False
            run([servers._which("postfix"), "-c", self.conf, "stop"], timeout=60)

    def log(self):
        try:
            with open(os.path.join(self.dir, "postfix.log"), errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def submit(self):
        with smtplib.SMTP(servers.LISTEN, self.port, timeout=20) as c:
            c.sendmail("sender@example.test", ["probe@example.test"],
                       "Subject: relayed by mailports config postfix\r\n\r\nIt works.\r\n")

    def wait_for(self, pattern, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = re.search(pattern, self.log())
            if found:
                return found
            time.sleep(0.3)
        return None


def postconf_lines(text):
    """The generated script's `postconf -e 'name = value'` lines as argument lists."""
    out = []
    for line in text.splitlines():
        m = re.fullmatch(r"postconf -e '(.*)'", line)
        if m:
            out.append(["-e", m.group(1)])
        else:
            assert line.startswith("#"), "not a comment nor a postconf line: %r" % line
    return out


def test_postfix(binary, s, work):
    # Right: implicit TLS with wrappermode, as written for port 465.
    text = config(binary, "postfix", "smtp", 465, "implicit")
    check(servers.PASSWORD not in text, "postfix: no password in the generated lines")
    path = os.path.join(work, "relay-465.sh")
    with open(path, "w") as f:
        f.write(text)
    code, report = lint(binary, "postfix", path)
    check(code in (0, 1) and not [c for c in codes_of(report) if c.startswith("postfix-")],
          "postfix: the generated lines lint without an error (exit %d)" % code, json.dumps(report, indent=1))
    port = s.ports["smtps"]
    lines = [[w[0], w[1].replace("]:465", "]:%d" % port)
              .replace("/etc/ssl/certs/ca-certificates.crt", s.ca)] for w in postconf_lines(text)]
    relay = Relay(os.path.join(work, "relay-right"))
    try:
        relay.setup(lines, "[%s]:%d %s:%s" % (HOST, port, servers.USER, servers.PASSWORD))
        shown = relay.postconf("-n")
        check("smtp_tls_wrappermode = yes" in shown and "relayhost = [localhost]:%d" % port in shown,
              "postfix: postconf -c DIR -n accepts the generated lines", shown)
        relay.start()
        relay.submit()
        sent = relay.wait_for(r"relay=localhost\[127\.0\.0\.1\]:%d.*status=(\w+)" % port, 40)
        check(sent is not None and sent.group(1) == "sent",
              "postfix: the relay delivers to the implicit-TLS port with wrappermode and AUTH",
              relay.log()[-4000:])
        check("Verified TLS connection established to localhost" in relay.log(),
              "postfix: the relay verified the certificate (secure)", relay.log()[-3000:])
    finally:
        relay.stop()
    check("sasl_username=%s" % servers.USER in s.logs(), "postfix: the first Postfix saw the relay's AUTH")

    # Wrong: STARTTLS on 465. Refused without --force, flagged by lint, and
    # it never delivers.
    refused = run([binary, "config", "postfix", "--proto", "smtp", "--host", HOST, "--port", "465",
                   "--tls", "starttls", "--user", servers.USER])
    check(refused.returncode != 0, "postfix: STARTTLS on 465 is refused without --force", refused.stderr)
    text = config(binary, "postfix", "smtp", 465, "starttls", "--force")
    path = os.path.join(work, "relay-wrong.sh")
    with open(path, "w") as f:
        f.write(text)
    code, report = lint(binary, "postfix", path)
    check(code == 2 and "postfix-465-no-wrappermode" in codes_of(report),
          "postfix: lint flags 465 without wrappermode (exit %d)" % code, json.dumps(report, indent=1))
    lines = [[w[0], w[1].replace("]:465", "]:%d" % port)
              .replace("/etc/ssl/certs/ca-certificates.crt", s.ca)] for w in postconf_lines(text)]
    relay = Relay(os.path.join(work, "relay-wrong"))
    try:
        relay.setup(lines, "[%s]:%d %s:%s" % (HOST, port, servers.USER, servers.PASSWORD))
        relay.start()
        relay.submit()
        failed = relay.wait_for(r"relay=localhost\[127\.0\.0\.1\]:%d.*status=(\w+)|"
                                r"timed out while receiving the initial server greeting" % port, 40)
        log = relay.log()
        check(failed is not None and "status=sent" not in log,
              "postfix: STARTTLS on the implicit-TLS port never delivers", log[-3000:])
    finally:
        relay.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    reason = servers.unavailable()
    if reason:
        print("cannot run: " + reason, file=sys.stderr)
        return 1 if os.environ.get("MAILPORTS_REQUIRE_SERVERS") == "1" else 77
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    work = tempfile.mkdtemp(prefix="mp-clientconf-")
    os.chmod(work, 0o755)
    try:
        with servers.Servers() as s:
            try:
                test_python(args.binary, s, work)
                test_nodemailer(args.binary, s, work)
                test_postfix(args.binary, s, work)
            except Exception:
                print(s.logs()[-6000:], file=sys.stderr)
                raise
            if FAILURES:
                print(s.logs()[-6000:], file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if FAILURES:
        print("\n%d failed:\n  %s" % (len(FAILURES), "\n  ".join(FAILURES)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""A private Postfix and Dovecot on 127.0.0.1 high ports, for testing `mailports probe`.

    python3 tests/probe/servers.py      # start, self-check, print the ports, run until Ctrl-C

As a module: `with Servers() as s:` starts both (as root), s.ports maps a service
name to its port, s.ca is the CA file, s.logs() the server logs; self_check(s)
proves with Python's own clients that each service behaves as SERVICES says.
Everything (config, queue, sockets, PKI, logs) lives in one temporary directory,
removed on exit; the system's Postfix and Dovecot and /etc are never touched.
"""

import contextlib
import ctypes
import fcntl
import imaplib
import os
import poplib
import random
import shutil
import signal
import smtplib
import socket
import ssl
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pki  # noqa: E402

LISTEN = "127.0.0.1"
# Dovecot 2.3 treats a client whose address equals its own as secure and then
# offers AUTH before STARTTLS; clients therefore come from another loopback address.
SOURCE = "127.0.0.2"
# Dovecot accepts TLS 1.0 and 1.1 from this address only (see _DOVECOT_CONF).
OLD_SOURCE = "127.0.0.3"
USER, PASSWORD = "probe", "not-a-real-secret"  # Dovecot needs one user to offer mechanisms

# name: (protocol, what it is)
SERVICES = {
    "smtp": ("smtp", "Postfix, STARTTLS optional, no AUTH (like port 25)"),
    "submission": ("smtp", "Postfix, STARTTLS required, AUTH only after TLS (like 587)"),
    "smtps": ("smtp", "Postfix, implicit TLS, AUTH (like 465)"),
    "smtp-bad": ("smtp", "Postfix, AUTH in cleartext, no STARTTLS"),
    "smtps-expired": ("smtp", "Postfix, implicit TLS with an expired certificate"),
    "smtps-weak": ("smtp", "Postfix, implicit TLS, RSA certificate, TLS 1.0/1.1 and RSA key exchange allowed"),
    "submission-old": ("smtp", "Postfix, STARTTLS required, TLS 1.0/1.1 allowed (like 587)"),
    "imap": ("imap", "Dovecot, STARTTLS, LOGINDISABLED before TLS (like 143)"),
    "imaps": ("imap", "Dovecot, implicit TLS (like 993)"),
    "pop3": ("pop3", "Dovecot, STLS, no plaintext auth before TLS (like 110)"),
    "pop3s": ("pop3", "Dovecot, implicit TLS (like 995)"),
}

START_TIMEOUT = 20  # seconds for every port to accept connections


def _which(name):
    return shutil.which(name, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin:/usr/bin")


def unavailable():
    """Why these servers cannot run here, or None."""
    if os.geteuid() != 0:
        return "needs root (Postfix and Dovecot start their own daemons)"
    missing = [n for n in ("postfix", "dovecot", "openssl") if _which(n) is None]
    if missing:
        return "not installed: " + ", ".join(missing)
    return None


@contextlib.contextmanager
def _ports_lock():
    """Held from choosing the ports until the servers listen on them, so that
    test processes started together (ctest -j) never share a port. Postfix
    listens with SO_REUSEPORT: a second Postfix on the same port starts
    without complaint, and the kernel splits the connections between the
    two, so a probe meets the other test's servers and certificates."""
    fd = os.open(os.path.join(tempfile.gettempdir(), "mailports-test-ports.lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # and with it the lock


def free_ports(count):
    """Ports nothing listens on now, all different, below Linux's ephemeral
    range (32768-60999): other tests that bind port 0 while Postfix and
    Dovecot start cannot be given one of them."""
    # Not seeded from the pid and the time: two tests started together by
    # ctest drew the same ports from that (pid ^ time matched).
    rng = random.SystemRandom()
    socks = []
    try:
        while len(socks) < count:
            s = socket.socket()
            try:
                s.bind((LISTEN, rng.randrange(20000, 32000)))
            except OSError:
                s.close()
                continue
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


# Postfix: one smtpd per service; the rest of master.cf is the stock set of
# internal services, all without chroot (the queue is a temporary directory).
_MAIN_CF = """\
compatibility_level = 3.6
queue_directory = {d}/postfix/queue
data_directory = {d}/postfix/data
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = localhost
mydomain = localdomain
mydestination =
relay_domains =
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
local_recipient_maps =
biff = no
# no reverse DNS for 127.0.0.2: a machine without DNS would delay the greeting
smtpd_peername_lookup = no
# log to a file, not syslog (maillog_file must start with an allowed prefix)
maillog_file = {d}/postfix.log
maillog_file_prefixes = {d}
smtpd_tls_chain_files = {d}/pki/good.pem
# TLS 1.2 and newer (Postfix 3.7 still allows TLSv1 by default); the -old
# and -weak services below allow the old versions again.
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_sasl_auth_enable = no
smtpd_sasl_type = dovecot
smtpd_sasl_path = private/auth
"""

_MASTER_CF = """\
127.0.0.1:{smtp} inet n - n - - smtpd
127.0.0.1:{submission} inet n - n - - smtpd
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
127.0.0.1:{smtps} inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
127.0.0.1:{smtp-bad} inet n - n - - smtpd
  -o smtpd_tls_security_level=none
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=no
127.0.0.1:{smtps-expired} inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_tls_chain_files={d}/pki/expired.pem
127.0.0.1:{smtps-weak} inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_tls_chain_files={d}/pki/rsa.pem
  -o smtpd_tls_protocols=>=TLSv1
  -o smtpd_tls_mandatory_protocols=>=TLSv1
127.0.0.1:{submission-old} inet n - n - - smtpd
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_protocols=>=TLSv1
  -o smtpd_tls_mandatory_protocols=>=TLSv1
pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
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
local unix - n n - - local
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
"""

# Dovecot: its own base_dir and log; the auth socket goes into Postfix's
# queue directory, where smtpd_sasl_path=private/auth finds it.
_DOVECOT_CONF = """\
base_dir = {d}/dovecot/run
state_dir = {d}/dovecot/state
instance_name = mailports-probe-test
protocols = imap pop3
listen = 127.0.0.1
log_path = {d}/dovecot.log
ssl = yes
ssl_cert = <{d}/pki/good.crt
ssl_key = <{d}/pki/good.key
ssl_min_protocol = TLSv1.2
# A client from OLD_SOURCE meets a Dovecot that still accepts TLS 1.0 and 1.1
# (the same ports: Dovecot sets TLS per client address, not per listener).
# Debian's OpenSSL 3 refuses them at its default security level on the
# server side too ("no suitable signature algorithm": TLS 1.0/1.1 sign with
# SHA-1), so the cipher list lowers it. Postfix 3.7 needs no such line.
remote {old_source} {{
  ssl_min_protocol = TLSv1
  ssl_cipher_list = DEFAULT:!kRSA:@SECLEVEL=0
}}
disable_plaintext_auth = yes
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {d}/dovecot/users
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home=/nonexistent
}}
service imap-login {{
{login_mode}  inet_listener imap {{
    port = {imap}
  }}
  inet_listener imaps {{
    port = {imaps}
    ssl = yes
  }}
}}
service pop3-login {{
{login_mode}  inet_listener pop3 {{
    port = {pop3}
  }}
  inet_listener pop3s {{
    port = {pop3s}
    ssl = yes
  }}
}}
service auth {{
  unix_listener {d}/postfix/queue/private/auth {{
    mode = 0660
    user = postfix
    group = postfix
  }}
}}
"""


def _become_subreaper():
    """Postfix's master daemonizes. As a child subreaper this process inherits
    it and every server process orphaned later, so stop() can wait until all
    of them are gone (and reap them, which PID 1 of a container may not)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def _reap(seconds):
    """Wait (bounded) for every remaining child process to exit."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return  # none left
        if pid == 0:
            time.sleep(0.1)


# Dovecot's two ways to run its login processes
# (https://doc.dovecot.org/2.3/admin_manual/login_processes/). The default,
# and what the tests use, is "high-security": a new imap-login or pop3-login
# process for each connection, which Dovecot's master starts one at a time.
# "high-performance" keeps processes waiting that each serve many
# connections, as the manual advises busy sites; only the benchmark
# tests/bench/probe_depth.py asks for it, to show what of a probe's time is
# the server's process start-ups.
_LOGIN_MODES = {
    "high-security": "",
    "high-performance": "  service_count = 0\n  process_min_avail = %d\n" % (os.cpu_count() or 1),
}


class Servers:
    """Both servers, started by start() or `with`; stop() also waits for (and
    reaps) every child process left, so use it from a process with no other
    children running."""

    def __init__(self, dovecot_logins="high-security"):
        if dovecot_logins not in _LOGIN_MODES:
            raise ValueError("dovecot_logins: %r (%s)" % (dovecot_logins, ", ".join(_LOGIN_MODES)))
        self.dovecot_logins = dovecot_logins
        self.dir = None
        self.ports = {}
        self.ca = None
        self.not_after = {}      # "good"/"expired" -> the leaf's notAfter (UTC)
        self._dovecot = None     # Popen of `dovecot -F` (foreground, so we own its pid)
        self._postfix_started = False

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            print(self.logs(), file=sys.stderr)  # the directory goes with stop()
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def _path(self, *parts):
        return os.path.join(self.dir, *parts)

    def start(self):
        _become_subreaper()
        self.dir = tempfile.mkdtemp(prefix="mp-servers-")
        os.chmod(self.dir, 0o755)  # Postfix and Dovecot drop root, then still need to get in
        for sub in ("pki", "postfix/conf", "postfix/queue", "dovecot"):
            os.makedirs(self._path(sub))
        self.not_after = pki.make(self._path("pki"))
        self.ca = self._path("pki", "ca.crt")
        with _ports_lock():
            self.ports = dict(zip(SERVICES, free_ports(len(SERVICES))))
            self._start_servers()

    def _start_servers(self):
        d = self.dir
        names = dict(self.ports, d=d, old_source=OLD_SOURCE, login_mode=_LOGIN_MODES[self.dovecot_logins])

        conf = self._path("postfix", "conf")
        with open(os.path.join(conf, "main.cf"), "w") as f:
            f.write(_MAIN_CF.format(d=d))
        with open(os.path.join(conf, "master.cf"), "w") as f:
            f.write(_MASTER_CF.format_map(names))
        self._postfix_started = True  # from here on, stop() must try to stop it
        self._run(_which("postfix"), "-c", conf, "start")

        with open(self._path("dovecot", "users"), "w") as f:
            f.write("%s:{PLAIN}%s\n" % (USER, PASSWORD))
        with open(self._path("dovecot", "dovecot.conf"), "w") as f:
            f.write(_DOVECOT_CONF.format_map(names))
        with open(self._path("dovecot.stderr"), "w") as err:
            self._dovecot = subprocess.Popen(
                [_which("dovecot"), "-F", "-c", self._path("dovecot", "dovecot.conf")],
                stdin=subprocess.DEVNULL, stdout=err, stderr=err)
        self._wait_for_ports()

    def _run(self, *cmd):
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=60)
        if proc.returncode != 0:
            raise RuntimeError("%s: exit %d\n%s" % (" ".join(cmd), proc.returncode, proc.stdout))
        return proc.stdout

    def _wait_for_ports(self):
        deadline = time.monotonic() + START_TIMEOUT
        for name, port in self.ports.items():
            while True:
                if self._dovecot.poll() is not None:
                    raise RuntimeError("dovecot exited with status %d" % self._dovecot.returncode)
                try:
                    socket.create_connection((LISTEN, port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("%s (port %d) not accepting after %d s"
                                           % (name, port, START_TIMEOUT))
                    time.sleep(0.2)

    def stop(self):
        """Stop whatever was started and remove the directory; never raises."""
        if self._dovecot is not None:
            self._dovecot.terminate()
            try:
                self._dovecot.wait(10)
            except subprocess.TimeoutExpired:
                self._dovecot.kill()
                self._dovecot.wait()
            self._dovecot = None
        if self._postfix_started:
            self._postfix_started = False
            try:  # waits for the master to exit, and kills it after 5 s
                subprocess.run([_which("postfix"), "-c", self._path("postfix", "conf"), "stop"],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=60)
            except (OSError, subprocess.SubprocessError) as e:
                print("postfix stop: %s" % e, file=sys.stderr)
        _reap(10)
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def logs(self):
        """Postfix's and Dovecot's logs, for a failure report."""
        out = []
        for name in ("postfix.log", "dovecot.log", "dovecot.stderr"):
            try:
                with open(self._path(name), errors="replace") as f:
                    text = f.read()
            except (OSError, TypeError):
                continue
            out.append("----- %s -----\n%s" % (name, text[-20000:]))
        return "\n".join(out)


# ---------------------------------------------------------------------------
# Self-check with Python's clients, all connecting from SOURCE.

def _connect(host, port, timeout, source=SOURCE):
    return socket.create_connection((host, port), timeout, source_address=(source, 0))


class _IMAP(imaplib.IMAP4):
    source = SOURCE

    def _create_socket(self, timeout):
        return _connect(self.host, self.port, timeout, self.source)


class _IMAPFromListenAddress(_IMAP):
    source = LISTEN


class _IMAPS(imaplib.IMAP4_SSL):
    def _create_socket(self, timeout):
        return self.ssl_context.wrap_socket(_connect(self.host, self.port, timeout),
                                            server_hostname=self.host)


class _POP3(poplib.POP3):
    def _create_socket(self, timeout):
        return _connect(self.host, self.port, timeout)


class _POP3S(poplib.POP3_SSL):
    def _create_socket(self, timeout):
        return self.context.wrap_socket(_connect(self.host, self.port, timeout),
                                        server_hostname=self.host)


def _expect(condition, what):
    if not condition:
        raise AssertionError("self-check: " + what)


def _smtp_auth(client):
    return set(client.esmtp_features.get("auth", "").upper().split())


def _imap_auth(caps):
    return {c[5:] for c in caps if c.startswith("AUTH=")}


def self_check(servers):
    """Check every service with Python's clients; return the facts seen, one
    line each; raise AssertionError when a service is not as SERVICES says."""
    ports, host, t = servers.ports, "localhost", 10
    trusting = ssl.create_default_context(cafile=servers.ca)  # also checks "localhost"
    facts = []

    def fact(name, text):
        facts.append("%-14s %s" % (name, text))

    src = (SOURCE, 0)
    with smtplib.SMTP(host, ports["smtp"], timeout=t, source_address=src) as c:
        c.ehlo()
        _expect(c.has_extn("starttls") and not c.has_extn("auth"), "smtp: STARTTLS, no AUTH")
        c.starttls(context=trusting)
        c.ehlo()
        _expect(not c.has_extn("auth"), "smtp: no AUTH after TLS")
        fact("smtp", "EHLO: STARTTLS, no AUTH; after STARTTLS (%s): no AUTH" % c.sock.version())

    with smtplib.SMTP(host, ports["submission"], timeout=t, source_address=src) as c:
        c.ehlo()
        _expect(c.has_extn("starttls") and not c.has_extn("auth"),
                "submission: STARTTLS, no AUTH before TLS")
        _expect(c.mail("a@localhost")[0] == 530, "submission: MAIL before TLS refused with 530")
        c.rset()
        c.starttls(context=trusting)
        c.ehlo()
        after = _smtp_auth(c)
        _expect(after == {"PLAIN", "LOGIN"}, "submission: AUTH PLAIN LOGIN after TLS: %s" % after)
        c.login(USER, PASSWORD)  # proves the SASL path Postfix -> Dovecot works
        fact("submission", "EHLO: STARTTLS, no AUTH, MAIL -> 530; after TLS: AUTH %s, login ok"
             % " ".join(sorted(after)))

    with smtplib.SMTP_SSL(host, ports["smtps"], timeout=t, source_address=src,
                          context=trusting) as c:
        c.ehlo()
        _expect(_smtp_auth(c) == {"PLAIN", "LOGIN"} and not c.has_extn("starttls"),
                "smtps: AUTH PLAIN LOGIN, no STARTTLS")
        fact("smtps", "TLS %s at connect; EHLO: AUTH %s, no STARTTLS"
             % (c.sock.version(), " ".join(sorted(_smtp_auth(c)))))

    with smtplib.SMTP(host, ports["smtp-bad"], timeout=t, source_address=src) as c:
        c.ehlo()
        _expect(not c.has_extn("starttls") and _smtp_auth(c) == {"PLAIN", "LOGIN"},
                "smtp-bad: AUTH PLAIN LOGIN in cleartext, no STARTTLS")
        fact("smtp-bad", "EHLO in cleartext: AUTH %s, no STARTTLS" % " ".join(sorted(_smtp_auth(c))))

    try:
        smtplib.SMTP_SSL(host, ports["smtps-expired"], timeout=t, source_address=src,
                         context=trusting).close()
        _expect(False, "smtps-expired: verification must fail")
    except ssl.SSLCertVerificationError as e:
        _expect(e.verify_code == 10, "smtps-expired: X509_V_ERR_CERT_HAS_EXPIRED, got %s" % e)
    blind = ssl.create_default_context()
    blind.check_hostname, blind.verify_mode = False, ssl.CERT_NONE
    with smtplib.SMTP_SSL(host, ports["smtps-expired"], timeout=t, source_address=src,
                          context=blind) as c:
        _expect(c.ehlo()[0] == 250, "smtps-expired: EHLO over TLS without verification")
    fact("smtps-expired", "verification: 'certificate has expired' (code 10); unverified EHLO ok")

    c = _IMAP(host, ports["imap"], timeout=t)
    before = set(c.capabilities)
    _expect({"STARTTLS", "LOGINDISABLED"} <= before and not _imap_auth(before),
            "imap: STARTTLS LOGINDISABLED, no AUTH= before TLS: %s" % sorted(before))
    c.starttls(trusting)  # imaplib asks CAPABILITY again after TLS
    after = set(c.capabilities)
    _expect("LOGINDISABLED" not in after and _imap_auth(after) == {"PLAIN", "LOGIN"},
            "imap: AUTH=PLAIN AUTH=LOGIN, LOGIN allowed after TLS: %s" % sorted(after))
    c.logout()
    fact("imap", "before TLS: %s; after TLS: %s" % (" ".join(sorted(before)), " ".join(sorted(after))))

    # The reason for SOURCE, seen rather than assumed (reported, not required).
    c = _IMAPFromListenAddress(host, ports["imap"], timeout=t)
    fact("imap", "from %s (= server address) before TLS: %s"
         % (LISTEN, " ".join(sorted(set(c.capabilities)))))
    c.logout()

    c = _IMAPS(host, ports["imaps"], ssl_context=trusting, timeout=t)
    caps = set(c.capabilities)
    _expect(_imap_auth(caps) == {"PLAIN", "LOGIN"} and "LOGINDISABLED" not in caps
            and "STARTTLS" not in caps, "imaps: AUTH=PLAIN AUTH=LOGIN, LOGIN allowed: %s" % sorted(caps))
    c.logout()
    fact("imaps", "TLS at connect: %s" % " ".join(sorted(caps)))

    c = _POP3(host, ports["pop3"], timeout=t)
    before = c.capa()
    _expect("STLS" in before and not before.get("SASL") and "USER" not in before,
            "pop3: STLS, no USER, no SASL mechanisms before TLS: %s" % before)
    c.stls(trusting)
    after = c.capa()
    _expect("USER" in after and set(after.get("SASL", [])) == {"PLAIN", "LOGIN"},
            "pop3: USER and SASL PLAIN LOGIN after TLS: %s" % after)
    c.quit()
    fact("pop3", "CAPA before TLS: %s; after TLS: %s" % (_capa(before), _capa(after)))

    c = _POP3S(host, ports["pop3s"], context=trusting, timeout=t)
    caps = c.capa()
    _expect("USER" in caps and set(caps.get("SASL", [])) == {"PLAIN", "LOGIN"}
            and "STLS" not in caps, "pop3s: USER, SASL PLAIN LOGIN: %s" % caps)
    c.quit()
    fact("pop3s", "TLS at connect, CAPA: %s" % _capa(caps))
    return facts


def _capa(capa):
    return ", ".join(" ".join([k] + v) for k, v in capa.items())


def main():
    reason = unavailable()
    if reason:
        print("cannot run: " + reason, file=sys.stderr)
        return 77
    # SIGTERM (e.g. a test runner's timeout) unwinds through `with`, so the servers stop.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    with Servers() as s:
        try:
            facts = self_check(s)
        except Exception:
            print(s.logs(), file=sys.stderr)
            raise
        print("\n".join(facts))
        print("\nCA file: %s   (connect from %s)" % (s.ca, SOURCE))
        for name, port in s.ports.items():
            print("%-14s %5d  %s" % (name, port, SERVICES[name][1]))
        print("\nRunning; Ctrl-C stops both servers and removes %s" % s.dir, flush=True)
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

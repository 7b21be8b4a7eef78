"""Real servers on loopback for `mailports discover` (issue 12): a test PKI,
dnsmasq with given zones, HTTPS and HTTP servers serving a directory by Host,
a DNS server that never answers, ports that refuse, and the
MAILPORTS_TEST_CONNECT_TO value that sends the autoconfig hosts to them.

    with Fixture() as fx:
        site = fx.site                                  # what HTTPS and HTTP serve, by Host
        site.put("autoconfig.example.test", AUTOCONFIG_PATH, config_xml("example.test", ...))
        fx.start(names=["autoconfig.example.test", "example.test"],
                 dns=[local("example.test"), srv("_imaps._tcp.example.test", "imap.example.test", 993)])
        env = {"MAILPORTS_TEST_CONNECT_TO": fx.connect_to(["example.test"])}
        ... mailports discover taro@example.test --dns-server fx.dns_server --ca-file fx.ca ...

Run it alone (`python3 tests/discover/fixture.py`) to check it with Python's
own DNS client and curl: what a test would see, without mailports.

Every server is a child process stopped by its PID (dnsmasq also dies with
this process: PR_SET_PDEATHSIG). Python standard library only; needs the
openssl and dnsmasq commands (`missing()` says which are not there).
"""

import ctypes
import json
import os
import random
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "net"))
import http_test  # noqa: E402  (its openssl() helper and its Server: https_server.py as a child)

AUTOCONFIG_PATH = "/mail/config-v1.1.xml"
WELL_KNOWN_PATH = "/.well-known/autoconfig/mail/config-v1.1.xml"


def which(name):
    """The command's path, also looking in /usr/sbin (dnsmasq lives there)."""
    if name == "dnsmasq" and os.environ.get("MAILPORTS_DNSMASQ"):
        chosen = os.environ["MAILPORTS_DNSMASQ"]
        return chosen if os.access(chosen, os.X_OK) else None
    return shutil.which(name, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")


def missing():
    """The commands the fixture needs and cannot find."""
    return [n for n in ("openssl", "dnsmasq") if which(n) is None]


# ---------------------------------------------------------------------------
# PKI: one CA, leaves for any names.

class Pki:
    """A throw-away CA in `directory` (ca.pem) and leaves issued on demand."""

    def __init__(self, directory):
        self.dir = directory
        os.makedirs(directory, exist_ok=True)
        self.ca = os.path.join(directory, "ca.pem")
        self._serial = int(time.time() * 1000)
        ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        http_test.openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                          "-subj", "/CN=mailports discover test CA",
                          "-addext", "basicConstraints=critical,CA:TRUE",
                          "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=directory)

    def issue(self, label, names):
        """A leaf for `names` (the first is the CN, all are SANs); returns
        (cert_path, key_path)."""
        ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        sans = ",".join(("IP:" if n.replace(".", "").isdigit() else "DNS:") + n for n in names)
        with open(os.path.join(self.dir, label + ".ext"), "w") as f:
            f.write("subjectAltName=%s\nbasicConstraints=CA:FALSE\n"
                    "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n" % sans)
        http_test.openssl("req", *ec, "-keyout", label + ".key", "-out", label + ".csr",
                          "-subj", "/CN=" + names[0], cwd=self.dir)
        self._serial += 1
        http_test.openssl("x509", "-req", "-in", label + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                          "-set_serial", "0x%x" % self._serial, "-days", "2",
                          "-extfile", label + ".ext", "-out", label + ".pem", cwd=self.dir)
        return os.path.join(self.dir, label + ".pem"), os.path.join(self.dir, label + ".key")


# ---------------------------------------------------------------------------
# DNS: dnsmasq's zone arguments, dnsmasq itself, a black hole, a tiny client.

def local(domain):
    """A zone dnsmasq answers alone: names without data get NXDOMAIN, not REFUSED."""
    return "--local=/%s/" % domain


def srv(name, target, port, priority=0, weight=1):
    # dnsmasq's order is name,target,port,priority,weight (not BIND's).
    return "--srv-host=%s,%s,%d,%d,%d" % (name, target, port, priority, weight)


def srv_not_offered(name):
    """An SRV record with the target "." (dnsmasq answers 0 0 1 .)."""
    return "--srv-host=%s" % name


def mx(domain, host, preference=10):
    return "--mx-host=%s,%s,%d" % (domain, host, preference)


def host_record(name, *addresses):
    return "--host-record=%s,%s" % (name, ",".join(addresses or ("127.0.0.1",)))


TYPES = {"A": 1, "MX": 15, "SRV": 33}
RCODES = {0: "NOERROR", 2: "SERVFAIL", 3: "NXDOMAIN", 5: "REFUSED"}


def _encode_name(name):
    return b"".join(bytes([len(p)]) + p.encode() for p in name.rstrip(".").split(".")) + b"\0"


def _decode_name(msg, at):
    labels, jumped, end = [], False, at
    for _ in range(128):
        length = msg[at]
        if length & 0xC0 == 0xC0:
            if not jumped:
                end = at + 2
            at, jumped = ((length & 0x3F) << 8) | msg[at + 1], True
            continue
        if length == 0:
            return ".".join(labels) or ".", (end if jumped else at + 1)
        labels.append(msg[at + 1:at + 1 + length].decode())
        at += 1 + length
    raise ValueError("name loop")


def dns_query(server, port, name, qtype, timeout=2.0):
    """Ask one question over UDP; returns (rcode name, [answer]): "1.2.3.4",
    "10 mx.host" or "0 1 993 target". For the fixture's own checks only."""
    ident = random.randrange(65536)
    packet = struct.pack(">HHHHHH", ident, 0x0100, 1, 0, 0, 0) + _encode_name(name) + \
        struct.pack(">HH", TYPES[qtype], 1)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.connect((server, port))  # as glibc's resolver does: a refusal is then reported
        s.send(packet)
        msg = s.recv(65535)
    rid, flags, qd, an, _, _ = struct.unpack(">HHHHHH", msg[:12])
    if rid != ident:
        raise ValueError("answer to another query")
    at = 12
    for _ in range(qd):
        _, at = _decode_name(msg, at)
        at += 4
    answers = []
    for _ in range(an):
        _, at = _decode_name(msg, at)
        rtype, _, _, length = struct.unpack(">HHIH", msg[at:at + 10])
        data = at + 10
        if rtype == 1:
            answers.append(socket.inet_ntoa(msg[data:data + 4]))
        elif rtype == 15:
            answers.append("%d %s" % (struct.unpack(">H", msg[data:data + 2])[0], _decode_name(msg, data + 2)[0]))
        elif rtype == 33:
            prio, weight, port_ = struct.unpack(">HHH", msg[data:data + 6])
            answers.append("%d %d %d %s" % (prio, weight, port_, _decode_name(msg, data + 6)[0]))
        at = data + length
    return RCODES.get(flags & 0xF, str(flags & 0xF)), answers


def _pdeathsig():
    """In the child: die with the test (SIGTERM when the parent exits)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Dnsmasq:
    """dnsmasq on 127.0.0.1 and a free high port (UDP and TCP), serving
    only `zone_args` (no upstream, no /etc/hosts); no root needed."""

    def __init__(self, zone_args, log_path=os.devnull, ready_name=None):
        binary = which("dnsmasq")
        if binary is None:
            raise RuntimeError("dnsmasq is not installed (Debian: dnsmasq-base)")
        self.proc, self.port = None, None
        # The port comes from a socket bound and closed just before: another
        # process could take it in between, so a few tries.
        for _ in range(5):
            port = _free_udp_port()
            args = [binary, "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
                    "--log-queries", "--log-facility=" + log_path, "--listen-address=127.0.0.1",
                    "--listen-address=::1",
                    "--bind-interfaces", "--port=%d" % port, "--pid-file="]
            if os.geteuid() == 0:
                args += ["--user=nobody", "--group=nogroup"]
            self.proc = subprocess.Popen(args + list(zone_args), stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                         preexec_fn=_pdeathsig)
            if self._ready(port, ready_name):
                self.port = port
                return
            self.stop()
        raise RuntimeError("dnsmasq did not start: %s" % (self._stderr or "no answer"))

    _stderr = ""

    def _ready(self, port, name):
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self._stderr = self.proc.stderr.read().decode(errors="replace")
                return False
            try:
                # Any answer at all (REFUSED for a name outside the zones) means it listens.
                dns_query("127.0.0.1", port, name or "ready.invalid", "A", timeout=0.5)
                return True
            except (OSError, ValueError):
                time.sleep(0.05)
        return False

    def stop(self):
        if self.proc is not None:
            http_test.stop_child(self.proc)
            self.proc.stderr.close()


class ValidatingResolver:
    """unbound on 127.0.0.1 and a free high port, validating DNSSEC: each
    zone in `zones` ({name: [record lines relative to the zone]}) is signed
    with a fresh ECDSA key (ldns-keygen, ldns-signzone), served by unbound's
    own auth-zone as if from upstream, and validated against that key as a
    trust anchor; so answers in it carry the AD bit, as from a real
    validating resolver. Needs root-free unbound and ldnsutils
    (`ValidatingResolver.missing()` says which are not there)."""

    TOOLS = ("unbound", "ldns-keygen", "ldns-signzone")

    @staticmethod
    def missing():
        return [n for n in ValidatingResolver.TOOLS if which(n) is None]

    def __init__(self, zones):
        self.dir = tempfile.mkdtemp(prefix="mp-unbound-")
        self.proc, self.port = None, None
        anchors, auth = [], []
        for name, records in zones.items():
            zone = os.path.join(self.dir, name + ".zone")
            with open(zone, "w") as f:
                f.write("$ORIGIN %s.\n$TTL 300\n@ IN SOA ns.%s. admin.%s. 1 3600 600 86400 300\n"
                        "@ IN NS ns.%s.\nns IN A 127.0.0.1\n" % (name, name, name, name))
                f.write("".join(r + "\n" for r in records))
            key = subprocess.run([which("ldns-keygen"), "-a", "ECDSAP256SHA256", "-k", name], cwd=self.dir,
                                 check=True, capture_output=True, text=True).stdout.strip()
            subprocess.run([which("ldns-signzone"), "-n", zone, key], cwd=self.dir, check=True,
                           capture_output=True)
            with open(os.path.join(self.dir, key + ".key")) as f:
                anchors.append(f.read())
            auth.append('auth-zone:\n  name: "%s"\n  zonefile: "%s.signed"\n  for-upstream: yes\n'
                        '  for-downstream: no\n  fallback-enabled: no\n' % (name, zone))
        with open(os.path.join(self.dir, "anchors"), "w") as f:
            f.write("".join(anchors))
        for _ in range(5):
            port = _free_udp_port()
            conf = os.path.join(self.dir, "unbound.conf")
            with open(conf, "w") as f:
                # .test is one of unbound's default local zones (RFC 6761):
                # nodefault lets the auth-zones answer for it.
                f.write('server:\n  interface: 127.0.0.1\n  port: %d\n  do-ip6: no\n  username: ""\n'
                        '  chroot: ""\n  directory: "%s"\n  pidfile: ""\n  use-syslog: no\n  logfile: ""\n'
                        '  module-config: "validator iterator"\n  trust-anchor-file: "%s/anchors"\n'
                        '  access-control: 127.0.0.0/8 allow\n  local-zone: "test." nodefault\n%s'
                        % (port, self.dir, self.dir, "".join(auth)))
            self.proc = subprocess.Popen([which("unbound"), "-d", "-c", conf], stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                         preexec_fn=_pdeathsig)
            if self._ready(port, next(iter(zones))):
                self.port = port
                return
            self.stop(keep_dir=True)
        shutil.rmtree(self.dir, ignore_errors=True)
        raise RuntimeError("unbound did not start")

    def _ready(self, port, name):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                if dns_query("127.0.0.1", port, "ns." + name, "A", timeout=0.5)[0] == "NOERROR":
                    return True
            except (OSError, ValueError):
                pass
            time.sleep(0.1)
        return False

    def stop(self, keep_dir=False):
        if self.proc is not None:
            http_test.stop_child(self.proc)
            self.proc.stderr.close()
        self.proc = None
        if not keep_dir:
            shutil.rmtree(self.dir, ignore_errors=True)


class BlackHoleDns:
    """A UDP socket on 127.0.0.1 that is never read: a query sent there is
    never answered (and the socket's TCP twin, the same port, is not
    bound, so a retry over TCP is refused: the "never answers" is UDP's)."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]

    def close(self):
        self.sock.close()


class RefusingPorts:
    """One port that refuses UDP (ICMP port unreachable) and one that refuses
    TCP (RST), both held for as long as this lives, so no other process can
    take them: a UDP socket connected elsewhere receives nothing from
    anyone else, and a TCP socket bound but not listening refuses."""

    def __init__(self):
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.udp.connect(("127.0.0.1", 9))
        self.udp_port = self.udp.getsockname()[1]
        self.tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.tcp.bind(("127.0.0.1", 0))
        self.tcp_port = self.tcp.getsockname()[1]

    def close(self):
        self.udp.close()
        self.tcp.close()


class DelayingDns:
    """A UDP DNS forwarder on 127.0.0.1 in front of `upstream_port` (dnsmasq):
    questions whose name ends with one of `slow_suffixes` are answered
    `delay` seconds late, every other at once. UDP only (the tests' answers
    are small). For the benchmark: one DNS source slowed, the rest not."""

    def __init__(self, upstream_port, slow_suffixes, delay):
        self.upstream = ("127.0.0.1", upstream_port)
        self.slow = tuple(x.lower() for x in slow_suffixes)
        self.delay = delay
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self._stopping = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stopping:
            try:
                query, client = self.sock.recvfrom(65535)
            except OSError:
                return
            threading.Thread(target=self._answer, args=(query, client), daemon=True).start()

    def _answer(self, query, client):
        try:
            name = _decode_name(query, 12)[0].lower()
        except (IndexError, ValueError, UnicodeDecodeError):
            return
        if name.endswith(self.slow):
            time.sleep(self.delay)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as up:
            up.settimeout(5)
            try:
                up.sendto(query, self.upstream)
                answer = up.recv(65535)
                self.sock.sendto(answer, client)
            except OSError:
                pass

    def close(self):
        self._stopping = True
        self.sock.close()


class SilentTcp:
    """A TCP port on 127.0.0.1 that listens and never accepts: the kernel
    completes the handshake, then nothing is ever said (a server that hangs
    before its greeting)."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]

    def close(self):
        self.sock.close()


# ---------------------------------------------------------------------------
# HTTP(S): a directory served by Host (https_server.py --root).

class Site:
    """What the servers serve: ROOT/https/HOST/PATH for the HTTPS servers and
    ROOT/http/HOST/PATH for the HTTP one, each with an optional .route
    sidecar (https_server.py --root)."""

    def __init__(self, root):
        self.root = root
        for scheme in ("https", "http"):
            os.makedirs(os.path.join(root, scheme), exist_ok=True)

    def _file(self, scheme, host, path):
        if scheme not in ("https", "http"):
            raise ValueError(scheme)
        file = os.path.join(self.root, scheme, host.lower(), path.lstrip("/"))
        os.makedirs(os.path.dirname(file), exist_ok=True)
        return file

    def put(self, host, path, body, scheme="https", **route):
        """Serve `body` (str or bytes) at SCHEME://HOST/PATH; `route` as in
        https_server.py: content_type, status, delay."""
        file = self._file(scheme, host, path)
        with open(file, "wb") as f:
            f.write(body.encode() if isinstance(body, str) else body)
        self.route(host, path, scheme, **route)

    def route(self, host, path, scheme="https", **route):
        """Only a route (a redirect: status + location; drip; big; delay)."""
        file = self._file(scheme, host, path)
        if route:
            with open(file + ".route", "w") as f:
                json.dump(route, f)
        elif os.path.exists(file + ".route"):
            os.remove(file + ".route")


def config_xml(domain, incoming=(), outgoing=()):
    """A clientConfig 1.1 file; each server is (type, host, port, socketType)
    with %EMAILADDRESS% as the user name; ports are written as given (str ok)."""
    def server(tag, type_, host, port, socket_type):
        return ("    <%s type=\"%s\">\n      <hostname>%s</hostname>\n      <port>%s</port>\n"
                "      <socketType>%s</socketType>\n      <username>%%EMAILADDRESS%%</username>\n"
                "      <authentication>password-cleartext</authentication>\n    </%s>\n"
                % (tag, type_, host, port, socket_type, tag))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<clientConfig version="1.1">\n'
            '  <emailProvider id="%s">\n    <domain>%s</domain>\n'
            '    <displayName>%s test</displayName>\n%s%s  </emailProvider>\n</clientConfig>\n'
            % (domain, domain, domain,
               "".join(server("incomingServer", *s) for s in incoming),
               "".join(server("outgoingServer", *s) for s in outgoing)))


ENTITY_BOMB = """<?xml version="1.0"?>
<!DOCTYPE clientConfig [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<clientConfig version="1.1">
  <emailProvider id="&lol9;">
    <domain>&lol9;</domain>
    <incomingServer type="imap">
      <hostname>&lol9;</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>&lol9;</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
    </outgoingServer>
  </emailProvider>
</clientConfig>
"""


class Fixture:
    """The whole set, in one temporary directory: start() makes the PKI
    (one leaf for every name in `names`, one for a wrong name), then starts
    HTTPS (right name), HTTPS (wrong name), HTTP, all serving `site`, and
    dnsmasq with `dns`; also a black-hole DNS port and refusing ports.
    stop() (or leaving `with`) stops them all."""

    WRONG_NAME = "wrong-name.invalid"

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="mp-discover-")
        self.site = Site(os.path.join(self.dir, "site"))
        self.log_path = os.path.join(self.dir, "http.log")
        self.dns_log_path = os.path.join(self.dir, "dns.log")
        self._log = None
        self._servers = []
        self.dnsmasq = None
        self.black_hole = BlackHoleDns()
        self.refusing = RefusingPorts()
        self.silent_tcp = SilentTcp()
        self.ca = None
        self.https_port = self.wrong_https_port = self.http_port = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self, names, dns):
        pki = Pki(os.path.join(self.dir, "pki"))
        self.ca = pki.ca
        good = pki.issue("good", list(names))
        wrong = pki.issue("wrong", [self.WRONG_NAME])
        self._log = open(self.log_path, "w")
        https_root, http_root = (os.path.join(self.site.root, s) for s in ("https", "http"))
        for attr, extra in (("https_port", ["--root", https_root, "--cert", good[0], "--key", good[1]]),
                            ("wrong_https_port", ["--root", https_root, "--cert", wrong[0], "--key", wrong[1]]),
                            ("http_port", ["--root", http_root])):
            server = http_test.Server(*extra, log=self._log)
            self._servers.append(server)
            setattr(self, attr, server.port)
        self.dnsmasq = Dnsmasq(dns, log_path=self.dns_log_path)

    @property
    def dns_server(self):
        return "127.0.0.1:%d" % self.dnsmasq.port

    @property
    def black_hole_dns(self):
        return "127.0.0.1:%d" % self.black_hole.port

    @property
    def refusing_dns(self):
        return "127.0.0.1:%d" % self.refusing.udp_port

    def connect_to(self, domains=(), wrong_cert=(), extra=(), closed_elsewhere=True):
        """MAILPORTS_TEST_CONNECT_TO: for each domain D, autoconfig.D and D
        on 443 to the HTTPS server and on 80 to the HTTP one; the domains in
        `wrong_cert` on 443 to the wrong-name server instead; `extra` entries
        as given; and last (curl uses the first entry that matches) any
        other host on 443 or 80 to a refusing port, so no request can leave
        the machine (the MX source asks autoconfig.google.com, say)."""
        entries = list(extra)
        for d in wrong_cert:
            for host in ("autoconfig." + d, d):
                entries.append("%s:443:127.0.0.1:%d" % (host, self.wrong_https_port))
        for d in domains:
            for host in ("autoconfig." + d, d):
                entries.append("%s:443:127.0.0.1:%d" % (host, self.https_port))
                entries.append("%s:80:127.0.0.1:%d" % (host, self.http_port))
        if closed_elsewhere:
            entries += [":443:127.0.0.1:%d" % self.refusing.tcp_port,
                        ":80:127.0.0.1:%d" % self.refusing.tcp_port]
        return ",".join(entries)

    def requests(self, host=None):
        """The request lines logged so far ("GET /path?query HTTP/1.1"),
        for one Host or all."""
        if self._log is not None:
            self._log.flush()
        lines = []
        with open(self.log_path, errors="replace") as f:
            for line in f:
                parts = line.split(" ", 1)
                if len(parts) == 2 and (host is None or parts[0].split(":")[0].lower() == host):
                    # "GET /path?query HTTP/1.1", without http.server's quoted copy and status
                    lines.append(parts[1].split(' "', 1)[0].strip())
        return lines

    def stop(self):
        if self.dnsmasq is not None:
            self.dnsmasq.stop()
            self.dnsmasq = None
        for server in self._servers:
            server.stop()
            server.proc.stdout.close()
        self._servers = []
        if self._log is not None:
            self._log.close()
            self._log = None
        self.black_hole.close()
        self.refusing.close()
        self.silent_tcp.close()
        shutil.rmtree(self.dir, ignore_errors=True)


# ---------------------------------------------------------------------------
# Self-check: the fixture as a test would see it, with Python's DNS client and curl.

def _self_check():
    if missing():
        print("SKIP: missing %s" % ", ".join(missing()))
        return 77
    with Fixture() as fx:
        d = "example.test"
        for scheme in ("https", "http"):
            fx.site.put("autoconfig." + d, AUTOCONFIG_PATH, config_xml(
                d, [("imap", "imap." + d, 993, "SSL")], [("smtp", "smtp." + d, 465, "SSL")]), scheme)
        fx.site.put(d, WELL_KNOWN_PATH, "not xml", content_type="text/plain")
        fx.site.put("autoconfig." + d, "/only-http.xml", "<x/>", scheme="http")
        fx.site.route("autoconfig." + d, "/to-http", status=302, location="http://autoconfig.%s/x" % d)
        fx.site.route("autoconfig." + d, "/drip", drip=True)
        fx.start(["autoconfig." + d, d],
                 [local(d), srv("_imaps._tcp." + d, "imap." + d, 993, 0, 1),
                  srv_not_offered("_pop3._tcp." + d), mx(d, "aspmx.l.google.com", 5),
                  host_record("imap." + d, "127.0.0.1")])
        failures = []

        def expect(what, got, want):
            ok = got == want
            print("%s %s: %r" % ("ok  " if ok else "FAIL", what, got))
            if not ok:
                failures.append(what)

        port = fx.dnsmasq.port
        expect("SRV", dns_query("127.0.0.1", port, "_imaps._tcp." + d, "SRV"), ("NOERROR", ["0 1 993 imap." + d]))
        expect("SRV not offered", dns_query("127.0.0.1", port, "_pop3._tcp." + d, "SRV"), ("NOERROR", ["0 0 1 ."]))
        expect("MX", dns_query("127.0.0.1", port, d, "MX"), ("NOERROR", ["5 aspmx.l.google.com"]))
        expect("A", dns_query("127.0.0.1", port, "imap." + d, "A"), ("NOERROR", ["127.0.0.1"]))
        expect("NXDOMAIN in the zone", dns_query("127.0.0.1", port, "nothing." + d, "A")[0], "NXDOMAIN")
        expect("REFUSED outside", dns_query("127.0.0.1", port, "google.com", "A")[0], "REFUSED")
        for what, server in (("black hole", fx.black_hole.port), ("refusing", fx.refusing.udp_port)):
            try:
                dns_query("127.0.0.1", server, d, "A", timeout=1)
                got = "answered"
            except socket.timeout:
                got = "timeout"
            except ConnectionRefusedError:
                got = "refused"
            expect(what, got, {"black hole": "timeout", "refusing": "refused"}[what])

        connect_to = fx.connect_to([d]).split(",")

        def curl(url, *more):
            cmd = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{content_type}", "--max-time", "3",
                   "--cacert", fx.ca, *more]
            for entry in connect_to:
                cmd += ["--connect-to", entry]
            return subprocess.run(cmd + [url], stdout=subprocess.PIPE, text=True).stdout

        query = "?emailaddress=taro%40" + d
        expect("https autoconfig", curl("https://autoconfig.%s%s%s" % (d, AUTOCONFIG_PATH, query)), "200 text/xml")
        expect("https well-known", curl("https://%s%s" % (d, WELL_KNOWN_PATH)), "200 text/plain")
        expect("http autoconfig", curl("http://autoconfig.%s%s" % (d, AUTOCONFIG_PATH)), "200 text/xml")
        expect("http only: not over https", curl("https://autoconfig.%s/only-http.xml" % d), "404 text/plain")
        expect("http only: over http", curl("http://autoconfig.%s/only-http.xml" % d), "200 text/xml")
        expect("redirect", curl("https://autoconfig.%s/to-http" % d), "302 text/plain")
        expect("drip ends by curl's timeout", curl("https://autoconfig.%s/drip" % d), "200 text/xml")
        expect("elsewhere refused", curl("https://autoconfig.google.com/"), "000 ")
        connect_to = fx.connect_to(wrong_cert=[d]).split(",")
        expect("wrong name", curl("https://autoconfig.%s%s" % (d, AUTOCONFIG_PATH)), "000 ")
        expect("query logged", "GET %s%s HTTP/1.1" % (AUTOCONFIG_PATH, query) in fx.requests("autoconfig." + d),
               True)
        if failures:
            print("%d failed" % len(failures))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(_self_check())

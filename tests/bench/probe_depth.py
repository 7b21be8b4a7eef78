#!/usr/bin/env python3
"""Probe depth benchmark (issue 16): what the extra handshakes cost in wall time.

    sudo python3 tests/bench/probe_depth.py --binary build/release/src/mailports [--reps 9]

Against the private Postfix + Dovecot of tests/probe/servers.py (root), the
probe of seven ports in one call (smtp, submission, smtps, imap, imaps, pop3,
pop3s: STARTTLS and implicit TLS, each --as its standard service so that the
mode is known before the first byte, as on a standard port), run side by
side, interleaved and in shuffled order:

  before  `--no-extra-handshakes`: one connection and one handshake per port,
          today's probe (plus the cleartext check, two more lines on SMTP/POP3)
  after   the default: per port, also offers of TLS 1.1 and 1.0, RSA key
          exchange and (if this OpenSSL has any) ciphers below 128 bits, on
          connections of their own (two, for a server that refuses them all:
          src/mailports/probe/extras.cpp), in parallel with the port's own
          dialogue

and each port alone, both ways. Figures are medians; the target is
after / before <= 1.3. Not a CTest test: the exit status only says whether
the benchmark ran.

Then, with no probe at all, what the server alone takes to greet one
connection and three opened together (a lone STARTTLS port probed with the
extra handshakes is three connections: the port's own and the two that a
server refusing every weak offer costs). Dovecot's default ("high-security")
login mode starts a process for each connection, one after another, so its
third greeting comes three process start-ups after the connect, whatever the
client does. --dovecot-logins high-performance runs the same servers with
Dovecot's login processes started in advance, as its manual advises busy
sites (tests/probe/servers.py). With --rtt-ms, these greetings come through
the relay too.

--rtt-ms N puts a relay in front of every port that holds each connection's
set-up and every chunk of data N/2 ms in each direction (order kept), i.e. a
server N ms away, as a probe across a network meets one; the relay connects
from the probe's source address. 0 (the default): straight to loopback.
"""

import argparse
import asyncio
import socket
import threading
import os
import random
import selectors
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "probe"))
import servers as harness  # noqa: E402

PORTS = {"smtp": "smtp", "submission": "submission", "smtps": "submissions",
         "imap": "imap", "imaps": "imaps", "pop3": "pop3", "pop3s": "pop3s"}

GREETED = ["smtp", "submission", "imap", "pop3"]  # the ports that greet before TLS


def timed(cmd):
    """Wall time from spawn to a blocking wait4. Not subprocess.run(timeout=):
    its wait polls with growing sleeps (0.5, 1, 2, ... 50 ms), which rounds a
    15 ms run up to 16 and a 17 ms one to 32."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    killer = threading.Timer(120, proc.kill)
    killer.start()
    _, status, _ = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    killer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if proc.returncode not in (0, 1, 2):
        raise RuntimeError("%s: exit %d" % (" ".join(cmd), proc.returncode))
    return wall


class DelayRelay:
    """127.0.0.1:<new port> -> 127.0.0.1:<port> for each port, rtt/2 each way."""

    def __init__(self, ports, rtt_ms, source):
        self.delay = rtt_ms / 2000.0
        self.source = source
        self.loop = asyncio.new_event_loop()
        self.ports = {}
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        for name, port in ports.items():
            self.ports[name] = asyncio.run_coroutine_threadsafe(self._listen(port), self.loop).result()

    async def _listen(self, port):
        server = await asyncio.start_server(lambda r, w: self._serve(r, w, port), "127.0.0.1", 0)
        return server.sockets[0].getsockname()[1]

    async def _pump(self, reader, writer):
        queue = asyncio.Queue()

        async def later():
            while True:
                due, data = await queue.get()
                await asyncio.sleep(max(0.0, due - self.loop.time()))
                if data is None:
                    writer.close()
                    return
                writer.write(data)
                await writer.drain()
        sender = asyncio.ensure_future(later())
        while True:
            data = await reader.read(65536)
            queue.put_nowait((self.loop.time() + self.delay, data or None))
            if not data:
                break
        await sender

    async def _serve(self, reader, writer, port):
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        await asyncio.sleep(2 * self.delay)  # the TCP handshake's round trip
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(self.source, 0))
        except OSError:
            writer.close()
            return
        up_writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        await asyncio.gather(self._pump(reader, up_writer), self._pump(up_reader, writer), return_exceptions=True)


def greeted(port, count, source):
    """Seconds from connecting `count` sockets together to the last greeting."""
    sel = selectors.DefaultSelector()
    socks = []
    start = time.perf_counter()
    try:
        for _ in range(count):
            sock = socket.socket()
            socks.append(sock)
            if source:
                sock.bind((source, 0))
            sock.setblocking(False)
            try:
                sock.connect(("127.0.0.1", port))
            except BlockingIOError:
                pass
            sel.register(sock, selectors.EVENT_READ)
        waiting = count
        while waiting:
            events = sel.select(10)
            if not events:
                raise RuntimeError("port %d: no greeting in 10 s" % port)
            for key, _ in events:
                if not key.fileobj.recv(4096):
                    raise RuntimeError("port %d: closed before its greeting" % port)
                sel.unregister(key.fileobj)
                waiting -= 1
        return time.perf_counter() - start
    finally:
        for sock in socks:
            sock.close()
        sel.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--reps", type=int, default=9)
    parser.add_argument("--rtt-ms", type=float, default=0.0)
    parser.add_argument("--dovecot-logins", choices=["high-security", "high-performance"],
                        default="high-security")
    opts = parser.parse_args()
    reason = harness.unavailable()
    if reason:
        print("cannot run: " + reason)
        return 1
    binary = os.path.abspath(opts.binary)
    with harness.Servers(opts.dovecot_logins) as s:
        ports = s.ports
        source = harness.SOURCE
        base = [binary, "probe", "localhost", "--source", harness.SOURCE, "--ca-file", s.ca, "--timeout", "10"]
        if opts.rtt_ms > 0:
            source = None  # the relay connects from SOURCE
            ports = DelayRelay({n: s.ports[n] for n in PORTS}, opts.rtt_ms, harness.SOURCE).ports
            base = [binary, "probe", "localhost", "--ca-file", s.ca, "--timeout", "10"]
        # One call cannot give each port its own --as: the seven-port call lets
        # the table's modes stand (unknown ports: found from the greeting);
        # the single-port calls use --as.
        all7 = base + [a for n in PORTS for a in ("--port", str(ports[n]))]
        cases = {("all7", "before"): all7 + ["--no-extra-handshakes"], ("all7", "after"): all7}
        for name, service in PORTS.items():
            one = base + ["--port", str(ports[name]), "--as", service]
            cases[(name, "before")] = one + ["--no-extra-handshakes"]
            cases[(name, "after")] = one
        times = {k: [] for k in cases}
        for _ in range(opts.reps):
            keys = list(cases)
            random.shuffle(keys)
            for key in keys:
                times[key].append(timed(cases[key]))
        greetings = {(n, c): [] for n in GREETED for c in (1, 3)}
        for _ in range(opts.reps):
            keys = list(greetings)
            random.shuffle(keys)
            for name, count in keys:
                greetings[(name, count)].append(greeted(ports[name], count, source))
                time.sleep(0.02)  # the server's processes exit before the next
    print("median wall time over %d interleaved repetitions (seconds)%s\n"
          % (opts.reps, ", %g ms round trip" % opts.rtt_ms if opts.rtt_ms > 0 else ""))
    print("%-12s %8s %8s %7s" % ("ports", "before", "after", "ratio"))
    for name in ["all7", *PORTS]:
        before = statistics.median(times[(name, "before")])
        after = statistics.median(times[(name, "after")])
        print("%-12s %8.4f %8.4f %6.2fx" % (name, before, after, after / before))
    print("\nthe servers alone (Dovecot's logins: %s): median seconds from connecting to the"
          "\nlast greeting, one connection and three together\n" % opts.dovecot_logins)
    print("%-12s %8s %8s %8s" % ("port", "one", "three", "added"))
    for name in GREETED:
        one = statistics.median(greetings[(name, 1)])
        three = statistics.median(greetings[(name, 3)])
        print("%-12s %8.4f %8.4f %8.4f" % (name, one, three, three - one))
    return 0


if __name__ == "__main__":
    sys.exit(main())

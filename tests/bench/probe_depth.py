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
  after   the default: per port, also TLS 1.1, TLS 1.0, RSA key exchange and
          (if this OpenSSL has any) ciphers below 128 bits, each on its own
          connection, in parallel with the port's own dialogue

and each port alone, both ways. Figures are medians; the target is
after / before <= 1.3 for the seven ports in one call. Not a CTest test: the
exit status only says whether the benchmark ran.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "probe"))
import servers as harness  # noqa: E402

PORTS = {"smtp": "smtp", "submission": "submission", "smtps": "submissions",
         "imap": "imap", "imaps": "imaps", "pop3": "pop3", "pop3s": "pop3s"}


def timed(cmd):
    start = time.monotonic()
    proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, timeout=120)
    if proc.returncode not in (0, 1, 2):
        raise RuntimeError("%s: exit %d" % (" ".join(cmd), proc.returncode))
    return time.monotonic() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--reps", type=int, default=9)
    opts = parser.parse_args()
    reason = harness.unavailable()
    if reason:
        print("cannot run: " + reason)
        return 1
    binary = os.path.abspath(opts.binary)
    with harness.Servers() as s:
        base = [binary, "probe", "localhost", "--source", harness.SOURCE, "--ca-file", s.ca, "--timeout", "10"]
        # One call cannot give each port its own --as: the seven-port call lets
        # the table's modes stand (unknown ports: found from the greeting);
        # the single-port calls use --as.
        all7 = base + [a for n in PORTS for a in ("--port", str(s.ports[n]))]
        cases = {("all7", "before"): all7 + ["--no-extra-handshakes"], ("all7", "after"): all7}
        for name, service in PORTS.items():
            one = base + ["--port", str(s.ports[name]), "--as", service]
            cases[(name, "before")] = one + ["--no-extra-handshakes"]
            cases[(name, "after")] = one
        times = {k: [] for k in cases}
        for _ in range(opts.reps):
            keys = list(cases)
            random.shuffle(keys)
            for key in keys:
                times[key].append(timed(cases[key]))
    print("median wall time over %d interleaved repetitions (seconds)\n" % opts.reps)
    print("%-12s %8s %8s %7s" % ("ports", "before", "after", "ratio"))
    for name in ["all7", *PORTS]:
        before = statistics.median(times[(name, "before")])
        after = statistics.median(times[(name, "after")])
        print("%-12s %8.3f %8.3f %6.2fx" % (name, before, after, after / before))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""config --discover: the servers found online (here: a real HTTPS autoconfig
server and dnsmasq on loopback, tests/discover/fixture.py) become the config,
judged like any other; a setting the sources publish that the rules judge an
error is left out. Skipped (77) without dnsmasq or openssl, unless
MAILPORTS_REQUIRE_SERVERS=1."""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "discover"))
import fixture  # noqa: E402

failures = []


def expect(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    binary = parser.parse_args().binary
    if fixture.missing():
        print("skipped: missing", fixture.missing())
        return 1 if os.environ.get("MAILPORTS_REQUIRE_SERVERS") == "1" else 77
    with fixture.Fixture() as fx:
        # STARTTLS-less IMAP on 143 (an error) next to IMAPS, and SMTP 587 STARTTLS.
        fx.site.put("autoconfig.example.test", fixture.AUTOCONFIG_PATH, fixture.config_xml(
            "example.test",
            incoming=[("imap", "imap.example.test", 143, "plain"), ("imap", "imap.example.test", 993, "SSL")],
            outgoing=[("smtp", "smtp.example.test", 587, "STARTTLS")]))
        fx.start(names=["autoconfig.example.test", "example.test"],
                 dns=[fixture.local("example.test"), fixture.host_record("autoconfig.example.test"),
                      fixture.host_record("example.test")])
        env = dict(os.environ, MAILPORTS_TEST_CONNECT_TO=fx.connect_to(["example.test"]))
        common = ["--email", "taro@example.test", "--discover", "--dns-server", fx.dns_server,
                  "--ca-file", fx.ca, "--timeout", "5"]

        def config(fmt, *extra):
            return subprocess.run([binary, "config", fmt, *common, *extra], capture_output=True, text=True,
                                  env=env, timeout=60)

        msmtp = config("msmtp", "--client-version", "1.8.23")
        expect(msmtp.returncode == 1, f"msmtp: exit {msmtp.returncode} (1: a server left out), {msmtp.stderr}")
        expect("host smtp.example.test\nport 587\n" in msmtp.stdout, f"msmtp: the discovered SMTP server:\n{msmtp.stdout}")
        expect("tls_starttls on" in msmtp.stdout, "msmtp: STARTTLS on 587")
        expect("user taro@example.test" in msmtp.stdout, "msmtp: the autoconfig user name, filled in")

        mbsync = config("mbsync", "--client-version", "1.4.4", "--json")
        expect(mbsync.returncode == 1, f"mbsync: exit {mbsync.returncode}, {mbsync.stderr}")
        answer = json.loads(mbsync.stdout)
        expect([(s["proto"], s["port"], s["tls"]) for s in answer["left_out"]] == [("imap", 143, "none")],
               f"mbsync: IMAP 143 without TLS left out: {answer['left_out']}")
        expect("Host imap.example.test\nPort 993\n" in answer["config"], f"mbsync: IMAPS written:\n{answer['config']}")
        expect("left out imap imap.example.test:143 none" in mbsync.stderr, f"mbsync: says what it left out: {mbsync.stderr!r}")

        # What was written lints clean.
        lint = subprocess.run([binary, "lint", "--format", "mbsync", "--client-version", "1.4.4", "-"],
                              input=answer["config"], capture_output=True, text=True, timeout=30)
        expect(lint.returncode == 0, f"lint of the discovered mbsync config: exit {lint.returncode}\n{lint.stdout}")
    print("ok" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

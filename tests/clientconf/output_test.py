#!/usr/bin/env python3
"""config --output: atomic, mode 0600, never replacing a file without --force,
and nothing written at all when config fails."""
import argparse
import os
import stat
import subprocess
import sys
import tempfile

failures = []


def expect(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def run(binary, args, umask=None):
    def pre():
        if umask is not None:
            os.umask(umask)
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=30, preexec_fn=pre)


def mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    binary = parser.parse_args().binary
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, "srv.zone")
        args = ["config", "srv", "--domain", "gmail.com"]
        expected = run(binary, args).stdout

        first = run(binary, [*args, "--output", target], umask=0)
        expect(first.returncode == 0, f"--output: exit {first.returncode} {first.stderr}")
        expect(first.stdout == "", "--output: nothing on stdout")
        expect("wrote" in first.stderr and target in first.stderr, f"--output says where: {first.stderr!r}")
        expect(open(target).read() == expected, "--output holds what stdout would")
        expect(mode(target) == 0o600, f"mode {oct(mode(target))} with umask 000, want 0600")

        with open(target, "w") as f:
            f.write("mine\n")
        os.chmod(target, 0o644)
        again = run(binary, [*args, "--output", target])
        expect(again.returncode == 73, f"existing file: exit {again.returncode}, want 73")
        expect("--force" in again.stderr, f"existing file: says --force: {again.stderr!r}")
        expect(open(target).read() == "mine\n", "existing file left as it was")
        expect(sorted(os.listdir(tmp)) == ["srv.zone"], f"no temporary file left: {os.listdir(tmp)}")

        forced = run(binary, [*args, "--output", target, "--force"])
        expect(forced.returncode == 0, f"--force: exit {forced.returncode}")
        expect(open(target).read() == expected, "--force replaces the file")
        expect(mode(target) == 0o600, f"--force: mode {oct(mode(target))}, want 0600")

        # A symlink planted where the file goes is not followed, nor replaced.
        victim = os.path.join(tmp, "victim")
        with open(victim, "w") as f:
            f.write("keep\n")
        link = os.path.join(tmp, "link.zone")
        os.symlink(victim, link)
        linked = run(binary, [*args, "--output", link])
        expect(linked.returncode == 73, f"symlink: exit {linked.returncode}, want 73")
        expect(open(victim).read() == "keep\n", "symlink target untouched")

        refused = os.path.join(tmp, "refused.zone")
        bad = run(binary, ["config", "srv", "--domain", "example.com", "--proto", "imap", "--host", "mail.example.com",
                           "--port", "143", "--tls", "none", "--output", refused])
        expect(bad.returncode == 2, f"refused: exit {bad.returncode}, want 2")
        expect(not os.path.exists(refused), "refused: no file written")

        not_dir = os.path.join(tmp, "victim", "x.zone")
        nodir = run(binary, [*args, "--output", not_dir])
        expect(nodir.returncode == 73, f"parent is a file: exit {nodir.returncode}, want 73")
        expect("Not a directory" in nodir.stderr, f"parent is a file: the reason: {nodir.stderr!r}")
        expect(sorted(os.listdir(tmp)) == ["link.zone", "srv.zone", "victim"], f"nothing else written: {os.listdir(tmp)}")
    print("ok" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

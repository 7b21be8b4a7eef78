#!/usr/bin/env python3
"""mailports on a real terminal, through tmux: colour by severity on a TTY,
none with NO_COLOR, and Japanese table columns lined up on screen.

    terminal_test.py BINARY
"""

import os
import subprocess
import sys
import tempfile
import time
import unicodedata

ESC = "\x1b["


def screen(binary, args, env, escapes):
    """What tmux shows after running `binary args` in a fresh 140x50 pane."""
    with tempfile.TemporaryDirectory() as tmp:
        sock = os.path.join(tmp, "tmux.sock")
        done = os.path.join(tmp, "done")
        command = " ".join([f"{k}='{v}'" for k, v in env.items()] + [binary] + args)
        shell = f"env -i PATH=/usr/bin:/bin {command}; touch {done}; sleep 60"
        tmux = ["tmux", "-S", sock, "-f", "/dev/null"]
        subprocess.run(tmux + ["new-session", "-d", "-x", "140", "-y", "50", shell], check=True)
        try:
            deadline = time.monotonic() + 15
            while not os.path.exists(done):
                if time.monotonic() > deadline:
                    raise SystemExit(f"timed out waiting for: {command}")
                time.sleep(0.05)
            capture = tmux + ["capture-pane", "-p", "-t", "0"] + (["-e"] if escapes else [])
            return subprocess.run(capture, check=True, capture_output=True, text=True).stdout
        finally:
            subprocess.run(tmux + ["kill-server"], capture_output=True)


def width(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def main():
    binary = os.path.abspath(sys.argv[1])
    failures = []
    check = ["check", "--proto", "smtp", "--port", "587", "--tls", "implicit"]

    coloured = screen(binary, check, {"TERM": "xterm-256color"}, escapes=True)
    if ESC not in coloured or "error" not in coloured:
        failures.append("no colour escapes on a terminal:\n" + coloured)
    if ESC + "1;31m" not in coloured and ESC + "31m" not in coloured:
        failures.append("the error verdict is not red on a terminal:\n" + coloured)

    plain = screen(binary, check, {"TERM": "xterm-256color", "NO_COLOR": "1"}, escapes=True)
    if ESC in plain.replace(ESC + "0m", "").replace(ESC + "39m", ""):
        failures.append("colour escapes despite NO_COLOR:\n" + plain)

    table = screen(binary, ["ports", "--proto", "imap"], {"TERM": "xterm-256color", "LANG": "ja_JP.UTF-8"},
                   escapes=False)
    lines = [line for line in table.splitlines() if line.strip()]
    header = lines[0]
    column = width(header[: header.index("サービス")])
    for line in lines[1:]:
        service = line.split()[-1]
        if width(line[: line.rindex(service)]) != column:
            failures.append(f"column not aligned on screen:\n{header}\n{line}")
            break

    for failure in failures:
        print(failure, file=sys.stderr)
    print("terminal output: " + ("ok" if not failures else f"{len(failures)} problem(s)"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""`check --batch -` answers each line as it arrives on a pipe, while its
input stays open: the answers are gathered in one buffer for speed, and it
must be written out before the next read can wait.

    batch_pipe_test.py BINARY
"""

import select
import subprocess
import sys

LINES = [
    '{"id":1,"proto":"smtp","port":587,"tls":"starttls"}',
    '{"id":2,"url":"smtps://u:secret@mail.example.com"}',
    '{"id":3,"proto":"smtp","port":99999,"tls":"none"}',
]


def main():
    binary = sys.argv[1]
    proc = subprocess.Popen([binary, "--lang", "en", "check", "--batch", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    failures = []
    try:
        for number, line in enumerate(LINES, 1):
            proc.stdin.write((line + "\n").encode())
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 10)
            if not ready:
                failures.append(f"line {number}: no answer within 10 s while the input stays open")
                break
            answer = proc.stdout.readline().decode()
            if not answer.startswith('{"line":%d,"id":%d,' % (number, number)):
                failures.append(f"line {number}: unexpected answer {answer!r}")
        proc.stdin.close()
        rest = proc.stdout.read().decode()
        code = proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    if rest:
        failures.append(f"output after the input closed: {rest!r}")
    if code != 65:
        failures.append(f"exit {code}, want 65 (line 3 is malformed)")
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

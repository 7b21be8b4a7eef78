#!/usr/bin/env python3
"""Run one end-to-end case: the built mailports binary, a clean environment,
and exact expectations for stdout, stderr and the exit status.

A case file:

    # what this case shows (comment lines start with #)
    args: check --proto smtp --port 587 --tls implicit
    env: LANG=ja_JP.UTF-8          (optional, repeatable)
    setup: shell command           (optional; runs in {tmp} first, e.g. to make a huge file)
    stdin: text                    (optional; default: /dev/null; "closed" closes fd 0;
                                    "<FILE" feeds FILE, after setup, e.g. <{tmp}/log)
    stdout: closed                 (optional; closes fd 1, so writing fails)
    exit: 2
    --- stdout
    ...exact text...
    --- stderr
    ...exact text...

In args and env, {data} is tests/data and {tmp} a fresh scratch directory.
--update rewrites the expectations from what the binary does now: review
the diff before committing it.
"""

import argparse
import difflib
import os
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "data"))
TIMEOUT_SECONDS = 20


def parse_case(path):
    with open(path, encoding="utf-8") as f:
        content = f.read()
    head, marker, rest = content.partition("--- stdout\n")
    out, marker2, err = rest.partition("--- stderr\n")
    if not marker or not marker2:
        raise SystemExit(f"{path}: needs '--- stdout' and '--- stderr' lines")
    case = {"args": None, "env": [], "stdin": None, "stdout": None, "setup": None, "exit": None,
            "comments": []}
    for line in head.splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            case["comments"].append(line)
            continue
        key, _, value = line.partition(":")
        value = value.strip()
        if key == "env":
            case["env"].append(value)
        elif key in ("args", "stdin", "stdout", "setup", "exit"):
            case[key] = value
        else:
            raise SystemExit(f"{path}: unknown header {key!r}")
    if case["args"] is None:
        raise SystemExit(f"{path}: no 'args:' line")
    return case, {"stdout": out, "stderr": err}


def expand(text, tmp):
    return text.replace("{data}", DATA).replace("{tmp}", tmp)


def run(binary, case, tmp):
    env = {"PATH": "/usr/bin:/bin"}
    for item in case["env"]:
        name, _, value = expand(item, tmp).partition("=")
        env[name] = value
    if case["setup"]:
        subprocess.run(["bash", "-c", expand(case["setup"], tmp)], cwd=tmp, check=True,
                       timeout=TIMEOUT_SECONDS)
    args = [binary] + [expand(a, tmp) for a in shlex.split(case["args"])]
    closed = [fd for fd, key in ((0, "stdin"), (1, "stdout")) if case[key] == "closed"]
    text_in = case["stdin"] if case["stdin"] not in (None, "closed") else None
    if text_in is not None and text_in.startswith("<"):
        # A file's bytes as they are (the setup may have made it).
        with open(expand(text_in[1:], tmp), "rb") as f:
            bytes_in = f.read()
    else:
        bytes_in = text_in.encode() + b"\n" if text_in is not None else None

    def close_fds():
        for fd in closed:
            os.close(fd)

    proc = subprocess.run(args, input=bytes_in,
                          env=env, capture_output=True, cwd=tmp, timeout=TIMEOUT_SECONDS,
                          stdin=None if text_in is not None else subprocess.DEVNULL,
                          preexec_fn=close_fds if closed else None)
    # Paths differ between machines and runs; expectations name them by placeholder.
    def normalize(raw):
        return raw.decode("utf-8", "replace").replace(tmp, "{tmp}").replace(DATA, "{data}")
    return proc.returncode, normalize(proc.stdout), normalize(proc.stderr)


def write_case(path, case, code, out, err):
    head = case["comments"] + [f"args: {case['args']}"]
    head += [f"env: {e}" for e in case["env"]]
    for key in ("setup", "stdin", "stdout"):
        if case[key] is not None:
            head.append(f"{key}: {case[key]}")
    head.append(f"exit: {code}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(head) + "\n--- stdout\n" + out + "--- stderr\n" + err)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--update", action="store_true")
    parser.add_argument("case")
    opts = parser.parse_args()
    case, expected = parse_case(opts.case)
    with tempfile.TemporaryDirectory() as tmp:
        code, out, err = run(os.path.abspath(opts.binary), case, tmp)
    if opts.update:
        write_case(opts.case, case, code, out, err)
        return 0
    failures = []
    for name, actual in (("stdout", out), ("stderr", err)):
        if actual and not actual.endswith("\n"):
            failures.append(f"{name} does not end with a newline")
    if str(code) != case["exit"]:
        failures.append(f"exit status: expected {case['exit']}, got {code}")
    for name, actual in (("stdout", out), ("stderr", err)):
        if actual != expected[name]:
            diff = difflib.unified_diff(expected[name].splitlines(True), actual.splitlines(True),
                                        f"expected {name}", f"actual {name}")
            failures.append("".join(diff))
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

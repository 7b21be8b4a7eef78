#!/usr/bin/env python3
"""README's transcripts are what the binary prints.

    readme_test.py --binary build/dev/src/mailports README.md [--update]

A transcript is a ``` block whose first line starts with "$ ". Each "$ "
line (with its continuation lines: after a trailing backslash, or starting
with "  |") is run with bash in a clean environment, with the binary's
directory first on PATH, and its standard output must equal the lines that
follow it, up to a blank line before the next "$ " or the end of the block.
Transcripts of `mailports probe` need live servers and are left out (the
probe has tests/probe); a command that needs a program that is not
installed (jq) is reported as skipped. --update rewrites the outputs from
the binary: review the diff before committing it.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```[^\n]*\n(.*?)^```$", re.S | re.M)
TIMEOUT_SECONDS = 30


def commands(block):
    """[(command lines, expected output lines)] of one transcript."""
    lines = block.splitlines(keepends=True)
    out = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            raise SystemExit(f"a transcript line that is no command nor output: {lines[i]!r}")
        command = [lines[i]]
        i += 1
        while i < len(lines) and (command[-1].rstrip("\n").endswith("\\") or lines[i].startswith("  |")):
            command.append(lines[i])
            i += 1
        expected = []
        while i < len(lines) and not (lines[i].startswith("$ ") and expected and expected[-1] == "\n"):
            expected.append(lines[i])
            i += 1
        while expected and expected[-1] == "\n":
            expected.pop()
        out.append((command, expected))
    return out


def run(command, bindir, tmp):
    env = {"PATH": bindir + ":/usr/bin:/bin", "HOME": tmp}
    result = subprocess.run(["bash", "-o", "pipefail", "-c", "".join(command)[2:]], cwd=tmp, env=env,
                            capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    return result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--update", action="store_true")
    parser.add_argument("readme")
    args = parser.parse_args()
    bindir = os.path.dirname(os.path.abspath(args.binary))
    if os.path.basename(args.binary) != "mailports":
        raise SystemExit("--binary must be the mailports executable (transcripts call it by name)")
    with open(args.readme, encoding="utf-8") as f:
        text = f.read()

    failures, checked, skipped = [], 0, []
    rewrites = []
    with tempfile.TemporaryDirectory() as tmp:
        for match in FENCE.finditer(text):
            block = match.group(1)
            if not block.startswith("$ ") or block.startswith("$ mailports probe"):
                continue
            new = []
            for command, expected in commands(block):
                shown = "".join(command)
                missing = [p for p in ("jq",) if re.search(rf"\b{p}\b", shown) and not shutil.which(p)]
                if missing:
                    skipped.append(f"{shown.strip()} (needs {', '.join(missing)})")
                    actual = "".join(expected)
                else:
                    actual = run(command, bindir, tmp).rstrip("\n")
                    actual = actual + "\n" if actual else ""
                    checked += 1
                    if actual != "".join(expected):
                        failures.append(f"README transcript differs from the binary for:\n{shown}"
                                        f"--- README\n{''.join(expected)}--- binary\n{actual}")
                new.append(shown + actual)
            rewrites.append((match.start(1), match.end(1), "\n".join(new)))

    if args.update:
        for start, end, replacement in reversed(rewrites):
            text = text[:start] + replacement + text[end:]
        with open(args.readme, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"updated {args.readme}")
        return 0
    for failure in failures:
        print(failure, file=sys.stderr)
    for skip in skipped:
        print(f"skipped: {skip}")
    print(f"README transcripts: {checked} command(s) checked, {len(failures)} differ")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())

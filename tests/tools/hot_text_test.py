#!/usr/bin/env python3
"""The offline commands' code is gathered before .text (src/hot-text.ld says
why): the binary has the section, and the script still names code the link
has, so that it has not gone stale without anyone noticing.

  hot_text_test.py BINARY LINK_MAP HOT_TEXT_LD
"""
import re
import subprocess
import sys


def main():
    binary, link_map, script = sys.argv[1:4]
    failures = []
    sections = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True,
                              check=True).stdout
    m = re.search(r"\.text\.hot_start\s+PROGBITS\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)", sections)
    if not m:
        failures.append("no .text.hot_start section in the binary: is the script linked?")
    elif int(m.group(1), 16) < 64 * 1024:
        failures.append(f".text.hot_start holds only {int(m.group(1), 16)} bytes")

    text = open(link_map).read()
    members, names = [], []
    for line in open(script):
        if m := re.match(r"^\s+\*([^:(]+):([^(]+)\(\.text\)$", line):
            members.append(f"{m.group(1)}({m.group(2)})")
        elif m := re.match(r"^\s+\*\((\S+)\)$", line):
            names.append(m.group(1))
    # Every object the script names is still linked.
    for member in members:
        if member not in text:
            failures.append(f"the script names {member}, which the link no longer has")
    # Named sections (templates, libstdc++'s functions) come and go with the
    # code and the build type; most must still be there.
    linked = {line.split()[0] for line in text.split("\n") if line.startswith(" .text")}
    found = sum(1 for name in names if name in linked)
    if not names or found < 0.7 * len(names):
        failures.append(f"only {found} of the script's {len(names)} named sections are in the link:"
                        " regenerate it with tests/bench/hot_text.py")
    for failure in failures:
        print(failure)
    print(f"{len(members)} objects, {found}/{len(names)} named sections")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

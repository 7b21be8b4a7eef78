#!/usr/bin/env python3
"""Generate, then lint: every format with a reader, for every built-in provider.

For each provider domain, `mailports config FORMAT --domain D` writes the
config (or refuses, exit 2, when every server of a kind the format needs is
judged an error; exit 3 when the provider has no server the format can use),
and `mailports lint --format FORMAT -` must read it back without an error
finding and with the same servers. A config and its lint disagreeing means a
writer and its reader disagree about the client.

`--every N` takes every Nth provider (the sanitizer job: each start costs
there what the whole check costs here, and the ci job covers every provider).
The providers are checked on as many threads as there are cores.
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys


def run(binary, args, stdin=None):
    return subprocess.run([binary, *args], input=stdin, capture_output=True, text=True, timeout=60)


def generate_then_lint(binary, domain, fmt):
    """(what config did, the failure or None) for one provider in one format."""
    written = run(binary, ["config", fmt, "--domain", domain, "--json"])
    if written.returncode == 2:
        return "refused", None
    if written.returncode == 3:
        return "nothing", None
    if written.returncode not in (0, 1):
        return None, f"{fmt} {domain}: config exit {written.returncode}: {written.stderr.strip()}"
    answer = json.loads(written.stdout)
    linted = run(binary, ["lint", "--format", fmt, "--json", "-"], stdin=answer["config"])
    if linted.returncode not in (0, 1):
        return "written", (f"{fmt} {domain}: lint exit {linted.returncode}: {linted.stderr.strip()}\n"
                           f"{answer['config']}\n{linted.stdout}")
    report = json.loads(linted.stdout)["files"][0]
    errors = [f for a in report["accounts"] for f in a["findings"] if f["severity"] == "error"]
    errors += [f for a in report["accounts"] for s in a["servers"] for f in s["findings"]
               if f["severity"] == "error"]
    if errors:
        return "written", f"{fmt} {domain}: lint finds errors in a generated config: {errors}"
    # What was written is what is read back: the first server of each
    # protocol the file names, with its port and mode.
    read_back = {(s["proto"], s["host"], s["port"], s["tls"])
                 for a in report["accounts"] for s in a["servers"]}
    planned = {(s["proto"], s["host"], s["port"], s["tls"]) for s in answer["servers"]}
    if not read_back or not read_back <= planned:
        return "written", f"{fmt} {domain}: lint read {sorted(read_back)}, config planned {sorted(planned)}"
    return "written", None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--every", type=int, default=1, help="check every Nth provider")
    options = parser.parse_args()
    binary = options.binary
    # --client-version keeps the test independent of what this machine has.
    listing = run(binary, ["config", "--formats"]).stdout
    providers = json.loads(run(binary, ["providers", "--json"]).stdout)["providers"]
    providers = providers[::options.every]
    readable = ["msmtp", "neomutt", "mbsync", "aerc", "fetchmail", "thunderbird", "postfix"]
    failures = [f"config --formats does not list {fmt}" for fmt in readable if fmt not in listing]
    counts = {"written": 0, "refused": 0, "nothing": 0}
    jobs = [(provider["domains"][0], fmt) for provider in providers for fmt in readable if fmt in listing]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for outcome, failure in pool.map(lambda job: generate_then_lint(binary, *job), jobs):
            if outcome:
                counts[outcome] += 1
            if failure:
                failures.append(failure)
    print(f"providers: {len(providers)}, configs written and linted: {counts['written']}, "
          f"refused: {counts['refused']}, no server for the format: {counts['nothing']}")
    for failure in failures[:40]:
        print("FAIL:", failure)
    if counts["written"] < len(providers):
        failures.append("too few configs written: the test did not exercise the formats")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

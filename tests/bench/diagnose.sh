#!/usr/bin/env bash
# Log-mode throughput: `mailports diagnose --file LOG --json` against
# `grep -E -i -c -f PATTERNS LOG` over the same patterns (the catalogue's
# regexes as they are, its literals escaped), on the same generated log,
# side by side in one run. Reports CPU seconds (user+sys), wall seconds,
# lines per second, peak RSS, and the ratio.
#   tests/bench/diagnose.sh [path/to/mailports] [lines] [catalogue]
#   (defaults: build/release/src/mailports, 2000000, data/diagnoses.json)
# The log is the real logs and client errors of tests/data/diagnose repeated.
# grep runs in the C locale: -i folds ASCII only, as diagnose's normalization does.
# grep does less: it only says whether a line matches any pattern, where
# diagnose also normalizes the line, tells the families apart and counts each.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-build/release/src/mailports}
lines=${2:-2000000}
catalogue=${3:-data/diagnoses.json}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

python3 - "$lines" "$catalogue" "$work/patterns" > "$work/log" <<'PY'
import json, re, sys
lines, catalogue, patterns_out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
real = []
for name in ("postfix.log", "dovecot.log"):
    with open("tests/data/diagnose/" + name, "rb") as f:
        real += f.read().splitlines()
with open("tests/data/diagnose/clients.txt", "rb") as f:
    real += [l.split(b"\t", 3)[3] for l in f.read().splitlines() if l and not l.startswith(b"#")]
out = sys.stdout.buffer
full, rest = divmod(lines, len(real))
block = b"\n".join(real) + b"\n"
for _ in range(full):
    out.write(block)
out.write(b"".join(l + b"\n" for l in real[:rest]))
# ERE special characters, escaped in literals so grep -E reads them as text
with open(catalogue, encoding="utf-8") as f:
    families = json.load(f)["families"]
with open(patterns_out, "w", encoding="utf-8") as f:
    for fam in families:
        for p in fam["patterns"]:
            f.write((p["regex"] if "regex" in p else re.sub(r"([][\\.^$*+?(){}|])", r"\\\1", p["literal"])) + "\n")
PY

measure() { # "cpu wall rss" of one command, output discarded; its exit status is a verdict, not a failure
  /usr/bin/time -f '%U %S %e %M' -o "$work/time" "$@" >"$work/out" 2>/dev/null || true
  tail -1 "$work/time" | awk '{print $1 + $2, $3, $4}'
}
# The page cache holds the log for both.
cat "$work/log" >/dev/null
read -r m_cpu m_wall m_rss <<<"$(measure "$bin" --diagnoses "$catalogue" diagnose --file "$work/log" --json)"
m_count=$(python3 -c 'import json,sys; print(sum(s["count"] for s in json.load(open(sys.argv[1]))["summary"]))' "$work/out" 2>/dev/null || echo "?")
read -r g_cpu g_wall g_rss <<<"$(measure env LC_ALL=C grep -E -i -c -f "$work/patterns" "$work/log")"
g_count=$(tail -1 "$work/out")
echo "log: $lines lines, $(stat -c %s "$work/log") bytes; $(wc -l <"$work/patterns") patterns from $catalogue"
awk -v n="$lines" -v mc="$m_cpu" -v mw="$m_wall" -v mr="$m_rss" -v mn="$m_count" \
    -v gc="$g_cpu" -v gw="$g_wall" -v gr="$g_rss" -v gn="$g_count" 'BEGIN {
  printf "%-10s %8s %8s %14s %10s %16s\n", "tool", "cpu s", "wall s", "lines/s (cpu)", "RSS KiB", "matched lines";
  printf "%-10s %8.2f %8.2f %14.0f %10d %16s\n", "mailports", mc, mw, n / mc, mr, mn;
  printf "%-10s %8.2f %8.2f %14.0f %10d %16s\n", "grep -E", gc, gw, n / gc, gr, gn;
  printf "mailports takes %.2fx the CPU time of grep -E -i -c -f\n", mc / gc }'

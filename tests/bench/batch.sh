#!/usr/bin/env bash
# Batch throughput: `mailports check --batch` against jq doing the same
# lookup join against data/rules.json, on the same generated file, side by
# side in one run. Reports CPU seconds (user+sys) and lines per second.
#   tests/bench/batch.sh [path/to/mailports] [lines]   (defaults: build/release/src/mailports, 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-build/release/src/mailports}
lines=${2:-1000000}
command -v jq >/dev/null || { echo "needs jq (apt-get install jq)"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

python3 - "$lines" > "$work/in.ndjson" <<'PY'
import random, sys
random.seed(8314)
choices = [("smtp", [25, 465, 587, 2525]), ("imap", [143, 993]), ("pop3", [110, 995])]
modes = ["none", "starttls", "opportunistic", "implicit"]
for i in range(int(sys.argv[1])):
    proto, ports = random.choice(choices)
    print('{"id":%d,"proto":"%s","port":%d,"tls":"%s"}' % (i, proto, random.choice(ports), random.choice(modes)))
PY

cpu() { # CPU seconds of one command, output discarded; its exit status is the verdict, not a failure
  /usr/bin/time -f '%U %S' -o "$work/time" "$@" >/dev/null || true
  tail -1 "$work/time" | awk '{print $1 + $2}'
}
# jq's equivalent: the matching entry's status and findings for each line.
jq_filter='. as $q | {line: input_line_number, id: $q.id,
  entry: (first($rules[0].entries[] | select((.proto == $q.proto or .proto == "any")
          and .port == $q.port and (.tls == $q.tls or .tls == "any"))) // null)}
  | {line, id, status: .entry.status, findings: .entry.findings}'

m=$(cpu "$bin" check --batch "$work/in.ndjson")
j=$(cpu jq -c --slurpfile rules data/rules.json "$jq_filter" "$work/in.ndjson")
awk -v n="$lines" -v m="$m" -v j="$j" 'BEGIN {
  printf "%-10s %10s %14s\n", "tool", "cpu s", "lines/s";
  printf "%-10s %10.2f %14.0f\n", "mailports", m, n / m;
  printf "%-10s %10.2f %14.0f\n", "jq", j, n / j;
  printf "mailports is %.1fx faster than jq\n", j / m }'

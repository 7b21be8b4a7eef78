#!/usr/bin/env bash
# Batch throughput: `mailports check --batch` against jq doing the same
# lookup join against data/rules.json, on the same generated files, side by
# side in one run. Reports CPU seconds (user+sys) and lines per second.
#   tests/bench/batch.sh [path/to/mailports] [lines]   (defaults: build/release/src/mailports, 1000000)
# Three files: flat lines only; a realistic mix (5% URL lines, 0.1% bad
# lines); URL lines only. Two jq programs: the join as a script user writes
# it (the rules indexed once into an object keyed by proto/port/tls, one
# lookup a line), and the old scan of the table on every line (slower: it
# flatters us, so it is shown only for comparison with older figures).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-build/release/src/mailports}
lines=${2:-1000000}
command -v jq >/dev/null || { echo "needs jq (apt-get install jq)"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

python3 - "$lines" "$work" <<'PY'
import random, sys
n, out = int(sys.argv[1]), sys.argv[2]
choices = [("smtp", [25, 465, 587, 2525]), ("imap", [143, 993]), ("pop3", [110, 995])]
modes = ["none", "starttls", "opportunistic", "implicit"]
schemes = {("smtp", "implicit"): "smtps", ("smtp", "starttls"): "submission", ("imap", "implicit"): "imaps",
           ("imap", "starttls"): "imap", ("pop3", "implicit"): "pop3s", ("pop3", "starttls"): "pop3"}
def flat(i, r):
    proto, ports = r.choice(choices)
    return '{"id":%d,"proto":"%s","port":%d,"tls":"%s"}' % (i, proto, r.choice(ports), r.choice(modes))
def url(i, r):
    (proto, mode), scheme = r.choice(sorted(schemes.items()))
    port = r.choice(dict(choices)[proto])
    return '{"id":%d,"url":"%s://user%d@mail%d.example.com:%d"}' % (i, scheme, i % 1000, i % 97, port)
bad = ['{"id":%d,"proto":"smtp","port":99999,"tls":"none"}', '{"id":%d,"proto":"smtp"', '{"id":%d,"proto":"gopher","port":70}']
for name, pick in (("flat", lambda r: "flat"), ("url", lambda r: "url"),
                   ("mix", lambda r: "url" if r.random() < 0.05 else ("bad" if r.random() < 0.001 else "flat"))):
    r = random.Random(8314)
    with open(f"{out}/{name}.ndjson", "w") as f:
        for i in range(n):
            kind = pick(r)
            f.write((flat(i, r) if kind == "flat" else url(i, r) if kind == "url" else r.choice(bad) % i) + "\n")
PY

cpu() { # CPU seconds of one command, output discarded; its exit status is the verdict, not a failure
  /usr/bin/time -f '%U %S' -o "$work/time" "$@" >/dev/null 2>&1 || true
  tail -1 "$work/time" | awk '{print $1 + $2}'
}
# jq as a script user would write the join: index once, look up each line.
# Lines are read raw and parsed with fromjson?, so a bad line is skipped
# (with plain JSON input jq stops at the first one).
# A URL line's setting is not split out by jq (it has no URL parser); it is
# looked up by its fields like the others, so jq's figure for the URL file
# is a lower bound of the work.
jq_indexed='($rules[0].entries | reduce .[] as $e ({};
    "\($e.proto)/\($e.port)/\($e.tls)" as $k | if has($k) then . else .[$k] = $e end)) as $idx
  | inputs | fromjson? | . as $q
  | ($idx["\($q.proto)/\($q.port)/\($q.tls)"] // $idx["any/\($q.port)/\($q.tls)"]
     // $idx["\($q.proto)/\($q.port)/any"] // $idx["any/\($q.port)/any"]) as $e
  | {line: input_line_number, id: $q.id, status: $e.status, findings: $e.findings}'
# The old program: the table scanned on every line.
jq_scan='. as $q | {line: input_line_number, id: $q.id,
  entry: (first($rules[0].entries[] | select((.proto == $q.proto or .proto == "any")
          and .port == $q.port and (.tls == $q.tls or .tls == "any"))) // null)}
  | {line, id, status: .entry.status, findings: .entry.findings}'

printf '%-6s %-22s %8s %12s %10s\n' file tool 'cpu s' 'lines/s' 'ours is'
for f in mix flat url; do
  m=$(cpu "$bin" check --batch "$work/$f.ndjson")
  j=$(cpu jq -nRc --slurpfile rules data/rules.json "$jq_indexed" "$work/$f.ndjson")
  awk -v f="$f" -v n="$lines" -v m="$m" -v j="$j" 'BEGIN {
    printf "%-6s %-22s %8.2f %12.0f\n", f, "mailports", m, n / m;
    printf "%-6s %-22s %8.2f %12.0f %9.1fx\n", f, "jq (indexed join)", j, n / j, j / m }'
  if [ "$f" = flat ] && [ "${BENCH_JQ_SCAN:-1}" = 1 ]; then
    s=$(cpu jq -c --slurpfile rules data/rules.json "$jq_scan" "$work/$f.ndjson")
    awk -v f="$f" -v n="$lines" -v m="$m" -v s="$s" 'BEGIN {
      printf "%-6s %-22s %8.2f %12.0f %9.1fx\n", f, "jq (scan per line)", s, n / s, s / m }'
  fi
done

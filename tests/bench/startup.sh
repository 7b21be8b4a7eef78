#!/usr/bin/env bash
# Per-invocation cost of mailports, in instructions (valgrind --tool=callgrind),
# beside `getent services submission` and /bin/true measured in the same run.
# Instruction counts do not depend on machine load. Usage:
#   tests/bench/startup.sh [path/to/mailports]     (default: build/release/src/mailports)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-build/release/src/mailports}
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)"; exit 1; }
[ -x "$bin" ] || { echo "no binary at $bin: cmake --workflow --preset release"; exit 1; }
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT

count() { # prints the instructions one command executes
  valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$@" >/dev/null 2>"$out/log" || true
  grep -o 'Collected : [0-9]*' "$out/log" | grep -o '[0-9]*$'
}
rss() { /usr/bin/time -f '%M' -o "$out/rss" "$@" >/dev/null 2>&1 || true; tail -1 "$out/rss"; }

printf '%-62s %12s %10s\n' command instructions 'max RSS KiB'
for cmd in "$bin check --proto smtp --port 587 --tls starttls --json" \
           "$bin recommend --proto smtp" \
           "$bin explain 465" \
           "$bin recommend --email taro@gmail.com --json" \
           "$bin check --port 587 --tls starttls --json" \
           "$bin check --proto ｓｍｔｐ --port ５８７ --tls ＳＴＡＲＴＴＬＳ --json" \
           "getent services submission" \
           "/bin/true"; do
  # shellcheck disable=SC2086
  printf '%-62s %12s %10s\n' "${cmd#"$bin "}" "$(count $cmd)" "$(rss $cmd)"
done

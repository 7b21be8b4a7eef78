#!/usr/bin/env bash
# Every figure issue 17 sets a target for, in one run, each with its ratio:
# instructions (callgrind) and peak RSS of the offline commands against
# `getent services submission`, then batch throughput against jq (batch.sh).
# Run before a release, on a release build:
#   tests/bench/release.sh [path/to/mailports] [lines]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-build/release/src/mailports}
lines=${2:-1000000}
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)"; exit 1; }
[ -x "$bin" ] || { echo "no binary at $bin: cmake --workflow --preset release"; exit 1; }
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT

count() {
  valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$@" >/dev/null 2>"$out/log" || true
  grep -o 'Collected : [0-9]*' "$out/log" | grep -o '[0-9]*$'
}
rss() { /usr/bin/time -f '%M' -o "$out/rss" "$@" >/dev/null 2>&1 || true; tail -1 "$out/rss"; }

getent=$(count getent services submission)
printf '%-56s %12s %8s %8s %8s\n' command instructions 'x getent' target 'RSS KiB'
row() { # target then the command
  local target=$1; shift
  local n label="$*"; n=$(count "$@")
  printf '%-56s %12s %8.2f %8s %8s\n' "${label#"$bin "}" "$n" "$(echo "$n / $getent" | bc -l)" "$target" "$(rss "$@")"
}
row 0.75 "$bin" check --proto smtp --port 587 --tls starttls --json
row 1.0 "$bin" recommend --proto smtp --json
row 1.0 "$bin" recommend --email taro@gmail.com --json
row 1.0 "$bin" recommend --domain gmail.com --json
row 1.0 "$bin" explain 465
row 1.0 "$bin" ports --json
printf '%-56s %12s %8.2f %8s %8s\n' "getent services submission" "$getent" 1 - "$(rss getent services submission)"
echo "(peak RSS target: 4096 KiB)"
echo
echo "batch, $lines lines (targets: mix >= 5 M lines/s, url >= 2 M lines/s, >= 20x jq's indexed join):"
tests/bench/batch.sh "$bin" "$lines"

#!/usr/bin/env bash
# Parallel batch benchmark (issue 14): one công văn per commune of today's Vietnam
# (3 321 documents, both formats) rendered in one call, first pinned to one core with -j1,
# then on every core. Prints wall time, documents per second, peak memory and the speed-up,
# against the target of at least 0.8 x cores.
#
# Usage: bench/batch.sh [DOCUMENTS]   (run from anywhere; builds the release binary)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-3321}
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-target}/release/vanban
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Each commune's own letter: its name, number and addressee differ.
mkdir -p "$WORK/in"
awk -v n="$N" -v dir="$WORK/in" '
  { src[NR] = $0 }
  END {
    for (i = 1; i <= n; i++) {
      f = sprintf("%s/xa-%04d.yaml", dir, i)
      for (l = 1; l <= NR; l++) {
        line = src[l]
        if (line ~ /^co_quan_ban_hanh:/) line = sprintf("co_quan_ban_hanh: UBND XÃ SỐ %d", i)
        else if (line ~ /^ten_co_quan:/) line = sprintf("ten_co_quan: Ủy ban nhân dân xã Số %d", i)
        else if (line ~ /^so:/) line = sprintf("so: %d", i)
        print line > f
      }
      close(f)
    }
  }' data/examples/cong-van.yaml
cp data/examples/*.png "$WORK/in/" 2>/dev/null || true

cores=$(nproc)
all_cpus="0-$((cores - 1))"
# run LABEL CPUS [JOBS]: render the whole batch pinned to CPUS, with -j JOBS if given.
run() {
  local label=$1 cpus=$2 jobs=${3:-}
  rm -rf "$WORK/out"
  local t0 t1
  t0=$(date +%s.%N)
  taskset -c "$cpus" /usr/bin/time -f '%M' -o "$WORK/mem" \
    "$BIN" render "$WORK"/in/*.yaml -o "$WORK/out" ${jobs:+-j "$jobs"} >/dev/null 2>&1
  t1=$(date +%s.%N)
  local files
  files=$(find "$WORK/out" -type f | wc -l)
  [ "$files" -eq $((2 * N)) ] || { echo "$label: wrote $files files, expected $((2 * N))" >&2; exit 1; }
  SECS=$(echo "$t1 - $t0" | bc -l)
  printf '%-30s %8.2f s  %6.0f documents/s  %7.1f MB peak\n' "$label" "$SECS" \
    "$(echo "$N / $SECS" | bc -l)" "$(echo "$(cat "$WORK/mem") / 1024" | bc -l)"
}

echo "batch of $N documents (DOCX+PDF), $cores cores"
run "warm-up (all cores)" "$all_cpus" >/dev/null
run "one core (-j1, CPU 0)" 0 1
one=$SECS
run "all cores (default -j)" "$all_cpus"
all=$SECS
speedup=$(echo "$one / $all" | bc -l)
target=$(echo "0.8 * $cores" | bc -l)
printf 'speed-up %.2fx on %d cores (target >= %.1fx): %s\n' "$speedup" "$cores" "$target" \
  "$(echo "$speedup >= $target" | bc -l | sed 's/1/met/;s/0/NOT met/')"

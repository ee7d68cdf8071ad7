#!/bin/sh
# vanban benchmark: render times, peak memory, and LibreOffice's conversion for comparison.
#
#   bench/run.sh [RUNS]      (default 15 runs per measurement; needs python3, soffice)
#
# Prints the median wall time and peak resident memory of each case and the ratios the
# PDF-backend issue sets as targets:
#   - example report, DOCX+PDF: < 50 ms, and >= 50x faster than soffice's DOCX -> PDF;
#   - 10 000-row annex: <= 12x the time of 1 000 rows, peak memory < 200 MB.
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-15}
cargo build --release --quiet
BIN=target/release/vanban
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# measure CMD... : runs CMD $RUNS times; prints "median_ms peak_kb". Each run is one
# fork/exec timed from Python, with the child's peak resident memory from wait4(2): no
# timing helper process (GNU time, date) adds its own start-up to the figure.
measure() {
    python3 - "$RUNS" "$@" <<'PY'
import os, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
times, peak = [], 0
for _ in range(runs):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    times.append((time.perf_counter() - start) * 1000)
    if status != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    peak = max(peak, usage.ru_maxrss)
times.sort()
print(f"{times[(runs - 1) // 2]:.1f} {peak}")
PY
}

report() { # label median_ms peak_kb
    printf '%-34s %9.1f ms %8.1f MB\n' "$1" "$2" "$(echo "$3" | awk '{print $1 / 1024}')"
}

EX=data/examples/bao-cao-thang.yaml
set -- $(measure "$BIN" render "$EX" -o "$WORK/o" --format docx); report "example report: DOCX" "$1" "$2"
set -- $(measure "$BIN" render "$EX" -o "$WORK/o" --format pdf); report "example report: PDF" "$1" "$2"
set -- $(measure "$BIN" render "$EX" -o "$WORK/o" --format docx,pdf); BOTH=$1; report "example report: DOCX+PDF" "$1" "$2"

# LibreOffice converting the same DOCX (fewer runs: it takes seconds).
"$BIN" render "$EX" -o "$WORK/o" --format docx > /dev/null
SAVED=$RUNS; RUNS=3
set -- $(measure soffice "-env:UserInstallation=file://$WORK/lo-profile" --headless --convert-to pdf --outdir "$WORK/lo" "$WORK/o/bao-cao-thang.docx")
RUNS=$SAVED; LO=$1; report "soffice DOCX -> PDF (same DOCX)" "$1" "$2"

# Stress: one landscape annex table of N rows.
gen() { # rows file
    python3 - "$1" "$2" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
src = open("data/examples/cong-van.yaml", encoding="utf-8").read()
rows = "\n".join(
    f"        - [\"Đơn vị số {i}: kết quả triển khai nhiệm vụ chuyển đổi số tháng {i % 12 + 1}\", {i * 37 % 9000}, {i * 11 % 5000}, {((i * 7) % 1000) / 10}]"
    for i in range(1, n + 1))
src += f"""
phu_luc:
  - tieu_de: Bảng số liệu thử tải {n} dòng
    huong: ngang
    bang:
      cot:
        - {{ten: STT, loai: stt, rong: 6}}
        - {{ten: Nội dung, rong: 50}}
        - {{ten: Tổng số, loai: so, rong: 12}}
        - {{ten: Trực tuyến, loai: so, rong: 12}}
        - {{ten: Tỷ lệ, loai: ty_le, rong: 10}}
      dong:
{rows}
"""
open(path, "w", encoding="utf-8").write(src)
PY
}
for n in 100 1000 10000; do
    gen "$n" "$WORK/stress-$n.yaml"
    [ "$n" = 10000 ] && RUNS=5
    set -- $(measure "$BIN" render "$WORK/stress-$n.yaml" -o "$WORK/o" --format docx,pdf)
    report "annex of $n rows: DOCX+PDF" "$1" "$2"
    eval "T$n=$1; M$n=$2"
done

echo
awk -v b="$BOTH" -v lo="$LO" -v t1="$T1000" -v t10="$T10000" -v m10="$M10000" 'BEGIN {
    printf "example DOCX+PDF: %.1f ms (target < 50 ms)\n", b
    printf "LibreOffice / vanban: %.0fx (target >= 50x)\n", lo / b
    printf "10 000 rows / 1 000 rows: %.1fx (target <= 12x)\n", t10 / t1
    printf "peak memory, 10 000 rows: %.1f MB (target < 200 MB)\n", m10 / 1024
}'

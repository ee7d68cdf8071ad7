#!/bin/sh
# vanban benchmark: every figure of the performance issue, measured side by side in one run.
#
#   bench/run.sh [RUNS]      (default 15 runs per measurement; needs python3, soffice;
#                             RusDox when installed: see bench/README.md)
#
# Prints the median wall time and peak resident memory of each case, then each target of
# the issue's table with its measured value and "met" / "NOT MET":
#   - example report, DOCX+PDF, vs LibreOffice's DOCX -> PDF of the same DOCX: >= 100x;
#   - example report PDF size <= LibreOffice's PDF of our DOCX;
#   - 1 000-row table, DOCX+PDF, vs RusDox (same rows): >= 4x (runs alternate, pairwise);
#   - 10 000-row annex peak memory <= 100 MiB;
#   - 100 000-row annex from CSV: peak memory <= 400 MiB, time linear in rows.
# The batch speed-up over one core is bench/batch.sh.
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-15}
cargo build --release --quiet
BIN=$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/release/vanban
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
OUR_PDF=$(wc -c < "$WORK/o/bao-cao-thang.pdf")

# LibreOffice converting the same DOCX (fewer runs: it takes seconds).
"$BIN" render "$EX" -o "$WORK/o" --format docx > /dev/null
SAVED=$RUNS; RUNS=3
set -- $(measure soffice "-env:UserInstallation=file://$WORK/lo-profile" --headless --convert-to pdf --outdir "$WORK/lo" "$WORK/o/bao-cao-thang.docx")
RUNS=$SAVED; LO=$1; report "soffice DOCX -> PDF (same DOCX)" "$1" "$2"
LO_PDF=$(wc -c < "$WORK/lo/bao-cao-thang.pdf")

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
RUNS=$SAVED

# The same annex read from a CSV file: 10 000 and 100 000 rows.
gen_csv() { # rows file
    python3 - "$1" "$2" <<'PY'
import os, sys
n, path = int(sys.argv[1]), sys.argv[2]
csv = os.path.join(os.path.dirname(path), f"rows-{n}.csv")
with open(csv, "w", encoding="utf-8") as f:
    f.write("Nội dung,Tổng số,Trực tuyến\n")
    for i in range(1, n + 1):
        f.write(f"\"Đơn vị số {i}: kết quả triển khai nhiệm vụ chuyển đổi số tháng {i % 12 + 1}\",{i * 37 % 9000},{i * 11 % 5000}\n")
src = open("data/examples/cong-van.yaml", encoding="utf-8").read()
src += f"""
phu_luc:
  - tieu_de: Bảng số liệu thử tải {n} dòng
    huong: ngang
    bang:
      nguon:
        tep: rows-{n}.csv
        cot: {{noi_dung: Nội dung, tong: Tổng số, truc_tuyen: Trực tuyến}}
      cot:
        - {{ten: STT, loai: stt, rong: 6}}
        - {{id: noi_dung, ten: Nội dung, rong: 50}}
        - {{id: tong, ten: Tổng số, loai: so, rong: 12}}
        - {{id: truc_tuyen, ten: Trực tuyến, loai: so, rong: 12}}
        - {{id: ty_le, ten: Tỷ lệ, loai: ty_le, rong: 10, cong_thuc: truc_tuyen / tong}}
"""
open(path, "w", encoding="utf-8").write(src)
PY
}
RUNS=3
for n in 10000 100000; do
    gen_csv "$n" "$WORK/csv-$n.yaml"
    set -- $(measure "$BIN" render "$WORK/csv-$n.yaml" -o "$WORK/o" --format docx,pdf)
    report "CSV annex of $n rows: DOCX+PDF" "$1" "$2"
    eval "C$n=$1; CM$n=$2"
done
RUNS=$SAVED

# RusDox on the same 1 000 rows, alternating with vanban run by run; the ratio is the
# median of the pairwise ratios.
RUSDOX_RATIO=
if command -v rusdox > /dev/null; then
    python3 - "$WORK/rusdox" <<'PY'
import os, sys
d = sys.argv[1]; os.makedirs(d, exist_ok=True)
out = ["version: 1", "output_name: t1000", "blocks:", "  - type: table", "    spec:", "      columns:"]
for label, w in [("STT", 600), ("Nội dung", 5000), ("Tổng số", 1200), ("Trực tuyến", 1200), ("Tỷ lệ", 1000)]:
    out += [f"        - label: {label}", f"          width: {w}"]
out.append("      rows:")
for i in range(1, 1001):
    cells = [str(i), f"Đơn vị số {i}: kết quả triển khai nhiệm vụ chuyển đổi số tháng {i % 12 + 1}",
             str(i * 37 % 9000), str(i * 11 % 5000), str(((i * 7) % 1000) / 10).replace(".", ",") + "%"]
    out.append("        - cells:")
    for c in cells:
        out += ["            - kind: text", f"              text: \"{c}\""]
open(os.path.join(d, "t1000.yaml"), "w", encoding="utf-8").write("\n".join(out) + "\n")
PY
    RUSDOX_RATIO=$(python3 - "$RUNS" "$BIN" "$WORK/stress-1000.yaml" "$WORK/o" "$WORK/rusdox" <<'PY'
import subprocess, sys, time
runs, vanban, doc, out, rd = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
def once(cmd, cwd=None):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
ratios = []
for _ in range(runs):
    ours = once([vanban, "render", doc, "-o", out, "--format", "docx,pdf"])
    theirs = once(["rusdox", "t1000.yaml", "--with-pdf"], cwd=rd)
    ratios.append(theirs / ours)
ratios.sort()
print(f"{ratios[(runs - 1) // 2]:.2f}")
PY
)
fi

echo
echo "target                                              measured      goal"
awk -v b="$BOTH" -v lo="$LO" -v op="$OUR_PDF" -v lp="$LO_PDF" -v rd="$RUSDOX_RATIO" \
    -v m10="$M10000" -v c10="$C10000" -v c100="$C100000" -v cm100="$CM100000" '
function verdict(ok) { return ok ? "met" : "NOT MET" }
BEGIN {
    printf "%-50s %7.1f ms\n", "example report, DOCX+PDF", b
    printf "%-50s %7.0fx     >= 100x   %s\n", "  vs LibreOffice (same DOCX -> PDF)", lo / b, verdict(lo / b >= 100)
    printf "%-50s %7.1f KB   <= %.1f KB %s\n", "example report PDF size (LibreOffice: right)", op / 1024, lp / 1024, verdict(op <= lp)
    if (rd == "") printf "%-50s %8s     >= 4x     (RusDox not installed: bench/README.md)\n", "1 000 rows, DOCX+PDF, vs RusDox", "-"
    else printf "%-50s %7.2fx     >= 4x     %s\n", "1 000 rows, DOCX+PDF, vs RusDox", rd, verdict(rd >= 4)
    printf "%-50s %7.1f MiB  <= 100    %s\n", "10 000-row annex, peak memory", m10 / 1024, verdict(m10 / 1024 <= 100)
    printf "%-50s %7.1f MiB  <= 400    %s\n", "100 000-row CSV annex, peak memory", cm100 / 1024, verdict(cm100 / 1024 <= 400)
    printf "%-50s %7.1fx     <= 11x    %s\n", "100 000 / 10 000 CSV rows, time (linear: 10x)", c100 / c10, verdict(c100 / c10 <= 11)
}'

#!/usr/bin/env bash
# The speed-up of a sweep on Spark against the sequential `compare` (docs/scaling.md): one 16-run sweep (vanilla-mnist,
# 16 seeds, ITERATIONS steps each, one thread per run, no periodic evaluation) trained three ways from scratch:
#   sequential    ./gan4j compare SWEEP.json
#   local[1]      ./gan4j compare SWEEP.json --spark --master 'local[1]'   (one task slot: Spark's own overhead)
#   local[2]      ./gan4j compare SWEEP.json --spark --master 'local[2]'   (two task slots, one core each)
# Each command's wall time includes the report (the same work in all three: 16 runs evaluated with --n 100, then the
# tables and plots); the sequential command evaluates each run on the driver, the Spark commands in each run's task as
# soon as it finished. The report's cost is measured alone by comparing the sequential runs again, once with
# --reevaluate (every run evaluated on the driver) and once without (the evaluations current: what a Spark sweep's
# driver has left to do). Spark's cost per task against the sequential CLI is (local[1] - sequential) / 16. Then a
# model of a 200-run sweep on N machines of this kind (2 one-core task slots each), from the measured training time
# per run, overhead per task, evaluation per run (in the tasks) and the driver's report time per run.
#   benchmarks/spark_sweep_speedup.sh [ITERATIONS]      # default 1500; run on an idle machine
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
iterations="${1:-1500}"
runs=16
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./gan4j list >/dev/null # builds the jars first, outside the timings

sweep() { # $1: name; writes the sweep file, runs land in $work/runs-$1
  local seeds
  seeds="$(seq -s, 1 "$runs")"
  cat >"$work/$1.json" <<EOF
{
  "name": "speedup-$1",
  "base": "$PWD/experiments/configs/vanilla-mnist.json",
  "set": {"train.iterations": $iterations, "train.logEvery": 100, "train.sampleEvery": 0,
          "train.checkpointEvery": 500, "train.threads": 1, "eval.every": 0, "train.outputDir": "$work/runs-$1"},
  "grid": {"seed": [$seeds]}
}
EOF
  echo "$work/$1.json"
}

timed() { # $1: label, rest: command; prints "label seconds"
  local label="$1" start end
  shift
  start=$(date +%s.%N)
  "$@" >"$work/$label.log" 2>&1 || { echo "$label failed:" >&2; tail -20 "$work/$label.log" >&2; exit 1; }
  end=$(date +%s.%N)
  python3 -c "print('$label', round($end - $start, 1))"
}

{
  timed sequential ./gan4j compare "$(sweep seq)" --n 100
  timed local1 ./gan4j compare "$(sweep l1)" --n 100 --spark --master 'local[1]'
  timed local2 ./gan4j compare "$(sweep l2)" --n 100 --spark --master 'local[2]'
  timed report ./gan4j compare "$work/runs-seq" --n 100 --reevaluate --out "$work/report-again"
  timed reuse ./gan4j compare "$work/runs-seq" --n 100 --out "$work/report-reuse"
} | tee "$work/times.txt"

python3 - "$work/times.txt" "$runs" "$iterations" <<'EOF'
import math, sys
t = dict((l.split()[0], float(l.split()[1])) for l in open(sys.argv[1]))
runs, iters = int(sys.argv[2]), int(sys.argv[3])
seq, l1, l2, report, reuse = t["sequential"], t["local1"], t["local2"], t["report"], t["reuse"]
per_run = (seq - report) / runs
eval_per_run = (report - reuse) / runs
driver_per_run = reuse / runs
overhead = (l1 - seq) / runs
print(f"\n{runs} runs x {iters} steps: sequential {seq:.1f} s, Spark local[1] {l1:.1f} s, local[2] {l2:.1f} s"
      f" (each including the report: {report:.1f} s alone with every run evaluated, {reuse:.1f} s when the"
      f" evaluations are current)")
print(f"speed-up against sequential: local[1] {seq / l1:.2f}x, local[2] {seq / l2:.2f}x")
print(f"per run {per_run:.1f} s of training and checkpoints sequentially, {eval_per_run:.2f} s of evaluation,"
      f" {driver_per_run:.2f} s of the driver's report; {overhead:+.2f} s per Spark task (local[1] against"
      f" sequential: Spark's start-up and scheduling)")
print("\nmodel: a 200-run sweep of these runs on N machines with 2 one-core task slots each, each task evaluating its run")
print("| machines | task slots | wall time | speed-up vs one machine sequential |")
print("|---:|---:|---:|---:|")
for n in (1, 2, 4, 8, 16, 32):
    slots = 2 * n
    wall = math.ceil(200 / slots) * (per_run + eval_per_run + overhead) + 200 * driver_per_run
    sequential = 200 * (per_run + eval_per_run + driver_per_run)
    print(f"| {n} | {slots} | {wall / 60:.1f} min | {sequential / wall:.1f}x |")
EOF

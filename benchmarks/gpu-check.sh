#!/usr/bin/env bash
# GPU check for users with a supported NVIDIA GPU (docs/gpu.md has the support matrix): builds gan4j on ND4J's CUDA
# backend, trains each of the three paper-size configs for 200 steps, and prints ms/step and GPU memory per config.
#   benchmarks/gpu-check.sh [--no-build] [--steps N]
# Exits non-zero on any error (build, data generation, an unsupported GPU, a failed or diverged run).
# Environment:
#   GPU_CHECK_OUT       where runs and logs go (default runs/gpu-check)
#   GPU_CHECK_DATA_CMD  the command that generates the RGB folders the configs read, when they are missing
#                       (default: the launcher's "data shapes" command with its defaults)
#   GAN4J_JAVA_OPTS     JVM options (default -Xmx8g)
# Not run by the test suite: it needs a GPU, the NVIDIA driver and the CUDA 11.6 libraries.
set -euo pipefail
cd "$(dirname "$0")/.."

steps=200
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --steps) steps="${2:?--steps needs a number}"; shift 2 ;;
    *) echo "gpu-check: unknown argument $1 (use --no-build, --steps N)" >&2; exit 2 ;;
  esac
done
[[ "$steps" =~ ^[0-9]+$ && "$steps" -ge 20 ]] || { echo "gpu-check: --steps must be a number >= 20" >&2; exit 2; }

configs=(experiments/configs/dcgan-64-rgb.json experiments/configs/pix2pix-256-rgb.json
         experiments/configs/cyclegan-256-rgb.json)
out="${GPU_CHECK_OUT:-runs/gpu-check}"
jar=experiments/target/gan4j.jar

command -v nvidia-smi > /dev/null || { echo "gpu-check: nvidia-smi not found: no NVIDIA driver on this machine" >&2; exit 2; }
nvidia-smi --query-gpu=index,name,compute_cap,driver_version,memory.total --format=csv,noheader \
  || { echo "gpu-check: nvidia-smi cannot talk to the driver" >&2; exit 2; }

mkdir -p "$out"
if [[ "$build" == 1 ]]; then
  # clean: switching backends otherwise leaves the CPU classes in the jar (docs/platforms.md).
  echo "gpu-check: building with -Pcuda (log: $out/build.log) ..."
  mvn -B -q -Pcuda -DskipTests clean package > "$out/build.log" 2>&1 \
    || { tail -n 30 "$out/build.log" >&2; echo "gpu-check: the -Pcuda build failed" >&2; exit 1; }
fi
[[ -f "$jar" ]] || { echo "gpu-check: $jar is missing (run without --no-build)" >&2; exit 1; }
unzip -l "$jar" | grep -q 'org/nd4j/linalg/jcublas/JCublasBackend.class' \
  || { echo "gpu-check: $jar is not a CUDA build (run without --no-build)" >&2; exit 1; }

# The jar directly, not ./gan4j: the launcher would rebuild a stale jar on the CPU backend.
gan4j() {
  # shellcheck disable=SC2086
  OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}" java ${GAN4J_JAVA_OPTS:--Xmx8g} -Djava.awt.headless=true -jar "$jar" "$@"
}

for config in "${configs[@]}"; do
  [[ -f "$config" ]] || { echo "gpu-check: $config is missing from this checkout" >&2; exit 1; }
done

# The paper configs read generated RGB folders; make them once if a config cannot find its data.
if ! gan4j validate "${configs[@]}" > "$out/validate.log" 2>&1; then
  echo "gpu-check: generating the RGB data folders (log: $out/data.log) ..."
  if [[ -n "${GPU_CHECK_DATA_CMD:-}" ]]; then
    bash -c "$GPU_CHECK_DATA_CMD" > "$out/data.log" 2>&1
  else
    gan4j data shapes > "$out/data.log" 2>&1
  fi || { tail -n 20 "$out/data.log" >&2; echo "gpu-check: data generation failed" >&2; exit 1; }
  gan4j validate "${configs[@]}" > "$out/validate.log" 2>&1 \
    || { cat "$out/validate.log" >&2; echo "gpu-check: the configs still do not validate" >&2; exit 1; }
fi

# Peak GPU memory in use while a command runs, sampled every 200 ms (MiB, all GPUs summed), starting from $1.
peak_file="$out/.peak"
sample_memory() {
  local peak=$1 now
  while :; do
    now=$(nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits 2>/dev/null | awk '{s += $1} END {print s + 0}')
    (( now > peak )) && peak=$now && echo "$peak" > "$peak_file"
    sleep 0.2
  done
}

printf '%-22s %10s %12s %12s %s\n' config ms/step gpu_mem_MiB baseline_MiB run
failed=0
for config in "${configs[@]}"; do
  name=$(basename "$config" .json)
  log="$out/$name.log"
  baseline=$(nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits | awk '{s += $1} END {print s + 0}')
  echo "$baseline" > "$peak_file"
  sample_memory "$baseline" & sampler=$!
  status=0
  gan4j train "$config" --set "train.iterations=$steps" --set "train.outputDir=$out/runs" \
    --set train.logEvery=10 > "$log" 2>&1 || status=$?
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  peak=$(cat "$peak_file")
  if [[ "$status" != 0 ]]; then
    echo "gpu-check: $name failed with exit code $status; last lines of $log:" >&2
    tail -n 5 "$log" >&2
    failed=1
    continue
  fi
  # The CLI prints "run directory: <path>" when the run starts.
  run=$(sed -n 's/^run directory: //p' "$log" | tail -n 1)
  metrics="$run/metrics.csv"
  if [[ -z "$run" || ! -f "$metrics" ]]; then
    echo "gpu-check: $name: no metrics.csv found (see $log)" >&2
    failed=1
    continue
  fi
  # Mean of the logged ms_per_step over the second half of the run: the first steps include cuDNN autotuning and
  # kernel loading.
  ms=$(awk -F, -v half=$((steps / 2)) 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "ms_per_step") c = i; next }
         c && $1 > half { s += $c; n++ } END { if (n) printf "%.1f", s / n; else print "n/a" }' "$metrics")
  printf '%-22s %10s %12s %12s %s\n' "$name" "$ms" "$peak" "$baseline" "$run"
  [[ "$ms" != "n/a" ]] || { echo "gpu-check: $name wrote no ms_per_step rows past step $((steps / 2))" >&2; failed=1; }
done
rm -f "$peak_file"
exit "$failed"

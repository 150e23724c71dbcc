#!/usr/bin/env bash
# Train gan4j's vanilla-mnist for 10,000 steps with one seed and score it with `gan4j evaluate`, twice: the run
# itself (10,000 float samples from the run's latent codes) and 10,000 samples written by `gan4j sample` as an
# unsigned-byte IDX file, the path external samples (benchmarks/mlp_recipe_reference.py) take.
#   benchmarks/fid_gap_gan4j.sh SEED TAG [--set key=value]...
# Only the grid/checkpoint frequencies differ from the shipped config (training is unchanged).
set -euo pipefail
cd "$(dirname "$0")/.."
seed=$1; tag=$2; shift 2
export OMP_WAIT_POLICY=PASSIVE
out=runs/fid-gap/$tag-s$seed
mkdir -p "$out"
start=$(date +%s)
./gan4j train experiments/configs/vanilla-mnist.json --set seed=$seed --set train.outputDir=$out \
  --set train.sampleEvery=0 --set train.checkpointEvery=0 "$@" > "$out/train.out" 2>&1
end=$(date +%s)
run=$(ls -d "$out"/vanilla-mnist/*/ | tail -1)
./gan4j evaluate "$run" > "$out/eval.out" 2>&1
./gan4j sample "$run" --n 10000 --out "$out/samples.idx.gz" > /dev/null 2>&1
./gan4j evaluate "$out/samples.idx.gz" --features mnist > "$out/eval-idx.out" 2>&1
echo "$tag seed=$seed wall_s=$((end-start)) run=$run" >> "$out/eval.out"
cat "$out/eval.out" "$out/eval-idx.out"

#!/usr/bin/env bash
# Train benchmarks/mlp_recipe_reference.py (PyTorch) with one seed and score its samples with `gan4j evaluate`.
#   benchmarks/fid_gap_ref.sh SEED TAG [reference flags]...
set -euo pipefail
cd "$(dirname "$0")/.."
seed=$1; tag=$2; shift 2
export OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS=1
out=runs/fid-gap/$tag-s$seed
mkdir -p "$out"
start=$(date +%s)
/usr/bin/python3 benchmarks/mlp_recipe_reference.py --seed "$seed" --out "$out/samples.idx.gz" "$@" > "$out/train.out" 2>&1
end=$(date +%s)
./gan4j evaluate "$out/samples.idx.gz" --features mnist > "$out/eval-idx.out" 2>&1
echo "$tag seed=$seed wall_s=$((end-start)) flags=$*" >> "$out/eval-idx.out"
cat "$out/eval-idx.out"

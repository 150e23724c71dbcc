#!/usr/bin/env bash
# Writes benchmarks/pytorch-param-counts.json: the PyTorch twin's learned-parameter count per network for every
# shipped config, built from the spec gan4j writes (resolved config + data shape). TwinParamCountsTest compares
# gan4j's own counts with this file, so CI (which has no torch) still checks that the twins are the same models.
# Run from the repository root after adding or changing a config: benchmarks/twin_param_counts.sh
set -euo pipefail
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
specs="$(mktemp -d)"
trap 'rm -rf "$specs"' EXIT
for c in experiments/configs/*.json; do
  ./gan4j bench "$c" --twin-spec "$specs/$(basename "$c")" >/dev/null
done
/usr/bin/python3 benchmarks/pytorch_reference.py --counts "$specs"/*.json --counts-out benchmarks/pytorch-param-counts.json

#!/usr/bin/env bash
# Writes benchmarks/pytorch-param-counts.json: the PyTorch twin's learned-parameter count per network for every
# shipped config, built from the spec gan4j writes (resolved config + data shape). TwinParamCountsTest compares
# gan4j's own counts with this file, so CI (which has no torch) still checks that the twins are the same models.
# Run from the repository root after adding or changing a config: benchmarks/twin_param_counts.sh
# A config reading an image folder that is not there (the paper configs' data/generated/...) is pointed at a few
# images of the same layout and size made by `gan4j data shapes` (the networks depend only on size and channels),
# as TwinParamCountsTest does.
set -euo pipefail
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
specs="$(mktemp -d)"
trap 'rm -rf "$specs"' EXIT
for c in experiments/configs/*.json; do
  name="$(basename "$c" .json)"
  # layout, folder, size and batch of a folder config whose folder is missing; nothing otherwise
  read -r layout dir size batch < <(/usr/bin/python3 - "$c" <<'PY'
import json, os, sys
cfg = json.load(open(sys.argv[1]))
data = cfg.get("data", {})
layout = {"folder": "images", "aligned-folder": "aligned", "unaligned-folder": "unaligned"}.get(data.get("source"))
if layout and not os.path.isdir(data.get("dir", "")):
    print(layout, data["dir"], data["size"], max(4, cfg.get("train", {}).get("batchSize", 1)))
else:
    print("- - - -")
PY
)
  sets=()
  if [[ "$layout" != "-" ]]; then
    extra=()
    [[ "$layout" != images ]] && extra=(--test-count 2)
    ./gan4j data shapes --layout "$layout" --size "$size" --count "$batch" "${extra[@]}" --out "$specs/$name-data" \
      >/dev/null
    sets=(--set "data.dir=$specs/$name-data")
  fi
  ./gan4j bench "$c" --twin-spec "$specs/$name.json" "${sets[@]}" >/dev/null
done
/usr/bin/python3 benchmarks/pytorch_reference.py --counts "$specs"/*.json --counts-out benchmarks/pytorch-param-counts.json

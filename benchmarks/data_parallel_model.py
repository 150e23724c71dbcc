#!/usr/bin/env python3
"""What synchronous data-parallel training of ONE GAN would cost per step, per shipped config (docs/scaling.md).

Not a measurement of a data-parallel gan4j (there is none): a model built from measured inputs only.
  - learned parameters per network: benchmarks/pytorch-param-counts.json (checked equal to gan4j's by
    TwinParamCountsTest), the bytes a gradient all-reduce moves;
  - updates per step: D (or the critic) nCritic times per step for WGAN, once otherwise; every generator once;
  - one step's compute on this 2-core machine: the gan4j ms/step of the first results table (and the paper
    configs' table) in benchmarks/RESULTS.md.
Per step, worker count W, link bandwidth B (bytes/s) and per-message latency L:
  all-reduce time = sum over updates of 2 (W-1)/W * 4 * params / B + 2 (W-1) L      (ring all-reduce, float32)
  step time       = compute / W + all-reduce time                                   (batch split evenly, ideal)
The speed-up ignores that a smaller per-worker batch runs GEMMs less efficiently, and batch-norm statistics per
worker (sync BN would add one small all-reduce per BN layer); batch-1 configs cannot be split at all.

  /usr/bin/python3 benchmarks/data_parallel_model.py            # markdown table for docs/scaling.md
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINKS = {"10 GbE": 10e9 / 8, "100 GbE": 100e9 / 8}
LATENCY_S = 50e-6
WORKERS = (2, 4, 8)


def measured_ms_per_step():
    """config -> (batch, gan4j ms/step) from RESULTS.md's result tables (first row seen per config and batch)."""
    rows = {}
    with open(os.path.join(ROOT, "benchmarks", "RESULTS.md")) as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 5 or not re.fullmatch(r"[0-9]+", cells[2]) or not re.fullmatch(r"[0-9.]+", cells[4]):
                continue
            rows.setdefault(cells[0], (int(cells[2]), float(cells[4])))
    return rows


def critic_updates(config):
    with open(os.path.join(ROOT, "experiments", "configs", config + ".json")) as f:
        text = f.read()
    m = re.search(r'"nCritic"\s*:\s*([0-9]+)', text)
    return int(m.group(1)) if m else 1


def all_reduce_seconds(updates, workers, bandwidth):
    """updates: list of parameter counts, one per all-reduce in a step."""
    share = 2 * (workers - 1) / workers
    return sum(share * 4 * p / bandwidth + 2 * (workers - 1) * LATENCY_S for p in updates)


def updates_per_step(config, params):
    n_critic = critic_updates(config)
    out = []
    for net, count in sorted(params.items()):
        is_d = net.startswith("discriminator") or net == "critic"
        out += [count] * (n_critic if is_d else 1)
    return out


def main():
    counts = json.load(open(os.path.join(ROOT, "benchmarks", "pytorch-param-counts.json")))["configs"]
    measured = measured_ms_per_step()
    header = ["config", "batch", "ms/step here", "MB all-reduced/step"]
    for link in LINKS:
        header += [f"{link} W={w}" for w in WORKERS]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for config in sorted(measured):
        if config not in counts:
            continue
        batch, ms = measured[config]
        updates = updates_per_step(config, counts[config]["learnedParams"])
        row = [config, str(batch), f"{ms:,.1f}", f"{4 * sum(updates) / 1e6:.1f}"]
        for bandwidth in LINKS.values():
            for w in WORKERS:
                if batch < w:
                    row.append("n/a (batch 1)")
                    continue
                step = ms / 1000 / w + all_reduce_seconds(updates, w, bandwidth)
                row.append(f"{ms / 1000 / step:.2f}×")
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

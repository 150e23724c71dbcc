#!/usr/bin/env python3
"""Collects the runs of benchmarks/fid_gap_gan4j.sh and fid_gap_ref.sh under runs/fid-gap/ into markdown tables:
every run, then mean ± sd (sample sd, n-1) of each variant over its seeds. Standard library only.
    python3 benchmarks/fid_gap_table.py [runs/fid-gap]
"""
import glob
import os
import re
import statistics
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "runs/fid-gap"


def parse(path):
    if not os.path.exists(path):
        return None
    text = open(path).read()
    m = {}
    for key, pat in [("fid", r"FID \(.*?\)\s+([\d.]+)"), ("kid", r"KID \(.*?\)\s+([-\d.]+)"),
                     ("precision", r"precision\s+([\d.]+)"), ("recall", r"recall\s+([\d.]+)"),
                     ("classes", r"classes_covered\s+(\d+)"), ("wall_s", r"wall_s=(\d+)")]:
        x = re.search(pat, text)
        m[key] = float(x.group(1)) if x else None
    return m if m["fid"] is not None else None


rows = []
for d in sorted(glob.glob(os.path.join(root, "*-s*"))):
    name = os.path.basename(d)
    tag, seed = name.rsplit("-s", 1)
    own = parse(os.path.join(d, "eval.out"))  # gan4j runs: the run's own float samples
    idx = parse(os.path.join(d, "eval-idx.out"))  # samples as an IDX byte file (every PyTorch run)
    wall = (own or {}).get("wall_s") or (idx or {}).get("wall_s")
    flags = ""
    for f in (os.path.join(d, "eval-idx.out"), os.path.join(d, "eval.out")):
        if os.path.exists(f):
            x = re.search(r"flags=(.*)", open(f).read())
            if x:
                flags = x.group(1).strip()
    if own is None and idx is None:
        continue
    rows.append(dict(tag=tag, seed=int(seed), own=own, idx=idx, wall=wall, flags=flags))

fmt = lambda v, p=2: "" if v is None else f"{v:.{p}f}"
print("| variant | seed | FID (run) | FID (IDX file) | KID (IDX) | precision (IDX) | recall (IDX) | classes | wall s |")
print("|---|---|---|---|---|---|---|---|---|")
for r in sorted(rows, key=lambda r: (r["tag"], r["seed"])):
    i = r["idx"] or {}
    print(f"| {r['tag']} | {r['seed']} | {fmt((r['own'] or {}).get('fid'))} | {fmt(i.get('fid'))} | "
          f"{fmt(i.get('kid'))} | {fmt(i.get('precision'))} | {fmt(i.get('recall'))} | "
          f"{'' if i.get('classes') is None else int(i['classes'])} | {'' if r['wall'] is None else int(r['wall'])} |")
print()
print("| variant | seeds | FID (IDX file) mean ± sd | KID | precision | recall | FID (run) mean ± sd |")
print("|---|---|---|---|---|---|---|")
groups = {}
for r in rows:
    groups.setdefault(r["tag"], []).append(r)


def ms(vals, p=2):
    vals = [v for v in vals if v is not None]
    if not vals:
        return ""
    if len(vals) == 1:
        return f"{vals[0]:.{p}f}"
    return f"{statistics.mean(vals):.{p}f} ± {statistics.stdev(vals):.{p}f}"


for tag, rs in sorted(groups.items()):
    idx = [r["idx"] or {} for r in rs]
    print(f"| {tag} | {','.join(str(r['seed']) for r in sorted(rs, key=lambda r: r['seed']))} | "
          f"{ms([i.get('fid') for i in idx], 1)} | {ms([i.get('kid') for i in idx])} | "
          f"{ms([i.get('precision') for i in idx])} | {ms([i.get('recall') for i in idx])} | "
          f"{ms([(r['own'] or {}).get('fid') for r in rs], 1)} |")

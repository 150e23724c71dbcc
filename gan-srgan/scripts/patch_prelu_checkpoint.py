"""Repairs the generator of an SRGAN checkpoint written before commit a41b252 ("PReLU's ReLU no longer rectifies its
input in place at inference"): its saved graph names DL4J's ActivationReLU in the PReLU blocks, whose in-place
rectification at inference turned each PReLU into a ReLU there. The weights are right (training mode was not
affected); this swaps the class for io.gan4j.srgan.CopyingRelu in generator.zip's configuration.json and updates the
file's size and SHA-256 in checkpoint.json. Every ReLU of SRResNet is a PReLU's, so every one is swapped.

    python3 gan-srgan/scripts/patch_prelu_checkpoint.py runs/srgan-fashion/<timestamp>/checkpoints/step-00003000
"""
import hashlib
import json
import os
import sys
import zipfile

OLD = '"@class" : "org.nd4j.linalg.activations.impl.ActivationReLU"'
NEW = '"@class" : "io.gan4j.srgan.CopyingRelu"'


def patch(checkpoint):
    gen = os.path.join(checkpoint, "generator.zip")
    tmp = gen + ".tmp"
    with zipfile.ZipFile(gen) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "configuration.json":
                text = data.decode("utf-8")
                print(checkpoint, ": swapping", text.count(OLD), "ReLU classes")
                data = text.replace(OLD, NEW).encode("utf-8")
            dst.writestr(info, data)
    os.replace(tmp, gen)
    with open(gen, "rb") as f:
        blob = f.read()
    meta_path = os.path.join(checkpoint, "checkpoint.json")
    with open(meta_path) as f:
        meta = json.load(f)
    meta["files"]["generator.zip"] = {"bytes": len(blob), "sha256": hashlib.sha256(blob).hexdigest()}
    with open(meta_path, "w") as f:
        json.dump(meta, f, indent=2)


for path in sys.argv[1:]:
    patch(path)

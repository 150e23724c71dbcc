#!/usr/bin/env python3
"""PyTorch reference for gan4j's speed targets: the same vanilla MLP GAN and 28x28 DCGAN as gan4j's defaults,
one full D+G step (D on real and fake, then G through D) per iteration, timed after a warm-up.

Run on the same machine as `./gan4j bench` with the same thread settings, e.g.
    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch_reference.py --threads 2 --json benchmarks/pytorch.json
(Debian's python3-torch 1.13 package with OpenBLAS as its BLAS: `apt-get install python3-torch libopenblas0-pthread`;
with Debian's default reference BLAS PyTorch is about 15x slower on the MLP).
"""
import argparse
import statistics
import time

import torch
import torch.nn as nn


def vanilla():
    # gan4j-vanilla's defaults (the Keras recipe): G 100-256-512-1024-784, each hidden layer Dense -> LeakyReLU 0.2 ->
    # batch norm (momentum 0.8 in Keras convention = 0.2 in PyTorch's), tanh; D 784-512-256-1, LeakyReLU 0.2, logits.
    def block(i, o):
        return [nn.Linear(i, o), nn.LeakyReLU(0.2), nn.BatchNorm1d(o, eps=1e-3, momentum=0.2)]
    g = nn.Sequential(*block(100, 256), *block(256, 512), *block(512, 1024), nn.Linear(1024, 784), nn.Tanh())
    d = nn.Sequential(nn.Linear(784, 512), nn.LeakyReLU(0.2), nn.Linear(512, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1))
    return g, d, (784,), False


def dcgan():
    # gan4j-dcgan's defaults for 28x28 (base 7, two stages, width 64): G z -> 7x7x128 (k7), 14x14x64, 28x28x1 (k4 s2
    # p1 transposed convs), batch norm + ReLU, tanh; D 28 -> 14x14x64 (no BN) -> 7x7x128 (BN) -> 1 (k7), LeakyReLU 0.2.
    g = nn.Sequential(
        nn.ConvTranspose2d(100, 128, 7, 1, 0, bias=False), nn.BatchNorm2d(128, momentum=0.1), nn.ReLU(),
        nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64, momentum=0.1), nn.ReLU(),
        nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
    d = nn.Sequential(
        nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(64, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128, momentum=0.1), nn.LeakyReLU(0.2),
        nn.Conv2d(128, 1, 7, 1, 0), nn.Flatten())
    return g, d, (1, 28, 28), True


def bench(name, batch, warmup, steps):
    g, d, shape, bn = {"vanilla-mnist": vanilla, "dcgan-mnist": dcgan}[name]()
    og = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    od = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    bce = nn.BCEWithLogitsLoss()
    real = torch.rand(batch, *shape) * 2 - 1
    ones, zeros = torch.ones(batch, 1), torch.zeros(batch, 1)
    times = []
    for i in range(warmup + steps):
        t0 = time.perf_counter()
        z = torch.randn(batch, 100, 1, 1) if bn else torch.randn(batch, 100)
        fake = g(z)
        od.zero_grad()
        if bn:  # separate passes, each half normalised with its own statistics (as gan4j does with batch norm)
            loss_d = bce(d(real), ones) + bce(d(fake.detach()), zeros)
        else:  # one pass over [real; fake]
            logits = d(torch.cat([real, fake.detach()]))
            loss_d = bce(logits[:batch], ones) + bce(logits[batch:], zeros)
        loss_d.backward()
        od.step()
        og.zero_grad()
        loss_g = bce(d(fake), ones)
        loss_g.backward()
        og.step()
        if i >= warmup:
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--models", default="vanilla-mnist,dcgan-mnist", help="comma-separated subset to run")
    p.add_argument("--batches", default="64,128", help="comma-separated batch sizes")
    p.add_argument("--json", help="also write {config: {batch: ms}} here (./gan4j bench --all reads benchmarks/pytorch.json)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, oneDNN {torch.backends.mkldnn.is_available()}")
    results = {"pytorch": torch.__version__, "threads": torch.get_num_threads(), "ms": {}}
    for name in a.models.split(","):
        for batch in (int(b) for b in a.batches.split(",")):
            ms = bench(name, batch, a.warmup, a.steps)
            results["ms"].setdefault(name, {})[str(batch)] = round(ms, 2)
            print(f"{name} batch {batch}: {ms:.1f} ms/step (median)")
    if a.json:
        import json
        with open(a.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()

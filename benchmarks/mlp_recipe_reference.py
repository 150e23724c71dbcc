#!/usr/bin/env python3
"""An independent PyTorch implementation of gan4j's vanilla-mnist recipe (the Keras-GAN MLP GAN), for issue 20:
why does an outside implementation of the recipe score a lower FID than gan4j?

Each candidate difference between gan4j's training step and Keras-GAN's is a flag, so it can be switched alone:

  --d-update summed|separate   one D step on loss(real) + loss(fake) in one pass over [real; fake] (gan4j), or two
                               D optimizer steps, first on the real batch, then on the fake batch (Keras-GAN)
  --d-fakes train|eval         D's fakes from G in training mode, batch statistics, updating G's running averages
                               (gan4j), or in inference mode with the running averages, like Keras's G.predict
  --g-z same|fresh             G's step reuses D's z and G(z) (gan4j), or draws fresh z (Keras-GAN)
  --adam-eps tf|torch          Adam's epsilon in the Keras/TF/DL4J form, lr_t = lr*sqrt(1-b2^t)/(1-b1^t),
                               step lr_t*m/(sqrt(v) + eps) (gan4j, Keras), or PyTorch's, lr*m_hat/(sqrt(v_hat) + eps)
  --adam-t own|shared          each optimizer counts its own steps (gan4j), or one counter for D and G that advances
                               on every optimizer step, as Keras-GAN's single Adam object shared by D and the
                               combined model does (3 increments per iteration with --d-update separate)
  --batch 64|32                gan4j's recipe uses 64; Keras-GAN's gan.py trains with 32
  --bn-var biased|unbiased     what batch norm's running variance averages: the biased batch variance (Keras, DL4J,
                               gan4j) or the unbiased one (PyTorch's BatchNorm1d)
  --init glorot|torch|uniform  Glorot-uniform weights and zero biases (Keras, gan4j), nn.Linear's default
                               (uniform +-1/sqrt(fan_in) for weights and biases), or that weight bound with zero
                               biases (DL4J's WeightInit.UNIFORM)
  --sampling epoch|replace     batches without replacement, reshuffled each epoch, last partial batch dropped (gan4j),
                               or indices drawn with replacement each step (Keras-GAN's np.random.randint)

--preset gan4j sets gan4j's choices (the defaults), --preset keras Keras-GAN's (separate, eval, fresh, tf, shared,
replace; the batch stays at the recipe's 64 unless --batch is given). Flags given after a preset override it.

Everything else is the recipe: G 100-256-512-1024-784, Dense -> LeakyReLU(0.2) -> BatchNorm(momentum 0.8 in Keras's
convention, eps 1e-3) per hidden layer, tanh output; D 784-512-256-1 with LeakyReLU(0.2) and a logit;
Adam(2e-4, 0.5, 0.999, eps 1e-7) for both; non-saturating cross-entropy (BCE on logits, batch means); z ~ N(0, 1);
MNIST scaled as v/127.5 - 1. The data is gan4j's own training split (data/mnist/train-images-idx3-ubyte.gz, 8,000
digits).

At the end G (in eval mode, i.e. batch norm with its running averages, as gan4j samples) writes --n samples as an
IDX file of unsigned bytes round((clamp(x, -1, 1) + 1) * 127.5), the format `./gan4j evaluate FILE --features mnist`
scores. Run with Debian's PyTorch (python3-torch), one thread:

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/mlp_recipe_reference.py --seed 1 --out /tmp/s1.idx.gz
    ./gan4j evaluate /tmp/s1.idx.gz --features mnist
"""
import argparse
import gzip
import json
import math
import os
import struct
import sys
import time

# One BLAS thread as well as one torch thread (Debian's torch calls OpenBLAS, which otherwise starts one per core).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

PRESETS = {
    "gan4j": dict(d_update="summed", d_fakes="train", g_z="same", adam_eps="tf", adam_t="own", bn_var="biased",
                  init="glorot", sampling="epoch"),
    "keras": dict(d_update="separate", d_fakes="eval", g_z="fresh", adam_eps="tf", adam_t="shared", bn_var="biased",
                  init="glorot", sampling="replace"),
}
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "..", "data", "mnist", "train-images-idx3-ubyte.gz")


def read_idx_images(path):
    """IDX unsigned-byte images [N, H, W] (gzip or raw) as float32 [N, H*W] scaled to [-1, 1] like gan4j."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    zero, dtype, rank = struct.unpack(">HBB", raw[:4])
    if zero != 0 or dtype != 0x08 or rank != 3:
        raise ValueError(f"{path}: not an IDX file of unsigned-byte images")
    n, h, w = struct.unpack(">III", raw[4:16])
    pixels = torch.frombuffer(bytearray(raw[16:16 + n * h * w]), dtype=torch.uint8)
    return pixels.view(n, h * w).float() / 127.5 - 1.0, (h, w)


def write_idx_images(path, images, h, w):
    """Writes [N, H*W] values in [-1, 1] as an IDX unsigned-byte file [N, H, W], gzip if the name ends in .gz."""
    data = torch.round((images.clamp(-1, 1) + 1) * 127.5).to(torch.uint8)
    header = struct.pack(">HBB", 0, 0x08, 3) + struct.pack(">III", images.shape[0], h, w)
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "wb") as f:
        f.write(header + data.numpy().tobytes())


class BatchNorm(nn.Module):
    """Batch norm over [N, C] with Keras's momentum convention and a choice of the running variance's estimator.

    Training: y = gamma*(x - mean_B)/sqrt(var_B + eps) + beta with the biased batch variance var_B; running averages
    move as r = momentum*r + (1 - momentum)*batch, with var_B itself (biased) or var_B*N/(N-1) (unbiased, PyTorch).
    Inference: the running averages replace the batch statistics.
    """

    def __init__(self, n, momentum, eps, unbiased):
        super().__init__()
        self.momentum, self.eps, self.unbiased = momentum, eps, unbiased
        self.weight = nn.Parameter(torch.ones(n))
        self.bias = nn.Parameter(torch.zeros(n))
        self.register_buffer("running_mean", torch.zeros(n))
        self.register_buffer("running_var", torch.ones(n))

    def forward(self, x):
        if self.training:
            mean = x.mean(0)
            var = x.var(0, unbiased=False)
            with torch.no_grad():
                n = x.shape[0]
                batch_var = var * n / (n - 1) if self.unbiased else var
                self.running_mean.mul_(self.momentum).add_(mean.detach(), alpha=1 - self.momentum)
                self.running_var.mul_(self.momentum).add_(batch_var.detach(), alpha=1 - self.momentum)
        else:
            mean, var = self.running_mean, self.running_var
        return (x - mean) * torch.rsqrt(var + self.eps) * self.weight + self.bias


def mlp(widths, batch_norm, out_act, bn_unbiased, init):
    layers = []
    for i in range(len(widths) - 1):
        lin = nn.Linear(widths[i], widths[i + 1])
        if init == "glorot":
            nn.init.xavier_uniform_(lin.weight)
            nn.init.zeros_(lin.bias)
        elif init == "uniform":  # nn.Linear's weight bound 1/sqrt(fan_in) (DL4J's UNIFORM), biases at zero
            nn.init.uniform_(lin.weight, -1 / math.sqrt(widths[i]), 1 / math.sqrt(widths[i]))
            nn.init.zeros_(lin.bias)
        layers.append(lin)
        if i < len(widths) - 2:
            layers.append(nn.LeakyReLU(0.2))
            if batch_norm:
                layers.append(BatchNorm(widths[i + 1], momentum=0.8, eps=1e-3, unbiased=bn_unbiased))
    if out_act is not None:
        layers.append(out_act)
    return nn.Sequential(*layers)


class StepCounter:
    """Adam's step count t; one shared object plays Keras's single optimizer used by D and the combined model."""

    def __init__(self):
        self.t = 0


class Adam:
    """Adam written out, in the Keras/TF/DL4J form ('tf') or PyTorch's ('torch'); see --adam-eps."""

    def __init__(self, params, lr, beta1, beta2, eps, form, counter):
        self.params = [p for p in params]
        self.lr, self.b1, self.b2, self.eps, self.form, self.counter = lr, beta1, beta2, eps, form, counter
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self):
        self.counter.t += 1
        t = self.counter.t
        bc1, bc2 = 1 - self.b1 ** t, 1 - self.b2 ** t
        for p, m, v in zip(self.params, self.m, self.v):
            g = p.grad
            m.mul_(self.b1).add_(g, alpha=1 - self.b1)
            v.mul_(self.b2).addcmul_(g, g, value=1 - self.b2)
            if self.form == "tf":
                p.addcdiv_(m, v.sqrt().add_(self.eps), value=-self.lr * math.sqrt(bc2) / bc1)
            else:
                p.addcdiv_(m, (v.sqrt() / math.sqrt(bc2)).add_(self.eps), value=-self.lr / bc1)


class Batches:
    def __init__(self, n, batch, sampling, gen):
        self.n, self.batch, self.sampling, self.gen = n, batch, sampling, gen
        self.per_epoch = n // batch
        self.order, self.pos = None, self.per_epoch

    def next(self):
        if self.sampling == "replace":
            return torch.randint(0, self.n, (self.batch,), generator=self.gen)
        if self.pos == self.per_epoch:
            self.order, self.pos = torch.randperm(self.n, generator=self.gen), 0
        idx = self.order[self.pos * self.batch:(self.pos + 1) * self.batch]
        self.pos += 1
        return idx


def bce(logits, target):
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, target))


def train(a):
    torch.manual_seed(a.seed)
    data, (h, w) = read_idx_images(a.data)
    data_gen = torch.Generator().manual_seed(a.seed + 1)
    z_gen = torch.Generator().manual_seed(a.seed + 2)
    unbiased = a.bn_var == "unbiased"
    g = mlp([a.latent, 256, 512, 1024, h * w], True, nn.Tanh(), unbiased, a.init)
    d = mlp([h * w, 512, 256, 1], False, None, unbiased, a.init)
    d_counter = StepCounter()
    g_counter = d_counter if a.adam_t == "shared" else StepCounter()
    opt_d = Adam(d.parameters(), a.lr, 0.5, 0.999, a.eps, a.adam_eps, d_counter)
    opt_g = Adam(g.parameters(), a.lr, 0.5, 0.999, a.eps, a.adam_eps, g_counter)
    batches = Batches(data.shape[0], a.batch, a.sampling, data_gen)
    log = []
    start = time.time()
    for step in range(1, a.steps + 1):
        real = data[batches.next()]
        z = torch.randn(a.batch, a.latent, generator=z_gen)
        g.train()
        if a.d_fakes == "eval":
            g.eval()
            with torch.no_grad():
                fake = g(z)
            g.train()
        else:
            fake_graph = g(z)  # batch statistics; updates G's running averages once
            fake = fake_graph.detach()
        # D's update(s)
        if a.d_update == "summed":
            opt_d.zero_grad()
            logits = d(torch.cat([real, fake]))
            lr_, lf_ = bce(logits[:a.batch], 1.0), bce(logits[a.batch:], 0.0)
            (lr_ + lf_).backward()
            opt_d.step()
            d_real, d_fake = torch.sigmoid(logits[:a.batch]).mean().item(), torch.sigmoid(logits[a.batch:]).mean().item()
        else:
            opt_d.zero_grad()
            lr_logits = d(real)
            lr_ = bce(lr_logits, 1.0)
            lr_.backward()
            opt_d.step()
            opt_d.zero_grad()
            lf_logits = d(fake)
            lf_ = bce(lf_logits, 0.0)
            lf_.backward()
            opt_d.step()
            d_real, d_fake = torch.sigmoid(lr_logits).mean().item(), torch.sigmoid(lf_logits).mean().item()
        # G's update through the updated D
        opt_g.zero_grad()
        if a.g_z == "fresh":
            z2 = torch.randn(a.batch, a.latent, generator=z_gen)
            g_out = g(z2)
        elif a.d_fakes == "train":
            g_out = fake_graph
        else:
            g_out = g(z)  # the same z, now in training mode
        for p in d.parameters():
            p.requires_grad_(False)
        lg = bce(d(g_out), 1.0)
        lg.backward()
        for p in d.parameters():
            p.requires_grad_(True)
        opt_g.step()
        if step % a.log_every == 0 or step == a.steps:
            row = dict(step=step, elapsed_s=round(time.time() - start, 1), d_loss=round(lr_.item() + lf_.item(), 4),
                       g_loss=round(lg.item(), 4), d_real=round(d_real, 4), d_fake=round(d_fake, 4))
            log.append(row)
            print(json.dumps(row), flush=True)
            if not math.isfinite(row["d_loss"] + row["g_loss"]):
                sys.exit("diverged")
    train_s = time.time() - start
    g.eval()
    sample_gen = torch.Generator().manual_seed(a.seed + 3)
    with torch.no_grad():
        samples = torch.cat([g(torch.randn(1000, a.latent, generator=sample_gen)) for _ in range(a.n // 1000)]
                            + ([g(torch.randn(a.n % 1000, a.latent, generator=sample_gen))] if a.n % 1000 else []))
    write_idx_images(a.out, samples, h, w)
    meta = {k: v for k, v in vars(a).items()}
    meta.update(train_seconds=round(train_s, 1), torch=torch.__version__, threads=torch.get_num_threads(), log=log)
    with open(a.out.replace(".idx.gz", "").replace(".idx", "") + ".run.json", "w") as f:
        json.dump(meta, f, indent=1)
    print(f"wrote {a.n} samples to {a.out}; training took {train_s:.1f} s", flush=True)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--preset", choices=sorted(PRESETS), default="gan4j")
    p.add_argument("--d-update", choices=["summed", "separate"])
    p.add_argument("--d-fakes", choices=["train", "eval"])
    p.add_argument("--g-z", choices=["same", "fresh"])
    p.add_argument("--adam-eps", choices=["tf", "torch"])
    p.add_argument("--adam-t", choices=["own", "shared"])
    p.add_argument("--bn-var", choices=["biased", "unbiased"])
    p.add_argument("--init", choices=["glorot", "torch", "uniform"])
    p.add_argument("--sampling", choices=["epoch", "replace"])
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--steps", type=int, default=10000)
    p.add_argument("--lr", type=float, default=2e-4)
    p.add_argument("--eps", type=float, default=1e-7)
    p.add_argument("--latent", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--n", type=int, default=10000, help="samples to write")
    p.add_argument("--data", default=DEFAULT_DATA)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--log-every", type=int, default=500)
    p.add_argument("--out", required=True, help="IDX file of the samples (.idx or .idx.gz)")
    a = p.parse_args(argv)
    for k, v in PRESETS[a.preset].items():
        if getattr(a, k) is None:
            setattr(a, k, v)
    torch.set_num_threads(a.threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    train(a)


if __name__ == "__main__":
    main()

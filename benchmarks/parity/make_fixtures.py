#!/usr/bin/env python3
"""PyTorch parity fixtures for gan4j: one full training iteration of every variant (and every adversarial loss on
given logits), computed with PyTorch's own ops, autograd and optimizers, written as JSON that gan4j's Java tests
replay through gan4j's real step code (`*ParityTest` in each module).

Run from the repository root with Debian's PyTorch (python3-torch 1.13):
    /usr/bin/python3 benchmarks/parity/make_fixtures.py            # rewrite every fixture
    /usr/bin/python3 benchmarks/parity/make_fixtures.py --check    # exit 1 if a committed fixture differs
Everything is seeded and runs on one thread in float64, so the output is the same byte for byte on each run.

Each network is written here a second time, from the papers and gan4j's documented layouts, with torch.nn.functional
ops on parameters kept under gan4j's names and in gan4j's (DL4J's) layouts: dense weights [in, out], convolution
weights [out, in, kh, kw], transposed-convolution weights [in, out, kh, kw] (PyTorch's own layout for both),
batch-norm gamma/beta/mean [C] and the running variance as log10(std) [C] (DL4J's `useLogStd`), instance-norm gamma
[1, C] and beta [C]. So gradients and Adam's state come out of autograd and torch.optim in gan4j's layout, and the
Java side reads them by name.

What a fixture holds: the variant's gan4j config, the data shape, the initial parameters of every network, and per
iteration the batch, every random draw the step makes (latent codes, interpolation weights, image-pool choices) in the
order gan4j's step draws them, the dropout masks, the logged scalars, and every network update's gradient (in the
order of the updates); after the last iteration every parameter and the optimizer's state.

Semantics shared with gan4j where PyTorch's modules differ, on purpose:
- Batch-norm running statistics (used only at inference) follow DL4J's and Keras's rule, not torch.nn.BatchNorm's:
  the running variance averages the biased batch variance (PyTorch the unbiased one, a factor m/(m-1) with m values
  per channel in the batch: 1.6% at batch 64 for dense layers, 0.03% for DCGAN-28's 64x7x7 maps), and the averages
  move once per network update, by the sum of the moves of the passes that update computes parameter gradients
  from, each relative to the averages before the update (PyTorch moves them at every training-mode forward pass,
  one after the other; a discriminator's extra pass for the generator's loss moves PyTorch's but not gan4j's). The
  training-mode normalisation itself is PyTorch's (biased batch variance plus eps).
- Inverted dropout with given masks: output = x * mask / (1 - p), as nn.Dropout computes it with its own masks.
"""
import argparse
import base64
import json
import math
import sys
from pathlib import Path

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
FORMAT = 1


# ------------------------------------------------------------------------------------------- distance from kinks

class Kinks:
    """The smallest distance of any value from a kink it meets (ReLU and LeakyReLU inputs at 0, L1's differences at 0)
    over a fixture's float64 run. A value within float32's rounding of a kink may fall on
    the other side in a float32 run, which changes a gradient by a whole unit's share in any implementation (seen:
    a ReLU input of -5.8e-7 turned positive and moved a CycleGAN gradient by 22%). produce() draws the fixture again
    from another seed until every value keeps MIN_MARGIN from every kink."""
    MIN_MARGIN = 1e-5
    margin = math.inf

    @staticmethod
    def note(distance):
        # Exact zeros (dropped-out units) are zeros in every precision.
        distance = distance.detach().abs()
        distance = distance[distance != 0]
        if distance.numel():
            Kinks.margin = min(Kinks.margin, float(distance.min()))


def _relu(x, *args, **kwargs):
    Kinks.note(x)
    return _F_RELU(x, *args, **kwargs)


def _leaky_relu(x, *args, **kwargs):
    Kinks.note(x)
    return _F_LEAKY_RELU(x, *args, **kwargs)


def _l1_loss(a, b, *args, **kwargs):
    Kinks.note(a - b)
    return _F_L1(a, b, *args, **kwargs)


_F_RELU, _F_LEAKY_RELU, _F_L1 = F.relu, F.leaky_relu, F.l1_loss
F.relu, F.leaky_relu, F.l1_loss = _relu, _leaky_relu, _l1_loss


# ------------------------------------------------------------------------------------------------------- encoding

class Source:
    """Every random value a fixture uses, drawn from a seeded generator in float64 and recorded, so that a second
    pass in float32 (PyTorch's own float32 error, see float32_errors) runs on exactly the same values."""

    def __init__(self, seed):
        self.gen = torch.Generator().manual_seed(seed)
        self.recorded, self.replaying = [], None

    def _next(self, make):
        if self.replaying is None:
            v = make()
            self.recorded.append(v)
            return v
        v = self.recorded[self.replaying]
        self.replaying += 1
        return v.to(torch.get_default_dtype()) if v.is_floating_point() else v

    def rand(self, shape):
        return self._next(lambda: torch.rand(shape, generator=self.gen, dtype=torch.float64))

    def randn(self, shape):
        return self._next(lambda: torch.randn(shape, generator=self.gen, dtype=torch.float64))

    def randint(self, lo, hi, shape):
        return self._next(lambda: torch.randint(lo, hi, shape, generator=self.gen))

    def replay(self):
        self.replaying = 0


def enc(t):
    """A tensor as {shape, f64}: little-endian float64 values in row-major order, base64."""
    t = torch.as_tensor(t).detach().to(torch.float64).contiguous()
    return {"shape": list(t.shape), "f64": base64.b64encode(t.numpy().astype("<f8").tobytes()).decode("ascii")}


def scalar(x):
    return float(torch.as_tensor(x).item())


# The networks, losses and the image pool live in benchmarks/gan4j_twins.py, shared with the PyTorch twin of
# the benchmark (benchmarks/pytorch_reference.py), which builds them at the shipped configs' sizes.
from gan4j_twins import (Net, activation, Mlp, ConditionalMlp, dcgan_layout, DcganGenerator, DcganFeatures,  # noqa: E402
                         DcganDiscriminator, ProjectionDiscriminator, PatchGan, UNet, ResNetGenerator, loss_terms,
                         mean_score, Pool)


# --------------------------------------------------------------------------------------------- fixture building

class Recorder:
    """Collects one iteration's draws, masks, gradients and logs."""

    def __init__(self, gen):
        self.gen, self.draws, self.updates, self.masks = gen, [], [], {}

    def gaussian(self, *shape):
        v = self.gen.randn(shape)
        self.draws.append({"kind": "gaussian", "values": enc(v)})
        return v

    def uniform(self, lo, hi, *shape):
        v = lo + (hi - lo) * self.gen.rand(shape)
        self.draws.append({"kind": "uniform", "lo": lo, "hi": hi, "values": enc(v)})
        return v

    def double(self, value):
        self.draws.append({"kind": "double", "value": value})
        return value

    def integer(self, value, bound):
        self.draws.append({"kind": "int", "value": value, "bound": bound})
        return value

    def mask(self, key, shape, drop):
        m = (self.gen.rand(shape) >= drop).to(torch.get_default_dtype())
        self.masks.setdefault(key, []).append(enc(m))
        return m

    def update(self, net, optimizer, clip=None):
        """Records net's gradient, steps its optimizer (and clipping), then moves its running statistics."""
        self.updates.append({"network": net.name, "gradient": {k: enc(v) for k, v in net.gradients().items()}})
        optimizer.step()
        if clip is not None:
            with torch.no_grad():
                for v in net.p.values():
                    v.clamp_(-clip, clip)
        net.finish_update()
        net.zero_grad()


def adam(net, lr, beta1, beta2, eps):
    return torch.optim.Adam(list(net.p.values()), lr=lr, betas=(beta1, beta2), eps=eps)


def rmsprop(net, lr, alpha, eps):
    return torch.optim.RMSprop(list(net.p.values()), lr=lr, alpha=alpha, eps=eps)


def optimizer_state(net, optimizer):
    out = {}
    for k, v in net.p.items():
        s = optimizer.state.get(v, {})
        if "exp_avg" in s:
            out[k] = [enc(s["exp_avg"]), enc(s["exp_avg_sq"])]
        elif "square_avg" in s:
            out[k] = [enc(s["square_avg"])]
    return out


def write(path, fixture, check):
    text = json.dumps(fixture, sort_keys=True, indent=1) + "\n"
    path = ROOT / path
    if check:
        same = path.exists() and path.read_text() == text
        print(("same     " if same else "DIFFERS  ") + str(path.relative_to(ROOT)))
        return same
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    print("wrote %s (%d bytes)" % (path.relative_to(ROOT), len(text)))
    return True


def fixture(name, config, data, nets, iterations, optimizers):
    return {
        "format": FORMAT,
        "name": name,
        "config": config,
        "data": data,
        "initial": {n.name: {k: enc(v) for k, v in n.initial.items()} for n in nets},
        "iterations": iterations,
        "final": {n.name: {k: enc(v) for k, v in n.state().items()} for n in nets},
        "optimizerState": {n.name: optimizer_state(n, o) for n, o in zip(nets, optimizers)},
    }


def iteration_record(batch, rec, logs):
    return {"batch": batch, "draws": rec.draws, "dropoutMasks": rec.masks, "updates": rec.updates,
            "logs": {k: scalar(v) for k, v in logs.items()}}


def images(gen, n, c, size):
    return gen.rand((n, c, size, size)) * 2 - 1


# ------------------------------------------------------------------------------------------------------ variants

def alternating_step(rec, g, d, g_opt, d_opt, z_inputs, fake_inputs, real_inputs, loss, d_has_bn, g_call, d_call):
    """gan4j's AdversarialUpdates.alternatingStep: G(z) once; one D update (two passes with batch norm, else one
    pass over [real; fake]); G's loss through the updated D on the same G(z)."""
    real_term, fake_term, g_term = loss_terms(loss)
    fake = g_call(*z_inputs, record=True)
    n = real_inputs[0].shape[0]
    if d_has_bn:
        real_logits = d_call(*real_inputs, record=True)
        fake_logits = d_call(*fake_inputs(fake.detach()), record=True)
    else:
        both = [torch.cat([r, f], 0) for r, f in zip(real_inputs, fake_inputs(fake.detach()))]
        logits = d_call(*both, record=True)
        real_logits, fake_logits = logits[:n], logits[n:]
    lr_, lf_ = real_term(real_logits), fake_term(fake_logits)
    (lr_ + lf_).backward()
    rec.update(d, d_opt)
    g_logits = d_call(*fake_inputs(fake), record=False)
    lg = g_term(g_logits)
    lg.backward()
    d.zero_grad()
    rec.update(g, g_opt)
    return {"d_loss": lr_ + lf_, "g_loss": lg, "d_real": mean_score(loss, real_logits),
            "d_fake": mean_score(loss, fake_logits)}


def alternating_fixture(gen, nets, modules, adam_eps, iters, loss, d_has_bn, draw, path, name, config, data):
    """(path, fixture) of `iters` alternating steps (alternating_step) of modules = (G, D) on nets = (G's, D's), each
    net with Adam(2e-4, 0.5, 0.999, adam_eps). draw(rec) draws one iteration's batch and latent codes and returns
    (batch record, z_inputs, fake_inputs, real_inputs) for alternating_step."""
    opts = [adam(net, 2e-4, 0.5, 0.999, adam_eps) for net in nets]
    iterations = []
    for _ in range(iters):
        rec = Recorder(gen)
        batch, z_inputs, fake_inputs, real_inputs = draw(rec)
        logs = alternating_step(rec, *nets, *opts, z_inputs, fake_inputs, real_inputs, loss, d_has_bn, *modules)
        iterations.append(iteration_record(batch, rec, logs))
    return path, fixture(name, config, data, list(nets), iterations, opts)


def labelled_images(gen, n, size, classes):
    """A batch of images with uniform labels: (x, labels, one-hot labels), drawn in gan4j's order."""
    x = images(gen, n, 1, size)
    labels = gen.randint(0, classes, (n,))
    return x, labels, F.one_hot(labels, classes).to(torch.get_default_dtype())


def vanilla(loss, gen):
    latent, shape, n = 8, (1, 4, 4), 16
    g_net, d_net = Net("generator", gen), Net("discriminator", gen)
    g = Mlp(g_net, latent, [8, 16, 32], 16, "leakyrelu", "tanh", True)
    d = Mlp(d_net, 16, [16, 8], 1, "leakyrelu", "identity", False)

    def draw(rec):
        x = images(gen, n, *shape[:1], shape[1])
        return {"x": enc(x)}, [rec.gaussian(n, latent)], lambda f: [f], [x.reshape(n, -1)]

    config = {"model": {"type": "vanilla", "latentDim": latent, "loss": loss,
                        "generator": {"hidden": [8, 16, 32]}, "discriminator": {"hidden": [16, 8]}},
              "data": {"source": "mnist"}}
    return alternating_fixture(gen, (g_net, d_net), (g, d), 1e-7, 2, loss, False, draw,
                               "gan-vanilla/src/test/resources/parity/vanilla-%s.json" % loss, "vanilla-" + loss,
                               config, {"sampleShape": list(shape), "numClasses": 0})


def dcgan(gen):
    latent, size, n = 8, 28, 3
    g_net, d_net = Net("generator", gen), Net("discriminator", gen)
    g = DcganGenerator(g_net, latent, 1, size, 2)
    d = DcganDiscriminator(d_net, 1, size, 2, True)

    def draw(rec):
        x = images(gen, n, 1, size)
        return {"x": enc(x)}, [rec.gaussian(n, latent).reshape(n, latent, 1, 1)], lambda f: [f], [x]

    config = {"model": {"type": "dcgan", "latentDim": latent, "generator": {"width": 2},
                        "discriminator": {"width": 2}}, "data": {"source": "mnist"}}
    return alternating_fixture(gen, (g_net, d_net), (g, d), 1e-8, 2, "non-saturating", True, draw,
                               "gan-dcgan/src/test/resources/parity/dcgan.json", "dcgan", config,
                               {"sampleShape": [1, size, size], "numClasses": 0})


def cgan_mlp(encoding, gen):
    latent, classes, n, emb = 8, 3, 16, 5
    embedding = emb if encoding == "embedding" else 0
    g_net, d_net = Net("generator", gen), Net("discriminator", gen)
    g = ConditionalMlp(g_net, latent, classes, embedding, [8, 16], 16, "leakyrelu", "tanh", True)
    d = ConditionalMlp(d_net, 16, classes, embedding, [16, 8], 1, "leakyrelu", "identity", False)

    def draw(rec):
        x, labels, y = labelled_images(gen, n, 4, classes)
        z = rec.gaussian(n, latent)
        return {"x": enc(x), "labels": labels.tolist()}, [z, y], lambda f: [f, y], [x.reshape(n, -1), y]

    config = {"model": {"type": "cgan", "latentDim": latent, "labelEncoding": encoding, "embeddingDim": emb,
                        "generator": {"hidden": [8, 16]}, "discriminator": {"hidden": [16, 8]}},
              "data": {"source": "mnist"}}
    return alternating_fixture(gen, (g_net, d_net), (g, d), 1e-7, 2, "non-saturating", False, draw,
                               "gan-cgan/src/test/resources/parity/cgan-mlp-%s.json" % encoding,
                               "cgan-mlp-" + encoding, config, {"sampleShape": [1, 4, 4], "numClasses": classes})


def cgan_conv(gen):
    latent, classes, size, n = 8, 3, 28, 3
    g_net, d_net = Net("generator", gen), Net("discriminator", gen)
    g = DcganGenerator(g_net, latent + classes, 1, size, 2)
    d = ProjectionDiscriminator(d_net, 1, size, 2, classes)

    def draw(rec):
        x, labels, y = labelled_images(gen, n, size, classes)
        zy = torch.cat([rec.gaussian(n, latent), y], 1).reshape(n, latent + classes, 1, 1)
        return {"x": enc(x), "labels": labels.tolist()}, [zy], lambda f: [f, y], [x, y]

    config = {"model": {"type": "cgan", "backbone": "conv", "latentDim": latent, "convGenerator": {"width": 2},
                        "convDiscriminator": {"width": 2}}, "data": {"source": "mnist"}}
    # The conditional GAN's default optimizers (Keras's epsilon) serve both backbones.
    return alternating_fixture(gen, (g_net, d_net), (g, d), 1e-7, 2, "non-saturating", True, draw,
                               "gan-cgan/src/test/resources/parity/cgan-conv-projection.json",
                               "cgan-conv-projection", config,
                               {"sampleShape": [1, size, size], "numClasses": classes})


def wgan(kind, gen):
    """WGAN (clipping, RMSProp) or WGAN-GP (Adam(0, 0.9), penalty on interpolates): n_critic critic updates, each on
    its own real batch and a fresh G(z), then one generator update through the critic."""
    gp = kind != "clip"
    conv = kind == "gp-conv"
    latent, n_critic, iters, lam, clip = 8, 3, 1, 10.0, 0.3
    # A unit whose pre-activation has one sign over a whole batch passes batch norm a bias it cancels: its gradient
    # is rounding noise, and Adam's update of noise differs between float32 and float64. Batches of 16 avoid it.
    n = 3 if conv else 16
    size = 28 if conv else 4
    g_net, c_net = Net("generator", gen), Net("critic", gen)
    if conv:
        g = DcganGenerator(g_net, latent, 1, size, 2)
        critic = DcganDiscriminator(c_net, 1, size, 2, False)
        g_in = lambda z: z.reshape(z.shape[0], latent, 1, 1)
    else:
        g = Mlp(g_net, latent, [8, 16], 16, "leakyrelu", "tanh", True)
        critic = Mlp(c_net, 16, [16, 8], 1, "leakyrelu", "identity", False)
        g_in = lambda z: z
    if gp:
        g_opt, c_opt = adam(g_net, 1e-4, 0.0, 0.9, 1e-8), adam(c_net, 1e-4, 0.0, 0.9, 1e-8)
    else:
        g_opt, c_opt = rmsprop(g_net, 5e-5, 0.99, 1e-8), rmsprop(c_net, 5e-5, 0.99, 1e-8)
    iterations = []
    for _ in range(iters):
        rec = Recorder(gen)
        x = images(gen, n * n_critic, 1, size)
        flat = (lambda t: t) if conv else (lambda t: t.reshape(t.shape[0], -1))
        wasserstein = critic_loss = penalty_sum = gp_norm = 0.0
        for i in range(n_critic):
            real = flat(x[i * n:(i + 1) * n])
            with torch.no_grad():
                fake = g(g_in(rec.gaussian(n, latent)))
            if gp:
                eps = rec.uniform(0, 1, *([n, 1, 1, 1] if conv else [n, 1]))
                x_hat = (fake + (real - fake) * eps).requires_grad_(True)
                scores = critic(torch.cat([real, fake], 0))
                w = scores[:n].mean() - scores[n:].mean()
                grad = torch.autograd.grad(critic(x_hat).sum(), x_hat, create_graph=True)[0]
                norms = grad.reshape(n, -1).norm(2, dim=1)
                penalty = lam * ((norms - 1) ** 2).mean()
                (-w + penalty).backward()
                penalty_sum += scalar(penalty)
                gp_norm += scalar(norms.mean())
                critic_loss += scalar(-w + penalty)
                wasserstein += scalar(w)
                rec.update(c_net, c_opt)
            else:
                scores = critic(torch.cat([real, fake], 0))
                loss = -scores[:n].mean() + scores[n:].mean()
                loss.backward()
                critic_loss += scalar(loss)
                wasserstein += scalar(-loss)
                rec.update(c_net, c_opt, clip=clip)
        fake = flat(g(g_in(rec.gaussian(n, latent)), record=True))
        g_loss = -critic(fake).mean()
        grad_at_fake = torch.autograd.grad(g_loss, fake, retain_graph=True)[0]
        g_loss.backward()
        c_net.zero_grad()
        rec.update(g_net, g_opt)
        logs = {"critic_loss": critic_loss / n_critic, "g_loss": g_loss, "wasserstein": wasserstein / n_critic,
                "grad_norm": grad_at_fake.reshape(n, -1).norm(2, dim=1).sum()}
        if gp:
            logs["penalty"] = penalty_sum / n_critic
            logs["gp_grad_norm"] = gp_norm / n_critic
        iterations.append(iteration_record({"x": enc(x)}, rec, logs))
    model = {"type": "wgan", "latentDim": latent, "nCritic": n_critic}
    if conv:
        model.update({"backbone": "conv", "convGenerator": {"width": 2}, "convCritic": {"width": 2, "batchNorm": False}})
    else:
        model.update({"generator": {"hidden": [8, 16]}, "critic": {"hidden": [16, 8]}})
    if gp:
        model.update({"lipschitz": "gradient-penalty", "penaltyWeight": lam,
                      "generatorOptimizer": {"type": "adam", "lr": 1e-4, "beta1": 0.0, "beta2": 0.9},
                      "criticOptimizer": {"type": "adam", "lr": 1e-4, "beta1": 0.0, "beta2": 0.9}})
    else:
        model.update({"lipschitz": "weight-clipping", "clipValue": clip})
    config = {"model": model, "data": {"source": "mnist"}}
    return ("gan-wgan/src/test/resources/parity/wgan-%s.json" % kind,
            fixture("wgan-" + kind, config, {"sampleShape": [1, size, size], "numClasses": 0},
                    [g_net, c_net], iterations, [g_opt, c_opt]))


def pix2pix(gen):
    """pix2pix: fake = G(x) with given dropout masks; D on [x, y] vs [x, G(x)] with half its loss (two passes: batch
    norm); G: lambda_GAN * non-saturating + lambda_L1 * L1."""
    c, size, n, iters, width, depth, lam_l1, drop = 1, 28, 2, 2, 2, 4, 100.0, 0.5
    g_net, d_net = Net("generator", gen), Net("discriminator", gen)
    g = UNet(g_net, c, size, width, depth, "batch", drop, 2)
    d = PatchGan(d_net, 2 * c, width, 1, "batch")
    g_opt, d_opt = adam(g_net, 2e-4, 0.5, 0.999, 1e-8), adam(d_net, 2e-4, 0.5, 0.999, 1e-8)
    real_term, fake_term, g_term = loss_terms("non-saturating")
    iterations = []
    for _ in range(iters):
        rec = Recorder(gen)
        x, y = images(gen, n, c, size), images(gen, n, c, size)
        masks = {}
        for key in g.dropout_keys:
            k = int(key[3:key.index("_")])
            ch, side = width * min(1 << (k - 2), 8), (size + g.pad) >> (k - 1)
            masks[key] = rec.mask(key, (n, ch, side, side), drop)
        fake = g(x, masks, record=True)
        real_logits = d(torch.cat([x, y], 1), record=True)
        fake_logits = d(torch.cat([x, fake.detach()], 1), record=True)
        lr_, lf_ = 0.5 * real_term(real_logits), 0.5 * fake_term(fake_logits)
        (lr_ + lf_).backward()
        rec.update(d_net, d_opt)
        gan = g_term(d(torch.cat([x, fake], 1), record=False))
        l1 = F.l1_loss(fake, y)
        total = gan + lam_l1 * l1
        total.backward()
        d_net.zero_grad()
        rec.update(g_net, g_opt)
        logs = {"d_loss": lr_ + lf_, "g_loss": total, "g_gan": gan, "g_l1": l1,
                "d_real": torch.sigmoid(real_logits).mean(), "d_fake": torch.sigmoid(fake_logits).mean()}
        iterations.append(iteration_record({"x": enc(x), "y": enc(y)}, rec, logs))
    config = {"model": {"type": "pix2pix", "generator": {"width": width, "depth": depth, "dropoutBlocks": 2},
                        "discriminator": {"width": width, "layers": 1}, "lambdaL1": lam_l1},
              "data": {"source": "paired", "images": "mnist", "task": "denoise"}}
    return ("gan-pix2pix/src/test/resources/parity/pix2pix.json",
            fixture("pix2pix", config, {"sampleShape": [c, size, size], "numClasses": 0, "kind": "PAIRED"},
                    [g_net, d_net], iterations, [g_opt, d_opt]))


def cyclegan(gen):
    """CycleGAN: both generators' least-squares, cycle and identity terms with both gradients complete before either
    steps; then D_B and D_A on real images against pooled fakes, each with half its loss; linear lr decay."""
    c, size, n, iters, width, blocks, lam, lam_id, pool_size, decay_its = 1, 28, 2, 2, 2, 1, 10.0, 0.5, 2, 9
    names = ["generatorAB", "generatorBA", "discriminatorA", "discriminatorB"]
    nets = {k: Net(k, gen) for k in names}
    g_ab, g_ba = ResNetGenerator(nets["generatorAB"], c, width, blocks), ResNetGenerator(nets["generatorBA"], c, width, blocks)
    d_a = PatchGan(nets["discriminatorA"], c, width, 1, "instance")
    d_b = PatchGan(nets["discriminatorB"], c, width, 1, "instance")
    lr0 = 2e-4
    g_opt = torch.optim.Adam(list(nets["generatorAB"].p.values()) + list(nets["generatorBA"].p.values()), lr=lr0,
                             betas=(0.5, 0.999), eps=1e-8)
    da_opt, db_opt = adam(nets["discriminatorA"], lr0, 0.5, 0.999, 1e-8), adam(nets["discriminatorB"], lr0, 0.5, 0.999, 1e-8)
    pool_a = Pool(pool_size, [images(gen, 1, c, size) for _ in range(pool_size)])
    pool_b = Pool(pool_size, [images(gen, 1, c, size) for _ in range(pool_size)])
    initial_pools = {"poolA": enc(torch.cat(pool_a.images, 0)), "poolB": enc(torch.cat(pool_b.images, 0))}
    real_term, fake_term, g_term = loss_terms("least-squares")
    iterations = []
    for step in range(1, iters + 1):
        factor = max(0.0, 1.0 - step / (decay_its + 1))
        for o in (g_opt, da_opt, db_opt):
            for group in o.param_groups:
                group["lr"] = lr0 * factor
        rec = Recorder(gen)
        a, b = images(gen, n, c, size), images(gen, n, c, size)
        fake_b, fake_a = g_ab(a), g_ba(b)
        gan_ab, gan_ba = g_term(d_b(fake_b)), g_term(d_a(fake_a))
        cycle_a, cycle_b = F.l1_loss(g_ba(fake_b), a), F.l1_loss(g_ab(fake_a), b)
        idt_b, idt_a = F.l1_loss(g_ab(b), b), F.l1_loss(g_ba(a), a)
        total = gan_ab + gan_ba + lam * (cycle_a + cycle_b) + lam * lam_id * (idt_a + idt_b)
        total.backward()
        nets["discriminatorA"].zero_grad()
        nets["discriminatorB"].zero_grad()
        rec.updates.append({"network": "generatorAB",
                            "gradient": {k: enc(v) for k, v in nets["generatorAB"].gradients().items()}})
        rec.updates.append({"network": "generatorBA",
                            "gradient": {k: enc(v) for k, v in nets["generatorBA"].gradients().items()}})
        g_opt.step()
        nets["generatorAB"].zero_grad()
        nets["generatorBA"].zero_grad()
        logs = {"g_loss": total, "g_gan": gan_ab + gan_ba, "cycle_a": cycle_a, "cycle_b": cycle_b,
                "idt_a": idt_a, "idt_b": idt_b, "lr_factor": factor}
        d_loss = 0.0
        for d_name, disc, opt, real, fake, pool, tag in (("discriminatorB", d_b, db_opt, b, fake_b, pool_b, "b"),
                                                         ("discriminatorA", d_a, da_opt, a, fake_a, pool_a, "a")):
            pooled = pool.query(fake, rec, gen)
            real_logits, fake_logits = disc(real), disc(pooled)
            lr_, lf_ = 0.5 * real_term(real_logits), 0.5 * fake_term(fake_logits)
            (lr_ + lf_).backward()
            rec.update(nets[d_name], opt)
            d_loss += scalar(lr_ + lf_)
            logs["d_%s_real" % tag] = real_logits.mean()
            logs["d_%s_fake" % tag] = fake_logits.mean()
        logs["d_loss"] = d_loss
        iterations.append(iteration_record({"x": enc(a), "y": enc(b)}, rec, logs))
    config = {"model": {"type": "cyclegan", "resnet": {"width": width, "residualBlocks": blocks},
                        "discriminator": {"width": width, "layers": 1}, "lambdaCycle": lam,
                        "lambdaIdentity": lam_id, "poolSize": pool_size, "constantIterations": 0,
                        "decayIterations": decay_its},
              "data": {"source": "unpaired", "images": "mnist", "transform": "bold"}}
    f = fixture("cyclegan", config, {"sampleShape": [c, size, size], "numClasses": 0, "kind": "UNPAIRED"},
                [nets[k] for k in names], iterations, [g_opt, g_opt, da_opt, db_opt])
    f["initialState"] = initial_pools
    f["finalState"] = {"poolA": enc(torch.cat(pool_a.images, 0)), "poolB": enc(torch.cat(pool_b.images, 0))}
    return "gan-cyclegan/src/test/resources/parity/cyclegan.json", f


def updates(gen):
    """gan-core's two update blocks on their own: a discriminator update (two passes with batch norm, one without;
    scaled by pix2pix's and CycleGAN's 1/2 or not) and the generator's adversarial gradient through the updated D."""
    cases = []
    for batch_norm, loss, scale in ((True, "non-saturating", 0.5), (False, "least-squares", 1.0)):
        net = Net("discriminator", gen)
        d = DcganDiscriminator(net, 1, 16, 2, batch_norm)
        opt = adam(net, 2e-4, 0.5, 0.999, 1e-8)
        real, fake = images(gen, 3, 1, 16), images(gen, 3, 1, 16)
        real_term, fake_term, g_term = loss_terms(loss)
        if batch_norm:
            real_logits, fake_logits = d(real, record=True), d(fake, record=True)
        else:
            logits = d(torch.cat([real, fake], 0), record=True)
            real_logits, fake_logits = logits[:3], logits[3:]
        lr_, lf_ = scale * real_term(real_logits), scale * fake_term(fake_logits)
        (lr_ + lf_).backward()
        gradient = net.gradients()
        opt.step()
        net.finish_update()
        net.zero_grad()
        fake_g = fake.clone().requires_grad_(True)
        g_logits = d(fake_g)
        lg = g_term(g_logits)
        lg.backward()
        cases.append({"batchNorm": batch_norm, "loss": loss, "scale": scale, "real": enc(real), "fake": enc(fake),
                      "initial": {k: enc(v) for k, v in net.initial.items()},
                      "discriminator": {"loss": scalar(lr_ + lf_), "realTerm": scalar(lr_), "fakeTerm": scalar(lf_),
                                        "realScore": scalar(mean_score(loss, real_logits)),
                                        "fakeScore": scalar(mean_score(loss, fake_logits))},
                      "gradient": {k: enc(v) for k, v in gradient.items()},
                      "final": {k: enc(v) for k, v in net.state().items()},
                      "generator": {"loss": scalar(lg), "meanScore": scalar(mean_score(loss, g_logits)),
                                    "dLdFake": enc(fake_g.grad)}})
    return "gan-core/src/test/resources/parity/adversarial-updates.json", {"format": FORMAT, "cases": cases}


def losses(gen):
    """Every adversarial loss's three terms and its summary score on given logits, and the reconstruction losses."""
    cases = []
    for shape in ([5, 1], [2, 1, 3, 3]):
        logits = gen.randn(shape) * 2
        for name in ("minimax", "non-saturating", "least-squares", "hinge", "wasserstein"):
            terms = {}
            for term, fn in zip(("discriminatorOnReal", "discriminatorOnFake", "generator"), loss_terms(name)):
                s = logits.clone().requires_grad_(True)
                value = fn(s)
                value.backward()
                terms[term] = {"value": scalar(value), "gradient": enc(s.grad)}
            cases.append({"loss": name, "logits": enc(logits), "terms": terms,
                          "meanScore": scalar(mean_score(name, logits))})
    reconstruction = []
    prediction, target = gen.rand((2, 1, 3, 3)) * 2 - 1, gen.rand((2, 1, 3, 3)) * 2 - 1
    for name, fn in (("l1", F.l1_loss), ("l2", F.mse_loss)):
        p = prediction.clone().requires_grad_(True)
        value = fn(p, target)
        value.backward()
        reconstruction.append({"loss": name, "value": scalar(value), "gradient": enc(p.grad)})
    return ("gan-core/src/test/resources/parity/losses.json",
            {"format": FORMAT, "adversarial": cases, "prediction": enc(prediction), "target": enc(target),
             "reconstruction": reconstruction})


# ------------------------------------------------------------------------------------ PyTorch's own float32 error

def dec(node):
    return torch.from_numpy(__import__("numpy").frombuffer(base64.b64decode(node["f64"]), "<f8").copy()).reshape(
        node["shape"])


SMALL_TENSOR_SHARE = 1e-3  # as ParityReplay.SMALL_TENSOR_SHARE


def rel(actual, expected, scale=0.0):
    """ParityReplay.error: |a - e| / max(|e|, SMALL_TENSOR_SHARE * scale)."""
    diff = float((actual - expected).norm())
    norm = max(float(expected.norm()), SMALL_TENSOR_SHARE * scale)
    return diff if norm == 0 else diff / norm


def norm_of(tensors):
    return math.sqrt(sum(float(t.norm()) ** 2 for t in tensors))


def float32_errors(f64, f32):
    """The relative error of PyTorch's own float32 run against the float64 reference, for every quantity the Java
    replay compares, under the replay's names. The float32 replay of gan4j must be within 1e-3 of the reference, or
    no further from it than a small multiple of this: some quantities are sums that cancel (a bias before a
    normalisation, a Wasserstein critic's last bias, whose exact gradient is 0) and no float32 implementation gets
    them to 1e-3."""
    out, update = {}, 0
    for i, (it64, it32) in enumerate(zip(f64["iterations"], f32["iterations"]), 1):
        at = "iteration %d " % i
        for k, v in it64["logs"].items():
            d = abs(it32["logs"][k] - v)
            out[at + "log " + k] = d / abs(v) if v != 0 else d
        for u64, u32 in zip(it64["updates"], it32["updates"]):
            update += 1
            ref = {k: dec(v) for k, v in u64["gradient"].items()}
            scale = norm_of(ref.values())
            for k, g in ref.items():
                out["%supdate %d %s gradient %s" % (at, update, u64["network"], k)] = rel(dec(u32["gradient"][k]), g, scale)
    for net, final64 in f64["final"].items():
        start = {k: dec(v) for k, v in f64["initial"][net].items()}
        change64 = {k: dec(v) - start[k] for k, v in final64.items()}
        change32 = {k: dec(v) - start[k] for k, v in f32["final"][net].items()}
        scale = norm_of(change64.values())
        for k, c in change64.items():
            out["final %s %s (its change)" % (net, k)] = rel(change32[k], c, scale)
        state64, state32 = f64["optimizerState"][net], f32["optimizerState"][net]
        parts = max((len(v) for v in state64.values()), default=0)
        for part in range(parts):
            scale = norm_of(dec(v[part]) for v in state64.values())
            for k, v in state64.items():
                out["optimizer state %s %s[%d]" % (net, k, part)] = rel(dec(state32[k][part]), dec(v[part]), scale)
    for k, v in f64.get("finalState", {}).items():
        out["final state " + k] = rel(dec(f32["finalState"][k]), dec(v))
    return {k: float("%.3g" % v) for k, v in sorted(out.items())}


def produce(make, seed, check):
    """The fixture from a float64 run whose values all keep Kinks.MIN_MARGIN from every kink (drawn again from the
    next seed until they do), with PyTorch's float32 error from a second run on the same values."""
    for attempt in range(100):
        source = Source(seed + 1000 * attempt)
        Kinks.margin = math.inf
        path, f64 = make(source)
        if Kinks.margin >= Kinks.MIN_MARGIN:
            break
    else:
        raise RuntimeError("no seed in 100 kept every value %g from the kinks" % Kinks.MIN_MARGIN)
    if "iterations" in f64:
        f64["seed"] = seed + 1000 * attempt
        f64["kinkMargin"] = float("%.3g" % Kinks.margin)
        source.replay()
        torch.set_default_dtype(torch.float32)
        try:
            _, f32 = make(source)
        finally:
            torch.set_default_dtype(torch.float64)
        f64["float32Errors"] = float32_errors(f64, f32)
    return write(path, f64, check)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--check", action="store_true", help="compare with the committed fixtures instead of writing")
    a = p.parse_args()
    runs = [
        (losses, 701),
        (updates, 801),
        (lambda g: vanilla("non-saturating", g), 101), (lambda g: vanilla("minimax", g), 102),
        (dcgan, 201),
        (lambda g: cgan_mlp("one-hot", g), 301), (lambda g: cgan_mlp("embedding", g), 302), (cgan_conv, 303),
        (lambda g: wgan("clip", g), 401), (lambda g: wgan("gp-mlp", g), 402), (lambda g: wgan("gp-conv", g), 403),
        (pix2pix, 501),
        (cyclegan, 601),
    ]
    results = [produce(make, seed, a.check) for make, seed in runs]
    if a.check and not all(results):
        sys.exit(1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The PyTorch twin of a gan4j config for `./gan4j bench`: the same networks and the same training step, built from
the config that gan4j itself resolved (every default filled in), timed after a warm-up on random data of the right
shape.

`./gan4j bench CONFIG` runs it for you, alternating with gan4j. To run it alone:
    ./gan4j bench experiments/configs/dcgan-mnist.json --twin-spec /tmp/dcgan.json
    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch_reference.py --spec /tmp/dcgan.json --steps 50
The spec holds the resolved config, the data's shape [C, H, W] (or [D]) and class count, gan4j's thread count and
gan4j's learned-parameter count per network; the twin counts its own and says whether they agree. Counts for the
committed comparison (a Java test reads them, CI has no torch):
    benchmarks/twin_param_counts.sh        # writes benchmarks/pytorch-param-counts.json

The networks are benchmarks/gan4j_twins.py's (the ones the parity fixtures prove gan4j's steps equal), in float32
with PyTorch's fused kernels (`fast=True`). The step per variant is gan4j's (see each model's trainStep):
- vanilla, dcgan, cgan: G(z) once; one D update (two passes, real and fake, when D has batch norm, else one pass
  over [real; fake]); G's loss through the updated D on the same G(z).
- wgan: nCritic critic updates, each on its own real batch and a fresh G(z) without G's graph; weight clipping or
  the exact gradient penalty (autograd double backward on interpolates); then one generator update.
- pix2pix: G(x) with dropout; D on [x, y] against [x, G(x)] (or y against G(x) when not conditional), scaled;
  G: lambdaGan * adversarial + lambdaL1 * reconstruction.
- cyclegan: both generators' adversarial, cycle and identity terms, one G step over both; then D_B and D_A on real
  images against pooled fakes, each scaled. (The learning-rate schedule is left out: it costs nothing per step.)
- srgan: the low-resolution image recovered from the pair input (LowResolution's left inverse of the superres
  up-sampling, two matrix products); sr = G(lr); D on y against sr (two passes: D has batch norm); G:
  contentWeight * content + adversarialWeight * adversarial through the updated D, content the pixel MSE or the MSE
  of the classifier features (target features without a graph). The classifier has gan4j's shape with random
  weights (timing depends on the shape only); gan4j's per-step check that the input is such an up-sampling is
  left out. upsampler=bicubic: the interpolation and its MSE, no networks.
Debian's python3-torch 1.13 needs OpenBLAS as its BLAS: `apt-get install python3-torch libopenblas0-pthread`.
"""
import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gan4j_twins import (Net, Mlp, ConditionalMlp, DcganGenerator, DcganDiscriminator,  # noqa: E402
                         ProjectionDiscriminator, PatchGan, UNet, ResNetGenerator, InfoGanGenerator,
                         InfoGanDiscriminator, SrResNet, SrganDiscriminator, ClassifierFeatures, loss_terms,
                         Pool, set_threads)


class SpecError(Exception):
    """A spec the twin cannot build: names the JSON path and the value."""


class TorchGen:
    """Initial values for gan4j_twins.Net: any values do for timing, drawn with torch's own generator."""

    @staticmethod
    def rand(shape):
        return torch.rand(shape)

    @staticmethod
    def randn(shape):
        return torch.randn(shape)

    @staticmethod
    def randint(lo, hi, shape):
        return torch.randint(lo, hi, shape)


class Fields:
    """One object of the resolved config, read field by field; `done()` fails on a field the twin never read, so
    a field added to gan4j's configs (a new option of a builder) stops the twin instead of being silently ignored."""

    # Fields that change no tensor shape or operation of a training step.
    IGNORED = {"weightInit", "latent", "testMode", "constantIterations", "decayIterations", "type"}

    def __init__(self, node, path):
        if not isinstance(node, dict):
            raise SpecError("%s must be an object, found %r" % (path, node))
        self.node, self.path, self.read = node, path, set()

    def __call__(self, key):
        if key not in self.node:
            raise SpecError("%s.%s is missing (is the spec from `gan4j bench --twin-spec`?)" % (self.path, key))
        self.read.add(key)
        return self.node[key]

    def sub(self, key):
        return Fields(self(key), "%s.%s" % (self.path, key))

    def one_of(self, key, allowed):
        v = self(key)
        if v not in allowed:
            raise SpecError("%s.%s = %r is not supported by the PyTorch twin (it knows %s)"
                            % (self.path, key, v, ", ".join(allowed)))
        return v

    def done(self):
        unread = sorted(set(self.node) - self.read - self.IGNORED)
        if unread:
            raise SpecError("%s.%s = %r: the PyTorch twin does not know this field; teach "
                            "benchmarks/pytorch_reference.py what it changes"
                            % (self.path, unread[0], self.node[unread[0]]))


def optimizer(fields, params):
    kind = fields.one_of("type", ["adam", "rmsprop", "sgd"])
    if kind == "adam":
        o = torch.optim.Adam(params, lr=fields("lr"), betas=(fields("beta1"), fields("beta2")), eps=fields("epsilon"))
    elif kind == "rmsprop":
        o = torch.optim.RMSprop(params, lr=fields("lr"), alpha=fields("decay"), eps=fields("epsilon"))
    else:
        m = fields("momentum")
        o = torch.optim.SGD(params, lr=fields("lr"), momentum=m, nesterov=m > 0)
    fields.done()
    return o


def mlp(net, fields, n_in, n_out, conditional=None):
    """gan4j's Mlp (or CganNetworks' conditional MLP when `conditional` = (classes, embedding)) from an MlpConfig."""
    args = dict(act=fields("activation"), out_act=fields("outputActivation"), batch_norm=fields("batchNorm"),
                decay=fields("batchNormMomentum"), eps=fields("batchNormEpsilon"), slope=fields("leakySlope"),
                dropout=fields("dropout"))
    hidden = fields("hidden")
    fields.done()
    if conditional is None:
        return Mlp(net, n_in, hidden, n_out, **args), args["batch_norm"]
    return ConditionalMlp(net, n_in, conditional[0], conditional[1], hidden, n_out, **args), args["batch_norm"]


def conv_args(fields):
    args = dict(batch_norm=fields("batchNorm"), decay=fields("batchNormMomentum"), eps=fields("batchNormEpsilon"),
                act=fields("activation"), slope=fields("leakySlope"))
    return args


def conv_generator(net, fields, latent, shape):
    args = conv_args(fields)
    args["out_act"] = fields("outputActivation")
    width = fields("width")
    fields.done()
    return DcganGenerator(net, latent, shape[0], shape[1], width, **args)


def conv_discriminator(net, fields, shape, classes=None):
    args = conv_args(fields)
    width = fields("width")
    out_act = fields("outputActivation")
    fields.done()
    if classes is not None:  # the projection discriminator's logit is linear in phi by construction
        return ProjectionDiscriminator(net, shape[0], shape[1], width, classes, **args), args["batch_norm"]
    return DcganDiscriminator(net, shape[0], shape[1], width, out_act=out_act, **args), args["batch_norm"]


def unet_depth(depth, size):
    """UNet.depth / defaultDepth: log2 of the power of two at or above the side, one fewer up to 32 px."""
    if depth > 0:
        return depth
    log = 0
    while (1 << log) < size:
        log += 1
    return max(1, log - 1 if (1 << log) <= 32 else log)


def unet(net, fields, shape):
    width, norm = fields("width"), fields.one_of("norm", ["batch", "instance", "none"])
    depth = unet_depth(fields("depth"), max(shape[1], shape[2]))
    g = UNet(net, shape[0], shape[1], width, depth, norm, fields("dropout"), fields("dropoutBlocks"),
             fields("batchNormMomentum"), fields("batchNormEpsilon"), fields("leakySlope"))
    fields.done()
    return g


def patchgan(net, fields, c_in):
    """gan4j's PatchGan and whether it has batch norm (then D needs separate real and fake passes)."""
    norm = fields.one_of("norm", ["batch", "instance", "none"])
    d = PatchGan(net, c_in, fields("width"), fields("layers"), norm, fields("batchNormMomentum"),
                 fields("batchNormEpsilon"), fields("leakySlope"))
    fields.done()
    return d, norm == "batch"


def discriminator_update(d, opt, real, fake, real_term, fake_term, scale, has_bn):
    """gan4j's AdversarialUpdates.discriminatorStep: scale * (loss on real + loss on fake), two passes with batch
    norm, else one pass over [real; fake]."""
    opt.zero_grad(set_to_none=True)
    if has_bn:
        real_logits, fake_logits = d(real), d(fake)
    else:
        logits = d(torch.cat([real, fake], 0))
        real_logits, fake_logits = logits[:real.shape[0]], logits[real.shape[0]:]
    (scale * (real_term(real_logits) + fake_term(fake_logits))).backward()
    opt.step()


def resnet(net, fields, shape):
    blocks = fields("residualBlocks") or (9 if max(shape[1], shape[2]) > 128 else 6)
    g = ResNetGenerator(net, shape[0], fields("width"), blocks, fields("normEpsilon"),
                        fields.one_of("norm", ["instance", "batch", "none"]))
    fields.done()
    return g


class Data:
    """Random batches of the right shape in [-1, 1] (a few made ahead and cycled, so drawing them costs what taking
    a batch from memory costs in gan4j), with one-hot labels for labelled data."""

    def __init__(self, shape, batch, classes, count=4):
        self.items = []
        for _ in range(count):
            x = torch.rand(batch, *shape) * 2 - 1
            y = F.one_hot(torch.randint(0, classes, (batch,)), classes).float() if classes else None
            self.items.append((x, y, torch.rand(batch, *shape) * 2 - 1))
        self.i = 0

    def next(self):
        self.i += 1
        return self.items[self.i % len(self.items)]


def latent(n, dim, fields_latent, conv=False):
    z = torch.randn(n, dim) if fields_latent == "normal" else torch.rand(n, dim) * 2 - 1
    return z.reshape(n, dim, 1, 1) if conv else z


def alternating_step(g_call, d_call, g_opt, d_opt, z_inputs, real_inputs, fake_inputs, loss, d_has_bn):
    """gan4j's AdversarialUpdates.alternatingStep, as make_fixtures.alternating_step without the recording."""
    real_term, fake_term, g_term = loss
    fake = g_call(*z_inputs)
    n = real_inputs[0].shape[0]
    d_opt.zero_grad(set_to_none=True)
    if d_has_bn:
        real_logits = d_call(*real_inputs)
        fake_logits = d_call(*fake_inputs(fake.detach()))
    else:
        logits = d_call(*[torch.cat([r, f], 0) for r, f in zip(real_inputs, fake_inputs(fake.detach()))])
        real_logits, fake_logits = logits[:n], logits[n:]
    (real_term(real_logits) + fake_term(fake_logits)).backward()
    d_opt.step()
    g_opt.zero_grad(set_to_none=True)
    g_term(d_call(*fake_inputs(fake))).backward()
    g_opt.step()


def bilinear_up(n, factor):
    """Resampling.bilinearUp: gan-core's superres up-sampling as an (n*f) x n matrix (clamped source coordinate)."""
    u = torch.zeros(n * factor, n, dtype=torch.float64)
    for y in range(n * factor):
        s = min(n - 1.0, max(0.0, (y + 0.5) / factor - 0.5))
        y0 = int(math.floor(s))
        u[y, y0] += 1 - (s - y0)
        u[y, min(n - 1, y0 + 1)] += s - y0
    return u


def bicubic_up(n, factor, a):
    """Resampling.bicubicUp: Keys' cubic kernel with parameter a, PyTorch's sampling positions, clamped taps."""
    def cubic(x):
        d = abs(x)
        if d <= 1:
            return ((a + 2) * d - (a + 3)) * d * d + 1
        return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a if d < 2 else 0.0
    b = torch.zeros(n * factor, n, dtype=torch.float64)
    for y in range(n * factor):
        s = (y + 0.5) / factor - 0.5
        x0 = int(math.floor(s))
        for k in range(-1, 3):
            b[y, min(n - 1, max(0, x0 + k))] += cubic(k - (s - x0))
    return b


def left_inverse(u):
    """(U^T U)^-1 U^T (LowResolution's recovery of the block means from their up-sampling)."""
    return torch.linalg.solve(u.T @ u, u.T)


def srgan(model, shape, batch, gen):
    """gan4j's SrganModel.trainStep (see the module comment): (networks, step, batch)."""
    upsampler = model.one_of("upsampler", ["srresnet", "bicubic"])
    factor, stages = model("factor"), int(math.log2(model("factor")))
    if 1 << stages != factor or shape[1] % factor or shape[2] % factor:
        raise SpecError("$.config.model.factor = %r must be a power of 2 dividing the image size %s" % (factor, shape))
    content = model.one_of("content", ["features", "mse"])
    model.one_of("contentNetwork", ["mnist", "fashion-mnist"])  # whose weights: the twin's are random
    layer = model.one_of("contentLayer", list(ClassifierFeatures.LAST))
    content_weight, adversarial_weight = model("contentWeight"), model("adversarialWeight")
    real_term, fake_term, g_term = loss_terms(model.one_of("loss", ["non-saturating", "least-squares", "minimax"]))
    trained = upsampler == "srresnet"
    adversarial = trained and adversarial_weight > 0
    # gan4j builds G only when it is trained and D only with an adversarial term; their fields are read either way.
    g_fields, d_fields = model.sub("generator"), model.sub("discriminator")
    g_args = [g_fields(k) for k in ("width", "residualBlocks")] + [stages] + [
        g_fields(k) for k in ("batchNormMomentum", "batchNormEpsilon")]
    d_args = [d_fields(k) for k in ("width", "stages", "denseWidth", "leakySlope", "batchNormMomentum",
                                    "batchNormEpsilon")]
    g_fields.done()
    d_fields.done()
    h, w = shape[1] // factor, shape[2] // factor
    nets = {}
    if trained:
        nets["generator"] = Net("generator", gen, fast=True)
        g = SrResNet(nets["generator"], shape[0], *g_args)
        g_opt = optimizer(model.sub("generatorOptimizer"), params_of(nets["generator"]))
    if adversarial:
        nets["discriminator"] = Net("discriminator", gen, fast=True)
        d = SrganDiscriminator(nets["discriminator"], shape[0], shape[1], shape[2], *d_args)
        d_opt = optimizer(model.sub("discriminatorOptimizer"), params_of(nets["discriminator"]))
    model("generatorOptimizer"), model("discriminatorOptimizer")  # read above only for the networks built
    bic_rows, bic_cols = (bicubic_up(n, factor, model("bicubicA")).float() for n in (h, w))
    model.done()
    inv_rows, inv_cols = (left_inverse(bilinear_up(n, factor)).float() for n in (h, w))
    phi = ClassifierFeatures(Net("content", gen, fast=True), layer) if trained and content == "features" else None
    data = Data(shape, batch, 0)

    def content_loss(sr, y):
        if phi is None:
            return F.mse_loss(sr, y)
        with torch.no_grad():
            target = phi(y)
        return F.mse_loss(phi(sr), target)

    def step():
        x, _, y = data.next()
        lr = inv_rows @ x @ inv_cols.T
        if not trained:
            F.mse_loss((bic_rows @ lr @ bic_cols.T).clamp_(-1, 1), y)
            return
        sr = g(lr)
        if adversarial:
            discriminator_update(d, d_opt, y, sr.detach(), real_term, fake_term, 1.0, True)
        g_opt.zero_grad(set_to_none=True)
        total = content_weight * content_loss(sr, y)
        if adversarial:
            total = total + adversarial_weight * g_term(d(sr))
        total.backward()
        g_opt.step()
    return nets, step, batch


def params_of(*nets):
    return [v for n in nets for v in n.p.values()]


def build(spec):
    """The twin of spec: (networks by gan4j's names, a function running one training step, the batch size)."""
    cfg = spec["config"]
    model = Fields(cfg["model"], "$.config.model")
    batch = cfg["train"]["batchSize"]
    shape = [int(d) for d in spec["data"]["sampleShape"]]
    classes = int(spec["data"]["numClasses"])
    kind = model("type")
    flat = math.prod(shape)
    gen = TorchGen()

    if kind in ("vanilla", "dcgan", "cgan"):
        g_net, d_net = Net("generator", gen, fast=True), Net("discriminator", gen, fast=True)
        z_dim, prior = model("latentDim"), model("latent")
        loss = loss_terms(model("loss"))
        backbone = {"dcgan": "conv", "vanilla": "mlp"}.get(kind) or model.one_of("backbone", ["mlp", "conv"])
        if kind == "cgan" and classes < 1:
            raise SpecError("$.data.numClasses must be > 0 for cgan, found %d" % classes)
        if kind == "dcgan":
            g = conv_generator(g_net, model.sub("generator"), z_dim, shape)
            d, d_bn = conv_discriminator(d_net, model.sub("discriminator"), shape)
        elif kind == "vanilla" or backbone == "mlp":
            cond = None
            if kind == "cgan":
                embedding = model.one_of("labelEncoding", ["one-hot", "embedding"]) == "embedding"
                dim = model("embeddingDim")  # read either way: one-hot ignores it
                cond = (classes, dim if embedding else 0)
                model("convGenerator"), model("convDiscriminator")
            g, _ = mlp(g_net, model.sub("generator"), z_dim, flat, cond)
            d, d_bn = mlp(d_net, model.sub("discriminator"), flat, 1, cond)
        else:  # cgan, conv: G from [z; y] as a (latent + classes)x1x1 map, a projection discriminator
            model("labelEncoding"), model("embeddingDim"), model("generator"), model("discriminator")
            g = conv_generator(g_net, model.sub("convGenerator"), z_dim + classes, shape)
            d, d_bn = conv_discriminator(d_net, model.sub("convDiscriminator"), shape, classes)
        g_opt = optimizer(model.sub("generatorOptimizer"), params_of(g_net))
        d_opt = optimizer(model.sub("discriminatorOptimizer"), params_of(d_net))
        model.done()
        data = Data(shape if backbone == "conv" else [flat], batch, classes if kind == "cgan" else 0)
        conv = backbone == "conv"

        if kind == "cgan" and conv:
            def step():
                x, y, _ = data.next()
                zy = torch.cat([latent(batch, z_dim, prior), y], 1).reshape(batch, z_dim + classes, 1, 1)
                alternating_step(g, d, g_opt, d_opt, [zy], [x, y], lambda f: [f, y], loss, d_bn)
        elif kind == "cgan":
            def step():
                x, y, _ = data.next()
                alternating_step(g, d, g_opt, d_opt, [latent(batch, z_dim, prior), y], [x, y], lambda f: [f, y], loss,
                                 d_bn)
        else:
            def step():
                x, _, _ = data.next()
                alternating_step(g, d, g_opt, d_opt, [latent(batch, z_dim, prior, conv)], [x], lambda f: [f], loss,
                                 d_bn)
        return {"generator": g_net, "discriminator": d_net}, step, batch

    if kind == "infogan":
        g_net, d_net = Net("generator", gen, fast=True), Net("discriminator", gen, fast=True)
        noise, prior = model("noise"), model("noiseDistribution")
        k, n_cont = model("categorical"), model("continuous")
        low, high = model("continuousLow"), model("continuousHigh")
        lam_cat, lam_cont = model("lambdaInfo"), model("lambdaContinuous")
        real_term, fake_term, g_term = loss_terms(model("loss"))
        g = InfoGanGenerator(g_net, noise + k + n_cont, shape[0], shape[1])
        d = InfoGanDiscriminator(d_net, shape[0], shape[1], k, n_cont, model("leakySlope"))
        g_opt = optimizer(model.sub("generatorOptimizer"), params_of(g_net))
        d_opt = optimizer(model.sub("discriminatorOptimizer"), params_of(d_net))
        model.done()
        data = Data(shape, batch, 0)

        def information(out, cat, cont):
            """lambda * L_I: cross-entropy of Q's logits, unit-variance Gaussian NLL of its means (InformationLoss)."""
            total = 0
            if k:
                total = total + lam_cat * F.cross_entropy(out[1], cat)
            if n_cont:
                total = total + lam_cont * (0.5 * (out[2] - cont) ** 2 + 0.5 * math.log(2 * math.pi)).sum(1).mean()
            return total

        def step():
            x, _, _ = data.next()
            cat = torch.randint(0, max(k, 1), (batch,))
            cont = torch.rand(batch, n_cont) * (high - low) + low
            parts = [latent(batch, noise, prior)] + ([F.one_hot(cat, k).float()] if k else []) + [cont]
            fake = g(torch.cat(parts, 1))
            d_opt.zero_grad(set_to_none=True)
            fake_out = d(fake.detach())
            (real_term(d(x)[0]) + fake_term(fake_out[0]) + information(fake_out, cat, cont)).backward()
            d_opt.step()
            g_opt.zero_grad(set_to_none=True)
            out = d(fake)
            (g_term(out[0]) + information(out, cat, cont)).backward()
            g_opt.step()
        return {"generator": g_net, "discriminator": d_net}, step, batch

    if kind == "wgan":
        g_net, c_net = Net("generator", gen, fast=True), Net("critic", gen, fast=True)
        z_dim, prior = model("latentDim"), model("latent")
        backbone = model.one_of("backbone", ["mlp", "conv"])
        lipschitz = model.one_of("lipschitz", ["weight-clipping", "gradient-penalty"])
        clip, lam, n_critic = model("clipValue"), model("penaltyWeight"), model("nCritic")
        conv = backbone == "conv"
        if conv:
            model("generator"), model("critic")
            g = conv_generator(g_net, model.sub("convGenerator"), z_dim, shape)
            critic, _ = conv_discriminator(c_net, model.sub("convCritic"), shape)
        else:
            model("convGenerator"), model("convCritic")
            g, _ = mlp(g_net, model.sub("generator"), z_dim, flat)
            critic, _ = mlp(c_net, model.sub("critic"), flat, 1)
        g_opt = optimizer(model.sub("generatorOptimizer"), params_of(g_net))
        c_opt = optimizer(model.sub("criticOptimizer"), params_of(c_net))
        model.done()
        # gan4j's batch for WGAN holds nCritic real batches, one per critic update.
        data = Data(shape if conv else [flat], batch * n_critic, 0)
        gp = lipschitz == "gradient-penalty"
        c_params = params_of(c_net)

        def step():
            x, _, _ = data.next()
            for i in range(n_critic):
                real = x[i * batch:(i + 1) * batch]
                with torch.no_grad():
                    fake = g(latent(batch, z_dim, prior, conv))
                c_opt.zero_grad(set_to_none=True)
                scores = critic(torch.cat([real, fake], 0))
                loss = scores[batch:].mean() - scores[:batch].mean()
                if gp:
                    eps = torch.rand(batch, *([1] * (x.dim() - 1)))
                    x_hat = (fake + (real - fake) * eps).requires_grad_(True)
                    grad = torch.autograd.grad(critic(x_hat).sum(), x_hat, create_graph=True)[0]
                    loss = loss + lam * ((grad.reshape(batch, -1).norm(2, dim=1) - 1) ** 2).mean()
                loss.backward()
                c_opt.step()
                if not gp:
                    with torch.no_grad():
                        for v in c_params:
                            v.clamp_(-clip, clip)
            g_opt.zero_grad(set_to_none=True)
            (-critic(g(latent(batch, z_dim, prior, conv))).mean()).backward()
            g_opt.step()
        return {"generator": g_net, "critic": c_net}, step, batch

    if kind == "pix2pix":
        g_net, d_net = Net("generator", gen, fast=True), Net("discriminator", gen, fast=True)
        g = unet(g_net, model.sub("generator"), shape)
        conditional = model("conditional")
        d, d_bn = patchgan(d_net, model.sub("discriminator"), 2 * shape[0] if conditional else shape[0])
        real_term, fake_term, g_term = loss_terms(model.one_of("loss", ["non-saturating", "least-squares", "minimax"]))
        lam_gan, lam_rec = model("lambdaGan"), model("lambdaL1")
        rec = {"l1": F.l1_loss, "l2": F.mse_loss}[model.one_of("reconstruction", ["l1", "l2"])]
        scale = model("discriminatorLossScale")
        g_opt = optimizer(model.sub("generatorOptimizer"), params_of(g_net))
        d_opt = optimizer(model.sub("discriminatorOptimizer"), params_of(d_net))
        model.done()
        data = Data(shape, batch, 0)
        d_in = (lambda x, y: torch.cat([x, y], 1)) if conditional else (lambda x, y: y)

        def step():
            x, _, y = data.next()
            fake = g(x, None)
            if lam_gan > 0:
                discriminator_update(d, d_opt, d_in(x, y), d_in(x, fake.detach()), real_term, fake_term, scale, d_bn)
            g_opt.zero_grad(set_to_none=True)
            total = lam_rec * rec(fake, y)
            if lam_gan > 0:
                total = total + lam_gan * g_term(d(d_in(x, fake)))
            total.backward()
            g_opt.step()
        return {"generator": g_net, "discriminator": d_net}, step, batch

    if kind == "cyclegan":
        names = ["generatorAB", "generatorBA", "discriminatorA", "discriminatorB"]
        nets = {k: Net(k, gen, fast=True) for k in names}
        arch = model.one_of("generator", ["resnet", "unet"])
        if arch == "resnet":
            model("unet")
            g_ab, g_ba = (resnet(nets[k], model.sub("resnet"), shape) for k in ("generatorAB", "generatorBA"))
        else:
            model("resnet")
            ab, ba = (unet(nets[k], model.sub("unet"), shape) for k in ("generatorAB", "generatorBA"))
            g_ab, g_ba = (lambda x: ab(x, None)), (lambda x: ba(x, None))
        (d_a, d_bn), (d_b, _) = (patchgan(nets[k], model.sub("discriminator"), shape[0])
                                 for k in ("discriminatorA", "discriminatorB"))
        real_term, fake_term, g_term = loss_terms(model.one_of("loss", ["least-squares", "non-saturating", "minimax"]))
        lam, lam_id, scale = model("lambdaCycle"), model("lambdaIdentity"), model("discriminatorLossScale")
        pool_size = model("poolSize")
        g_opt = optimizer(model.sub("generatorOptimizer"), params_of(nets["generatorAB"], nets["generatorBA"]))
        d_fields = model.sub("discriminatorOptimizer")
        da_opt = optimizer(d_fields, params_of(nets["discriminatorA"]))
        db_opt = optimizer(Fields(d_fields.node, d_fields.path), params_of(nets["discriminatorB"]))
        model.done()
        data = Data(shape, batch, 0)
        pools = [Pool(pool_size, []), Pool(pool_size, [])] if pool_size > 0 else None

        def step():
            a, _, b = data.next()
            g_opt.zero_grad(set_to_none=True)
            fake_b, fake_a = g_ab(a), g_ba(b)
            total = g_term(d_b(fake_b)) + g_term(d_a(fake_a))
            total = total + lam * (F.l1_loss(g_ba(fake_b), a) + F.l1_loss(g_ab(fake_a), b))
            if lam_id > 0:
                total = total + lam * lam_id * (F.l1_loss(g_ab(b), b) + F.l1_loss(g_ba(a), a))
            total.backward()
            g_opt.step()
            for disc, opt, real, fake, i in ((d_b, db_opt, b, fake_b, 1), (d_a, da_opt, a, fake_a, 0)):
                shown = pools[i].query(fake, None, gen) if pools else fake.detach()
                discriminator_update(disc, opt, real, shown, real_term, fake_term, scale, d_bn)
        return nets, step, batch

    if kind == "srgan":
        return srgan(model, shape, batch, gen)

    raise SpecError("$.config.model.type = %r has no PyTorch twin (it knows vanilla, dcgan, cgan, wgan, pix2pix,"
                    " cyclegan, srgan)" % kind)


def peak_rss_kb():
    """This process's peak resident set (VmHWM), as gan4j reads its own."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def read_spec(path):
    try:
        with open(path) as f:
            spec = json.load(f)
    except (OSError, ValueError) as e:
        raise SpecError("%s: cannot read the spec: %s" % (path, e))
    for key in ("config", "data"):
        if key not in spec:
            raise SpecError("%s: $.%s is missing (write it with `./gan4j bench CONFIG --twin-spec FILE`)" % (path, key))
    return spec


def counts(nets):
    return {name: int(net.learned_count()) for name, net in nets.items()}


def bench(spec, warmup, steps, threads, warmup_seconds=0.0):
    """Median step after a warm-up of at least `warmup` steps and at least `warmup_seconds` (gan4j's same rule)."""
    blas_threads = set_threads(threads or spec.get("threads") or os.cpu_count())
    nets, step, batch = build(spec)
    until = time.perf_counter() + warmup_seconds
    warmed = 0
    while warmed < warmup or time.perf_counter() < until:
        step()
        warmed += 1
    warmup = warmed
    times = []
    for i in range(steps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000)
    return {"config": spec["config"].get("name"), "pytorch": torch.__version__, "threads": torch.get_num_threads(),
            "blasThreads": blas_threads,
            "batch": batch, "warmup": warmup, "steps": steps, "medianMs": statistics.median(times),
            "meanMs": statistics.fmean(times), "peakRssKb": peak_rss_kb(), "learnedParams": counts(nets)}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--spec", help="what `./gan4j bench CONFIG --twin-spec FILE` wrote")
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--warmup-seconds", type=float, default=0.0,
                   help="keep warming up until this many seconds have passed as well (gan4j bench passes its own)")
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--threads", type=int, default=0, help="0 = gan4j's thread count from the spec")
    p.add_argument("--json", help="write the figures here (what gan4j bench reads)")
    p.add_argument("--counts", nargs="+", metavar="SPEC", help="only count each spec's learned parameters per network")
    p.add_argument("--counts-out", help="with --counts: write them as JSON here")
    a = p.parse_args()
    try:
        if a.counts:
            out, differ = {}, []
            for path in a.counts:
                spec = read_spec(path)
                nets, _, _ = build(spec)
                name = Path(spec.get("source") or path).stem
                out[name] = {"sampleShape": spec["data"]["sampleShape"], "numClasses": spec["data"]["numClasses"],
                             "learnedParams": counts(nets)}
                same = spec.get("gan4jLearnedParams") == out[name]["learnedParams"]
                if not same:
                    differ.append(name)
                print("%-28s %s%s" % (name, out[name]["learnedParams"], "" if same else
                                      "  DIFFERS from gan4j's %s" % spec.get("gan4jLearnedParams")))
            if a.counts_out:
                text = json.dumps({"format": 1, "pytorch": torch.__version__,
                                   "generatedBy": "benchmarks/twin_param_counts.sh", "configs": out},
                                  indent=1, sort_keys=True) + "\n"
                Path(a.counts_out).write_text(text)
                print("wrote " + a.counts_out)
            if differ:
                print("the twin differs from gan4j for %s" % ", ".join(differ), file=sys.stderr)
                return 1
            return 0
        if not a.spec:
            p.error("give --spec FILE (or --counts SPEC...)")
        if a.steps < 1 or a.warmup < 0 or not 0 <= a.warmup_seconds <= 3600:
            p.error("--steps must be >= 1, --warmup >= 0 and --warmup-seconds in [0, 3600]")
        spec = read_spec(a.spec)
        r = bench(spec, a.warmup, a.steps, a.threads, a.warmup_seconds)
    except SpecError as e:
        print("pytorch_reference.py: %s" % e, file=sys.stderr)
        return 2
    print("%s: PyTorch %s, %d threads (OpenBLAS %s), batch %d, %d warm-up + %d timed steps: %.1f ms/step (median),"
          " %.0f images/s, peak RSS %.0f MiB"
          % (r["config"], r["pytorch"], r["threads"], r["blasThreads"], r["batch"], r["warmup"], r["steps"],
             r["medianMs"], r["batch"] * 1000 / r["medianMs"], r["peakRssKb"] / 1024))
    theirs = spec.get("gan4jLearnedParams")
    if theirs is not None:
        print("learned parameters %s: %s" % (r["learnedParams"], "the same as gan4j's" if theirs == r["learnedParams"]
                                             else "DIFFERENT from gan4j's %s" % theirs))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(r, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""gan4j's networks written a second time in PyTorch, from the papers and gan4j's documented layouts, shared by the
parity fixtures (benchmarks/parity/make_fixtures.py: small sizes, float64, exact gan4j semantics, proving gan4j's
steps equal these) and the benchmark's PyTorch twin (benchmarks/pytorch_reference.py: the shipped configs' sizes,
float32, `fast=True`).

Parameters are kept under gan4j's names and in gan4j's (DL4J's) layouts (see make_fixtures.py), so a network's
learned-parameter count is comparable name by name with gan4j's. Every builder takes the fields of the gan4j config
record it mirrors (ConvNetConfig, MlpConfig, UNetConfig, PatchGanConfig, ResNetGeneratorConfig, SrResNetConfig,
SrganDiscriminatorConfig); defaults are the values the parity fixtures were written for.

`Net(fast=True)` computes the same functions with PyTorch's fused kernels (addmm, F.batch_norm, F.instance_norm,
F.dropout) as an idiomatic PyTorch model would, so the benchmark compares gan4j with PyTorch at its usual speed;
its batch-norm running statistics then follow PyTorch's rule (they are not used by a training step). The default
(`fast=False`) is the fixtures' exact, recordable arithmetic and must not change: the committed fixtures are checked
byte for byte.
"""
import ctypes
import math

import torch
import torch.nn.functional as F


def set_threads(n):
    """Runs PyTorch's arithmetic on n threads, its BLAS's included, and returns OpenBLAS's thread count (None when the
    process has no OpenBLAS).

    `torch.set_num_threads` sizes PyTorch's own OpenMP pool only. Debian's torch 1.13 does its matrix products in
    OpenBLAS (libopenblasp, the pthread build), whose pool keeps one thread per core whatever PyTorch was told: a twin
    "at 1 thread" ran its products on both cores of this machine (wgan-clip-mnist: 10.2 s of CPU in 5.3 s, 15-17
    ms/step against 22-24 ms with OpenBLAS at 1 thread; benchmarks/RESULTS.md, seventh round). gan4j's
    `train.threads` limits ND4J's OpenBLAS as well, so the twin limits its own the same way.
    """
    torch.set_num_threads(n)
    blas = None
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "openblas" in line and line.split()[-1].startswith("/")})
    for path in paths:
        lib = ctypes.CDLL(path)
        if hasattr(lib, "openblas_set_num_threads"):
            lib.openblas_set_num_threads(n)
            blas = lib.openblas_get_num_threads()
    return blas


# ------------------------------------------------------------------------------------------------ parameter sets

class Net:
    """One gan4j network's parameters under gan4j's names, with batch-norm running statistics and their moves."""

    def __init__(self, name, gen, fast=False):
        self.name = name
        self.gen = gen
        self.fast = fast
        self.p = {}          # learned parameters, requires_grad
        self.bn = {}         # prefix -> {"mean", "var", "decay", "eps"}
        self.moves = {}      # prefix -> [(batch mean, biased batch var)] since the last update
        self.initial = {}    # name -> initial value, as gan4j stores it

    def _learned(self, name, value):
        value = value.clone().requires_grad_(True)
        self.p[name] = value
        self.initial[name] = value.detach().clone()
        return value

    def weight(self, name, shape, fan_in, fan_out):
        # Glorot-uniform scale: activations of order 1 through every layer, so no term is lost to rounding.
        a = math.sqrt(6.0 / (fan_in + fan_out))
        return self._learned(name, (self.gen.rand(shape) * 2 - 1) * a)

    def bias(self, name, n):
        return self._learned(name, self.gen.randn(n) * 0.1)

    def dense(self, i, n_in, n_out, bias=True, prefix=None):
        key = prefix if prefix is not None else str(i)
        self.weight(key + "_W", (n_in, n_out), n_in, n_out)
        if bias:
            self.bias(key + "_b", n_out)

    def conv(self, key, c_in, c_out, k, bias=True):
        self.weight(key + "_W", (c_out, c_in, k, k), c_in * k * k, c_out * k * k)
        if bias:
            self.bias(key + "_b", c_out)

    def deconv(self, key, c_in, c_out, k, bias=True):
        self.weight(key + "_W", (c_in, c_out, k, k), c_out * k * k, c_in * k * k)
        if bias:
            self.bias(key + "_b", c_out)

    def batch_norm(self, prefix, c, decay, eps):
        self._learned(prefix + "_gamma", 1 + 0.1 * self.gen.randn(c))
        self._learned(prefix + "_beta", 0.1 * self.gen.randn(c))
        mean = 0.1 * self.gen.randn(c)
        var = 0.5 + self.gen.rand(c)
        self.bn[prefix] = {"mean": mean, "var": var, "decay": decay, "eps": eps}
        self.moves[prefix] = []
        self.initial[prefix + "_mean"] = mean.clone()
        self.initial[prefix + "_log10stdev"] = 0.5 * torch.log10(var)

    def instance_norm(self, prefix, c):
        self._learned(prefix + "_W", (1 + 0.1 * self.gen.randn(c)).reshape(1, c))
        self._learned(prefix + "_b", 0.1 * self.gen.randn(c))

    # -- operations ------------------------------------------------------------------------------------------------

    def apply_dense(self, key, x, bias=True):
        if self.fast and bias:
            return torch.addmm(self.p[key + "_b"], x, self.p[key + "_W"])
        y = x @ self.p[key + "_W"]
        return y + self.p[key + "_b"] if bias else y

    def apply_conv(self, key, x, stride, padding):
        return F.conv2d(x, self.p[key + "_W"], self.p.get(key + "_b"), stride=stride, padding=padding)

    def apply_deconv(self, key, x, stride, padding):
        return F.conv_transpose2d(x, self.p[key + "_W"], self.p.get(key + "_b"), stride=stride, padding=padding)

    def apply_batch_norm(self, prefix, x, record):
        if self.fast:
            s = self.bn[prefix]
            return F.batch_norm(x, s["mean"], s["var"], self.p[prefix + "_gamma"], self.p[prefix + "_beta"],
                                training=True, momentum=1 - s["decay"], eps=s["eps"])
        dims = [0] if x.dim() == 2 else [0, 2, 3]
        shape = [1, -1] if x.dim() == 2 else [1, -1, 1, 1]
        mean = x.mean(dims)
        var = x.var(dims, unbiased=False)
        if record:
            self.moves[prefix].append((mean.detach(), var.detach()))
        eps = self.bn[prefix]["eps"]
        x_hat = (x - mean.reshape(shape)) / torch.sqrt(var.reshape(shape) + eps)
        return x_hat * self.p[prefix + "_gamma"].reshape(shape) + self.p[prefix + "_beta"].reshape(shape)

    def apply_instance_norm(self, prefix, x, eps):
        if self.fast:
            return F.instance_norm(x, weight=self.p[prefix + "_W"].reshape(-1), bias=self.p[prefix + "_b"], eps=eps)
        mean = x.mean([2, 3], keepdim=True)
        var = x.var([2, 3], unbiased=False, keepdim=True)
        gamma = self.p[prefix + "_W"].reshape(1, -1, 1, 1)
        beta = self.p[prefix + "_b"].reshape(1, -1, 1, 1)
        return (x - mean) / torch.sqrt(var + eps) * gamma + beta

    def finish_update(self):
        """Moves the running statistics by the recorded passes' summed moves (see make_fixtures.py's comment)."""
        for prefix, passes in self.moves.items():
            s = self.bn[prefix]
            d = s["decay"]
            old_mean, old_var = s["mean"], s["var"]
            mean, ratio = old_mean.clone(), torch.ones_like(old_var)
            for batch_mean, batch_var in passes:
                mean = mean + (1 - d) * (batch_mean - old_mean)
                ratio = ratio * (d + (1 - d) * batch_var / old_var)
            s["mean"], s["var"] = mean, old_var * ratio
            passes.clear()

    def gradients(self):
        return {k: (v.grad.detach().clone() if v.grad is not None else torch.zeros_like(v)) for k, v in self.p.items()}

    def zero_grad(self):
        for v in self.p.values():
            v.grad = None

    def learned_count(self):
        """Learned parameters (weights, biases, normalisation scales and shifts; not running statistics)."""
        return sum(v.numel() for v in self.p.values())

    def state(self):
        out = {k: v.detach().clone() for k, v in self.p.items()}
        for prefix, s in self.bn.items():
            out[prefix + "_mean"] = s["mean"].clone()
            out[prefix + "_log10stdev"] = 0.5 * torch.log10(s["var"])
        return out


def activation(name, slope=0.2):
    return {
        "relu": F.relu,
        "leakyrelu": lambda x: F.leaky_relu(x, slope),
        "tanh": torch.tanh,
        "identity": lambda x: x,
    }[name]


# ---------------------------------------------------------------------------------------------- gan4j's networks

class HiddenLayers:
    """What Mlp and ConditionalMlp share: their hidden layers as (kind, key) pairs in self.layers, applied in order
    with self.net's parameters, self.act after each dense layer and self.dropout's rate."""

    def hidden(self, x, record):
        for kind, key in self.layers:
            if kind == "dense":
                x = self.act(self.net.apply_dense(key, x))
            elif kind == "bn":
                x = self.net.apply_batch_norm(key, x, record)
            else:
                x = F.dropout(x, self.dropout, training=True)
        return x


class Mlp(HiddenLayers):
    """gan4j's Mlp.build: per hidden width Dense(activation) -> BatchNorm -> (Dropout); a Dense output layer."""

    def __init__(self, net, n_in, hidden, n_out, act, out_act, batch_norm, decay=0.8, eps=1e-3, slope=0.2,
                 dropout=0.0):
        self.net, self.act, self.out_act, self.layers = net, activation(act, slope), activation(out_act, slope), []
        self.dropout = dropout
        i, width = 0, n_in
        for h in hidden:
            net.dense(i, width, h)
            self.layers.append(("dense", str(i)))
            i += 1
            if batch_norm:
                net.batch_norm(str(i), h, decay, eps)
                self.layers.append(("bn", str(i)))
                i += 1
            if dropout > 0:
                self.layers.append(("dropout", str(i)))
                i += 1
            width = h
        net.dense(i, width, n_out)
        self.out = str(i)

    def __call__(self, x, record=False):
        return self.out_act(self.net.apply_dense(self.out, self.hidden(x, record)))


class ConditionalMlp(HiddenLayers):
    """gan4j's CganNetworks.build: [input; label or embedding(label)] -> dense/act/bn ... -> "out"."""

    def __init__(self, net, n_in, classes, embedding, hidden, n_out, act, out_act, batch_norm, decay=0.8, eps=1e-3,
                 slope=0.2, dropout=0.0):
        self.net, self.act, self.out_act, self.embedding, self.layers = (net, activation(act, slope),
                                                                         activation(out_act, slope), embedding, [])
        self.dropout = dropout
        label_width = classes
        if embedding:
            net.dense(None, classes, embedding, bias=False, prefix="embedding")
            label_width = embedding
        width = n_in + label_width
        for i, h in enumerate(hidden):
            net.dense(None, width, h, prefix="dense%d" % i)
            self.layers.append(("dense", "dense%d" % i))
            if batch_norm:
                net.batch_norm("bn%d" % i, h, decay, eps)
                self.layers.append(("bn", "bn%d" % i))
            if dropout > 0:
                self.layers.append(("dropout", "dropout%d" % i))
            width = h
        net.dense(None, width, n_out, prefix="out")

    def __call__(self, x, y, record=False):
        label = self.net.apply_dense("embedding", y, bias=False) if self.embedding else y
        return self.out_act(self.net.apply_dense("out", self.hidden(torch.cat([x, label], 1), record)))


def dcgan_layout(size):
    base, stages = size, 0
    while base % 2 == 0 and base // 2 >= 4:
        base //= 2
        stages += 1
    return base, stages


class DcganGenerator:
    """gan4j's ConvNets.generator: deconv(k=base) -> BN -> act, (stages-1) x [deconv(4,2,1) -> BN -> act], deconv -> tanh."""

    def __init__(self, net, latent, channels, size, width, batch_norm=True, decay=0.9, eps=1e-5, act="relu",
                 out_act="tanh", slope=0.2):
        self.net, self.batch_norm = net, batch_norm
        self.act, self.out_act = activation(act, slope), activation(out_act, slope)
        self.base, self.stages = dcgan_layout(size)
        ch = lambda k: width << (self.stages - 1 - k)
        self.plan, idx, c_in = [], 0, latent
        for k in range(self.stages):
            c_out = ch(k)
            kernel = self.base if k == 0 else 4
            net.deconv(str(idx), c_in, c_out, kernel, bias=not batch_norm)
            if batch_norm:
                net.batch_norm(str(idx + 1), c_out, decay, eps)
            self.plan.append((str(idx), (1, 0) if k == 0 else (2, 1), str(idx + 1) if batch_norm else None))
            idx += 3 if batch_norm else 2
            c_in = c_out
        net.deconv(str(idx), c_in, channels, 4, bias=True)
        self.out = str(idx)

    def __call__(self, z, record=False):
        x = z
        for key, (stride, pad), bn in self.plan:
            x = self.net.apply_deconv(key, x, stride, pad)
            if bn is not None:
                x = self.net.apply_batch_norm(bn, x, record)
            x = self.act(x)
        return self.out_act(self.net.apply_deconv(self.out, x, 2, 1))


class DcganFeatures:
    """gan4j's ConvNets.discriminatorFeatures: per stage conv(4,2,1) -> (BN, not the first) -> LeakyReLU(0.2)."""

    def __init__(self, net, channels, size, width, batch_norm, keys, decay=0.9, eps=1e-5, act="leakyrelu", slope=0.2):
        self.net = net
        self.act = activation(act, slope)
        self.base, self.stages = dcgan_layout(size)
        ch = lambda k: width << (self.stages - 1 - k)
        self.plan, c_in, keys = [], channels, iter(keys)
        top = self.stages - 1
        for k in range(top, -1, -1):
            bn = batch_norm and k != top
            conv = next(keys)
            net.conv(conv, c_in, ch(k), 4, bias=not bn)
            bn_key = None
            if bn:
                bn_key = next(keys)
                net.batch_norm(bn_key, ch(k), decay, eps)
            next(keys)  # the activation layer has no parameters
            self.plan.append((conv, bn_key))
            c_in = ch(k)
        self.channels = c_in

    def __call__(self, x, record=False):
        for conv, bn in self.plan:
            x = self.net.apply_conv(conv, x, 2, 1)
            if bn is not None:
                x = self.net.apply_batch_norm(bn, x, record)
            x = self.act(x)
        return x


class DcganDiscriminator:
    """gan4j's ConvNets.discriminator: the features, then conv(k=base) -> 1 logit (MultiLayerNetwork indices)."""

    def __init__(self, net, channels, size, width, batch_norm, decay=0.9, eps=1e-5, act="leakyrelu", out_act="identity",
                 slope=0.2):
        self.features = DcganFeatures(net, channels, size, width, batch_norm, (str(i) for i in range(100)), decay, eps,
                                      act, slope)
        self.out_act = activation(out_act, slope)
        last = sum(3 if bn else 2 for _, bn in self.features.plan)
        self.out = str(last)
        net.conv(self.out, self.features.channels, 1, self.features.base, bias=True)
        self.net = net

    def __call__(self, x, record=False):
        return self.out_act(self.net.apply_conv(self.out, self.features(x, record), 1, 0)).reshape(x.shape[0], 1)



class InfoGanGenerator:
    """gan-infogan's InfoGanNetworks.generator (MultiLayerNetwork indices): FC 1024 -> BN -> ReLU -> FC q*q*128 -> BN
    -> ReLU -> [128, q, q] -> deconv(4,2,1) 64 -> BN -> ReLU -> deconv(4,2,1) C -> tanh (Chen et al. 2016, Table 1)."""

    def __init__(self, net, code_width, channels, size, decay=0.9, eps=1e-5):
        self.net, self.q = net, size // 4
        net.dense(0, code_width, 1024, bias=False)
        net.batch_norm("1", 1024, decay, eps)
        net.dense(3, 1024, self.q * self.q * 128, bias=False)
        net.batch_norm("4", self.q * self.q * 128, decay, eps)
        net.deconv("6", 128, 64, 4, bias=False)
        net.batch_norm("7", 64, decay, eps)
        net.deconv("9", 64, channels, 4, bias=True)

    def __call__(self, codes, record=False):
        n = self.net
        x = F.relu(n.apply_batch_norm("1", n.apply_dense("0", codes, bias=False), record))
        x = F.relu(n.apply_batch_norm("4", n.apply_dense("3", x, bias=False), record))
        x = x.reshape(x.shape[0], 128, self.q, self.q)
        x = F.relu(n.apply_batch_norm("7", n.apply_deconv("6", x, 2, 1), record))
        return torch.tanh(n.apply_deconv("9", x, 2, 1))


class InfoGanDiscriminator:
    """gan-infogan's InfoGanNetworks.discriminator (graph vertex names): conv(4,2,1) 64 -> lReLU -> conv(4,2,1) 128 ->
    BN -> lReLU -> FC 1024 -> BN -> lReLU = body; adv: FC 1; Q: FC 128 -> BN -> lReLU -> FC K (logits), FC D (means).
    Returns (adv [N, 1], categorical logits or None, continuous means or None)."""

    def __init__(self, net, channels, size, categorical, continuous, slope, decay=0.9, eps=1e-5):
        self.net, self.slope, q = net, slope, size // 4
        self.categorical, self.continuous = categorical, continuous
        net.conv("conv1", channels, 64, 4, bias=True)
        net.conv("conv2", 64, 128, 4, bias=False)
        net.batch_norm("bn2", 128, decay, eps)
        net.dense(None, q * q * 128, 1024, bias=False, prefix="fc")
        net.batch_norm("bn3", 1024, decay, eps)
        net.dense(None, 1024, 1, prefix="adv")
        net.dense(None, 1024, 128, bias=False, prefix="q_fc")
        net.batch_norm("q_bn", 128, decay, eps)
        if categorical:
            net.dense(None, 128, categorical, prefix="q_categorical")
        if continuous:
            net.dense(None, 128, continuous, prefix="q_continuous")

    def __call__(self, x, record=False):
        n, act = self.net, (lambda t: F.leaky_relu(t, self.slope))
        h = act(n.apply_conv("conv1", x, 2, 1))
        h = act(n.apply_batch_norm("bn2", n.apply_conv("conv2", h, 2, 1), record))
        h = act(n.apply_batch_norm("bn3", n.apply_dense("fc", h.reshape(h.shape[0], -1), bias=False), record))
        q = act(n.apply_batch_norm("q_bn", n.apply_dense("q_fc", h, bias=False), record))
        return (n.apply_dense("adv", h), n.apply_dense("q_categorical", q) if self.categorical else None,
                n.apply_dense("q_continuous", q) if self.continuous else None)

class ProjectionDiscriminator:
    """gan4j's ProjectionDiscriminator (Miyato & Koyama 2018): psi(phi(x)) + <V_y, phi(x)>."""

    def __init__(self, net, channels, size, width, classes, batch_norm=True, decay=0.9, eps=1e-5, act="leakyrelu",
                 slope=0.2):
        self.features = DcganFeatures(net, channels, size, width, batch_norm, ("features%d" % i for i in range(100)),
                                      decay, eps, act, slope)
        base = self.features.base
        net.conv("psi", self.features.channels, 1, base, bias=True)
        net.conv("classScores", self.features.channels, classes, base, bias=False)
        self.net = net

    def __call__(self, x, y, record=False):
        phi = self.features(x, record)
        psi = self.net.apply_conv("psi", phi, 1, 0).reshape(x.shape[0], 1)
        scores = self.net.apply_conv("classScores", phi, 1, 0).reshape(x.shape[0], -1)
        return psi + (scores * y).sum(1, keepdim=True)


class PatchGan:
    """gan4j's PatchGan (pix2pix's NLayerDiscriminator): conv(4,2,1) -> LReLU, (L-1) x [conv(4,2,1) -> norm -> LReLU],
    conv(4,1,1) -> norm -> LReLU, conv(4,1,1) -> 1 logit per patch."""

    def __init__(self, net, c_in, width, layers, norm, decay=0.9, eps=1e-5, slope=0.2):
        self.net, self.norm, self.eps, self.plan, self.slope = net, norm, eps, [], slope
        idx, c = 0, c_in
        for n in range(layers + 1):
            c_out = width * min(1 << n, 8)
            normed = n > 0 and norm != "none"
            net.conv(str(idx), c, c_out, 4, bias=not normed)
            norm_key = str(idx + 1) if normed else None
            if normed:
                if norm == "batch":
                    net.batch_norm(norm_key, c_out, decay, eps)
                else:
                    net.instance_norm(norm_key, c_out)
            self.plan.append((str(idx), 2 if n < layers else 1, norm_key))
            idx += 3 if normed else 2
            c = c_out
        self.out = str(idx)
        net.conv(self.out, c, 1, 4, bias=True)

    def __call__(self, x, record=False):
        for conv, stride, norm_key in self.plan:
            x = self.net.apply_conv(conv, x, stride, 1)
            if norm_key is not None:
                x = (self.net.apply_batch_norm(norm_key, x, record) if self.norm == "batch"
                     else self.net.apply_instance_norm(norm_key, x, self.eps))
            x = F.leaky_relu(x, self.slope)
        return self.net.apply_conv(self.out, x, 1, 1)


class UNet:
    """gan4j's UNet (pix2pix): zero-pad to a multiple of 2^depth, encoder conv(4,2,1) levels (LReLU before all but
    the first, norm on levels 2..depth-1), decoder ReLU -> deconv(4,2,1) -> norm -> dropout (the blocks nearest the
    bottleneck) with skip concatenation [encoder, decoder], tanh output, crop."""

    def __init__(self, net, c, size, width, depth, norm, dropout, dropout_blocks, decay=0.9, eps=1e-5, slope=0.2):
        self.net, self.c, self.depth, self.norm, self.eps, self.p = net, c, depth, norm, eps, dropout
        self.slope = slope
        ch = lambda k: width * min(1 << (k - 1), 8)
        m = 1 << depth
        self.pad = ((size + m - 1) // m * m) - size
        self.dropout_keys = []
        for k in range(1, depth + 1):
            normed = 1 < k < depth and norm != "none"
            # As the reference code: every encoder conv has a bias only in a network without normalisation.
            net.conv("enc%d" % k, c if k == 1 else ch(k - 1), ch(k), 4, bias=norm == "none")
            if normed:
                self._norm("enc%d_%s" % (k, norm), ch(k), decay, eps)
        for k in range(depth, 0, -1):
            c_in = ch(k) if k == depth else 2 * ch(k)
            output = k == 1
            c_out = c if output else ch(k - 1)
            normed = not output and norm != "none"
            net.deconv("dec%d" % k, c_in, c_out, 4, bias=not normed)
            if normed:
                self._norm("dec%d_%s" % (k, norm), c_out, decay, eps)
            if not output and depth - k < dropout_blocks and dropout > 0:
                self.dropout_keys.append("dec%d_dropout" % k)
        self.dropout_blocks = dropout_blocks

    def _norm(self, key, c, decay, eps):
        if self.norm == "batch":
            self.net.batch_norm(key, c, decay, eps)
        else:
            self.net.instance_norm(key, c)

    def _apply_norm(self, key, x, record):
        return (self.net.apply_batch_norm(key, x, record) if self.norm == "batch"
                else self.net.apply_instance_norm(key, x, self.eps))

    def __call__(self, x, masks, record=False):
        """masks: one {dropout key: mask} for this pass; None: PyTorch's own dropout draws them."""
        top, bottom = self.pad // 2, self.pad - self.pad // 2
        x = F.pad(x, (top, bottom, top, bottom))
        skips = {}
        for k in range(1, self.depth + 1):
            if k > 1:
                x = F.leaky_relu(x, self.slope)
            x = self.net.apply_conv("enc%d" % k, x, 2, 1)
            if 1 < k < self.depth and self.norm != "none":
                x = self._apply_norm("enc%d_%s" % (k, self.norm), x, record)
            skips[k] = x
        up = skips[self.depth]
        for k in range(self.depth, 0, -1):
            h = up if k == self.depth else torch.cat([skips[k], up], 1)
            h = self.net.apply_deconv("dec%d" % k, F.relu(h), 2, 1)
            if k == 1:
                up = torch.tanh(h)
                continue
            if self.norm != "none":
                h = self._apply_norm("dec%d_%s" % (k, self.norm), h, record)
            key = "dec%d_dropout" % k
            if key in self.dropout_keys:
                h = F.dropout(h, self.p, training=True) if masks is None else h * masks[key] / (1 - self.p)
            up = h
        size = up.shape[2]
        return up[:, :, top:size - bottom, top:size - bottom]


class ResNetGenerator:
    """gan4j's ResNetGenerator (CycleGAN): c7s1-k, d2k, d4k, residual blocks, u2k, uk, c7s1-C tanh; reflection padding
    before the 7x7 and residual convolutions (the reference's ReflectionPad2d), zero padding in the stride-2 ones.
    Upsampling: the reference's conv_transpose(3, stride 2, padding 1, output_padding 1) (gan4j: a full 3x3 transpose
    convolution cropped by its first row and column, parameters "<name>_full_W"); with norm "none" gan4j keeps a
    4x4, stride 2, padding 1 transpose convolution. Instance norm (or batch norm, or none: then the convolutions keep
    their biases)."""

    def __init__(self, net, c, width, blocks, eps=1e-5, norm="instance"):
        self.net, self.blocks, self.eps, self.norm = net, blocks, eps, norm
        k = width
        bias = norm == "none"
        # (name, c_in, c_out, kernel, stride, zero padding, reflection padding)
        self.convs = [("c7s1", c, k, 7, 1, 0, 3), ("d1", k, 2 * k, 3, 2, 1, 0), ("d2", 2 * k, 4 * k, 3, 2, 1, 0)]
        for name, ci, co, ks, _, _, _ in self.convs:
            net.conv(name, ci, co, ks, bias=bias)
            self._add_norm(name, co)
        for r in range(1, blocks + 1):
            for part in "ab":
                net.conv("res%d%s" % (r, part), 4 * k, 4 * k, 3, bias=bias)
                self._add_norm("res%d%s" % (r, part), 4 * k)
        for name, ci, co in (("u1", 4 * k, 2 * k), ("u2", 2 * k, k)):
            if norm == "none":
                net.deconv(name, ci, co, 4, bias=True)
            else:
                net.deconv(name + "_full", ci, co, 3, bias=False)
            self._add_norm(name, co)
        net.conv("out", k, c, 7, bias=True)

    def _add_norm(self, name, c):
        if self.norm == "instance":
            self.net.instance_norm(name + "_instance", c)
        elif self.norm == "batch":
            # gan4j's ResNetGenerator gives batch norm the momentum 0.9 (no field: the paper uses instance norm).
            self.net.batch_norm(name + "_batch", c, 0.9, self.eps)

    def _up(self, name, x):
        if self.norm == "none":
            return self.net.apply_deconv(name, x, 2, 1)
        return F.conv_transpose2d(x, self.net.p[name + "_full_W"], None, stride=2, padding=1, output_padding=1)

    def _block(self, name, x, stride, pad, relu=True, deconv=False, reflect=0):
        if reflect:
            x = F.pad(x, (reflect,) * 4, mode="reflect")
        x = self._up(name, x) if deconv else self.net.apply_conv(name, x, stride, pad)
        if self.norm == "instance":
            x = self.net.apply_instance_norm(name + "_instance", x, self.eps)
        elif self.norm == "batch":
            x = self.net.apply_batch_norm(name + "_batch", x, False)
        return F.relu(x) if relu else x

    def __call__(self, x):
        for name, _, _, _, stride, pad, reflect in self.convs:
            x = self._block(name, x, stride, pad, reflect=reflect)
        for r in range(1, self.blocks + 1):
            inner = self._block("res%da" % r, x, 1, 0, reflect=1)
            x = x + self._block("res%db" % r, inner, 1, 0, relu=False, reflect=1)
        x = self._block("u1", x, 2, 1, deconv=True)
        x = self._block("u2", x, 2, 1, deconv=True)
        return torch.tanh(self.net.apply_conv("out", F.pad(x, (3,) * 4, mode="reflect"), 1, 0))


# ------------------------------------------------------------------------------------------------------- losses

def loss_terms(name):
    """(D on real, D on fake, G) as functions of logits, each a mean, with PyTorch's own loss functions."""
    ones, zeros = torch.ones_like, torch.zeros_like
    bce = F.binary_cross_entropy_with_logits
    if name == "minimax":
        return (lambda s: bce(s, ones(s)), lambda s: bce(s, zeros(s)), lambda s: -bce(s, zeros(s)))
    if name == "non-saturating":
        return (lambda s: bce(s, ones(s)), lambda s: bce(s, zeros(s)), lambda s: bce(s, ones(s)))
    if name == "least-squares":
        return (lambda s: F.mse_loss(s, ones(s)), lambda s: F.mse_loss(s, zeros(s)), lambda s: F.mse_loss(s, ones(s)))
    if name == "hinge":
        return (lambda s: F.relu(1 - s).mean(), lambda s: F.relu(1 + s).mean(), lambda s: -s.mean())
    if name == "wasserstein":
        return (lambda s: -s.mean(), lambda s: s.mean(), lambda s: -s.mean())
    raise ValueError(name)


def mean_score(name, s):
    return torch.sigmoid(s).mean() if name in ("minimax", "non-saturating") else s.mean()



def record(rec, kind, *args):
    """A random choice, recorded when there is a recorder (the fixtures), as drawn otherwise (the benchmark)."""
    return getattr(rec, kind)(*args) if rec is not None else args[0]


class Pool:
    """CycleGAN's image pool (Shrivastava et al. 2017) with every choice taken from the recorder (if any)."""

    def __init__(self, capacity, images_):
        self.capacity, self.images = capacity, [im.clone() for im in images_]

    def query(self, fakes, rec, gen):
        out = []
        for i in range(fakes.shape[0]):
            fake = fakes[i:i + 1].detach().clone()
            if len(self.images) < self.capacity:
                self.images.append(fake)
                out.append(fake)
            elif record(rec, "double", gen.rand(()).item()) <= 0.5:  # the reference code swaps when p > 0.5
                out.append(fake)
            else:
                slot = record(rec, "integer", int(gen.randint(0, self.capacity, ())), self.capacity)
                out.append(self.images[slot])
                self.images[slot] = fake
        return torch.cat(out, 0)




class SrResNet:
    """gan4j's SrResNet (SRGAN's generator, Ledig et al. 2017, Figure 4): conv9 + PReLU ("head"); residual blocks
    x + BN(conv3(PReLU(BN(conv3(x))))) ("res<r>a", "res<r>b"); conv3 + BN ("body") plus the head (the long skip);
    per x2 stage conv3 to 4k channels, pixel shuffle by 2 (torch's nn.PixelShuffle order, as gan4j's PixelShuffle),
    PReLU ("up<s>"); conv9 + tanh ("out"). Size-keeping stride-1 convolutions, without bias where batch norm follows.
    PReLU has one slope per channel starting at 0.25 (nn.PReLU(k)), "<name>_alpha_W" as gan4j names it."""

    PRELU_INIT = 0.25

    def __init__(self, net, c, width, blocks, stages, decay=0.9, eps=1e-5):
        self.net, self.blocks, self.stages = net, blocks, stages
        k = width
        net.conv("head", c, k, 9, bias=True)
        self._prelu("head", k)
        for r in range(1, blocks + 1):
            net.conv("res%da" % r, k, k, 3, bias=False)
            net.batch_norm("res%da_bn" % r, k, decay, eps)
            self._prelu("res%da" % r, k)
            net.conv("res%db" % r, k, k, 3, bias=False)
            net.batch_norm("res%db_bn" % r, k, decay, eps)
        net.conv("body", k, k, 3, bias=False)
        net.batch_norm("body_bn", k, decay, eps)
        for s in range(1, stages + 1):
            net.conv("up%d" % s, k, 4 * k, 3, bias=True)
            self._prelu("up%d" % s, k)
        net.conv("out", k, c, 9, bias=True)

    def _prelu(self, name, c):
        self.net._learned(name + "_alpha_W", torch.full((c,), self.PRELU_INIT))

    def _conv(self, name, x, record, bn=False):
        x = self.net.apply_conv(name, x, 1, (self.net.p[name + "_W"].shape[-1] - 1) // 2)
        return self.net.apply_batch_norm(name + "_bn", x, record) if bn else x

    def _act(self, name, x):
        return F.prelu(x, self.net.p[name + "_alpha_W"])

    def __call__(self, lr, record=False):
        head = self._act("head", self._conv("head", lr, record))
        x = head
        for r in range(1, self.blocks + 1):
            inner = self._act("res%da" % r, self._conv("res%da" % r, x, record, bn=True))
            x = x + self._conv("res%db" % r, inner, record, bn=True)
        x = head + self._conv("body", x, record, bn=True)
        for s in range(1, self.stages + 1):
            x = self._act("up%d" % s, F.pixel_shuffle(self._conv("up%d" % s, x, record), 2))
        return torch.tanh(self._conv("out", x, record))


def srgan_discriminator_stages(stages, side, min_side=6):
    """SrganDiscriminator.stages: the config's, or as many stride-2 stages as keep the last map at least 6 px."""
    if stages > 0:
        return stages
    s = 0
    while (side + 1) // 2 >= min_side:
        side = (side + 1) // 2
        s += 1
    return max(1, s)


class SrganDiscriminator:
    """gan4j's SrganDiscriminator (Ledig et al. 2017, Figure 4): per stage s a stride-1 and a stride-2 conv3 (padding
    1) of width * min(8, 2^s) channels, each conv -> BN (not the very first) -> LeakyReLU; dense(denseWidth) ->
    LeakyReLU -> dense(1) logit. MultiLayerNetwork indices as names; the dense layer reads the NCHW map flattened."""

    def __init__(self, net, c, height, width_px, width, stages, dense_width, slope=0.2, decay=0.9, eps=1e-5):
        self.net, self.slope, self.plan = net, slope, []
        stages = srgan_discriminator_stages(stages, min(height, width_px))
        idx, c_in = 0, c
        for s in range(stages):
            ch = width * min(8, 1 << s)
            for stride, normed in ((1, s > 0), (2, True)):
                net.conv(str(idx), c_in, ch, 3, bias=not normed)
                bn = str(idx + 1) if normed else None
                if normed:
                    net.batch_norm(bn, ch, decay, eps)
                self.plan.append((str(idx), stride, bn))
                idx += 3 if normed else 2
                c_in = ch
        for _ in range(stages):
            height, width_px = (height + 1) // 2, (width_px + 1) // 2
        net.dense(idx, c_in * height * width_px, dense_width)
        self.hidden, self.out = str(idx), str(idx + 2)
        net.dense(idx + 2, dense_width, 1)

    def __call__(self, x, record=False):
        for conv, stride, bn in self.plan:
            x = self.net.apply_conv(conv, x, stride, 1)
            if bn is not None:
                x = self.net.apply_batch_norm(bn, x, record)
            x = F.leaky_relu(x, self.slope)
        h = F.leaky_relu(self.net.apply_dense(self.hidden, x.reshape(x.shape[0], -1)), self.slope)
        return self.net.apply_dense(self.out, h)


class ClassifierFeatures:
    """gan4j's shipped MNIST / Fashion-MNIST classifier (DomainClassifier: conv5x5 32 valid + ReLU, max-pool 2,
    conv5x5 64 valid + ReLU, max-pool 2, dense 128 + ReLU, ...) cut after one layer, as SRGAN's FeatureContentLoss
    uses it: "conv1" [32, 24, 24], "conv2" [64, 8, 8] (before its pooling) or "dense" [128]. Frozen: its parameters
    take no gradient, only the input does. Weights are whatever `net`'s generator draws, not the shipped ones."""

    LAST = {"conv1": 0, "conv2": 2, "dense": 4}

    def __init__(self, net, layer):
        self.net, self.last = net, self.LAST[layer]
        net.conv("0", 1, 32, 5)
        if self.last >= 2:
            net.conv("2", 32, 64, 5)
        if self.last >= 4:
            net.dense(4, 64 * 4 * 4, 128)
        for v in net.p.values():
            v.requires_grad_(False)

    def __call__(self, x):
        x = F.relu(self.net.apply_conv("0", x, 1, 0))
        if self.last == 0:
            return x
        x = F.relu(self.net.apply_conv("2", F.max_pool2d(x, 2), 1, 0))
        if self.last == 2:
            return x
        return F.relu(self.net.apply_dense("4", F.max_pool2d(x, 2).reshape(x.shape[0], -1)))

#!/usr/bin/env python3
"""Parameter counts and output shapes of the papers' networks, built in PyTorch independently of gan4j.

Run: OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/paper_architectures.py

Each network is written the way the papers' reference code writes it (junyanz/pytorch-CycleGAN-and-pix2pix
networks.py for U-Net-256, the PatchGAN and the ResNet generator; the DCGAN of Radford et al. 2015 at the paper's
1024 channels at 4x4). Where gan4j deliberately differs (named in each row), a twin with gan4j's choice is printed
too, and gan4j's tests (PaperArchitecturesTest) check their counts against the numbers printed here.
"""
import functools

import torch
import torch.nn as nn


def count(m):
    return sum(p.numel() for p in m.parameters())


# ---- DCGAN-64 (Radford et al. 2015, Figure 1): z 100 -> 4x4x1024 -> ... -> 64x64x3 -------------------------------
def dcgan_g(nz=100, ngf=128, nc=3, out_bias=True):
    return nn.Sequential(
        nn.ConvTranspose2d(nz, ngf * 8, 4, 1, 0, bias=False), nn.BatchNorm2d(ngf * 8), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf * 4), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf * 2), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf), nn.ReLU(True),
        nn.ConvTranspose2d(ngf, nc, 4, 2, 1, bias=out_bias), nn.Tanh())


def dcgan_d(ndf=128, nc=3, bias=True):
    return nn.Sequential(
        nn.Conv2d(nc, ndf, 4, 2, 1, bias=bias), nn.LeakyReLU(0.2, True),
        nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 2), nn.LeakyReLU(0.2, True),
        nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 4), nn.LeakyReLU(0.2, True),
        nn.Conv2d(ndf * 4, ndf * 8, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 8), nn.LeakyReLU(0.2, True),
        nn.Conv2d(ndf * 8, 1, 4, 1, 0, bias=bias))


# ---- U-Net-256 (junyanz networks.py UnetGenerator / UnetSkipConnectionBlock, num_downs = 8) ------------------------
class UnetBlock(nn.Module):
    def __init__(self, outer_nc, inner_nc, input_nc=None, submodule=None, outermost=False, innermost=False,
                 norm_layer=nn.BatchNorm2d, use_dropout=False):
        super().__init__()
        self.outermost = outermost
        use_bias = norm_layer.func == nn.InstanceNorm2d if isinstance(norm_layer, functools.partial) \
            else norm_layer == nn.InstanceNorm2d
        input_nc = outer_nc if input_nc is None else input_nc
        downconv = nn.Conv2d(input_nc, inner_nc, 4, 2, 1, bias=use_bias)
        downrelu, downnorm = nn.LeakyReLU(0.2, True), norm_layer(inner_nc)
        uprelu, upnorm = nn.ReLU(True), norm_layer(outer_nc)
        if outermost:
            upconv = nn.ConvTranspose2d(inner_nc * 2, outer_nc, 4, 2, 1)
            model = [downconv, submodule, uprelu, upconv, nn.Tanh()]
        elif innermost:
            upconv = nn.ConvTranspose2d(inner_nc, outer_nc, 4, 2, 1, bias=use_bias)
            model = [downrelu, downconv, uprelu, upconv, upnorm]
        else:
            upconv = nn.ConvTranspose2d(inner_nc * 2, outer_nc, 4, 2, 1, bias=use_bias)
            model = [downrelu, downconv, downnorm, submodule, uprelu, upconv, upnorm]
            if use_dropout:
                model += [nn.Dropout(0.5)]
        self.model = nn.Sequential(*model)

    def forward(self, x):
        return self.model(x) if self.outermost else torch.cat([x, self.model(x)], 1)


def unet(input_nc=3, output_nc=3, num_downs=8, ngf=64, norm_layer=nn.BatchNorm2d, use_dropout=True):
    b = UnetBlock(ngf * 8, ngf * 8, norm_layer=norm_layer, innermost=True)
    for _ in range(num_downs - 5):
        b = UnetBlock(ngf * 8, ngf * 8, submodule=b, norm_layer=norm_layer, use_dropout=use_dropout)
    b = UnetBlock(ngf * 4, ngf * 8, submodule=b, norm_layer=norm_layer)
    b = UnetBlock(ngf * 2, ngf * 4, submodule=b, norm_layer=norm_layer)
    b = UnetBlock(ngf, ngf * 2, submodule=b, norm_layer=norm_layer)
    return UnetBlock(output_nc, ngf, input_nc=input_nc, submodule=b, outermost=True, norm_layer=norm_layer)


# ---- 70x70 PatchGAN (junyanz NLayerDiscriminator, n_layers = 3) -----------------------------------------------------
def patchgan(input_nc, ndf=64, n_layers=3, norm_layer=nn.BatchNorm2d, use_bias=None):
    if use_bias is None:
        use_bias = norm_layer.func == nn.InstanceNorm2d if isinstance(norm_layer, functools.partial) \
            else norm_layer == nn.InstanceNorm2d
    seq = [nn.Conv2d(input_nc, ndf, 4, 2, 1), nn.LeakyReLU(0.2, True)]
    mult = 1
    for n in range(1, n_layers):
        prev, mult = mult, min(2 ** n, 8)
        seq += [nn.Conv2d(ndf * prev, ndf * mult, 4, 2, 1, bias=use_bias), norm_layer(ndf * mult), nn.LeakyReLU(0.2, True)]
    prev, mult = mult, min(2 ** n_layers, 8)
    seq += [nn.Conv2d(ndf * prev, ndf * mult, 4, 1, 1, bias=use_bias), norm_layer(ndf * mult), nn.LeakyReLU(0.2, True)]
    seq += [nn.Conv2d(ndf * mult, 1, 4, 1, 1)]
    return nn.Sequential(*seq)


def receptive_field(net):
    """Side of the input patch that output pixel (0, 0) depends on, found by back-propagating from it."""
    x = torch.zeros(1, net[0].in_channels, 256, 256, requires_grad=True)
    net.eval()
    for m in net.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.constant_(m.weight, 0.01)
    y = net(x)
    y[0, 0, 10, 10].backward()
    nz = (x.grad[0].abs().sum(0) > 0).nonzero()
    return int(nz[:, 0].max() - nz[:, 0].min() + 1), int(nz[:, 1].max() - nz[:, 1].min() + 1)


# ---- ResNet-9 generator (junyanz ResnetGenerator, n_blocks = 9) -----------------------------------------------------
def resnet(input_nc=3, output_nc=3, ngf=64, n_blocks=9, norm_layer=None, use_bias=True):
    if norm_layer is None:
        norm_layer = functools.partial(nn.InstanceNorm2d, affine=False, track_running_stats=False)
    m = [nn.ReflectionPad2d(3), nn.Conv2d(input_nc, ngf, 7, padding=0, bias=use_bias), norm_layer(ngf), nn.ReLU(True)]
    for i in range(2):
        mult = 2 ** i
        m += [nn.Conv2d(ngf * mult, ngf * mult * 2, 3, 2, 1, bias=use_bias), norm_layer(ngf * mult * 2), nn.ReLU(True)]
    dim = ngf * 4

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.b = nn.Sequential(nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3, bias=use_bias), norm_layer(dim),
                                   nn.ReLU(True), nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3, bias=use_bias),
                                   norm_layer(dim))

        def forward(self, x):
            return x + self.b(x)

    m += [Block() for _ in range(n_blocks)]
    for i in range(2):
        mult = 2 ** (2 - i)
        m += [nn.ConvTranspose2d(ngf * mult, ngf * mult // 2, 3, 2, 1, output_padding=1, bias=use_bias),
              norm_layer(ngf * mult // 2), nn.ReLU(True)]
    m += [nn.ReflectionPad2d(3), nn.Conv2d(ngf, output_nc, 7, padding=0), nn.Tanh()]
    return nn.Sequential(*m)


def row(name, net, shape):
    with torch.no_grad():
        net.eval()
        out = net(torch.zeros(*shape))
    print(f"{name:70s} {count(net):>11,d}  {tuple(shape)} -> {tuple(out.shape)}")


if __name__ == "__main__":
    torch.manual_seed(0)
    affine_in = functools.partial(nn.InstanceNorm2d, affine=True)
    print(f"{'network':70s} {'parameters':>11s}  shapes")
    row("DCGAN-64 G, 1024 at 4x4, bias only on the output layer (gan4j)", dcgan_g(), (2, 100, 1, 1))
    row("DCGAN-64 G, 1024 at 4x4, no bias anywhere (Radford's code)", dcgan_g(out_bias=False), (2, 100, 1, 1))
    row("DCGAN-64 D, from 128 at 32x32, bias on first and last conv (gan4j)", dcgan_d(), (2, 3, 64, 64))
    row("DCGAN-64 D, from 128 at 32x32, no bias anywhere (Radford's code)", dcgan_d(bias=False), (2, 3, 64, 64))
    row("U-Net-256, batch norm, dropout (pix2pix reference = gan4j)", unet(), (1, 3, 256, 256))
    row("70x70 PatchGAN, 6 input channels, batch norm (pix2pix reference = gan4j)", patchgan(6), (1, 6, 256, 256))
    row("70x70 PatchGAN, 3 inputs, instance norm affine=False + conv bias (reference)",
        patchgan(3, norm_layer=functools.partial(nn.InstanceNorm2d, affine=False, track_running_stats=False)),
        (1, 3, 256, 256))
    row("70x70 PatchGAN, 3 inputs, instance norm affine=True, no conv bias (gan4j)",
        patchgan(3, norm_layer=affine_in, use_bias=False), (1, 3, 256, 256))
    row("ResNet-9, instance norm affine=False + conv bias (CycleGAN reference)", resnet(), (1, 3, 256, 256))
    row("ResNet-9, instance norm affine=True, no conv bias (gan4j)", resnet(norm_layer=affine_in, use_bias=False),
        (1, 3, 256, 256))
    print("70x70 PatchGAN receptive field of one logit:", receptive_field(patchgan(6)))

"""Writes src/test/resources/fixtures/bicubic-torch.json: PyTorch's bicubic up-sampling of small fixed images, the
reference BicubicFixtureTest compares gan-srgan's Resampling.bicubicUp against.

Run with /usr/bin/python3 (torch 1.13) from gan-srgan/: python3 scripts/bicubic_fixture.py
torch.nn.functional.interpolate(mode="bicubic", align_corners=False) uses Keys' kernel with a = -0.75.
"""
import json

import torch
import torch.nn.functional as F

cases = []
g = torch.Generator().manual_seed(23)
for (n, c, h, w, f) in [(1, 1, 3, 4, 4), (2, 3, 5, 5, 2), (1, 1, 7, 7, 4)]:
    x = (torch.rand(n, c, h, w, generator=g, dtype=torch.float64) * 2 - 1)
    y = F.interpolate(x, scale_factor=f, mode="bicubic", align_corners=False)
    cases.append({"factor": f, "shape": list(x.shape), "input": x.flatten().tolist(),
                  "output_shape": list(y.shape), "output": y.flatten().tolist()})
with open("src/test/resources/fixtures/bicubic-torch.json", "w") as out:
    json.dump({"torch": torch.__version__, "a": -0.75, "cases": cases}, out)
print("wrote", len(cases), "cases with torch", torch.__version__)

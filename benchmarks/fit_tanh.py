#!/usr/bin/env python3
"""Fits the rational tanh of gan-core's FloatTanh and prints its coefficients (numpy only).

tanh(x) ~ x*P(x^2)/Q(x^2) on [0, 9.1], P(0) = Q(0) = 1 (so the result is x near 0), P of degree 5 and Q of degree 4
in x^2. The fit is linearised least squares of x*P - tanh*Q weighted by 1/tanh (relative error), reweighted towards
its worst points (Lawson's iteration) to approach the minimax fit. Run: /usr/bin/python3 benchmarks/fit_tanh.py
"""
import numpy as np

X_MAX = 9.1  # float tanh(x) rounds to 1 above ~9.01


def fit(m=5, n=4, iterations=200):
    x = np.concatenate([np.linspace(1e-3, 1, 4000), np.linspace(1, X_MAX, 12000)])
    y = np.tanh(x)
    scale = X_MAX ** 2  # the fit runs on u = x^2 / scale in [0, 1] for conditioning
    u = x * x / scale
    a = np.hstack([np.stack([x * u ** i for i in range(1, m + 1)], 1),
                   np.stack([-y * u ** j for j in range(1, n + 1)], 1)])
    b = y - x
    w = np.ones_like(x)
    best = None
    for _ in range(iterations):
        weights = w / y
        c, *_ = np.linalg.lstsq(a * weights[:, None], b * weights, rcond=None)
        p = 1 + sum(c[i - 1] * u ** i for i in range(1, m + 1))
        q = 1 + sum(c[m + j - 1] * u ** j for j in range(1, n + 1))
        err = np.abs(x * p / q - y) / y
        if best is None or err.max() < best[0]:
            best = (err.max(), c.copy())
        w = w * np.sqrt(err / err.max()) + 1e-12
        w /= w.max()
    worst, c = best
    return worst, [c[i - 1] / scale ** i for i in range(1, m + 1)], [c[m + j - 1] / scale ** j for j in range(1, n + 1)]


def main():
    worst, p, q = fit()
    x = np.linspace(0, X_MAX, 2_000_001)[1:]
    t = x * x
    r = x * (1 + sum(c * t ** (i + 1) for i, c in enumerate(p))) / (1 + sum(c * t ** (i + 1) for i, c in enumerate(q)))
    print("max relative error on the fit's points %.3g, on a 2M-point grid %.3g; R(%.1f) - 1 = %.3g; increasing: %s"
          % (worst, np.max(np.abs(r - np.tanh(x)) / np.tanh(x)), X_MAX, r[-1] - 1, bool(np.all(np.diff(r) >= 0))))
    for i, c in enumerate(p, 1):
        print("P%d = %r" % (i, float(c)))
    for j, c in enumerate(q, 1):
        print("Q%d = %r" % (j, float(c)))


if __name__ == "__main__":
    main()

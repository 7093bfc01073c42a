"""Training throughput of pytidy's TabNet engine vs pytorch-tabnet 4.1.0 at TabNet-S settings.

Data: a HIGGS-shaped generated set (28 float32 features, a two-class outcome that depends on a
few of them). Settings: decision_width 24, attention_width 26, num_steps 5, feature_reusage 1.5,
momentum 0.4 (torch convention; the paper's m_B 0.6), batch 16384, virtual batch 512, penalty 1e-6,
learn_rate 0.02. Both libraries train the same number of epochs on the same rows with the same
torch thread count; the figure is training rows per second (rows x epochs / seconds, best of the
timed epochs). If pytorch-tabnet is not installed, the stored peer figure (34,000 rows/s on a
2-core machine, shared/reference/tabnet.md) is reported instead and marked as such.

Run: ``python benchmarks/tabnet_vs_pytorch_tabnet.py [n_rows] [epochs]`` (default 200000 2).
Writes ``benchmarks/results/tabnet_vs_pytorch_tabnet.json``.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import torch

from pytidy.engines.tabnet import fit_tabnet

STORED_PEER_ROWS_PER_S = 34_000
SETTINGS = dict(decision_width=24, attention_width=26, num_steps=5, feature_reusage=1.5, momentum=0.4,
                batch_size=16384, virtual_batch_size=512, penalty=1e-6, learn_rate=0.02)


def make_data(n: int, seed: int = 0) -> tuple[pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 28)).astype(np.float32)
    x[:, 21:] = np.abs(x[:, 21:]) + 0.5  # mass-like positive columns, as in HIGGS
    logit = 0.8 * x[:, 0] - 0.6 * x[:, 5] * x[:, 9] + 0.5 * np.log(x[:, 25]) + 0.3 * x[:, 12] ** 2 - 0.3
    y = np.where(rng.random(n) < 1 / (1 + np.exp(-logit)), "1", "0")
    cols = [f"x{i:02d}" for i in range(28)]
    return pd.DataFrame(x, columns=cols), pd.Series(pd.Categorical(y, categories=["1", "0"]), name="class")


def bench_pytidy(x, y, epochs: int) -> dict:
    times: list[float] = []
    last = [time.perf_counter()]

    # time each epoch through the history callback hook of the training loop
    from pytidy.engines.tabnet import train as train_mod

    orig = train_mod._fit_loop

    def timed_loop(config, network, tensors, device, seed, callbacks):
        def cb(epoch, logs):
            now = time.perf_counter()
            times.append(now - last[0])
            last[0] = now

        last[0] = time.perf_counter()
        return orig(config, network, tensors, device, seed, [*callbacks, cb])

    train_mod._fit_loop = timed_loop
    try:
        t0 = time.perf_counter()
        fit = fit_tabnet(x, y, seed=1, epochs=epochs, skip_importance=True, **SETTINGS)
        total = time.perf_counter() - t0
    finally:
        train_mod._fit_loop = orig
    t0 = time.perf_counter()
    fit.predict_proba(x.iloc[:50_000])
    predict_s = time.perf_counter() - t0
    return {"epoch_seconds": times, "total_seconds": total, "rows_per_s": len(x) / min(times),
            "predict_50k_s": predict_s, "final_loss": float(fit.history["loss"].iloc[-1])}


def bench_peer(x, y, epochs: int) -> dict | None:
    try:
        from pytorch_tabnet.callbacks import Callback
        from pytorch_tabnet.tab_model import TabNetClassifier
    except ImportError:
        return None
    times: list[float] = []

    class Timer(Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.t = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            times.append(time.perf_counter() - self.t)

    clf = TabNetClassifier(n_d=24, n_a=26, n_steps=5, gamma=1.5, momentum=0.4, lambda_sparse=1e-6, seed=1,
                           optimizer_params={"lr": 0.02}, verbose=0)
    xn, yn = x.to_numpy(), y.astype(str).to_numpy()
    t0 = time.perf_counter()
    clf.fit(xn, yn, max_epochs=epochs, batch_size=16384, virtual_batch_size=512, callbacks=[Timer()],
            drop_last=False, compute_importance=False)
    total = time.perf_counter() - t0
    t0 = time.perf_counter()
    clf.predict_proba(xn[:50_000])
    predict_s = time.perf_counter() - t0
    n_params = sum(p.numel() for p in clf.network.parameters())
    return {"epoch_seconds": times, "total_seconds": total, "rows_per_s": len(x) / min(times),
            "predict_50k_s": predict_s, "n_parameters": n_params}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    x, y = make_data(n)
    ours = bench_pytidy(x, y, epochs)
    peer = bench_peer(x, y, epochs)
    peer_rate = peer["rows_per_s"] if peer else STORED_PEER_ROWS_PER_S
    result = {
        "rows": n, "epochs": epochs, "settings": SETTINGS, "torch": torch.__version__,
        "threads": torch.get_num_threads(), "machine": platform.processor() or platform.machine(),
        "pytidy": ours, "pytorch_tabnet": peer,
        "peer_source": "measured in this run" if peer else "stored figure (reference/tabnet.md), not measured",
        "speedup": ours["rows_per_s"] / peer_rate,
    }
    rows = [("pytidy (torch engine)", ours), ("pytorch-tabnet 4.1.0", peer)]
    print(f"TabNet-S, {n:,} rows x {epochs} epochs, batch 16384 / virtual 512, {torch.get_num_threads()} threads")
    print(f"{'library':<24}{'rows/s':>10}{'s/epoch':>10}{'predict 50k (s)':>17}")
    for name, r in rows:
        if r is None:
            print(f"{name:<24}{STORED_PEER_ROWS_PER_S:>10,}{'':>10}{'':>17}  (stored figure)")
        else:
            print(f"{name:<24}{r['rows_per_s']:>10,.0f}{min(r['epoch_seconds']):>10.2f}{r['predict_50k_s']:>17.2f}")
    print(f"speed-up: {result['speedup']:.2f}x ({result['peer_source']})")
    out = Path(__file__).parent / "results" / "tabnet_vs_pytorch_tabnet.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

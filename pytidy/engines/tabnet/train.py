"""TabNet's training loop: one pure function, ``(config, tensors, callbacks) -> (state_dict, history)``.

R: mlverse/tabnet ``R/model.R`` (``tabnet_train_supervised``, ``train_batch``, ``valid_batch``).
Batches come from indexing one tensor with a permutation drawn from a ``torch.Generator`` seeded
from ``seed`` (no per-row ``Dataset``), and the global torch RNG is left as it was
(``torch.random.fork_rng``): the same seed gives bit-identical weights on the CPU.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import torch
from tqdm.auto import tqdm
import torch.nn.functional as F
from attrs import frozen

from .model import TabNetNetwork

__all__ = ["NetworkArgs", "TrainConfig", "train_tabnet", "build_network", "resolve_device"]

logger = logging.getLogger(__name__)

EpochCallback = Callable[[int, dict[str, float]], Any]


@frozen
class NetworkArgs:
    """What is needed to rebuild the network (saved with the fitted model)."""

    input_dim: int
    output_dim: int
    n_d: int
    n_a: int
    n_steps: int
    gamma: float
    cat_idxs: tuple[int, ...]
    cat_dims: tuple[int, ...]
    cat_emb_dim: tuple[int, ...]
    n_independent: int
    n_shared: int
    virtual_batch_size: int
    momentum: float
    mask_type: str


@frozen
class TrainConfig:
    """The training options of ``tabnet_config()`` the loop uses (R names, resolved values)."""

    epochs: int
    batch_size: int
    penalty: float
    learn_rate: float
    loss: str  # "mse" or "cross_entropy"
    clip_value: float | None = None
    drop_last: bool = False
    lr_scheduler: str | None = None
    lr_decay: float = 0.1
    step_size: int = 30
    checkpoint_epochs: int = 10
    early_stopping_monitor: str = "train_loss"
    early_stopping_tolerance: float = 0.0
    early_stopping_patience: int = 0
    verbose: bool = False
    device: str = "cpu"


def resolve_device(device: str) -> str:
    """``"auto"`` -> ``"cuda"`` when available, else ``"cpu"`` (R: ``get_device_from_config``)."""
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return device


def build_network(args: NetworkArgs) -> TabNetNetwork:
    """A fresh network from its saved arguments (weights drawn from the current torch RNG)."""
    return TabNetNetwork(
        args.input_dim, args.output_dim, n_d=args.n_d, n_a=args.n_a, n_steps=args.n_steps, gamma=args.gamma,
        cat_idxs=args.cat_idxs, cat_dims=args.cat_dims, cat_emb_dim=list(args.cat_emb_dim),
        n_independent=args.n_independent, n_shared=args.n_shared, virtual_batch_size=args.virtual_batch_size,
        momentum=args.momentum, mask_type=args.mask_type,
    )


def _task_loss(kind: str, out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    if kind == "cross_entropy":
        return F.cross_entropy(out, y)
    return F.mse_loss(out, y)


def _batches(n: int, batch_size: int, drop_last: bool, gen: torch.Generator) -> list[torch.Tensor]:
    perm = torch.randperm(n, generator=gen)
    batches = list(torch.split(perm, batch_size))
    # drop_last never drops the only batch (pytorch-tabnet #537: a loss of 0 on small sets)
    if drop_last and len(batches) > 1 and batches[-1].numel() < batch_size:
        batches.pop()
    return batches


def _progress(total: int, epoch: int, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=f"epoch {epoch}", leave=False, disable=not enabled, unit="batch")


def train_tabnet(
    config: TrainConfig,
    net_args: NetworkArgs,
    tensors: dict[str, torch.Tensor],
    *,
    seed: int,
    callbacks: Sequence[EpochCallback] = (),
) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """Train a TabNet network; return its CPU ``state_dict`` and the history.

    Parameters
    ----------
    config : TrainConfig
    net_args : NetworkArgs
    tensors : dict
        ``x`` (float, n x p; categorical codes as floats, NaN for missing) and ``y`` (int64 class
        codes, or float n x 1); optionally ``x_valid``/``y_valid``.
    seed : int
        Seeds the weight initialisation and the batch order.
    callbacks : sequence of callables
        Each is called after every epoch as ``cb(epoch, logs)`` with ``logs`` holding ``loss``
        (and ``valid_loss``); returning True stops training.

    Returns
    -------
    state_dict : dict of CPU tensors
    history : dict
        ``epoch``, ``loss`` [, ``valid_loss``] lists and ``checkpoints`` ({epoch: state_dict}).

    Examples
    --------
    >>> x = torch.randn(64, 3, generator=torch.Generator().manual_seed(0))
    >>> y = (x[:, 0] > 0).long()
    >>> args = NetworkArgs(3, 2, 4, 4, 2, 1.3, (), (), (), 1, 1, 32, 0.02, "sparsemax")
    >>> cfg = TrainConfig(epochs=2, batch_size=32, penalty=1e-3, learn_rate=0.02, loss="cross_entropy")
    >>> state, hist = train_tabnet(cfg, args, {"x": x, "y": y}, seed=1)
    >>> hist["epoch"]
    [1, 2]
    """
    device = torch.device(config.device)
    fork_devices = [torch.cuda.current_device()] if device.type == "cuda" else []
    with torch.random.fork_rng(devices=fork_devices):
        torch.manual_seed(seed)
        network = build_network(net_args).to(device)
        return _fit_loop(config, network, tensors, device, seed, callbacks)


def _fit_loop(config: TrainConfig, network: TabNetNetwork, tensors: dict[str, torch.Tensor],
              device: torch.device, seed: int, callbacks: Sequence[EpochCallback]):
    gen = torch.Generator().manual_seed(seed)
    x = tensors["x"].to(device)
    y = tensors["y"].to(device)
    has_valid = "x_valid" in tensors
    if has_valid:
        xv, yv = tensors["x_valid"].to(device), tensors["y_valid"].to(device)
    n = x.shape[0]
    batch_size = min(config.batch_size, n)
    optimizer = torch.optim.Adam(network.parameters(), lr=config.learn_rate)
    scheduler: Any = None
    if config.lr_scheduler == "step":
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=config.step_size, gamma=config.lr_decay)
    elif config.lr_scheduler == "reduce_on_plateau":
        scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=config.lr_decay,
                                                               patience=config.step_size)
    early = config.early_stopping_tolerance != 0 and config.early_stopping_patience != 0
    history: dict[str, Any] = {"epoch": [], "loss": [], "checkpoints": {}}
    if has_valid:
        history["valid_loss"] = []
    best = math.inf
    patience = 0
    for epoch in range(1, config.epochs + 1):
        network.train()
        batches = _batches(n, batch_size, config.drop_last, gen)
        losses: list[float] = []
        with _progress(len(batches), epoch, config.verbose) as bar:
            for idx in batches:
                idx = idx.to(device)
                out, m_loss = network(x.index_select(0, idx))
                loss = _task_loss(config.loss, out, y.index_select(0, idx)) - config.penalty * m_loss
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                if config.clip_value is not None:  # R clips the gradient norm
                    torch.nn.utils.clip_grad_norm_(network.parameters(), config.clip_value)
                optimizer.step()
                value = float(loss.detach())
                losses.append(value)
                bar.set_postfix(loss=f"{value:.4f}", refresh=False)
                bar.update(1)
        logs = {"loss": float(np.mean(losses))}  # R: the mean of the batch losses
        if has_valid:
            logs["valid_loss"] = _evaluate(network, xv, yv, config)
            history["valid_loss"].append(logs["valid_loss"])
        history["epoch"].append(epoch)
        history["loss"].append(logs["loss"])
        if config.checkpoint_epochs > 0 and epoch % config.checkpoint_epochs == 0:
            history["checkpoints"][epoch] = _cpu_state(network)
        if config.verbose:
            msg = f"[Epoch {epoch:03d}] Loss: {logs['loss']:.6f}"
            if has_valid:
                msg += f" Valid loss: {logs['valid_loss']:.6f}"
            # Shown whether or not the caller configured logging (R prints it with verbose = TRUE).
            tqdm.write(msg)
            logger.debug(msg)
        stop = any(bool(cb(epoch, dict(logs))) for cb in callbacks)
        current = logs["valid_loss"] if config.early_stopping_monitor == "valid_loss" and has_valid else logs["loss"]
        if early:
            # R: relative change against the best so far; the best weights are not restored
            if epoch == 1:
                best = current
            elif (current - best) / current > config.early_stopping_tolerance:
                patience += 1
                if patience >= config.early_stopping_patience:
                    logger.info("Early stopping at epoch %d", epoch)
                    stop = True
            else:
                best, patience = current, 0
        if scheduler is not None:
            if isinstance(scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
                scheduler.step(current)
            else:
                scheduler.step()
        if stop:
            break
    return _cpu_state(network), history


def _cpu_state(network: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().to("cpu", copy=True) for k, v in network.state_dict().items()}


@torch.no_grad()
def _evaluate(network: TabNetNetwork, x: torch.Tensor, y: torch.Tensor, config: TrainConfig) -> float:
    """Mean validation loss (task loss minus the sparsity term, as R's ``valid_batch``)."""
    network.eval()
    total = 0.0
    for start in range(0, x.shape[0], config.batch_size):
        xb, yb = x[start:start + config.batch_size], y[start:start + config.batch_size]
        out, m_loss = network(xb)
        total += float(_task_loss(config.loss, out, yb) - config.penalty * m_loss) * xb.shape[0]
    network.train()
    return total / max(x.shape[0], 1)


def as_numpy(t: torch.Tensor) -> np.ndarray:
    """Detach to a CPU numpy array."""
    return t.detach().to("cpu").numpy()

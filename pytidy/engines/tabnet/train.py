"""TabNet's training loop, shared with the ``mlp`` torch engine.

R: mlverse/tabnet ``R/model.R`` (``tabnet_train_supervised``, ``tabnet_train_unsupervised``,
``train_batch``, ``valid_batch``). One loop, :func:`run_training`, drives any network through a
loss closure: the optimizer (Adam or a user function), gradient clipping, the learning-rate
schedule, validation, checkpoints, early stopping (restoring the best weights) and the non-finite
loss check live here once.

Randomness: every fit owns a ``torch.Generator`` seeded from its seed. The initial weights (see
``model.init_generator``), the batch order, the pretraining masks and the validation split all
draw from generators of their own; the process-global torch RNG is never read nor changed, so two
threads fitting with one seed get the same weights bit for bit on the CPU.
"""

from __future__ import annotations

import copy
import functools
import logging
import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from attrs import frozen

from ...errors import PytidyError
from .model import TabNetNetwork, TabNetPretrainNetwork, init_generator

__all__ = [
    "NetworkArgs", "TrainConfig", "train_tabnet", "build_network", "resolve_device", "run_training",
    "TrainingDivergedError", "tabnet_task_loss",
]  # fmt: skip

logger = logging.getLogger(__name__)

EpochCallback = Callable[[int, dict[str, float]], Any]
#: ``loss_fn(network, batch, training) -> scalar tensor``; ``batch`` holds the rows' tensors.
LossFn = Callable[[torch.nn.Module, dict[str, torch.Tensor], bool], torch.Tensor]


class TrainingDivergedError(PytidyError, FloatingPointError):
    """The training loss became NaN or infinite: training stopped at that epoch."""


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
    mask_topk: int | None = None
    pretrain: bool = False
    n_independent_decoder: int = 1
    n_shared_decoder: int = 1


@frozen
class TrainConfig:
    """The training options of ``tabnet_config()`` the loop uses (R names, resolved values).

    ``optimizer`` is ``"adam"`` or a function ``optimizer(params, lr=learn_rate)`` returning a
    ``torch.optim.Optimizer`` (R: a ``torch::optim_*`` generator). ``lr_scheduler`` is None,
    ``"step"``, ``"reduce_on_plateau"`` or a function ``lr_scheduler(optimizer)`` returning a
    scheduler stepped once per epoch (R: the same three forms). ``loss`` is only used by
    :func:`train_tabnet`: ``"mse"``, ``"cross_entropy"`` or a function ``loss(output, target)``.
    """

    epochs: int
    batch_size: int
    penalty: float
    learn_rate: float
    loss: Any = "mse"
    clip_value: float | None = None
    drop_last: bool = False
    lr_scheduler: Any = None
    lr_decay: float = 0.1
    step_size: int = 30
    checkpoint_epochs: int = 10
    early_stopping_monitor: str = "train_loss"
    early_stopping_tolerance: float = 0.0
    early_stopping_patience: int = 0
    verbose: bool = False
    device: str = "cpu"
    optimizer: Any = "adam"
    weight_decay: float = 0.0
    heads: tuple[int, ...] = ()  # several categorical outcomes: each head's number of levels
    num_workers: int = 0  # R: the data loader's worker processes


def resolve_device(device: str) -> str:
    """``"auto"`` -> ``"cuda"``, then ``"mps"``, then ``"cpu"`` (R: ``get_device_from_config``).

    Examples
    --------
    >>> resolve_device("cpu")
    'cpu'
    """
    if device == "auto":
        if torch.cuda.is_available():
            return "cuda"
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            return "mps"
        return "cpu"
    return device


def build_network(args: NetworkArgs, generator: torch.Generator | None = None) -> torch.nn.Module:
    """A fresh network from its saved arguments, its initial weights drawn from ``generator``."""
    gen = generator if generator is not None else torch.Generator().manual_seed(0)
    common: dict[str, Any] = dict(
        n_d=args.n_d, n_a=args.n_a, n_steps=args.n_steps, gamma=args.gamma, cat_idxs=args.cat_idxs,
        cat_dims=args.cat_dims, cat_emb_dim=list(args.cat_emb_dim), n_independent=args.n_independent,
        n_shared=args.n_shared, virtual_batch_size=args.virtual_batch_size, momentum=args.momentum,
        mask_type=args.mask_type, mask_topk=args.mask_topk,
    )
    with init_generator(gen):
        if args.pretrain:
            return TabNetPretrainNetwork(args.input_dim, n_independent_decoder=args.n_independent_decoder,
                                         n_shared_decoder=args.n_shared_decoder, **common)
        return TabNetNetwork(args.input_dim, args.output_dim, **common)


def tabnet_task_loss(kind: Any, out: torch.Tensor, y: torch.Tensor, w: torch.Tensor | None = None,
                     heads: Sequence[int] = ()) -> torch.Tensor:
    """The task loss: cross-entropy, mean squared error, or a user function ``kind(out, y)``.

    With case weights ``w`` the per-row losses are averaged with those weights,
    ``sum(w * loss) / sum(w)`` (R: ``importance_weights`` in tidymodels 1.x). With ``heads``
    (several categorical outcomes, ``y`` of shape (n, k)), ``out``'s columns are split into heads
    of those widths and the heads' cross-entropies are summed (R: ``torch_split`` and a sum).

    Examples
    --------
    >>> out = torch.tensor([[1.0], [3.0]])
    >>> float(tabnet_task_loss("mse", out, torch.tensor([[0.0], [0.0]]), torch.tensor([1.0, 3.0])))
    7.0
    """
    if callable(kind):
        return kind(out, y)
    if kind == "cross_entropy" and heads:
        parts = torch.split(out, list(heads), dim=1)
        per_row = F.cross_entropy(parts[0], y[:, 0], reduction="none")
        for j in range(1, len(parts)):
            per_row = per_row + F.cross_entropy(parts[j], y[:, j], reduction="none")
    elif kind == "cross_entropy":
        per_row = F.cross_entropy(out, y, reduction="none")
    else:
        per_row = F.mse_loss(out, y, reduction="none").mean(dim=1)
    if w is None:
        return per_row.mean()
    return (per_row * w).sum() / w.sum()


def _batches(n: int, batch_size: int, drop_last: bool, gen: torch.Generator) -> list[torch.Tensor]:
    perm = torch.randperm(n, generator=gen)
    batches = list(torch.split(perm, batch_size))
    # drop_last never drops the only batch (pytorch-tabnet #537: a loss of 0 on small sets)
    if drop_last and len(batches) > 1 and batches[-1].numel() < batch_size:
        batches.pop()
    return batches


def _gather(tensors: dict[str, torch.Tensor], idx: torch.Tensor) -> dict[str, torch.Tensor]:
    """The rows ``idx`` of every tensor: one batch."""
    return {k: v.index_select(0, idx) for k, v in tensors.items()}


class _Rows(torch.utils.data.Dataset):
    """The training tensors, gathered one batch of rows at a time (in data-loader worker processes)."""

    def __init__(self, tensors: dict[str, torch.Tensor]) -> None:
        self.tensors = tensors

    def __len__(self) -> int:
        return int(next(iter(self.tensors.values())).shape[0])

    def __getitems__(self, rows: list[int]) -> dict[str, torch.Tensor]:
        return _gather(self.tensors, torch.as_tensor(rows, dtype=torch.long))

    def __getitem__(self, row: int) -> dict[str, torch.Tensor]:
        return self.__getitems__([row])


class _EpochBatches(torch.utils.data.Sampler):
    """The current epoch's batches of row indices (set before each epoch) as a batch sampler."""

    def __init__(self) -> None:
        self.batches: list[torch.Tensor] = []

    def __iter__(self) -> Iterator[list[int]]:
        return (b.tolist() for b in self.batches)

    def __len__(self) -> int:
        return len(self.batches)


def _as_gathered(batch: Any) -> Any:
    """The data loader's ``collate_fn``: ``_Rows.__getitems__`` already made the batch."""
    return batch


class _BatchSource:
    """Batches of the training tensors on ``device``, in the order of the epoch's index batches.

    With ``num_workers=0`` a batch is an ``index_select`` of tensors already on the device, in this
    process. With ``num_workers > 0`` (R: the data loader's workers) a torch ``DataLoader`` gathers
    each batch in one of that many worker processes, kept for the whole fit; the batches and their
    order are the same, so the fit is the same, bit for bit. In-memory batches are cheap to gather,
    so workers do not make training faster here.
    """

    def __init__(self, train: dict[str, torch.Tensor], device: torch.device, num_workers: int) -> None:
        self.device = device
        self.loader = None
        if num_workers > 0:
            self.sampler = _EpochBatches()
            self.loader = torch.utils.data.DataLoader(
                _Rows({k: v.cpu() for k, v in train.items()}), batch_sampler=self.sampler,
                num_workers=num_workers, collate_fn=_as_gathered, persistent_workers=True,
                pin_memory=device.type == "cuda")
        else:
            self.train = {k: v.to(device) for k, v in train.items()}

    def epoch(self, batches: list[torch.Tensor]) -> Iterator[dict[str, torch.Tensor]]:
        if self.loader is None:
            for idx in batches:
                yield _gather(self.train, idx.to(self.device))
            return
        self.sampler.batches = batches
        for batch in self.loader:
            yield {k: v.to(self.device, non_blocking=True) for k, v in batch.items()}


def _progress(total: int, epoch: int, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=f"epoch {epoch}", leave=False, disable=not enabled, unit="batch")


def _make_optimizer(config: TrainConfig,
                    network: torch.nn.Module) -> tuple[torch.optim.Optimizer, Callable[[], object]]:
    """The optimizer and the function that clears the gradients before each backward pass."""
    if callable(config.optimizer):  # R: optimizer = torch::optim_sgd, called with (params, lr = learn_rate)
        opt = config.optimizer(network.parameters(), lr=config.learn_rate)
        if not isinstance(opt, torch.optim.Optimizer):
            raise PytidyError(f"`optimizer` must return a torch.optim.Optimizer when called as optimizer(params, "
                              f"lr=learn_rate); it returned a {type(opt).__name__}.")
        return opt, functools.partial(opt.zero_grad, set_to_none=True)
    params = [p for p in network.parameters() if p.requires_grad]
    if params and all(p.dtype == params[0].dtype and p.device == params[0].device for p in params):
        flat, grad = _flatten_parameters(params)
        return _adam([flat], config), grad.zero_
    opt = _adam(params, config)  # mixed dtypes or devices: Adam over the tensors themselves
    return opt, functools.partial(opt.zero_grad, set_to_none=True)


def _adam(params: list[torch.nn.Parameter], config: TrainConfig) -> torch.optim.Optimizer:
    try:  # torch's fused Adam: one kernel for all parameters (5x faster steps on the CPU, torch >= 2.4)
        return torch.optim.Adam(params, lr=config.learn_rate, weight_decay=config.weight_decay, fused=True)
    except (RuntimeError, TypeError, ValueError):  # an older torch or a device without the fused kernel
        return torch.optim.Adam(params, lr=config.learn_rate, weight_decay=config.weight_decay)


def _flatten_parameters(params: list[torch.nn.Parameter]) -> tuple[torch.nn.Parameter, torch.Tensor]:
    """Move every parameter, and its gradient, into one flat tensor of which it becomes a view.

    Adam is elementwise, so one Adam over the flat parameter is Adam over each (same arguments,
    one parameter group). TabNet has about 80 parameter tensors, and ``torch.optim.Adam`` walks
    them in Python every step (0.6 ms of a 25 ms step at batch 1024/128); over one tensor it does
    not, and clearing the gradients is one ``zero_``. Autograd adds each new gradient into the
    existing view in place, so the flat gradient is always complete.
    """
    total = sum(p.numel() for p in params)
    flat = torch.nn.Parameter(torch.empty(total, dtype=params[0].dtype, device=params[0].device))
    grad = torch.zeros_like(flat)
    offset = 0
    with torch.no_grad():
        for p in params:
            n = p.numel()
            flat[offset:offset + n].copy_(p.reshape(-1))
            p.data = flat.data[offset:offset + n].view_as(p)
            p.grad = grad[offset:offset + n].view_as(p)
            offset += n
    flat.grad = grad
    return flat, grad


def _make_scheduler(config: TrainConfig, optimizer: torch.optim.Optimizer) -> Any:
    if config.lr_scheduler is None:
        return None
    if callable(config.lr_scheduler):  # R: a function of the optimizer
        return config.lr_scheduler(optimizer)
    if config.lr_scheduler == "step":
        return torch.optim.lr_scheduler.StepLR(optimizer, step_size=config.step_size, gamma=config.lr_decay)
    return torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=config.lr_decay, patience=config.step_size)


def run_training(
    config: TrainConfig,
    network: torch.nn.Module,
    tensors: dict[str, torch.Tensor],
    loss_fn: LossFn,
    *,
    generator: torch.Generator,
    callbacks: Sequence[EpochCallback] = (),
    start_epoch: int = 0,
    what: str = "TabNet",
) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """Train ``network`` on ``tensors`` with ``loss_fn``; return the CPU ``state_dict`` and the history.

    Parameters
    ----------
    config : TrainConfig
    network : torch.nn.Module
        Already on ``config.device``.
    tensors : dict
        Training tensors with one row per observation (``x``, ``y``, optionally ``w`` case weights),
        and their validation counterparts with a ``_valid`` suffix. Batches index every training
        tensor with the same rows.
    loss_fn : callable
        ``loss_fn(network, batch, training)`` -> scalar loss tensor.
    generator : torch.Generator
        The batch order (and anything ``loss_fn`` draws) comes from it.
    callbacks : sequence of callables
        ``cb(epoch, logs)`` after each epoch; returning True stops training.
    start_epoch : int
        Epochs already trained (continued training numbers its epochs from here).

    Returns
    -------
    state_dict : dict of CPU tensors
    history : dict
        ``epoch``, ``loss``, ``lr`` [, ``valid_loss``] lists, ``checkpoints`` ({epoch: state_dict})
        and ``best_epoch`` (the epoch whose weights were restored by early stopping, else None).

    Raises
    ------
    TrainingDivergedError
        The training loss became NaN or infinite (a learning rate too large, say).
    """
    device = torch.device(config.device)
    train_names = [k for k in tensors if not k.endswith("_valid")]
    source = _BatchSource({k: tensors[k] for k in train_names}, device, config.num_workers)
    valid = {k[: -len("_valid")]: v.to(device) for k, v in tensors.items() if k.endswith("_valid")}
    n = tensors["x"].shape[0]
    batch_size = min(config.batch_size, n)
    optimizer, zero_grad = _make_optimizer(config, network)
    stepped = [p for group in optimizer.param_groups for p in group["params"]]
    scheduler = _make_scheduler(config, optimizer)
    early = config.early_stopping_tolerance != 0 and config.early_stopping_patience != 0
    history: dict[str, Any] = {"epoch": [], "loss": [], "lr": [], "checkpoints": {}, "best_epoch": None}
    if valid:
        history["valid_loss"] = []
    best, best_state, best_epoch, patience = math.inf, None, None, 0
    for epoch in range(start_epoch + 1, start_epoch + config.epochs + 1):
        network.train()
        batches = _batches(n, batch_size, config.drop_last, generator)
        lr_now = float(optimizer.param_groups[0]["lr"])
        total = 0.0
        with _progress(len(batches), epoch, config.verbose) as bar:
            for batch in source.epoch(batches):
                loss = loss_fn(network, batch, True)
                value = float(loss.detach())
                if not math.isfinite(value):
                    raise TrainingDivergedError(
                        f"{what} training diverged: the loss became {value} at epoch {epoch} (learn_rate "
                        f"{lr_now:g}). Lower `learn_rate`, set `clip_value`, or check the predictors' scale."
                    )
                zero_grad()
                loss.backward()
                if config.clip_value is not None:  # R clips the gradient norm
                    # the norm over every gradient; with the flat Adam one tensor holds them all
                    torch.nn.utils.clip_grad_norm_(stepped, config.clip_value)
                try:
                    optimizer.step()
                except RuntimeError as exc:  # Adam's own arithmetic overflows at learn_rate=1e38
                    raise TrainingDivergedError(
                        f"{what} training diverged: the optimizer step failed at epoch {epoch} (learn_rate "
                        f"{lr_now:g}): {exc}. Lower `learn_rate`."
                    ) from None  # the message carries torch's; tuning notes show this error, not torch's
                total += value
                bar.set_postfix(loss=f"{value:.4f}", refresh=False)
                bar.update(1)
        logs = {"loss": total / len(batches)}  # R: the mean of the batch losses
        if valid:
            logs["valid_loss"] = _evaluate(network, valid, loss_fn, config.batch_size)
            history["valid_loss"].append(logs["valid_loss"])
        history["epoch"].append(epoch)
        history["loss"].append(logs["loss"])
        history["lr"].append(lr_now)
        if config.checkpoint_epochs > 0 and epoch % config.checkpoint_epochs == 0:
            history["checkpoints"][epoch] = _cpu_state(network)
        if config.verbose:
            from tqdm.auto import tqdm

            msg = f"[Epoch {epoch:03d}] Loss: {logs['loss']:.6f}"
            if valid:
                msg += f" Valid loss: {logs['valid_loss']:.6f}"
            tqdm.write(msg)  # shown whether or not logging is configured (R prints it with verbose = TRUE)
            logger.debug(msg)
        stop = any(bool(cb(epoch, dict(logs))) for cb in callbacks)
        current = logs["valid_loss"] if config.early_stopping_monitor == "valid_loss" and valid else logs["loss"]
        if early:
            # R: relative change against the best so far. pytidy also restores the best weights when it
            # stops (as pytorch-tabnet does; R keeps the last ones).
            if best_state is None or not (current - best) / abs(current) > config.early_stopping_tolerance:
                best, best_epoch, patience = current, epoch, 0
                best_state = copy.deepcopy(network.state_dict())
            else:
                patience += 1
                if patience >= config.early_stopping_patience:
                    logger.info("Early stopping at epoch %d; restoring the weights of epoch %d", epoch, best_epoch)
                    network.load_state_dict(best_state)
                    history["best_epoch"] = best_epoch
                    stop = True
        if scheduler is not None:
            if isinstance(scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
                scheduler.step(current)
            else:
                scheduler.step()
        if stop:
            break
    return _cpu_state(network), history


def train_tabnet(
    config: TrainConfig,
    net_args: NetworkArgs,
    tensors: dict[str, torch.Tensor],
    *,
    seed: int,
    callbacks: Sequence[EpochCallback] = (),
    init_state: dict[str, torch.Tensor] | None = None,
    start_epoch: int = 0,
    pretraining_ratio: float = 0.5,
) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """Train a TabNet network (supervised, or self-supervised when ``net_args.pretrain``).

    Parameters
    ----------
    config : TrainConfig
    net_args : NetworkArgs
    tensors : dict
        ``x`` (float, n x p; categorical codes as floats, NaN for missing), ``y`` (int64 class
        codes, or float n x k; not needed for pretraining), optionally ``w`` (case weights) and
        ``x_valid``/``y_valid``/``w_valid``.
    seed : int
        Seeds the weight initialisation, the batch order and the pretraining masks.
    callbacks : sequence of callables
        ``cb(epoch, logs)`` after every epoch; returning True stops training.
    init_state : dict, optional
        Start from these weights (a warm start: ``tabnet_model=``/``from_epoch=``). Keys missing
        from it (a supervised head after pretraining) keep their fresh initialisation.
    start_epoch : int
        Number of the last epoch already trained.
    pretraining_ratio : float
        Share of the (embedded) features hidden in each row when pretraining.

    Returns
    -------
    state_dict : dict of CPU tensors
    history : dict (see :func:`run_training`)

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
    network = build_network(net_args, torch.Generator().manual_seed(int(seed)))
    if init_state is not None:
        own = network.state_dict()
        missing = [k for k in own if k not in init_state]
        network.load_state_dict({**own, **{k: v for k, v in init_state.items() if k in own}})
        if missing:
            logger.debug("Warm start: %d tensors keep their fresh initialisation (%s...)", len(missing), missing[0])
    network = network.to(device)
    gen = torch.Generator().manual_seed(int(seed) + 1)
    penalty = config.penalty
    if net_args.pretrain:
        mask_gen = torch.Generator(device=device).manual_seed(int(seed) + 2)

        def loss_fn(net: Any, batch: dict[str, torch.Tensor], training: bool) -> torch.Tensor:
            x = batch["x"]
            groups = net.embedder.expand_idx
            obf = torch.bernoulli(torch.full((x.shape[0], net.embedder.input_dim), pretraining_ratio,
                                             device=x.device), generator=mask_gen)
            obf = obf.index_select(1, groups)
            recon, embedded, m_loss = net(x, obf)
            observed = (~net.embedder.missing(x)).to(x.dtype)
            return pretrain_loss(recon, embedded, obf * observed) - penalty * m_loss
    else:
        kind, heads = config.loss, config.heads

        def loss_fn(net: Any, batch: dict[str, torch.Tensor], training: bool) -> torch.Tensor:
            out, m_loss = net(batch["x"])
            # the paper's sparsity regulariser: + lambda * mean_steps mean_rows sum_j -M log(M + eps)
            return tabnet_task_loss(kind, out, batch["y"], batch.get("w"), heads) - penalty * m_loss

    return run_training(config, network, tensors, loss_fn, generator=gen, callbacks=callbacks,
                        start_epoch=start_epoch)


def pretrain_loss(recon: torch.Tensor, embedded: torch.Tensor, hidden: torch.Tensor, eps: float = 1e-9) -> torch.Tensor:
    """Reconstruction loss of the hidden entries, per feature scaled by its batch variance.

    pytorch-tabnet's ``UnsupervisedLoss``: ``sum_j ((recon - x) * hidden)^2 / var_j`` per row,
    divided by the number of hidden entries of the row, averaged over rows; a feature of zero
    variance in the batch uses the mean variance.

    Examples
    --------
    >>> x = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
    >>> float(pretrain_loss(x + 1.0, x, torch.ones(2, 2)))  # errors 1, variances 2 (unbiased)
    0.5
    """
    errors = (recon - embedded) * hidden
    var = embedded.var(dim=0) if embedded.shape[0] > 1 else torch.ones_like(embedded[0])
    var = torch.where(var == 0, var.mean(), var)
    var = torch.where(var == 0, torch.ones_like(var), var)
    per_row = (errors * errors / var).sum(dim=1) / (hidden.sum(dim=1) + eps)
    return per_row.mean()


def _cpu_state(network: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().to("cpu", copy=True) for k, v in network.state_dict().items()}


@torch.no_grad()
def _evaluate(network: torch.nn.Module, valid: dict[str, torch.Tensor], loss_fn: LossFn, batch_size: int) -> float:
    """Mean validation loss (the training loss on held-out rows, as R's ``valid_batch``)."""
    network.eval()
    total = 0.0
    n = valid["x"].shape[0]
    for start in range(0, n, batch_size):
        batch = {k: v[start:start + batch_size] for k, v in valid.items()}
        total += float(loss_fn(network, batch, False)) * batch["x"].shape[0]
    network.train()
    return total / max(n, 1)


def as_numpy(t: torch.Tensor) -> np.ndarray:
    """Detach to a CPU numpy array."""
    return t.detach().to("cpu").numpy()

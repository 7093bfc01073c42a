"""``mlp()``'s ``torch`` engine: a feed-forward network, after R's brulee (``brulee_mlp``).

Training reuses TabNet's loop (:func:`pytidy.engines.tabnet.train.run_training`): the same
optimizer handling, batching from a per-fit ``torch.Generator``, validation split, early
stopping with the best weights restored, non-finite loss check. So one seed gives the same
weights bit for bit, without touching torch's global RNG (dropout masks are drawn from the fit's
generator too).

brulee's defaults, which parsnip's "brulee" engine keeps: ``hidden_units=3``, ``penalty=0.001``
(L2, added to the loss as ``penalty * sum of squared weights``; biases are not penalised),
``dropout=0``, ``epochs=100``, ``learn_rate=0.01``, ``activation="relu"``, ``validation=0.1``,
``stop_iter=5`` (early stopping on the validation loss), ``batch_size=None`` (all rows). Where
pytidy differs: the optimizer is Adam (brulee's default is LBFGS, which has no mini-batches);
``optimizer="sgd"`` gives brulee's other choice (with ``momentum``). A numeric outcome is
standardised for training and predictions mapped back, as brulee does.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from attrs import field, frozen
from torch import nn

from ..._checks import check_choice, check_columns, check_number
from ...errors import InvalidParameterError
from ..tabnet.model import NoInitLinear
from ..tabnet.train import TrainConfig, resolve_device, run_training, tabnet_task_loss

__all__ = ["fit_mlp", "MLPFit", "MLPNetwork", "ACTIVATIONS"]

_OWNER = "mlp()"

ACTIVATIONS: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "relu": F.relu, "elu": F.elu, "celu": F.celu, "gelu": F.gelu, "selu": F.selu, "silu": F.silu,
    "swish": F.silu, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "softplus": F.softplus,
    "leaky_relu": F.leaky_relu, "relu6": F.relu6, "log_sigmoid": F.logsigmoid, "softsign": F.softsign,
    "tanhshrink": F.tanhshrink, "hardtanh": F.hardtanh, "hardsigmoid": F.hardsigmoid, "linear": lambda v: v,
}  # fmt: skip


class MLPNetwork(nn.Module):
    """Linear layers of ``hidden_units`` with ``activation`` and dropout between them, then the output layer.

    Weights follow torch's default ``nn.Linear`` law (Kaiming-uniform, ``a = sqrt(5)``) drawn from
    ``generator``. Dropout masks come from a generator set with :meth:`set_dropout_generator`.
    """

    def __init__(self, input_dim: int, hidden_units: Sequence[int], output_dim: int, activation: str,
                 dropout: float, generator: torch.Generator) -> None:
        super().__init__()
        sizes = [input_dim, *hidden_units, output_dim]
        layers = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            lin = NoInitLinear(fan_in, fan_out)  # torch's law, drawn from `generator` below
            with torch.no_grad():
                nn.init.kaiming_uniform_(lin.weight, a=math.sqrt(5), generator=generator)
                bound = 1.0 / math.sqrt(fan_in)
                nn.init.uniform_(lin.bias, -bound, bound, generator=generator)
            layers.append(lin)
        self.layers = nn.ModuleList(layers)
        self.activation = activation
        self.dropout = float(dropout)
        self._dropout_gen: torch.Generator | None = None

    def set_dropout_generator(self, generator: torch.Generator) -> None:
        self._dropout_gen = generator

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        act = ACTIVATIONS[self.activation]
        for layer in self.layers[:-1]:
            x = act(layer(x))
            if self.training and self.dropout > 0:
                keep = 1.0 - self.dropout
                mask = torch.bernoulli(torch.full_like(x, keep), generator=self._dropout_gen)
                x = x * mask / keep
        return self.layers[-1](x)


def _hidden(value: Any) -> tuple[int, ...]:
    values = [value] if np.isscalar(value) else list(value)
    if not values:
        raise InvalidParameterError(f"`hidden_units` in {_OWNER} needs at least one layer size; got {value!r}.")
    return tuple(check_number(v, "hidden_units", _OWNER, lower=1, integer=True) for v in values)


def fit_mlp(x: pd.DataFrame, y: pd.Series, *, seed: int, case_weights: Any = None, hidden_units: Any = 3,
            penalty: float = 0.001, dropout: float = 0.0, epochs: int = 100, learn_rate: float = 0.01,
            activation: str = "relu", batch_size: int | None = None, validation: float = 0.1,
            stop_iter: int = 5, optimizer: str = "adam", momentum: float = 0.0, device: str = "cpu",
            verbose: bool = False) -> MLPFit:
    """Fit a multilayer perceptron (R: ``brulee::brulee_mlp`` through parsnip's ``mlp()``).

    Parameters
    ----------
    x : DataFrame
        Numeric predictors (make dummies of categorical ones first, e.g. ``step_dummy``).
    y : Series
        Categorical (classification) or numeric (regression).
    seed : int
    case_weights : array-like, optional
        Weighted mean of the row losses.
    hidden_units : int or sequence of int, default 3
        Units of each hidden layer.
    penalty : float, default 0.001
        L2 penalty on the weights.
    dropout : float in [0, 1), default 0
    epochs : int, default 100
    learn_rate : float, default 0.01
    activation : str, default "relu"
        One of :data:`ACTIVATIONS` (dials' ``values_activation`` that torch has).
    batch_size : int, optional
        Rows per batch; None uses all rows.
    validation : float in [0, 1), default 0.1
        Share of rows held out to monitor the loss (0: monitor the training loss).
    stop_iter : int, default 5
        Epochs without improvement before stopping; the best epoch's weights are kept.
    optimizer : {"adam", "sgd"}, default "adam"
    momentum : float, default 0
        SGD momentum.
    device, verbose
        As for TabNet.

    Returns
    -------
    MLPFit

    Examples
    --------
    >>> df = pd.DataFrame({"a": np.linspace(-1, 1, 60), "b": np.tile([0.0, 1.0], 30)})
    >>> fit = fit_mlp(df, 3 * df["a"] + 1, seed=1, epochs=300, learn_rate=0.05, hidden_units=8, stop_iter=50)
    >>> bool(np.abs(fit.predict_numeric(df) - (3 * df["a"] + 1)).mean() < 0.05)
    True
    """
    if not isinstance(x, pd.DataFrame):
        raise InvalidParameterError(f"`x` in {_OWNER} must be a pandas DataFrame; got {type(x).__name__}.")
    if not isinstance(y, pd.Series):
        raise InvalidParameterError(f"`y` in {_OWNER} must be a pandas Series; got {type(y).__name__}.")
    bad = [str(c) for c in x.columns if not (pd.api.types.is_numeric_dtype(x[c]) or pd.api.types.is_bool_dtype(x[c]))]
    if bad:
        raise InvalidParameterError(f"{_OWNER} with the torch engine needs numeric predictors; {bad} are not. "
                                    "Make dummy variables first (step_dummy() or a formula).")
    hidden = _hidden(hidden_units)
    for name, value, lo, hi, inc in (("penalty", penalty, 0, None, (True, True)),
                                     ("dropout", dropout, 0, 1, (True, False)),
                                     ("learn_rate", learn_rate, 0, None, (False, True)),
                                     ("validation", validation, 0, 1, (True, False)),
                                     ("momentum", momentum, 0, 1, (True, False))):
        check_number(value, name, _OWNER, lower=lo, upper=hi, inclusive=inc)
        if not math.isfinite(value):
            raise InvalidParameterError(f"`{name}` in {_OWNER} must be a finite number; got {value!r}.")
    epochs = check_number(epochs, "epochs", _OWNER, lower=1, integer=True)
    stop_iter = check_number(stop_iter, "stop_iter", _OWNER, lower=1, integer=True)
    batch_size = check_number(batch_size, "batch_size", _OWNER, lower=1, integer=True, allow_none=True)
    check_choice(activation, "activation", _OWNER, sorted(ACTIVATIONS))
    check_choice(optimizer, "optimizer", _OWNER, ["adam", "sgd"])
    seed = check_number(seed, "seed", "fit_mlp()", lower=0, integer=True)
    predictors = tuple(str(c) for c in x.columns)
    xt = _matrix(x.set_axis(list(predictors), axis=1), predictors)
    if torch.isnan(xt).any():
        raise InvalidParameterError(f"{_OWNER}: the predictors have missing values; impute them first "
                                    "(e.g. step_impute_mean()).")
    if isinstance(y.dtype, pd.CategoricalDtype):
        levels: tuple[str, ...] | None = tuple(str(v) for v in y.cat.categories)
        yt = torch.from_numpy(np.asarray(y.cat.codes, dtype=np.int64))
        kind, y_center, y_scale, out_dim = "cross_entropy", 0.0, 1.0, len(y.cat.categories)
    else:
        levels = None
        yv = y.to_numpy(dtype=np.float64)
        y_center, y_scale = float(yv.mean()), float(yv.std(ddof=1)) if len(yv) > 1 else 1.0
        y_scale = y_scale if y_scale > 0 else 1.0
        yt = torch.from_numpy(((yv - y_center) / y_scale).astype(np.float32).reshape(-1, 1))
        kind, out_dim = "mse", 1
    if y.isna().any():
        raise InvalidParameterError(f"{_OWNER}: the outcome has missing values; drop those rows first.")
    n = len(x)
    seeds = np.random.SeedSequence(seed).generate_state(3)
    network = MLPNetwork(len(predictors), hidden, out_dim, activation, dropout,
                         torch.Generator().manual_seed(int(seeds[0])))
    device = resolve_device(device)
    network.set_dropout_generator(torch.Generator(device=device).manual_seed(int(seeds[2])))
    network = network.to(device)
    tensors = {"x": xt, "y": yt}
    if case_weights is not None:
        w = np.asarray(case_weights, dtype=np.float64).reshape(-1)
        if len(w) != n or not np.isfinite(w).all() or (w < 0).any() or w.sum() <= 0:
            raise InvalidParameterError(f"`case_weights` in {_OWNER} must be {n} finite, non-negative weights "
                                        "with a positive sum.")
        tensors["w"] = torch.from_numpy(w.astype(np.float32))
    n_valid = int(n * validation)
    if n_valid >= 1 and n - n_valid >= 1:  # too few rows: monitor the training loss
        perm = torch.randperm(n, generator=torch.Generator().manual_seed(int(seeds[1])))
        valid, train = perm[:n_valid].sort().values, perm[n_valid:].sort().values
        tensors = {**{k: v[train] for k, v in tensors.items()}, **{f"{k}_valid": v[valid] for k, v in tensors.items()}}
    opt: Any = "adam" if optimizer == "adam" else (lambda params, lr: torch.optim.SGD(params, lr=lr, momentum=momentum))
    config = TrainConfig(
        epochs=epochs, batch_size=batch_size or len(tensors["x"]), penalty=float(penalty), learn_rate=float(learn_rate),
        loss=kind, early_stopping_monitor="valid_loss" if "x_valid" in tensors else "train_loss",
        early_stopping_tolerance=1e-12, early_stopping_patience=stop_iter, verbose=bool(verbose), device=device,
        optimizer=opt, checkpoint_epochs=0,
    )
    weights: list[torch.Tensor] = [layer.weight for layer in network.layers]  # type: ignore[misc]

    def loss_fn(net: torch.nn.Module, batch: dict[str, torch.Tensor], training: bool) -> torch.Tensor:
        out = net(batch["x"])
        l2 = torch.stack([(w * w).sum() for w in weights]).sum()
        return tabnet_task_loss(kind, out, batch["y"], batch.get("w")) + config.penalty * l2

    state, hist = run_training(config, network, tensors, loss_fn, generator=torch.Generator().manual_seed(int(seeds[1])),
                               what="mlp()")
    history = pd.DataFrame({k: hist[k] for k in ("epoch", "loss", "valid_loss") if k in hist})
    return MLPFit(state_dict=state, predictors=predictors, levels=levels, hidden_units=hidden, activation=activation,
                  dropout=float(dropout), y_center=y_center, y_scale=y_scale, history=history,
                  best_epoch=hist["best_epoch"])


def _matrix(x: pd.DataFrame, predictors: tuple[str, ...]) -> torch.Tensor:
    check_columns(x, predictors, "mlp() predict()", what="new_data")
    out = x.loc[:, list(predictors)].to_numpy(dtype=np.float32, na_value=np.nan)
    if np.isinf(out).any():
        bad = [predictors[j] for j in np.flatnonzero(np.isinf(out).any(axis=0))]
        raise InvalidParameterError(f"{_OWNER}: predictor(s) {bad} hold infinite values; replace or transform them.")
    return torch.from_numpy(np.ascontiguousarray(out))


@frozen(eq=False, slots=False)
class MLPFit:
    """A fitted ``mlp()`` torch network (R: class ``brulee_mlp``)."""

    state_dict: dict[str, torch.Tensor] = field(repr=False)
    predictors: tuple[str, ...]
    levels: tuple[str, ...] | None
    hidden_units: tuple[int, ...]
    activation: str
    dropout: float
    y_center: float
    y_scale: float
    history: pd.DataFrame = field(repr=False)
    best_epoch: int | None = None

    def _network(self) -> MLPNetwork:
        net = self.__dict__.get("_net")
        if net is None:
            out = len(self.levels) if self.levels is not None else 1
            net = MLPNetwork(len(self.predictors), self.hidden_units, out, self.activation, self.dropout,
                             torch.Generator().manual_seed(0))
            net.load_state_dict(self.state_dict)
            net.eval()
            self.__dict__["_net"] = net
        return net

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_net"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def _raw(self, x: pd.DataFrame) -> torch.Tensor:
        if not isinstance(x, pd.DataFrame):
            raise InvalidParameterError(f"`new_data` must be a pandas DataFrame; got {type(x).__name__}.")
        xt = _matrix(x, self.predictors)
        with torch.inference_mode():
            return self._network()(xt).clone()

    def predict_proba(self, x: pd.DataFrame) -> np.ndarray:
        """Class probabilities in ``levels`` order; rows with a missing predictor give NaN."""
        return torch.softmax(self._raw(x), dim=1).numpy().astype(np.float64)

    def predict_class(self, x: pd.DataFrame) -> np.ndarray:
        """Labels; None where the probabilities are not finite."""
        prob = self.predict_proba(x)
        labels = np.asarray(self.levels, dtype=object)[np.argmax(np.nan_to_num(prob, nan=-1.0), axis=1)]
        labels[~np.isfinite(prob).all(axis=1)] = None
        return labels

    def predict_numeric(self, x: pd.DataFrame) -> np.ndarray:
        """Numeric predictions on the outcome's scale."""
        return self._raw(x)[:, 0].numpy().astype(np.float64) * self.y_scale + self.y_center

    def __repr__(self) -> str:
        return (f"An mlp() torch fit ({'classification' if self.levels else 'regression'}): "
                f"{len(self.predictors)} predictors, hidden units {list(self.hidden_units)}, {self.activation}, "
                f"{len(self.history)} epochs")

"""The functions the parsnip registry calls: ``fit_tabnet()`` and the fitted ``TabNetFit``.

R: mlverse/tabnet ``R/hardhat.R`` (``tabnet_fit``, ``predict.tabnet_fit``) and ``R/model.R``
(``tabnet_config``, ``resolve_data``, ``predict_impl``). Config names and defaults are R's
``tabnet_config()``'s.
"""

from __future__ import annotations

import difflib
import logging
from typing import Any

import numpy as np
import pandas as pd
import torch
from attrs import field, frozen

from ..._checks import check_choice, check_columns, check_number
from ...errors import InvalidParameterError
from .explain import compute_importances, compute_masks
from .train import NetworkArgs, TrainConfig, build_network, resolve_device, train_tabnet

__all__ = ["fit_tabnet", "TabNetFit", "TABNET_CONFIG_DEFAULTS"]

logger = logging.getLogger(__name__)

_OWNER = "tabnet()"
PREDICT_BATCH = 100_000  # R: predict_impl(batch_size = 1e5)

#: R's ``tabnet_config()`` defaults (momentum in torch's convention: the weight of the new batch).
TABNET_CONFIG_DEFAULTS: dict[str, Any] = {
    "batch_size": 1024**2, "penalty": 1e-3, "clip_value": None, "loss": "auto", "epochs": 5,
    "drop_last": False, "decision_width": None, "attention_width": None, "num_steps": 3,
    "feature_reusage": 1.3, "mask_type": "sparsemax", "mask_topk": None, "virtual_batch_size": 256**2,
    "valid_split": 0.0, "learn_rate": 2e-2, "optimizer": "adam", "lr_scheduler": None, "lr_decay": 0.1,
    "step_size": 30, "checkpoint_epochs": 10, "cat_emb_dim": 1, "num_independent": 2, "num_shared": 2,
    "num_independent_decoder": 1, "num_shared_decoder": 1, "momentum": 0.02, "pretraining_ratio": 0.5,
    "verbose": False, "device": "auto", "importance_sample_size": None, "early_stopping_monitor": "auto",
    "early_stopping_tolerance": 0.0, "early_stopping_patience": 0, "skip_importance": False,
    "tabnet_model": None, "from_epoch": None,
}  # fmt: skip

_MASK_TYPES = ("sparsemax", "entmax", "sparsemax15", "entmax15")


def _not_implemented(name: str, value: Any, hint: str) -> NotImplementedError:
    return NotImplementedError(f"`{name}={value!r}` in {_OWNER} is not implemented in pytidy's torch engine; {hint}")


def resolve_config(config: dict[str, Any]) -> dict[str, Any]:
    """Check ``config`` against R's ``tabnet_config()`` names and values; fill in the defaults.

    Examples
    --------
    >>> cfg = resolve_config({"attention_width": 16})
    >>> cfg["decision_width"], cfg["attention_width"], cfg["virtual_batch_size"]
    (16, 16, 65536)
    """
    unknown = [k for k in config if k not in TABNET_CONFIG_DEFAULTS]
    if unknown:
        key = unknown[0]
        close = difflib.get_close_matches(key, list(TABNET_CONFIG_DEFAULTS), n=1)
        hint = f" Did you mean `{close[0]}`?" if close else ""
        raise InvalidParameterError(
            f"Unknown argument(s) {unknown} for {_OWNER} with the torch engine.{hint} "
            f"Valid names (R's tabnet_config()): {', '.join(TABNET_CONFIG_DEFAULTS)}."
        )
    c = {**TABNET_CONFIG_DEFAULTS, **config}
    if c["tabnet_model"] is not None or c["from_epoch"] is not None:
        raise _not_implemented("tabnet_model" if c["tabnet_model"] is not None else "from_epoch",
                               c["tabnet_model"] if c["tabnet_model"] is not None else c["from_epoch"],
                               "warm starts from a previous fit are not supported; fit from scratch.")
    for name in ("optimizer", "lr_scheduler", "loss"):
        if callable(c[name]):
            raise _not_implemented(name, c[name], f"pass one of the named choices for `{name}`.")
    if c["optimizer"] != "adam":
        raise _not_implemented("optimizer", c["optimizer"], "only 'adam' is supported, as in R.")
    check_choice(c["lr_scheduler"], "lr_scheduler", _OWNER, [None, "step", "reduce_on_plateau"])
    check_choice(c["loss"], "loss", _OWNER, ["auto", "mse", "cross_entropy", "bce"])
    check_choice(c["mask_type"], "mask_type", _OWNER, list(_MASK_TYPES))
    check_choice(c["early_stopping_monitor"], "early_stopping_monitor", _OWNER, ["auto", "train_loss", "valid_loss"])
    ints = {"batch_size": 1, "virtual_batch_size": 1, "epochs": 1, "num_steps": 1, "step_size": 1,
            "checkpoint_epochs": 0, "num_independent": 0, "num_shared": 0, "num_independent_decoder": 0,
            "num_shared_decoder": 0, "early_stopping_patience": 0}
    for name, lower in ints.items():
        c[name] = check_number(c[name], name, _OWNER, lower=lower, integer=True)
    for name in ("decision_width", "attention_width", "importance_sample_size", "mask_topk"):
        c[name] = check_number(c[name], name, _OWNER, lower=1, integer=True, allow_none=True)
    check_number(c["penalty"], "penalty", _OWNER, lower=0)
    check_number(c["learn_rate"], "learn_rate", _OWNER, lower=0, inclusive=(False, True))
    check_number(c["feature_reusage"], "feature_reusage", _OWNER, lower=1)
    check_number(c["momentum"], "momentum", _OWNER, lower=0, upper=1)
    check_number(c["valid_split"], "valid_split", _OWNER, lower=0, upper=1, inclusive=(True, False))
    check_number(c["lr_decay"], "lr_decay", _OWNER, lower=0, inclusive=(False, True))
    check_number(c["pretraining_ratio"], "pretraining_ratio", _OWNER, lower=0, upper=1, inclusive=(False, False))
    check_number(c["early_stopping_tolerance"], "early_stopping_tolerance", _OWNER, lower=0)
    check_number(c["clip_value"], "clip_value", _OWNER, lower=0, inclusive=(False, True), allow_none=True)
    for name in ("drop_last", "verbose", "skip_importance"):
        if not isinstance(c[name], (bool, np.bool_)):
            raise InvalidParameterError(f"`{name}` in {_OWNER} must be True or False; got {c[name]!r}.")
    if not (isinstance(c["device"], str) and (c["device"] in ("auto", "cpu") or c["device"].startswith("cuda"))):
        raise InvalidParameterError(f"`device` in {_OWNER} must be 'auto', 'cpu' or 'cuda'; got {c['device']!r}.")
    if c["device"].startswith("cuda") and not torch.cuda.is_available():
        raise InvalidParameterError(f"`device={c['device']!r}` in {_OWNER}, but CUDA is not available here; "
                                    "use device='auto' or 'cpu'.")
    if c["virtual_batch_size"] > c["batch_size"]:
        raise InvalidParameterError(
            f"`virtual_batch_size` ({c['virtual_batch_size']}) in {_OWNER} must be at most `batch_size` "
            f"({c['batch_size']}): ghost batch normalisation splits each batch into virtual batches."
        )
    if c["num_independent"] == 0 and c["num_shared"] == 0:
        raise InvalidParameterError(f"`num_independent` and `num_shared` in {_OWNER} can't both be 0.")
    emb = c["cat_emb_dim"]
    if isinstance(emb, (list, tuple)):
        c["cat_emb_dim"] = tuple(check_number(e, "cat_emb_dim", _OWNER, lower=1, integer=True) for e in emb)
    else:
        c["cat_emb_dim"] = check_number(emb, "cat_emb_dim", _OWNER, lower=1, integer=True)
    # R: one width copies the other; 8 if neither is given
    if c["decision_width"] is None and c["attention_width"] is None:
        c["decision_width"] = 8
    if c["attention_width"] is None:
        c["attention_width"] = c["decision_width"]
    if c["decision_width"] is None:
        c["decision_width"] = c["attention_width"]
    if c["early_stopping_monitor"] == "valid_loss" and c["valid_split"] == 0:
        raise InvalidParameterError(
            f"`early_stopping_monitor='valid_loss'` in {_OWNER} needs a validation set; set valid_split > 0 "
            "or monitor 'train_loss'."
        )
    if c["early_stopping_monitor"] == "auto":  # R: resolve_early_stop_monitor()
        c["early_stopping_monitor"] = "valid_loss" if c["valid_split"] > 0 else "train_loss"
    return c


# --------------------------------------------------------------------------- data -> tensors
def _predictor_levels(x: pd.DataFrame) -> dict[str, tuple[Any, ...]]:
    """Levels of the categorical predictors (strings become categories with sorted levels, as R's factor())."""
    levels: dict[str, tuple[Any, ...]] = {}
    for col in x.columns:
        s = x[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            levels[str(col)] = tuple(s.cat.categories)
        elif pd.api.types.is_bool_dtype(s) or pd.api.types.is_numeric_dtype(s):
            continue
        elif pd.api.types.is_string_dtype(s) or s.dtype == object:
            levels[str(col)] = tuple(sorted(pd.unique(s.dropna())))
        else:
            raise InvalidParameterError(
                f"{_OWNER}: predictor `{col}` has dtype {s.dtype}; TabNet takes numeric and categorical "
                "predictors. Convert it, e.g. with a recipe step."
            )
    return levels


def encode_predictors(x: pd.DataFrame, predictors: tuple[str, ...], levels: dict[str, tuple[Any, ...]]) -> torch.Tensor:
    """One float32 matrix: numeric values and 0-based level codes, NaN where missing or unseen."""
    check_columns(x, predictors, "TabNet predict()", what="new_data")
    out = np.empty((len(x), len(predictors)), dtype=np.float32)
    for j, col in enumerate(predictors):
        s = x[col]
        if col in levels:
            codes = pd.Index(list(levels[col])).get_indexer(s.astype(object)).astype(np.float32)
            codes[codes < 0] = np.nan  # missing or a level unseen at fit time
            out[:, j] = codes
        else:
            try:
                out[:, j] = s.to_numpy(dtype=np.float32, na_value=np.nan)
            except (TypeError, ValueError) as exc:
                raise InvalidParameterError(
                    f"TabNet: predictor `{col}` was numeric at fit time but has dtype {s.dtype} now."
                ) from exc
    return torch.from_numpy(out)


def _encode_outcome(y: pd.Series, loss: str) -> tuple[torch.Tensor, tuple[str, ...] | None, str]:
    if y.isna().any():
        raise InvalidParameterError(f"{_OWNER}: the outcome `{y.name}` has {int(y.isna().sum())} missing "
                                    "value(s); drop those rows first (R: found missing values in the response).")
    if isinstance(y.dtype, pd.CategoricalDtype):
        if loss == "mse":
            raise InvalidParameterError(f"`loss='mse'` in {_OWNER} needs a numeric outcome; `{y.name}` is "
                                        "categorical. Use loss='auto' or 'cross_entropy'.")
        codes = torch.from_numpy(np.asarray(y.cat.codes, dtype=np.int64))
        return codes, tuple(str(v) for v in y.cat.categories), "cross_entropy"
    if not pd.api.types.is_numeric_dtype(y) or pd.api.types.is_bool_dtype(y):
        raise InvalidParameterError(f"{_OWNER}: the outcome `{y.name}` must be numeric (regression) or "
                                    f"categorical (classification); got dtype {y.dtype}.")
    if loss in ("cross_entropy", "bce"):
        raise InvalidParameterError(f"`loss={loss!r}` in {_OWNER} needs a categorical outcome; `{y.name}` is "
                                    "numeric. Use loss='auto' or 'mse'.")
    return torch.from_numpy(y.to_numpy(dtype=np.float32).reshape(-1, 1)), None, "mse"


# --------------------------------------------------------------------------- fit
def fit_tabnet(x: pd.DataFrame, y: pd.Series, *, seed: int, **config: Any) -> TabNetFit:
    """Fit a TabNet model (R: ``tabnet_fit(x, y, config = tabnet_config(...))``).

    Parameters
    ----------
    x : DataFrame
        Predictors: numeric columns and categorical (pandas ``category``) ones, which are embedded
        (``cat_emb_dim``). Missing values are allowed: the initial prior of a missing entry is 0,
        numeric NaN is imputed by 0 and a missing level by the first level, as in R.
    y : Series
        Categorical (classification, levels in ``y.cat.categories`` order) or numeric (regression).
    seed : int
        Seeds the initial weights, batch order, validation split and importance sample. The global
        torch RNG is left untouched.
    **config
        R's ``tabnet_config()`` arguments: ``batch_size=1024**2`` (capped at the number of rows),
        ``virtual_batch_size=256**2``, ``penalty=1e-3``, ``clip_value=None``, ``loss="auto"``,
        ``epochs=5``, ``drop_last=False``, ``decision_width``/``attention_width`` (8; one copies the
        other), ``num_steps=3``, ``feature_reusage=1.3``, ``mask_type="sparsemax"`` (or "entmax";
        "sparsemax15"/"entmax15" give the same values: their top-k is a speed device of R's),
        ``valid_split=0``, ``learn_rate=0.02``, ``optimizer="adam"``, ``lr_scheduler=None``
        ("step" or "reduce_on_plateau" with ``lr_decay=0.1``, ``step_size=30``),
        ``checkpoint_epochs=10``, ``cat_emb_dim=1``, ``num_independent=2``, ``num_shared=2``,
        ``momentum=0.02`` (torch convention: the paper's m_B = 0.6 is 0.4 here), ``verbose=False``,
        ``device="auto"``, ``importance_sample_size=None``, ``early_stopping_monitor="auto"``,
        ``early_stopping_tolerance=0``, ``early_stopping_patience=0``, ``skip_importance=False``.
        ``num_independent_decoder``, ``num_shared_decoder`` and ``pretraining_ratio`` are checked
        and kept but only matter for pretraining, which is not implemented (nor are
        ``tabnet_model``/``from_epoch`` warm starts).

    Returns
    -------
    TabNetFit

    Raises
    ------
    InvalidParameterError
        An unknown config name (with a suggestion) or a value out of range.
    NotImplementedError
        A known R option pytidy does not implement.

    Examples
    --------
    >>> df = pd.DataFrame({"a": np.linspace(-1, 1, 128), "b": np.tile([0.0, 1.0], 64)})
    >>> y = pd.Series(pd.Categorical(np.where(df["a"] > 0, "yes", "no"), categories=["yes", "no"]))
    >>> fit = fit_tabnet(df, y, seed=1, epochs=2, batch_size=64, virtual_batch_size=32, decision_width=4)
    >>> fit.predict_proba(df.head(3)).shape
    (3, 2)
    >>> fit.levels
    ('yes', 'no')
    >>> list(fit.history.columns)
    ['epoch', 'loss']
    """
    if not isinstance(x, pd.DataFrame):
        raise InvalidParameterError(f"`x` in fit_tabnet() must be a pandas DataFrame; got {type(x).__name__}.")
    if not isinstance(y, pd.Series):
        raise InvalidParameterError(f"`y` in fit_tabnet() must be a pandas Series; got {type(y).__name__}.")
    if len(x) != len(y):
        raise InvalidParameterError(f"`x` has {len(x)} rows but `y` has {len(y)}; they must match.")
    if x.shape[1] == 0:
        raise InvalidParameterError("fit_tabnet() needs at least one predictor column in `x`.")
    seed = check_number(seed, "seed", "fit_tabnet()", lower=0, integer=True)
    cfg = resolve_config(config)
    predictors = tuple(str(c) for c in x.columns)
    x = x.set_axis(list(predictors), axis=1)
    levels = _predictor_levels(x)
    x_t = encode_predictors(x, predictors, levels)
    y_t, y_levels, loss = _encode_outcome(y, cfg["loss"])
    n = len(x)
    if n < 2:
        raise InvalidParameterError(f"fit_tabnet() needs at least 2 rows to batch-normalise; got {n}.")
    seeds = np.random.SeedSequence(seed).generate_state(3)
    tensors: dict[str, torch.Tensor] = {"x": x_t, "y": y_t}
    if cfg["valid_split"] > 0:  # R: sample.int(n, n * valid_split)
        n_valid = int(n * cfg["valid_split"])
        if n_valid < 1 or n - n_valid < 2:
            raise InvalidParameterError(f"`valid_split={cfg['valid_split']}` in {_OWNER} leaves {n_valid} validation "
                                        f"and {n - n_valid} training rows out of {n}; both need rows.")
        perm = torch.randperm(n, generator=torch.Generator().manual_seed(int(seeds[1])))
        valid, train = perm[:n_valid].sort().values, perm[n_valid:].sort().values
        tensors = {"x": x_t[train], "y": y_t[train], "x_valid": x_t[valid], "y_valid": y_t[valid]}
    cat_idxs = tuple(i for i, c in enumerate(predictors) if c in levels)
    emb = cfg["cat_emb_dim"]
    if isinstance(emb, tuple):
        if len(emb) != len(cat_idxs):
            raise InvalidParameterError(
                f"`cat_emb_dim` in {_OWNER} must have length 1 or the number of categorical predictors "
                f"({len(cat_idxs)}); got length {len(emb)}."
            )
        emb_dims = emb
    else:
        emb_dims = (emb,) * len(cat_idxs)
    batch_size = min(cfg["batch_size"], len(tensors["x"]))
    net_args = NetworkArgs(
        input_dim=len(predictors), output_dim=len(y_levels) if y_levels else 1, n_d=cfg["decision_width"],
        n_a=cfg["attention_width"], n_steps=cfg["num_steps"], gamma=float(cfg["feature_reusage"]),
        cat_idxs=cat_idxs, cat_dims=tuple(max(1, len(levels[predictors[i]])) for i in cat_idxs),
        cat_emb_dim=tuple(emb_dims), n_independent=cfg["num_independent"], n_shared=cfg["num_shared"],
        virtual_batch_size=min(cfg["virtual_batch_size"], batch_size), momentum=float(cfg["momentum"]),
        mask_type=cfg["mask_type"],
    )
    device = resolve_device(cfg["device"])
    train_cfg = TrainConfig(
        epochs=cfg["epochs"], batch_size=batch_size, penalty=float(cfg["penalty"]),
        learn_rate=float(cfg["learn_rate"]), loss=loss, clip_value=cfg["clip_value"], drop_last=bool(cfg["drop_last"]),
        lr_scheduler=cfg["lr_scheduler"], lr_decay=float(cfg["lr_decay"]), step_size=cfg["step_size"],
        checkpoint_epochs=cfg["checkpoint_epochs"], early_stopping_monitor=cfg["early_stopping_monitor"],
        early_stopping_tolerance=float(cfg["early_stopping_tolerance"]),
        early_stopping_patience=cfg["early_stopping_patience"], verbose=bool(cfg["verbose"]), device=device,
    )
    state, hist = train_tabnet(train_cfg, net_args, tensors, seed=int(seeds[0]))
    history = pd.DataFrame({k: hist[k] for k in ("epoch", "loss", "valid_loss") if k in hist})
    fit = TabNetFit(config=cfg, net_args=net_args, state_dict=state, predictors=predictors, predictor_levels=levels,
                    levels=y_levels, history=history, checkpoints=hist["checkpoints"], importances=None)
    if not cfg["skip_importance"]:
        if cfg["importance_sample_size"] is None and len(tensors["x"]) > 100_000:
            logger.info("Computing importances on a sample of 1e5 of the %d training rows "
                        "(set importance_sample_size to choose).", len(tensors["x"]))
        imp = compute_importances(fit.network(), tensors["x"], list(predictors),
                                  sample_size=cfg["importance_sample_size"], seed=int(seeds[2]),
                                  device=fit.device)
        object.__setattr__(fit, "importances", imp)
    return fit


@frozen(eq=False, slots=False)
class TabNetFit:
    """A fitted TabNet model: weights, config, history and importances (R: class ``tabnet_fit``).

    Picklable: it keeps the CPU ``state_dict`` and rebuilds the network on first use.

    Attributes
    ----------
    config : dict
        The resolved ``tabnet_config()`` values.
    predictors : tuple of str
    levels : tuple of str or None
        Outcome levels (classification), in the order of ``predict_proba``'s columns.
    history : DataFrame
        ``epoch``, ``loss`` (mean batch loss) [, ``valid_loss``].
    importances : Series or None
        Global importance per predictor, summing to 1 (None with ``skip_importance=True``).
    checkpoints : dict
        ``{epoch: state_dict}`` every ``checkpoint_epochs`` epochs; ``predict_*(epoch=)`` uses them.
    """

    config: dict[str, Any]
    net_args: NetworkArgs
    state_dict: dict[str, torch.Tensor] = field(repr=False)
    predictors: tuple[str, ...]
    predictor_levels: dict[str, tuple[Any, ...]] = field(repr=False)
    levels: tuple[str, ...] | None
    history: pd.DataFrame = field(repr=False)
    checkpoints: dict[int, dict[str, torch.Tensor]] = field(repr=False)
    importances: pd.Series | None = field(repr=False)

    @property
    def mode(self) -> str:
        return "classification" if self.levels is not None else "regression"

    @property
    def device(self) -> str:
        dev = resolve_device(self.config.get("device", "auto"))
        return dev if dev == "cpu" or torch.cuda.is_available() else "cpu"

    def network(self, epoch: int | None = None) -> Any:
        """The torch network in eval mode (the final weights, or a checkpoint's)."""
        key = "_network" if epoch is None else f"_network_{epoch}"
        cached = self.__dict__.get(key)
        if cached is not None:
            return cached
        state = self.state_dict if epoch is None else self._checkpoint(epoch)
        with torch.random.fork_rng(devices=[]):
            net = build_network(self.net_args)
        net.load_state_dict(state)
        net = net.to(self.device).eval()
        self.__dict__[key] = net
        return net

    def _checkpoint(self, epoch: int) -> dict[str, torch.Tensor]:
        if epoch == int(self.history["epoch"].iloc[-1]):
            return self.state_dict
        if epoch not in self.checkpoints:
            raise InvalidParameterError(
                f"No checkpoint for epoch {epoch}. Checkpoints exist for epochs {sorted(self.checkpoints)} and the "
                f"last epoch {int(self.history['epoch'].iloc[-1])}; set checkpoint_epochs to keep others."
            )
        return self.checkpoints[epoch]

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_network")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    @torch.no_grad()
    def _raw(self, x: pd.DataFrame, epoch: int | None) -> torch.Tensor:
        if not isinstance(x, pd.DataFrame):
            raise InvalidParameterError(f"`new_data` must be a pandas DataFrame; got {type(x).__name__}.")
        xt = encode_predictors(x, self.predictors, self.predictor_levels)
        net = self.network(epoch)
        out = torch.empty(len(xt), self.net_args.output_dim)
        for start in range(0, len(xt), PREDICT_BATCH):
            xb = xt[start:start + PREDICT_BATCH].to(self.device)
            out[start:start + xb.shape[0]] = net(xb)[0].to("cpu")
        return out

    def predict_proba(self, x: pd.DataFrame, epoch: int | None = None) -> np.ndarray:
        """Class probabilities, (n, k) in ``levels`` order (R: ``predict(type = "prob")``)."""
        if self.levels is None:
            raise InvalidParameterError("predict_proba() needs a classification fit; this TabNet fit is a "
                                        "regression. Use predict_numeric().")
        return torch.softmax(self._raw(x, epoch), dim=1).numpy().astype(np.float64)

    def predict_numeric(self, x: pd.DataFrame, epoch: int | None = None) -> np.ndarray:
        """Numeric predictions, shape (n,) (R: ``predict(type = "numeric")``)."""
        if self.levels is not None:
            raise InvalidParameterError("predict_numeric() needs a regression fit; this TabNet fit is a "
                                        "classification. Use predict_proba().")
        return self._raw(x, epoch)[:, 0].numpy().astype(np.float64)

    def explain(self, x: pd.DataFrame) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
        """``(M_explain, masks)`` as DataFrames with one column per predictor (R: ``tabnet_explain``)."""
        if not isinstance(x, pd.DataFrame):
            raise InvalidParameterError(f"`new_data` must be a pandas DataFrame; got {type(x).__name__}.")
        xt = encode_predictors(x, self.predictors, self.predictor_levels)
        m, masks = compute_masks(self.network(), xt, device=self.device)
        cols = list(self.predictors)
        return (pd.DataFrame(m, columns=cols, index=x.index),
                [pd.DataFrame(mk, columns=cols, index=x.index) for mk in masks])

    def autoplot(self) -> Any:
        """Mean loss per epoch, log scale, checkpoints marked (R: ``autoplot.tabnet_fit``)."""
        from ..._checks import require

        plt = require("matplotlib.pyplot", "plots", "autoplot() of a TabNet fit")
        fig, ax = plt.subplots(figsize=(6, 4), constrained_layout=True)
        h = self.history
        ax.plot(h["epoch"], h["loss"], label="train")
        if "valid_loss" in h:
            ax.plot(h["epoch"], h["valid_loss"], label="valid")
        ck = h[h["epoch"].isin(list(self.checkpoints))]
        ax.scatter(ck["epoch"], ck["loss"], s=30, label="checkpoint", zorder=3)
        if (h.drop(columns="epoch") > 0).all().all():
            ax.set_yscale("log")
        ax.set_xlabel("epoch")
        ax.set_ylabel("Mean loss (log scale)")
        ax.legend(loc="best")
        plt.close(fig)
        return fig

    def __repr__(self) -> str:
        a = self.net_args
        n_par = sum(v.numel() for k, v in self.state_dict.items() if "running" not in k and "num_batches" not in k)
        last = self.history.iloc[-1] if len(self.history) else None
        loss = f", final loss {last['loss']:.4f}" if last is not None else ""
        return (f"A TabNet fit ({self.mode}) with {len(self.predictors)} predictors: decision_width {a.n_d}, "
                f"attention_width {a.n_a}, num_steps {a.n_steps}, {n_par:,} parameters, "
                f"{len(self.history)} epochs{loss}")

"""The functions the parsnip registry calls: ``fit_tabnet()`` and the fitted ``TabNetFit``.

R: mlverse/tabnet ``R/hardhat.R`` (``tabnet_fit``, ``predict.tabnet_fit``) and ``R/model.R``
(``tabnet_config``, ``resolve_data``, ``predict_impl``). Config names and defaults are R's
``tabnet_config()``'s.
"""

from __future__ import annotations

import copy
import difflib
import logging
import math
import numbers
import warnings
from typing import Any

import numpy as np
import pandas as pd
import attrs
import torch
from attrs import field, frozen

from ..._checks import check_choice, check_columns, check_number
from ...errors import InvalidParameterError
from .explain import compute_importances, compute_masks
from .train import NetworkArgs, TrainConfig, build_network, resolve_device, train_tabnet

__all__ = ["fit_tabnet", "tabnet_pretrain", "TabNetFit", "TABNET_CONFIG_DEFAULTS", "nn_prune_head"]

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
    "num_workers": 0, "tabnet_model": None, "from_epoch": None,
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
    if c["from_epoch"] is not None and c["tabnet_model"] is None:
        raise InvalidParameterError(f"`from_epoch` in {_OWNER} needs `tabnet_model=`: it picks the checkpoint of "
                                    "that model to start from.")
    if c["from_epoch"] is not None:
        c["from_epoch"] = check_number(c["from_epoch"], "from_epoch", _OWNER, lower=1, integer=True)
    if not (c["optimizer"] == "adam" or callable(c["optimizer"])):
        raise InvalidParameterError(
            f"`optimizer` in {_OWNER} must be 'adam' or a function called as optimizer(params, lr=learn_rate) "
            f"that returns a torch optimizer (e.g. torch.optim.SGD); got {c['optimizer']!r}."
        )
    if not callable(c["lr_scheduler"]):
        check_choice(c["lr_scheduler"], "lr_scheduler", _OWNER, [None, "step", "reduce_on_plateau"])
    if not callable(c["loss"]):
        check_choice(c["loss"], "loss", _OWNER, ["auto", "mse", "cross_entropy"])
    check_choice(c["mask_type"], "mask_type", _OWNER, list(_MASK_TYPES))
    check_choice(c["early_stopping_monitor"], "early_stopping_monitor", _OWNER, ["auto", "train_loss", "valid_loss"])
    ints = {"batch_size": 1, "virtual_batch_size": 1, "epochs": 1, "num_steps": 1, "step_size": 1,
            "checkpoint_epochs": 0, "num_independent": 0, "num_shared": 0, "num_independent_decoder": 0,
            "num_shared_decoder": 0, "early_stopping_patience": 0}
    for name, lower in ints.items():
        c[name] = check_number(c[name], name, _OWNER, lower=lower, integer=True)
    for name in ("decision_width", "attention_width", "importance_sample_size", "mask_topk"):
        c[name] = check_number(c[name], name, _OWNER, lower=1, integer=True, allow_none=True)
    for name in ("penalty", "learn_rate", "feature_reusage", "momentum", "valid_split", "lr_decay",
                 "pretraining_ratio", "early_stopping_tolerance", "clip_value"):
        if isinstance(c[name], numbers.Real) and not isinstance(c[name], bool) and not math.isfinite(c[name]):
            raise InvalidParameterError(f"`{name}` in {_OWNER} must be a finite number; got {c[name]!r}.")
    c["num_workers"] = check_number(c["num_workers"], "num_workers", _OWNER, lower=0, integer=True)
    check_number(c["penalty"], "penalty", _OWNER, lower=0)
    check_number(c["learn_rate"], "learn_rate", _OWNER, lower=0, inclusive=(False, True))
    check_number(c["feature_reusage"], "feature_reusage", _OWNER, lower=1)
    check_number(c["momentum"], "momentum", _OWNER, lower=0, upper=1)
    check_number(c["valid_split"], "valid_split", _OWNER, lower=0, upper=1, inclusive=(True, False))
    check_number(c["lr_decay"], "lr_decay", _OWNER, lower=0)  # 0 is in dials::rate_decay()'s range
    check_number(c["pretraining_ratio"], "pretraining_ratio", _OWNER, lower=0, upper=1, inclusive=(False, False))
    check_number(c["early_stopping_tolerance"], "early_stopping_tolerance", _OWNER, lower=0)
    check_number(c["clip_value"], "clip_value", _OWNER, lower=0, inclusive=(False, True), allow_none=True)
    for name in ("drop_last", "verbose", "skip_importance"):
        if not isinstance(c[name], (bool, np.bool_)):
            raise InvalidParameterError(f"`{name}` in {_OWNER} must be True or False; got {c[name]!r}.")
    if not (isinstance(c["device"], str) and (c["device"] in ("auto", "cpu", "mps") or c["device"].startswith("cuda"))):
        raise InvalidParameterError(f"`device` in {_OWNER} must be 'auto', 'cpu', 'cuda' or 'mps'; got {c['device']!r}.")
    if c["device"].startswith("cuda") and not torch.cuda.is_available():
        raise InvalidParameterError(f"`device={c['device']!r}` in {_OWNER}, but CUDA is not available here; "
                                    "use device='auto' or 'cpu'.")
    if c["device"] == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise InvalidParameterError(f"`device='mps'` in {_OWNER}, but MPS is not available here; use device='auto' "
                                    "or 'cpu'.")
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
    if not levels and all(x[c].dtype == np.float32 for c in predictors):
        # All float32 (a large numeric set): share the frame's memory, no copy. The engine never writes
        # into it (batches are index_select copies), so the caller's data stays as it was.
        block = x.loc[:, list(predictors)]
        arr = block.to_numpy(dtype=np.float32, copy=False)
        if arr.flags.c_contiguous or arr.flags.f_contiguous:  # pandas keeps one float block column-major
            _check_finite(arr, predictors)
            with warnings.catch_warnings():  # a read-only view (copy-on-write): torch only reads it
                warnings.simplefilter("ignore", UserWarning)
                return torch.from_numpy(arr)
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
    _check_finite(out, predictors)
    return torch.from_numpy(out)


def _check_finite(arr: np.ndarray, predictors: tuple[str, ...], chunk: int = 1 << 18) -> None:
    """Refuse +/-inf (NaN is a missing value TabNet handles; inf would make every prediction NaN).

    Checked in row chunks so a large set needs no full-size boolean copy.
    """
    bad_cols = np.zeros(arr.shape[1], dtype=bool)
    count = 0
    for start in range(0, arr.shape[0], chunk):
        inf = np.isinf(arr[start:start + chunk])
        if inf.any():
            bad_cols |= inf.any(axis=0)
            count += int(inf.sum())
    if count:
        bad = [predictors[j] for j in np.flatnonzero(bad_cols)]
        raise InvalidParameterError(
            f"TabNet: predictor(s) {bad} hold {count} infinite value(s) (or values beyond float32's "
            "range). Replace them (e.g. by NaN, which TabNet treats as missing) or transform the column first."
        )


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


@frozen
class Outcomes:
    """The encoded outcome(s): one Series, or a DataFrame of several (one head each, R's multi-outcome)."""

    tensor: torch.Tensor
    levels: tuple[str, ...] | None  # a single outcome's levels (classification), else None
    loss: str  # "cross_entropy" or "mse"
    names: tuple[str, ...] = ()  # several outcomes: their names
    heads: tuple[tuple[str, ...] | None, ...] = ()  # several outcomes: the levels of each (None: numeric)

    @property
    def output_dim(self) -> int:
        if self.heads:
            return sum(len(h) if h is not None else 1 for h in self.heads)
        return len(self.levels) if self.levels else 1

    @property
    def head_sizes(self) -> tuple[int, ...]:
        """The width of each classification head (the loss is summed over them, as R sums it)."""
        if self.heads and self.loss == "cross_entropy":
            return tuple(len(h) for h in self.heads if h is not None)
        return ()


def _encode_outcomes(y: pd.Series | pd.DataFrame, loss: Any) -> Outcomes:
    """One outcome, or several of one kind: all categorical or all numeric (R: mixed kinds are refused)."""
    if isinstance(y, pd.DataFrame) and y.shape[1] == 1:
        y = y.iloc[:, 0]
    if isinstance(y, pd.Series):
        t, lv, kind = _encode_outcome(y, loss)
        return Outcomes(t, lv, kind)
    cats = [isinstance(y[c].dtype, pd.CategoricalDtype) for c in y.columns]
    if any(cats) and not all(cats):
        raise InvalidParameterError(
            f"{_OWNER}: several outcomes must all be categorical (classification) or all numeric "
            f"(regression); {[str(c) for c, k in zip(y.columns, cats) if k]} are categorical and "
            f"{[str(c) for c, k in zip(y.columns, cats) if not k]} are not (R: mixed multi-outcome types are "
            "not supported). Fit one model per kind of outcome."
        )
    parts = [_encode_outcome(y[c].rename(str(c)), loss) for c in y.columns]
    names = tuple(str(c) for c in y.columns)
    if all(cats):
        tensor = torch.stack([t for t, _, _ in parts], dim=1)
        return Outcomes(tensor, None, "cross_entropy", names, tuple(lv for _, lv, _ in parts))
    return Outcomes(torch.cat([t for t, _, _ in parts], dim=1), None, "mse", names, (None,) * len(names))


# --------------------------------------------------------------------------- fit
def _check_xy(x: Any, y: Any, verb: str) -> None:
    if not isinstance(x, pd.DataFrame):
        raise InvalidParameterError(f"`x` in {verb} must be a pandas DataFrame; got {type(x).__name__}.")
    if isinstance(y, pd.DataFrame) and y.shape[1] == 0:
        raise InvalidParameterError(f"`y` in {verb} is a DataFrame with no columns; give at least one outcome.")
    if y is not None and not isinstance(y, (pd.Series, pd.DataFrame)):
        raise InvalidParameterError(f"`y` in {verb} must be a pandas Series (one outcome) or DataFrame (several); "
                                    f"got {type(y).__name__}.")
    if y is not None and len(x) != len(y):
        raise InvalidParameterError(f"`x` has {len(x)} rows but `y` has {len(y)}; they must match.")
    if x.shape[1] == 0:
        raise InvalidParameterError(f"{verb} needs at least one predictor column in `x`.")


def _as_tabnet(obj: Any) -> TabNetFit:
    """The TabNetFit inside a fit, a parsnip ModelFit or a fitted workflow (for ``tabnet_model=``)."""
    if isinstance(obj, TabNetFit):
        return obj
    if hasattr(obj, "extract_fit_parsnip"):
        obj = obj.extract_fit_parsnip()
    inner = getattr(obj, "fit", None)
    if isinstance(inner, TabNetFit):
        return inner
    raise InvalidParameterError(
        f"`tabnet_model` in {_OWNER} must be a TabNet fit or pretrain (from fit(), fit_tabnet() or "
        f"tabnet_pretrain()); got {type(obj).__name__}."
    )


def _warm_start(cfg: dict[str, Any], predictors: tuple[str, ...], y_levels: tuple[str, ...] | None,
                pretrain: bool, outcomes: Outcomes | None = None
                ) -> tuple[TabNetFit | None, dict[str, torch.Tensor] | None, int]:
    """The previous model, the weights to start from and the number of epochs already trained."""
    if cfg["tabnet_model"] is None:
        return None, None, 0
    prev = _as_tabnet(cfg["tabnet_model"])
    if prev.predictors != predictors:
        raise InvalidParameterError(
            f"`tabnet_model` in {_OWNER} was fitted on the predictors {list(prev.predictors)}; the new data has "
            f"{list(predictors)}. Continue training on data with the same columns."
        )
    same_heads = outcomes is None or (prev.outcomes, prev.outcome_levels) == (outcomes.names, outcomes.heads)
    if not prev.net_args.pretrain and not pretrain and (prev.levels != y_levels or not same_heads):
        raise InvalidParameterError(
            f"`tabnet_model` in {_OWNER} predicts {prev.levels or 'a number'}; the new outcome has "
            f"{y_levels or 'numeric values'}. Continue training on the same kind of outcome."
        )
    state = prev._checkpoint(cfg["from_epoch"]) if cfg["from_epoch"] is not None else prev.state_dict
    done = int(cfg["from_epoch"]) if cfg["from_epoch"] is not None else (
        int(prev.history["epoch"].iloc[-1]) if len(prev.history) else 0)
    if prev.net_args.pretrain != pretrain:  # pretrain -> supervised fine-tuning: a new task, epochs from 1
        done = 0
    return prev, state, done


def _prepare(x: pd.DataFrame, cfg: dict[str, Any], prev: TabNetFit | None):
    predictors = tuple(str(c) for c in x.columns)
    x = x.set_axis(list(predictors), axis=1)
    levels = prev.predictor_levels if prev is not None else _predictor_levels(x)
    return predictors, levels, encode_predictors(x, predictors, levels)


def _network_args(cfg: dict[str, Any], predictors: tuple[str, ...], levels: dict[str, tuple[Any, ...]],
                  output_dim: int, batch_size: int, pretrain: bool) -> NetworkArgs:
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
    return NetworkArgs(
        input_dim=len(predictors), output_dim=output_dim, n_d=cfg["decision_width"],
        n_a=cfg["attention_width"], n_steps=cfg["num_steps"], gamma=float(cfg["feature_reusage"]),
        cat_idxs=cat_idxs, cat_dims=tuple(max(1, len(levels[predictors[i]])) for i in cat_idxs),
        cat_emb_dim=tuple(emb_dims), n_independent=cfg["num_independent"], n_shared=cfg["num_shared"],
        virtual_batch_size=min(cfg["virtual_batch_size"], batch_size), momentum=float(cfg["momentum"]),
        mask_type=cfg["mask_type"], mask_topk=cfg["mask_topk"], pretrain=pretrain,
        n_independent_decoder=cfg["num_independent_decoder"], n_shared_decoder=cfg["num_shared_decoder"],
    )


def _train_config(cfg: dict[str, Any], loss: Any, batch_size: int, heads: tuple[int, ...] = ()) -> TrainConfig:
    return TrainConfig(
        heads=heads,
        epochs=cfg["epochs"], batch_size=batch_size, penalty=float(cfg["penalty"]),
        learn_rate=float(cfg["learn_rate"]), loss=loss, clip_value=cfg["clip_value"], drop_last=bool(cfg["drop_last"]),
        lr_scheduler=cfg["lr_scheduler"], lr_decay=float(cfg["lr_decay"]), step_size=cfg["step_size"],
        checkpoint_epochs=cfg["checkpoint_epochs"], early_stopping_monitor=cfg["early_stopping_monitor"],
        early_stopping_tolerance=float(cfg["early_stopping_tolerance"]),
        early_stopping_patience=cfg["early_stopping_patience"], verbose=bool(cfg["verbose"]),
        device=resolve_device(cfg["device"]), optimizer=cfg["optimizer"], num_workers=int(cfg["num_workers"]),
    )


def _split(tensors: dict[str, torch.Tensor], valid_split: float, seed: int) -> dict[str, torch.Tensor]:
    """Hold out ``int(n * valid_split)`` rows (R: ``sample.int(n, n * valid_split)``)."""
    if valid_split <= 0:
        return tensors
    n = tensors["x"].shape[0]
    n_valid = int(n * valid_split)
    if n_valid < 1 or n - n_valid < 2:
        raise InvalidParameterError(f"`valid_split={valid_split}` in {_OWNER} leaves {n_valid} validation "
                                    f"and {n - n_valid} training rows out of {n}; both need rows.")
    perm = torch.randperm(n, generator=torch.Generator().manual_seed(seed))
    valid, train = perm[:n_valid].sort().values, perm[n_valid:].sort().values
    out = {k: v[train] for k, v in tensors.items()}
    out.update({f"{k}_valid": v[valid] for k, v in tensors.items()})
    return out


def _finish(cfg: dict[str, Any], net_args: NetworkArgs, state: dict[str, torch.Tensor], hist: dict[str, Any],
            predictors: tuple[str, ...], levels: dict[str, tuple[Any, ...]], y_levels: tuple[str, ...] | None,
            prev: TabNetFit | None, x_train: torch.Tensor, seed: int, outcomes: Outcomes | None = None) -> TabNetFit:
    history = pd.DataFrame({k: hist[k] for k in ("epoch", "loss", "valid_loss") if k in hist})
    lrs = pd.Series(hist["lr"], index=pd.Index(hist["epoch"], name="epoch"), name="learn_rate", dtype=float)
    checkpoints = dict(hist["checkpoints"])
    if prev is not None and prev.net_args.pretrain == net_args.pretrain:  # continued training: R appends
        history = pd.concat([prev.history[prev.history["epoch"] < (history["epoch"].min() if len(history) else 0)],
                             history], ignore_index=True)
        checkpoints = {**{e: v for e, v in prev.checkpoints.items() if e < min(hist["epoch"], default=0)},
                       **checkpoints}
        if prev.learn_rates is not None:
            lrs = pd.concat([prev.learn_rates[prev.learn_rates.index < min(hist["epoch"], default=0)], lrs])
    stored = {**cfg, "tabnet_model": None}  # the previous model is not kept inside the new one
    fit = TabNetFit(config=stored, net_args=net_args, state_dict=state, predictors=predictors, predictor_levels=levels,
                    levels=y_levels, history=history, checkpoints=checkpoints, importances=None,
                    best_epoch=hist.get("best_epoch"), learn_rates=lrs,
                    outcomes=outcomes.names if outcomes is not None else (),
                    outcome_levels=outcomes.heads if outcomes is not None else ())
    if not cfg["skip_importance"]:
        if cfg["importance_sample_size"] is None and len(x_train) > 100_000:
            logger.info("Computing importances on a sample of 1e5 of the %d training rows "
                        "(set importance_sample_size to choose).", len(x_train))
        imp = compute_importances(fit.network(), x_train, list(predictors),
                                  sample_size=cfg["importance_sample_size"], seed=seed, device=fit.device)
        object.__setattr__(fit, "importances", imp)
    return fit


def fit_tabnet(x: pd.DataFrame, y: pd.Series, *, seed: int, case_weights: Any = None, **config: Any) -> TabNetFit:
    """Fit a TabNet model (R: ``tabnet_fit(x, y, config = tabnet_config(...))``).

    Parameters
    ----------
    x : DataFrame
        Predictors: numeric columns and categorical (pandas ``category``, or strings) ones, which
        are embedded (``cat_emb_dim``): no dummy variables are needed, and a level unseen at fit
        time is treated as missing at predict time. Missing values are allowed: the initial prior
        of a missing entry is 0, numeric NaN is imputed by 0 and a missing level by the first
        level, as in R (pytidy does this for all-numeric data too, where R lets NaN through).
        ``+inf``/``-inf`` are refused.
    y : Series or DataFrame
        Categorical (classification, levels in ``y.cat.categories`` order) or numeric (regression).
        A DataFrame of several outcomes (all categorical or all numeric, R's multi-outcome
        ``tabnet_fit(x, y)``) gets one output head per outcome: the loss is the sum of the heads'
        cross-entropies (as R sums them), or the mean squared error over all numeric outcomes;
        :meth:`TabNetFit.predict` names the columns as hardhat does (``.pred_{outcome}``,
        ``.pred_class_{outcome}``), with probabilities flattened to ``.pred_{outcome}_{level}``
        where R nests one tibble per outcome.
    seed : int
        Seeds the initial weights, batch order, validation split and importance sample through
        per-fit ``torch.Generator`` s; the global torch RNG is neither read nor changed.
    case_weights : array-like, optional
        One non-negative weight per row: each batch's loss is the weighted mean of the row losses.
    **config
        R's ``tabnet_config()`` arguments: ``batch_size=1024**2`` (capped at the number of rows),
        ``virtual_batch_size=256**2``, ``penalty=1e-3`` (the paper's lambda_sparse),
        ``clip_value=None`` (gradient-norm clipping), ``loss="auto"`` ("mse", "cross_entropy", or
        a function ``loss(output, target)``), ``epochs=5``, ``drop_last=False``,
        ``decision_width``/``attention_width`` (8; one copies the other), ``num_steps=3``,
        ``feature_reusage=1.3``, ``mask_type="sparsemax"`` ("entmax", "sparsemax15", "entmax15"),
        ``mask_topk=None`` (for the "15" types: normalise over the k largest logits only; None uses
        all), ``valid_split=0``, ``learn_rate=0.02``, ``optimizer="adam"`` (or a function
        ``optimizer(params, lr=)``), ``lr_scheduler=None`` ("step", "reduce_on_plateau" with
        ``lr_decay=0.1`` and ``step_size=30``, or a function of the optimizer),
        ``checkpoint_epochs=10``, ``cat_emb_dim=1``, ``num_independent=2``, ``num_shared=2``,
        ``momentum=0.02`` (torch convention: the weight of the new batch; the paper's TensorFlow
        m_B = 0.6 is 0.4 here), ``verbose=False``, ``device="auto"`` (cuda, then mps, then cpu),
        ``importance_sample_size=None``, ``early_stopping_monitor="auto"``,
        ``early_stopping_tolerance=0``, ``early_stopping_patience=0`` (both non-zero turn early
        stopping on; pytidy restores the best epoch's weights, R keeps the last),
        ``skip_importance=False``, ``num_workers=0`` (R's data-loader workers: above 0, a torch
        ``DataLoader`` gathers the training batches in that many worker processes; the same batches
        and the same fit, bit for bit, and no faster on in-memory data), ``tabnet_model=None`` (a
        fit to continue training, or a :func:`tabnet_pretrain` result to fine-tune) and
        ``from_epoch=None`` (start from that checkpoint of ``tabnet_model``).
        ``num_independent_decoder``, ``num_shared_decoder`` and ``pretraining_ratio`` are used by
        :func:`tabnet_pretrain`.

    Returns
    -------
    TabNetFit

    Raises
    ------
    InvalidParameterError
        An unknown config name (with a suggestion), a value out of range or not finite, infinite
        predictor values.
    TrainingDivergedError
        The loss became NaN or infinite during training.

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
    _check_xy(x, y, "fit_tabnet()")
    seed = check_number(seed, "seed", "fit_tabnet()", lower=0, integer=True)
    cfg = resolve_config(config)
    out = _encode_outcomes(y, cfg["loss"])
    y_t, y_levels, loss = out.tensor, out.levels, out.loss
    if out.heads and callable(cfg["loss"]):
        raise InvalidParameterError(f"`loss` in {_OWNER} must be 'auto' (or the outcomes' named loss) with several "
                                    "outcomes; a loss function would not know the heads.")
    prev, init_state, done = _warm_start(cfg, tuple(str(c) for c in x.columns), y_levels, pretrain=False,
                                         outcomes=out)
    predictors, levels, x_t = _prepare(x, cfg, prev)
    n = len(x)
    if n < 2:
        raise InvalidParameterError(f"fit_tabnet() needs at least 2 rows to batch-normalise; got {n}.")
    seeds = np.random.SeedSequence(seed).generate_state(3)
    tensors: dict[str, torch.Tensor] = {"x": x_t, "y": y_t}
    if case_weights is not None:
        w = np.asarray(case_weights, dtype=np.float64).reshape(-1)
        if len(w) != n or not np.isfinite(w).all() or (w < 0).any() or w.sum() <= 0:
            raise InvalidParameterError(f"`case_weights` in {_OWNER} must be {n} finite, non-negative weights with "
                                        "a positive sum, one per row.")
        if callable(cfg["loss"]):
            raise InvalidParameterError(f"`case_weights` in {_OWNER} need a named loss ('auto', 'mse', "
                                        "'cross_entropy'); a loss function gets no weights.")
        tensors["w"] = torch.from_numpy(w.astype(np.float32))
    tensors = _split(tensors, cfg["valid_split"], int(seeds[1]))
    batch_size = min(cfg["batch_size"], len(tensors["x"]))
    if prev is not None and not prev.net_args.pretrain:
        net_args = prev.net_args  # continued training keeps the architecture of the model it continues
    else:
        net_args = _network_args(cfg, predictors, levels, out.output_dim, batch_size, False)
        if prev is not None:  # fine-tuning a pretrained encoder: its architecture, a fresh head
            net_args = attrs.evolve(prev.net_args, output_dim=net_args.output_dim, pretrain=False)
            init_state = {k: v for k, v in (init_state or {}).items() if not k.startswith("decoder.")}
    train_cfg = _train_config(cfg, cfg["loss"] if callable(cfg["loss"]) else loss, batch_size, out.head_sizes)
    state, hist = train_tabnet(train_cfg, net_args, tensors, seed=int(seeds[0]), init_state=init_state,
                               start_epoch=done)
    return _finish(cfg, net_args, state, hist, predictors, levels, y_levels, prev, tensors["x"], int(seeds[2]), out)


def tabnet_pretrain(x: pd.DataFrame, y: Any = None, *, seed: int | None = None, **config: Any) -> TabNetFit:
    """Self-supervised pretraining of a TabNet encoder (R: ``tabnet_pretrain(x, y, ...)``).

    A share ``pretraining_ratio`` of each row's features is hidden (prior and input set to 0) and
    a decoder (``num_independent_decoder``, ``num_shared_decoder`` GLU layers per step)
    reconstructs them from the encoder's step outputs; the loss is each hidden entry's squared
    error scaled by its feature's batch variance (the paper's section 4; pytorch-tabnet's
    ``UnsupervisedLoss``). Fine-tune the result with ``tabnet_model=`` in :func:`fit_tabnet` or
    ``tabnet(...).set_engine("torch", tabnet_model=pretrained)``; explain it with
    :func:`tabnet_explain`.

    Parameters
    ----------
    x : DataFrame
        Predictors only (unlabelled rows are the point of pretraining).
    y : ignored
        Accepted for R's ``tabnet_pretrain(x, y)`` signature; the outcome is not used.
    seed : int, optional
        None draws one from the generator :func:`pytidy.set_seed` seeded.
    **config
        ``tabnet_config()`` arguments, as :func:`fit_tabnet`; ``pretraining_ratio=0.5``.

    Returns
    -------
    TabNetFit
        With ``mode == "pretrain"``; ``history`` holds the reconstruction loss per epoch.

    Examples
    --------
    >>> df = pd.DataFrame({"a": np.linspace(-1, 1, 64), "b": np.linspace(-1, 1, 64) ** 2})
    >>> pre = tabnet_pretrain(df, seed=1, epochs=2, batch_size=32, virtual_batch_size=16, decision_width=4)
    >>> pre.mode, len(pre.history)
    ('pretrain', 2)
    >>> y = pd.Series(3 * df["a"])
    >>> fit_tabnet(df, y, seed=1, epochs=1, batch_size=32, virtual_batch_size=16, tabnet_model=pre).mode
    'regression'
    """
    from ..._random import draw_seed

    _check_xy(x, None, "tabnet_pretrain()")
    seed = draw_seed(seed)
    cfg = resolve_config(config)
    if callable(cfg["loss"]) or cfg["loss"] != "auto":
        raise InvalidParameterError("`loss` in tabnet_pretrain() is the reconstruction loss; leave it 'auto'.")
    prev, init_state, done = _warm_start(cfg, tuple(str(c) for c in x.columns), None, pretrain=True)
    if prev is not None and not prev.net_args.pretrain:
        raise InvalidParameterError("`tabnet_model` in tabnet_pretrain() must be a pretrained model (from "
                                    "tabnet_pretrain()); a supervised fit has no decoder to continue.")
    predictors, levels, x_t = _prepare(x, cfg, prev)
    if len(x) < 2:
        raise InvalidParameterError(f"tabnet_pretrain() needs at least 2 rows; got {len(x)}.")
    seeds = np.random.SeedSequence(seed).generate_state(3)
    tensors = _split({"x": x_t}, cfg["valid_split"], int(seeds[1]))
    batch_size = min(cfg["batch_size"], len(tensors["x"]))
    net_args = prev.net_args if prev is not None else _network_args(cfg, predictors, levels, 1, batch_size, True)
    state, hist = train_tabnet(_train_config(cfg, "mse", batch_size), net_args, tensors, seed=int(seeds[0]),
                               init_state=init_state, start_epoch=done,
                               pretraining_ratio=float(cfg["pretraining_ratio"]))
    return _finish(cfg, net_args, state, hist, predictors, levels, None, prev, tensors["x"], int(seeds[2]))


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
    best_epoch : int or None
        The epoch whose weights early stopping restored (None when it did not stop early).
    learn_rates : Series
        The learning rate of each epoch (after the ``lr_scheduler``), indexed by epoch.
    outcomes : tuple of str
        With several outcomes, their names (empty for one outcome).
    outcome_levels : tuple
        With several outcomes, each one's levels (classification) or None (regression).
    blueprint : PreparedRecipe or None
        From ``tabnet_fit(recipe, data)`` or ``tabnet_pretrain(recipe, data)``: the recipe prepped
        on the training data, which bakes ``new_data`` before predicting and explaining (R keeps
        hardhat's recipe blueprint and forges with it). None for the other inputs.
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
    best_epoch: int | None = field(default=None, repr=False)
    learn_rates: pd.Series | None = field(default=None, repr=False)
    outcomes: tuple[str, ...] = ()
    outcome_levels: tuple[tuple[str, ...] | None, ...] = field(default=(), repr=False)
    blueprint: Any = field(default=None, repr=False)

    @property
    def mode(self) -> str:
        if self.net_args.pretrain:
            return "pretrain"
        if self.outcomes:
            return "classification" if self.outcome_levels[0] is not None else "regression"
        return "classification" if self.levels is not None else "regression"

    def _head_slices(self) -> list[slice]:
        starts = np.cumsum([0] + [len(h or ()) for h in self.outcome_levels])
        return [slice(int(a), int(b)) for a, b in zip(starts[:-1], starts[1:])]

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
        net = build_network(self.net_args)  # its own generator: the global RNG is not touched
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

    def _forge(self, x: pd.DataFrame) -> pd.DataFrame:
        """``new_data`` as the network's predictors: baked with the recipe blueprint, if there is one."""
        if not isinstance(x, pd.DataFrame):
            raise InvalidParameterError(f"`new_data` must be a pandas DataFrame; got {type(x).__name__}.")
        if self.blueprint is None:
            return x
        return self.blueprint.bake(x).loc[:, list(self.predictors)]

    def _raw(self, x: pd.DataFrame, epoch: int | None) -> torch.Tensor:
        x = self._forge(x)
        if self.net_args.pretrain:
            raise InvalidParameterError("A TabNet pretrain has no prediction head; fine-tune it first with "
                                        "fit_tabnet(..., tabnet_model=pretrain) or tabnet_explain() it.")
        xt = encode_predictors(x, self.predictors, self.predictor_levels)
        net = self.network(epoch)
        out = torch.empty(len(xt), self.net_args.output_dim)
        with torch.inference_mode():
            for start in range(0, len(xt), PREDICT_BATCH):
                xb = xt[start:start + PREDICT_BATCH].to(self.device)
                out[start:start + xb.shape[0]] = net(xb)[0].to("cpu")
        return out.clone()

    def predict_proba(self, x: pd.DataFrame, epoch: int | None = None) -> np.ndarray:
        """Class probabilities, (n, k) in ``levels`` order (R: ``predict(type = "prob")``).

        With several categorical outcomes: one block of columns per outcome, each a softmax over
        that outcome's levels (R: ``nnf_softmax`` on each head).
        """
        if self.mode == "regression":
            raise InvalidParameterError("predict_proba() needs a classification fit; this TabNet fit is a "
                                        "regression. Use predict_numeric().")
        raw = self._raw(x, epoch)
        if not self.outcomes:
            return torch.softmax(raw, dim=1).numpy().astype(np.float64)
        return np.concatenate([torch.softmax(raw[:, s], dim=1).numpy() for s in self._head_slices()],
                              axis=1).astype(np.float64)

    def predict_numeric(self, x: pd.DataFrame, epoch: int | None = None) -> np.ndarray:
        """Numeric predictions, shape (n,), or (n, k) with k numeric outcomes (R: ``type = "numeric"``)."""
        if self.mode == "classification":
            raise InvalidParameterError("predict_numeric() needs a regression fit; this TabNet fit is a "
                                        "classification. Use predict_proba().")
        raw = self._raw(x, epoch).numpy().astype(np.float64)
        return raw if self.outcomes else raw[:, 0]

    def predict_class(self, x: pd.DataFrame, epoch: int | None = None) -> np.ndarray:
        """Class labels, (n,) or (n, k) with k outcomes; non-finite probabilities give None, never a level."""
        prob = self.predict_proba(x, epoch)
        if not self.outcomes:
            return _labels(prob, self.levels or ())
        return np.stack([_labels(prob[:, s], lv or ()) for s, lv in zip(self._head_slices(), self.outcome_levels)],
                        axis=1)

    def predict(self, new_data: pd.DataFrame, type: str | None = None, epoch: int | None = None) -> pd.DataFrame:
        """Predictions as a DataFrame with R's column names (R: ``predict.tabnet_fit``).

        One outcome: ``.pred`` (numeric), ``.pred_class``, ``.pred_{level}`` (prob). Several
        outcomes (hardhat's ``spruce_*_multiple``): ``.pred_{outcome}``, ``.pred_class_{outcome}``,
        and for probabilities ``.pred_{outcome}_{level}`` (R nests one tibble per outcome).

        Examples
        --------
        >>> df = pd.DataFrame({"a": np.linspace(-1, 1, 64)})
        >>> ys = pd.DataFrame({"u": 2 * df["a"], "v": -df["a"]})
        >>> fit = fit_tabnet(df, ys, seed=1, epochs=2, batch_size=32, virtual_batch_size=16, decision_width=4)
        >>> list(fit.predict(df.head(2)).columns)
        ['.pred_u', '.pred_v']
        """
        type = type or ("class" if self.mode == "classification" else "numeric")
        check_choice(type, "type", "predict() of a TabNet fit", ["class", "prob", "numeric"])
        index = new_data.index if isinstance(new_data, pd.DataFrame) else None
        if type == "numeric":
            pred = self.predict_numeric(new_data, epoch)
            if not self.outcomes:
                return pd.DataFrame({".pred": pred}, index=index)
            return pd.DataFrame(pred, columns=[f".pred_{o}" for o in self.outcomes], index=index)
        if type == "prob":
            prob = self.predict_proba(new_data, epoch)
            if not self.outcomes:
                return pd.DataFrame(prob, columns=[f".pred_{lv}" for lv in self.levels or ()], index=index)
            cols = [f".pred_{o}_{lv}" for o, lvs in zip(self.outcomes, self.outcome_levels) for lv in lvs or ()]
            return pd.DataFrame(prob, columns=cols, index=index)
        labels = self.predict_class(new_data, epoch)
        if not self.outcomes:
            return pd.DataFrame({".pred_class": pd.Categorical(labels, categories=list(self.levels or ()))},
                                index=index)
        return pd.DataFrame({f".pred_class_{o}": pd.Categorical(labels[:, j], categories=list(lvs or ()))
                             for j, (o, lvs) in enumerate(zip(self.outcomes, self.outcome_levels))}, index=index)

    def multi_predict(self, x: pd.DataFrame, epochs: Any, type: str | None = None) -> list[np.ndarray]:
        """Predictions at several epochs, from the checkpoints (R: ``multi_predict(fit, epochs = )``).

        ``type`` is "prob", "class" or "numeric" (default: "prob" for classification). Each epoch
        needs a checkpoint (``checkpoint_epochs``) or must be the last one; when tuning ``epochs``
        as a submodel, set ``checkpoint_epochs`` to divide every candidate value (1 keeps all).
        """
        values = [check_number(e, "epochs", "multi_predict()", lower=1, integer=True)
                  for e in np.atleast_1d(np.asarray(epochs, dtype=object))]
        last = int(self.history["epoch"].iloc[-1])
        type = type or ("prob" if self.mode == "classification" else "numeric")
        check_choice(type, "type", "multi_predict() of a TabNet fit", ["prob", "class", "numeric"])
        fn = {"prob": self.predict_proba, "class": self.predict_class, "numeric": self.predict_numeric}[type]
        return [fn(x, None if e == last else e) for e in values]
    def explain(self, x: pd.DataFrame, normalize: bool = False) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
        """``(M_explain, masks)`` as DataFrames with one column per predictor (R: ``tabnet_explain``).

        ``normalize=True`` divides each row of ``M_explain`` by its sum (the paper's ``M_agg``).
        """
        x = self._forge(x)
        xt = encode_predictors(x, self.predictors, self.predictor_levels)
        m, masks = compute_masks(self.network(), xt, device=self.device)
        if normalize:
            total = m.sum(axis=1, keepdims=True)
            m = np.divide(m, total, out=np.zeros_like(m), where=total > 0)
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
        if self.best_epoch is not None:
            ax.axvline(self.best_epoch, color="grey", linestyle=":", label="best epoch (restored)")
        if (h[[c for c in ("loss", "valid_loss") if c in h]] > 0).all().all():
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
        what = f"{self.mode}, {len(self.outcomes)} outcomes" if self.outcomes else self.mode
        return (f"A TabNet {'pretrain' if self.net_args.pretrain else 'fit'} ({what}) with {len(self.predictors)} predictors: decision_width {a.n_d}, "
                f"attention_width {a.n_a}, num_steps {a.n_steps}, {n_par:,} parameters, "
                f"{len(self.history)} epochs{loss}")


def _labels(prob: np.ndarray, levels: tuple[str, ...]) -> np.ndarray:
    """The most probable level per row; None where the probabilities are not finite."""
    labels = np.asarray(levels, dtype=object)[np.argmax(np.nan_to_num(prob, nan=-1.0), axis=1)]
    labels[~np.isfinite(prob).all(axis=1)] = None
    return labels


def nn_prune_head(x: Any, head_size: int = 1) -> torch.nn.Module:
    """The torch network of a TabNet fit or pretrain without its last layer(s) (R: ``nn_prune_head``).

    For a supervised fit, ``head_size=1`` drops the linear output layer: the result maps the
    predictor matrix (as :func:`encode_predictors` builds it) to the ``decision_width`` features
    ``sum_i ReLU(d_i)``, for use as an embedding in another network. For a pretrain it drops the
    decoder and returns the encoder's decision features likewise. Only ``head_size=1`` exists (the
    head is one layer).

    Examples
    --------
    >>> df = pd.DataFrame({"a": np.linspace(-1, 1, 32), "b": np.linspace(1, 2, 32)})
    >>> fit = fit_tabnet(df, pd.Series(df["a"] * 2), seed=1, epochs=1, decision_width=5, skip_importance=True)
    >>> body = nn_prune_head(fit)
    >>> tuple(body(torch.zeros(3, 2)).shape)
    (3, 5)
    """
    fit = _as_tabnet(x)
    check_number(head_size, "head_size", "nn_prune_head()", lower=1, upper=1, integer=True)
    return _Body(copy.deepcopy(fit.network()))


class _Body(torch.nn.Module):
    """A TabNet network's embedder and encoder: ``x -> sum_i ReLU(d_i)``."""

    def __init__(self, network: Any) -> None:
        super().__init__()
        self.embedder: Any = network.embedder
        self.encoder: Any = network.encoder

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        prior = (~self.embedder.missing(x)).to(x.dtype)
        return self.encoder(self.embedder(x), prior)[0]

"""``tabnet()`` and its ``torch`` engine registration (R: mlverse/tabnet ``R/parsnip.R``).

Registered at import time, unlike R's lazy ``add_parsnip_tabnet()``, so a saved workflow loads in
a fresh session (mlverse/tabnet issues #92, #128).
"""

from __future__ import annotations

from typing import Any

from ..generics import register_autoplot
from ._lazy import lazy
from .registry import EngineInfo, ModelInfo, register_engine, register_model
from .spec import ModelSpec, new_model_spec

__all__ = ["tabnet", "tabnet_config", "tabnet_fit", "tabnet_pretrain"]

# Order = order of the tuning parameters (learn_rate before the network sizes, as in API.md's grid).
_MAIN_ARGS = (
    "epochs", "penalty", "learn_rate", "batch_size", "decision_width", "attention_width", "num_steps",
    "feature_reusage", "virtual_batch_size", "momentum", "mask_type", "num_independent", "num_shared",
    "num_independent_decoder", "num_shared_decoder", "cat_emb_dim", "rate_decay", "rate_step_size",
    "optimizer", "loss", "clip_value", "drop_last", "lr_scheduler", "checkpoint_epochs",
    "importance_sample_size", "early_stopping_monitor", "early_stopping_tolerance",
    "early_stopping_patience", "skip_importance", "tabnet_model", "from_epoch", "verbose", "mask_topk",
)  # fmt: skip

register_model(ModelInfo("tabnet", modes=("classification", "regression"), main_args=_MAIN_ARGS,
                         default_engine="torch", label="TabNet"))

_TUNABLE = {
    "epochs": lazy("pytidy.dials", "epochs"),
    "penalty": lazy("pytidy.dials", "penalty"),
    "learn_rate": lazy("pytidy.dials", "learn_rate"),
    "batch_size": lazy("pytidy.dials", "batch_size"),
    "decision_width": lazy("pytidy.engines.tabnet.params", "decision_width"),
    "attention_width": lazy("pytidy.engines.tabnet.params", "attention_width"),
    "num_steps": lazy("pytidy.engines.tabnet.params", "num_steps"),
    "feature_reusage": lazy("pytidy.engines.tabnet.params", "feature_reusage"),
    "num_independent": lazy("pytidy.engines.tabnet.params", "num_independent"),
    "num_shared": lazy("pytidy.engines.tabnet.params", "num_shared"),
    "mask_type": lazy("pytidy.engines.tabnet.params", "mask_type"),
    "momentum": lazy("pytidy.engines.tabnet.params", "tabnet_momentum"),
    "rate_decay": lazy("pytidy.dials", "rate_decay"),
    "rate_step_size": lazy("pytidy.dials", "rate_step_size"),
}

_fit = lazy("pytidy.engines.tabnet.engine", "fit_tabnet")


def _importance(engine_fit: Any) -> dict[str, float]:
    """R's ``vi_model.tabnet_fit``: the importances computed at fit time on ``importance_sample_size`` rows."""
    if engine_fit.importances is None:
        from ..errors import InvalidParameterError

        raise InvalidParameterError(
            "This TabNet fit has no importances: it was fitted with skip_importance=True. Refit with "
            "skip_importance=False, or use tabnet_explain() on some rows."
        )
    return {str(k): float(v) for k, v in engine_fit.importances.items()}


def _multi_predict_epochs(engine_fit: Any, x: Any, values: Any, type: str, **opts: Any) -> list[Any]:
    """Predictions at several epochs from one fit's checkpoints (R: ``multi_predict(epochs = )``)."""
    return engine_fit.multi_predict(x, values, type=type)


for _mode, _predict in (
    ("classification", {"prob": lambda m, x, epoch=None: m.predict_proba(x, epoch),
                        "class": lambda m, x, epoch=None: m.predict_class(x, epoch)}),
    ("regression", {"numeric": lambda m, x, epoch=None: m.predict_numeric(x, epoch)}),
):
    register_engine(EngineInfo(
        model="tabnet", engine="torch", mode=_mode, fit=_fit, predict=_predict, encoding="none",
        arg_map={"rate_decay": "lr_decay", "rate_step_size": "step_size"}, tunable=_TUNABLE,
        case_weights=True, importance=_importance, multi_predict={"epochs": _multi_predict_epochs},
        allow_missing=True,  # the mask prior zeroes missing entries (R)
        multi_outcome=True,  # one head per outcome (R: tabnet_fit with several outcome columns)
    ))


def _is_tabnet_model_fit(x: Any) -> bool:
    return type(getattr(x, "fit", None)).__name__ == "TabNetFit"


def _autoplot_model_fit(x: Any, *args: Any, **kwargs: Any) -> Any:
    """``autoplot(fit)`` of a parsnip TabNet fit: the loss per epoch (R: ``autoplot.tabnet_fit``)."""
    return x.fit.autoplot(*args, **kwargs)


register_autoplot(_is_tabnet_model_fit, _autoplot_model_fit)


def tabnet(mode: str = "unknown", engine: str = "torch", **args: Any) -> ModelSpec:
    """A TabNet specification (R: ``tabnet::tabnet()``), fitted by pytidy's torch engine.

    Parameters
    ----------
    mode : {"unknown", "classification", "regression"}
        Set it here or with :meth:`ModelSpec.set_mode`.
    engine : str, default "torch"
    **args
        R's arguments, each a value or ``tune()``; unset ones take ``tabnet_config()``'s defaults
        at fit time: ``epochs=5, penalty=1e-3, batch_size=1024**2, virtual_batch_size=256**2,
        learn_rate=0.02, decision_width=8, attention_width=8, num_steps=3, feature_reusage=1.3,
        mask_type="sparsemax", num_independent=2, num_shared=2, momentum=0.02`` (torch's convention:
        the weight of the new batch; the paper's m_B = 0.6 is momentum=0.4 here), ``cat_emb_dim=1``.
        ``verbose=True`` shows a progress bar and the loss per epoch. The full list is
        ``pytidy.parsnip.tabnet._MAIN_ARGS``.

    Examples
    --------
    >>> from pytidy import tune
    >>> spec = tabnet(epochs=3, decision_width=tune()).set_mode("classification")
    >>> spec.tune_args()
    [{'name': 'decision_width', 'id': 'decision_width', 'component_id': 'main'}]
    """
    return new_model_spec("tabnet", args, mode=mode, engine=engine)


def tabnet_config(**config: Any) -> dict[str, Any]:
    """TabNet's training and network settings with R's defaults (R: ``tabnet::tabnet_config()``).

    Every name is R's (``batch_size``, ``penalty``, ``learn_rate``, ``decision_width``, ...; see
    :func:`pytidy.engines.tabnet.engine.fit_tabnet` for the list). Values are checked now: an
    unknown name raises with a suggestion, and ``decision_width``/``attention_width`` copy each
    other when only one is given, as in R. Pass the result to :func:`tabnet_fit` (``config=``).
    With parsnip, give the main arguments to :func:`tabnet` and the others (``valid_split``,
    ``device``, ...) to ``set_engine("torch", ...)``, as R's parsnip does.

    Examples
    --------
    >>> cfg = tabnet_config(epochs=3, decision_width=16)
    >>> cfg["epochs"], cfg["attention_width"], cfg["learn_rate"], cfg["batch_size"]
    (3, 16, 0.02, 1048576)
    """
    from ..engines.tabnet.engine import resolve_config

    return resolve_config(dict(config))


def _run_tabnet(verb: str, x: Any, y: Any, data: Any, config: Any, tabnet_model: Any, from_epoch: Any,
                seed: Any, weights: Any, kwargs: dict[str, Any]) -> Any:
    """The body of ``tabnet_fit`` and ``tabnet_pretrain``: R's arguments checked, the input molded, the fit run.

    ``data=`` is R's name for the data of the formula and recipe methods. A recipe's prepped
    version becomes the fit's ``blueprint``.
    """
    from .._random import draw_seed
    from ..engines.tabnet.engine import fit_tabnet, tabnet_pretrain
    from ..errors import InvalidParameterError
    from ._tabnet_mold import mold_tabnet

    if config is not None and not isinstance(config, dict):
        raise InvalidParameterError(f"`config` in {verb}() must come from tabnet_config(); got "
                                    f"{type(config).__name__}.")
    if data is not None:
        if y is not None:
            raise InvalidParameterError(f"{verb}() got both `y` and `data`; give the data once (`data=` is R's name "
                                        "for the data of the formula and recipe methods).")
        y = data
    supervised = verb == "tabnet_fit"
    molded = mold_tabnet(x, y, verb, supervised=supervised, weights=weights)
    settings = {**(config or {}), **kwargs}
    if tabnet_model is not None:
        settings["tabnet_model"] = tabnet_model
    if from_epoch is not None:
        settings["from_epoch"] = from_epoch
    if supervised:
        fit = fit_tabnet(molded.x, molded.y, seed=draw_seed(seed), case_weights=molded.weights, **settings)
    else:
        fit = tabnet_pretrain(molded.x, None, seed=draw_seed(seed), **settings)
    if molded.blueprint is not None:
        object.__setattr__(fit, "blueprint", molded.blueprint)
    return fit


def tabnet_fit(x: Any, y: Any = None, tabnet_model: Any = None, config: dict[str, Any] | None = None, *,
               from_epoch: int | None = None, weights: Any = None, seed: Any = None, data: Any = None,
               **kwargs: Any) -> Any:
    """Fit TabNet outside parsnip (R: ``tabnet_fit(x, y, tabnet_model, config, ..., from_epoch, weights)``).

    The R methods, line by line:

    - ``tabnet_fit(x, y)``: predictors ``x`` (a DataFrame) and the outcome ``y``: a Series, or a
      DataFrame of several outcomes (all categorical or all numeric; one head each).
    - ``tabnet_fit("y ~ .", data)``: a formula and the data (``y1 + y2 ~ .`` for several
      outcomes). Only plain column names, ``.`` and ``- name`` are allowed on the right: TabNet
      embeds categoricals itself, so no dummies are made.
    - ``tabnet_fit(recipe, data)``: the recipe is prepped on ``data``; its outcome-role columns are
      the outcomes, its predictor-role columns the predictors and a case-weights column the
      weights. The fit keeps the prepped recipe (R: the hardhat blueprint) and bakes ``new_data``
      with it in ``predict()`` and ``tabnet_explain()``, so give them the raw columns.

    Parameters
    ----------
    x : DataFrame, str or Recipe
    y : Series, DataFrame, or the data for a formula or a recipe
    data : DataFrame, optional
        R's name for the data of the formula and recipe methods: ``tabnet_fit(rec, data=df)``
        is ``tabnet_fit(rec, df)``.
    tabnet_model : TabNetFit, optional
        A fit to continue training, or a pretrain to fine-tune.
    config : dict, optional
        From :func:`tabnet_config`; ``**kwargs`` override its entries (R's ``...``).
    from_epoch : int, optional
        Start from this checkpoint of ``tabnet_model``.
    weights : array-like, optional
        Case weights, one per row (R: ``weights``).
    seed : int, optional
        Seeds the fit (R draws from the session's torch seed); None draws one from
        ``pytidy.set_seed``'s generator.

    Returns
    -------
    TabNetFit
        ``predict(new_data, type=)`` gives R's columns (``.pred``, ``.pred_class``, ...).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> df = pd.DataFrame({"a": np.linspace(-1, 1, 64), "b": np.tile([0.0, 1.0], 32)})
    >>> df["y1"], df["y2"] = 2 * df["a"], df["b"] - df["a"]
    >>> fit = tabnet_fit("y1 + y2 ~ a + b", df, config=tabnet_config(epochs=2, decision_width=4), seed=1)
    >>> fit.outcomes, list(fit.predict(df.head(2)).columns)
    (('y1', 'y2'), ['.pred_y1', '.pred_y2'])
    """
    return _run_tabnet("tabnet_fit", x, y, data, config, tabnet_model, from_epoch, seed, weights, kwargs)


def tabnet_pretrain(x: Any, y: Any = None, tabnet_model: Any = None, config: dict[str, Any] | None = None, *,
                    from_epoch: int | None = None, seed: Any = None, data: Any = None, **kwargs: Any) -> Any:
    """Self-supervised TabNet pretraining (R: ``tabnet_pretrain(x, y, tabnet_model, config, ..., from_epoch)``).

    R's methods: ``tabnet_pretrain(x)`` with a DataFrame of predictors (``y`` is accepted and not
    used); ``tabnet_pretrain("~ .", data)`` or ``("y ~ .", data)`` with a formula, whose outcome is
    left out of the predictors; and ``tabnet_pretrain(recipe, data)``, which preps the recipe on
    ``data``, pretrains on its predictor-role columns and keeps the prepped recipe to bake
    ``new_data`` in :func:`pytidy.tabnet_explain`. The algorithm and the settings are those of
    :func:`pytidy.engines.tabnet.engine.tabnet_pretrain` (``pretraining_ratio=0.5``).

    Parameters
    ----------
    x : DataFrame, str or Recipe
    y : ignored for a DataFrame ``x``; the data for a formula or a recipe
    tabnet_model : TabNetFit, optional
        A pretrain to continue.
    config : dict, optional
        From :func:`tabnet_config`; ``**kwargs`` override its entries (R's ``...``).
    from_epoch : int, optional
        Start from this checkpoint of ``tabnet_model``.
    seed : int, optional
        None draws one from ``pytidy.set_seed``'s generator.
    data : DataFrame, optional
        R's name for the data of the formula and recipe methods.

    Returns
    -------
    TabNetFit
        With ``mode == "pretrain"``; fine-tune it with ``tabnet_fit(..., tabnet_model=pretrained)``
        or ``tabnet(...).set_engine("torch", tabnet_model=pretrained)``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from pytidy import recipe
    >>> df = pd.DataFrame({"a": np.linspace(-1, 1, 32), "b": np.linspace(0, 1, 32) ** 2, "y": 0.0})
    >>> tabnet_pretrain("y ~ a", df, seed=1, epochs=1, decision_width=4).predictors
    ('a',)
    >>> pre = tabnet_pretrain(recipe("~ a + b", df).step_normalize("b"), data=df, seed=1, epochs=1, decision_width=4)
    >>> pre.mode, pre.predictors
    ('pretrain', ('a', 'b'))
    """
    return _run_tabnet("tabnet_pretrain", x, y, data, config, tabnet_model, from_epoch, seed, None, kwargs)

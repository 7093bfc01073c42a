"""Variable importance for every model: ``vi()`` and ``vip()`` (R: the vip package).

``vi(fit)`` uses the engine's native importance when it has one (``EngineInfo.importance``:
impurity for forests and trees, the gain share for xgboost and lightgbm, ``|coef|`` summed over
classes for scikit-learn's linear models); for fits with a coefficient table (``lm``, ``glm``)
it is the absolute t or z statistic with its ``Sign``, as ``vip::vi_model`` for ``lm``/``glm``;
for TabNet the attention-mask importance. Otherwise, or with ``method="permute"``, it is
permutation importance with ``vip::vi_permute``'s semantics: the drop in a metric on ``train``
when one feature's values are shuffled (``nsim`` times, averaged, with ``StDev``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .._checks import check_choice, check_number, require
from ..errors import InvalidParameterError

__all__ = ["vi", "vip", "vi_model", "vi_permute"]


def _parsnip_fit(object: Any) -> Any:
    """The parsnip ModelFit of a ModelFit or a fitted workflow."""
    if hasattr(object, "extract_fit_parsnip") and hasattr(object, "model_fit"):
        return object.extract_fit_parsnip()
    if hasattr(object, "engine_info") and hasattr(object, "spec"):
        return object
    raise InvalidParameterError(
        f"vi() needs a fitted model: the result of fit() on a model spec or a workflow; got a "
        f"{type(object).__name__!r}."
    )


def _table(values: dict[str, float], sign: dict[str, str] | None = None) -> pd.DataFrame:
    out = pd.DataFrame({"Variable": list(values), "Importance": np.asarray(list(values.values()), dtype=float)})
    if sign is not None:
        out["Sign"] = [sign[v] for v in values]
    return out


def vi_model(object: Any) -> pd.DataFrame:
    """The model's own importance (R: ``vip::vi_model``); see :func:`vi`.

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy import rand_forest
    >>> df = pd.DataFrame({"a": range(20), "b": [0, 1] * 10, "y": [2.0 * i for i in range(20)]})
    >>> fit = rand_forest(trees=10).set_mode("regression").fit("y ~ .", data=df, seed=1)
    >>> vi_model(fit)["Variable"].tolist()
    ['a', 'b']
    """
    if type(object).__name__ == "TabNetFit":  # an engine-level TabNet fit (fit_tabnet())
        from ..engines.tabnet.explain import vi as tabnet_vi

        return tabnet_vi(object)
    fit = _parsnip_fit(object)
    info = fit.engine_info
    if info.importance is not None:
        return _table({str(k): float(v) for k, v in dict(info.importance(fit.fit)).items()})
    if fit.spec.model == "tabnet":
        from ..engines.tabnet.explain import vi as tabnet_vi

        return tabnet_vi(fit)
    tidy = getattr(fit.fit, "tidy", None)
    if callable(tidy):
        tab = tidy()
        if "statistic" in tab.columns:
            tab = tab[tab["term"] != "(Intercept)"]
            stat = tab["statistic"].to_numpy(dtype=float)
            return _table(dict(zip(tab["term"].astype(str), np.abs(stat))),
                          dict(zip(tab["term"].astype(str), np.where(stat >= 0, "POS", "NEG"))))
    raise InvalidParameterError(
        f"{fit.spec.model}(engine={fit.spec.engine!r}) has no model-specific importance. Use "
        "vi(fit, method='permute', train=data) for permutation importance."
    )


def _resolve_metric(metric: Any, mode: str) -> Any:
    from .. import yardstick

    if metric is None:
        metric = "accuracy" if mode == "classification" else "rmse"
    if isinstance(metric, str):
        found = getattr(yardstick, metric, None)
        if found is None or not hasattr(found, "kind"):
            raise InvalidParameterError(
                f"`metric` in vi_permute() must be a yardstick metric or its name (e.g. 'rmse', 'accuracy', "
                f"'roc_auc'); got {metric!r}."
            )
        metric = found
    if not hasattr(metric, "kind") or not hasattr(metric, "vec"):
        raise InvalidParameterError(
            f"`metric` in vi_permute() must be a yardstick metric such as tm.rmse or tm.roc_auc; got {metric!r}."
        )
    return metric


def _score(object: Any, data: pd.DataFrame, truth: pd.Series, metric: Any, lvl: Sequence[str] | None,
           event_level: str) -> float:
    if metric.kind == "numeric":
        est = object.predict(data, type="numeric")[".pred"].to_numpy()
    elif metric.kind == "class":
        est = object.predict(data, type="class")[".pred_class"]
    else:
        prob = object.predict(data, type="prob").to_numpy()
        if prob.shape[1] == 2:
            est = prob[:, 0] if event_level == "first" else prob[:, 1]
        else:
            est = prob
    return float(metric.vec(truth, est, event_level=event_level))


def vi_permute(object: Any, *, train: pd.DataFrame, target: str | None = None, metric: Any = None,
               smaller_is_better: bool | None = None, type: str = "difference", nsim: int = 1,
               feature_names: Sequence[str] | None = None, sample_size: int | None = None,
               event_level: str = "first", seed: int | None = None) -> pd.DataFrame:
    """Permutation importance (R: ``vip::vi_permute``).

    For each feature, its column of ``train`` is shuffled and the metric recomputed; the
    importance is ``baseline - permuted`` (``permuted - baseline`` for a metric that is smaller
    when better), or their ratio with ``type="ratio"``, averaged over ``nsim`` shuffles
    (``StDev`` gives their standard deviation when ``nsim > 1``).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from pytidy import linear_reg
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame({"a": rng.normal(size=50), "b": rng.normal(size=50)})
    >>> df["y"] = 3 * df["a"] + 0.1 * rng.normal(size=50)
    >>> fit = linear_reg().fit("y ~ a + b", data=df)
    >>> vi_permute(fit, train=df, metric="rmse", seed=1)["Variable"].tolist()
    ['a', 'b']
    """
    fit = _parsnip_fit(object)
    if not isinstance(train, pd.DataFrame):
        raise InvalidParameterError(
            f"`train` in vi_permute() must be the training data as a pandas DataFrame; got {train.__class__.__name__}."
        )
    check_choice(type, "type", "vi_permute()", ["difference", "ratio"])
    check_number(nsim, "nsim", "vi_permute()", lower=1, integer=True)
    target = target or fit.outcome
    if target not in train.columns:
        raise InvalidParameterError(
            f"vi_permute() needs the outcome column {target!r} in `train` (or pass target=); "
            f"columns: {list(train.columns)[:20]}."
        )
    metric = _resolve_metric(metric, fit.mode)
    if smaller_is_better is None:
        smaller_is_better = metric.direction == "minimize"
    features = [c for c in train.columns if c != target] if feature_names is None else list(feature_names)
    missing = [f for f in features if f not in train.columns]
    if missing:
        raise InvalidParameterError(f"`feature_names` in vi_permute() are not columns of `train`: {missing}.")
    rng = np.random.default_rng(seed)
    data = train
    if sample_size is not None:
        check_number(sample_size, "sample_size", "vi_permute()", lower=1, integer=True)
        data = train.iloc[np.sort(rng.choice(len(train), size=min(int(sample_size), len(train)), replace=False))]
    truth = data[target]
    baseline = _score(object, data, truth, metric, fit.lvl, event_level)
    scores: dict[str, list[float]] = {}
    for feat in features:
        vals = []
        for _ in range(int(nsim)):
            shuffled = data.copy()
            shuffled[feat] = data[feat].to_numpy()[rng.permutation(len(data))]
            perm = _score(object, shuffled, truth, metric, fit.lvl, event_level)
            if type == "difference":
                vals.append(perm - baseline if smaller_is_better else baseline - perm)
            else:
                vals.append(perm / baseline if smaller_is_better else baseline / perm)
        scores[feat] = vals
    out = _table({f: float(np.mean(v)) for f, v in scores.items()})
    if nsim > 1:
        out["StDev"] = [float(np.std(v, ddof=1)) for v in scores.values()]
    return out


def vi(object: Any, method: str = "model", *, scale: bool = False, rank: bool = False, sort: bool = True,
       decreasing: bool = True, **kwargs: Any) -> pd.DataFrame:
    """Variable importance of a fitted model or workflow (R: ``vip::vi``).

    Parameters
    ----------
    object : ModelFit or fitted Workflow
    method : {"model", "permute"}, default "model"
        "model": the engine's native importance (see the module notes). When the engine has none
        and ``train=`` is given, permutation importance is used instead, as the vip package
        recommends for such models. "permute": :func:`vi_permute` (needs ``train=``).
    scale : bool, default False
        Rescale so the largest importance is 100 (R: ``scale = TRUE``).
    rank : bool, default False
        Replace importances by their rank (1 = most important).
    sort, decreasing : bool, default True
        Order the rows by importance, largest first.
    **kwargs
        For permutation: ``train``, ``target``, ``metric``, ``nsim``, ``type``, ``feature_names``,
        ``sample_size``, ``event_level``, ``seed``.

    Returns
    -------
    DataFrame
        ``Variable``, ``Importance`` (plus ``Sign`` for coefficient-based, ``StDev`` for
        permutation importance with ``nsim > 1``).

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy import boost_tree
    >>> df = pd.DataFrame({"a": range(40), "b": [0, 1] * 20, "y": [float(i % 7) for i in range(40)]})
    >>> fit = boost_tree(trees=5).set_mode("regression").fit("y ~ .", data=df, seed=1)
    >>> out = vi(fit)
    >>> list(out.columns), round(float(out["Importance"].sum()), 6)
    (['Variable', 'Importance'], 1.0)
    """
    check_choice(method, "method", "vi()", ["model", "permute"])
    permute_keys = {"train", "target", "metric", "smaller_is_better", "type", "nsim", "feature_names",
                    "sample_size", "event_level", "seed"}
    unknown = sorted(set(kwargs) - permute_keys)
    if unknown:
        raise InvalidParameterError(f"vi() got unknown argument(s) {unknown}; allowed: {sorted(permute_keys)}.")
    if method == "model":
        if kwargs and "train" not in kwargs:
            raise InvalidParameterError(
                f"The argument(s) {sorted(kwargs)} of vi() are for method='permute' (with train=data)."
            )
        try:
            out = vi_model(object)
        except InvalidParameterError:
            if "train" not in kwargs:
                raise
            out = vi_permute(object, **kwargs)
    else:
        if "train" not in kwargs:
            raise InvalidParameterError("vi(method='permute') needs the training data: pass train=data.")
        out = vi_permute(object, **kwargs)
    if scale:
        top = float(out["Importance"].abs().max()) or 1.0
        out["Importance"] = out["Importance"] / top * 100
    if rank:
        out["Importance"] = out["Importance"].rank(ascending=False, method="first").astype(int)
        if sort:
            return out.sort_values("Importance", kind="stable").reset_index(drop=True)
    if sort:
        out = out.sort_values("Importance", ascending=not decreasing, kind="stable").reset_index(drop=True)
    return out


def vip(object: Any, num_features: int = 10, **kwargs: Any) -> Any:
    """Bar chart of the ``num_features`` most important variables (R: ``vip::vip``).

    ``kwargs`` go to :func:`vi` (``method``, ``train``, ``metric``, ...).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy import rand_forest
    >>> df = pd.DataFrame({"a": range(20), "b": [0, 1] * 10, "y": [2.0 * i for i in range(20)]})
    >>> fit = rand_forest(trees=10).set_mode("regression").fit("y ~ .", data=df, seed=1)
    >>> len(vip(fit, num_features=1).axes[0].patches)
    1
    """
    check_number(num_features, "num_features", "vip()", lower=1, integer=True)
    table = vi(object, **kwargs).head(int(num_features))
    plt = require("matplotlib.pyplot", "plots", "vip()")
    fig, ax = plt.subplots(figsize=(6, 0.35 * len(table) + 1.2), constrained_layout=True)
    ax.barh(table["Variable"][::-1], table["Importance"][::-1], color="grey")
    ax.set_xlabel("Importance")
    plt.close(fig)
    return fig

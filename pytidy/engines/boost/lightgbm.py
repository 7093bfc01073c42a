"""``boost_tree(engine="lightgbm")`` (R: bonsai's ``train_lightgbm``).

bonsai's defaults: ``num_iterations = 100``, ``learning_rate = 0.1``, ``max_depth = -1``,
``min_data_in_leaf = 20``, ``min_gain_to_split = 0``, ``bagging_fraction = 1`` (any other value
also sets ``bagging_freq = 1``), ``feature_fraction_bynode = mtry / p`` (``counts = True``),
``deterministic = True``, ``verbose = -1``; objective ``regression``, ``binary`` (P(second level))
or ``multiclass``. Factor (categorical) predictors are passed as integer codes and declared
``categorical_feature``, as bonsai does. ``stop_iter`` (``early_stopping_round``) watches the
training set or a ``validation`` proportion held out with the seed (bonsai's sampling rule).
pytidy differs in one default: ``num_threads = 1`` (bonsai: 0, all cores) so runs repeat exactly.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from attrs import field, frozen

from ..._converters import as_dict
from ..._checks import require
from ...errors import InvalidParameterError
from ..sklearn._common import boost_rows, bynode_fraction, level_codes, levels_of, predict_by_trees, weights_array

__all__ = ["LightgbmFit", "fit_lightgbm", "lgb_multi_predict", "lgb_importance"]


def _lgb() -> Any:
    return require("lightgbm", "lightgbm", "boost_tree(engine='lightgbm')")


@frozen(eq=False)
class LgbDesign:
    """Predictor columns; categorical ones become their integer codes (missing: NaN)."""

    columns: tuple[str, ...]
    levels: dict[str, tuple[str, ...]] = field(converter=as_dict)

    @classmethod
    def learn(cls, x: pd.DataFrame) -> LgbDesign:
        levels = {}
        for col in x.columns:
            s = x[col]
            if isinstance(s.dtype, pd.CategoricalDtype):
                levels[str(col)] = tuple(str(v) for v in s.cat.categories)
            elif s.dtype == object or pd.api.types.is_string_dtype(s):
                levels[str(col)] = tuple(sorted(s.dropna().astype(str).unique()))
            elif not (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)):
                raise InvalidParameterError(f"Column `{col}` has dtype {s.dtype}, which lightgbm cannot use.")
        return cls(tuple(str(c) for c in x.columns), levels)

    @property
    def categorical(self) -> list[int]:
        return [i for i, c in enumerate(self.columns) if c in self.levels]

    def matrix(self, x: pd.DataFrame) -> np.ndarray:
        if not self.levels:
            return x.loc[:, list(self.columns)].to_numpy(dtype=float, na_value=np.nan)
        cols = []
        for col in self.columns:
            s = x[col]
            if col in self.levels:
                codes = level_codes(s, self.levels[col])
                cols.append(np.where(codes < 0, np.nan, codes).astype(float))
            else:
                cols.append(s.to_numpy(dtype=float, na_value=np.nan))
        return np.column_stack(cols) if cols else np.empty((len(x), 0))


@frozen(eq=False)
class LightgbmFit:
    """A fitted lightgbm Booster with its design and the outcome levels."""

    booster: Any
    design: LgbDesign
    levels: tuple[str, ...] | None

    def _predict(self, x: pd.DataFrame, trees: int | None = None, raw: bool = False) -> np.ndarray:
        return np.asarray(self.booster.predict(self.design.matrix(x), num_iteration=trees, raw_score=raw))

    def predict_numeric(self, x: pd.DataFrame, trees: int | None = None) -> np.ndarray:
        return self._predict(x, trees)

    def predict_prob(self, x: pd.DataFrame, trees: int | None = None) -> np.ndarray:
        p = self._predict(x, trees)
        return np.column_stack([1 - p, p]) if p.ndim == 1 else p

    def predict_raw(self, x: pd.DataFrame) -> np.ndarray:
        return self._predict(x, raw=True)

    def importance(self) -> dict[str, float]:
        return lgb_importance(self)

    def __repr__(self) -> str:
        return f"LightGBM Model ({self.booster.num_trees()} trees)"


def fit_lightgbm(x: pd.DataFrame, y: pd.Series, *, seed: int, max_depth: Any = -1, num_iterations: Any = 100,
                 learning_rate: Any = 0.1, feature_fraction_bynode: Any = None, min_data_in_leaf: Any = 20,
                 min_gain_to_split: Any = 0, bagging_fraction: Any = 1, early_stopping_round: Any = None,
                 validation: float = 0, counts: bool = True, case_weights: Any = None,
                 **engine_args: Any) -> LightgbmFit:
    """Train with ``lightgbm.train`` as bonsai's ``train_lightgbm``; ``seed`` seeds lightgbm.

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(60.0)})
    >>> f = fit_lightgbm(x, pd.Series(np.sin(x["a"])), seed=1, num_iterations=3)
    >>> f.booster.current_iteration()
    3
    """
    lgb = _lgb()
    classification = isinstance(y.dtype, pd.CategoricalDtype)
    design = LgbDesign.learn(x)
    X = design.matrix(x)
    p = X.shape[1]
    X, label, w = boost_rows(X, y, weights_array(case_weights, len(X)))
    bynode = bynode_fraction(feature_fraction_bynode, p, counts)
    params: dict[str, Any] = {
        "num_iterations": int(num_iterations), "learning_rate": float(learning_rate),
        "max_depth": int(max_depth), "feature_fraction_bynode": bynode,
        "min_data_in_leaf": int(min_data_in_leaf), "min_gain_to_split": float(min_gain_to_split),
        "bagging_fraction": float(bagging_fraction), "deterministic": True, "verbose": -1,
        "num_threads": 1, "seed": int(seed) % (2**31), "feature_pre_filter": False,
    }
    if float(bagging_fraction) != 1 and "bagging_freq" not in engine_args:
        params["bagging_freq"] = 1
    if classification:
        k = len(y.cat.categories)
        params.update({"objective": "binary"} if k == 2 else {"objective": "multiclass", "num_class": k})
    else:
        params["objective"] = "regression"
    params.update(engine_args)
    if not 0 <= float(validation) < 1:
        raise InvalidParameterError(f"`validation` of the lightgbm engine must be in [0, 1); got {validation!r}.")
    n = len(X)
    val: np.ndarray | None  # the validation rows, if any
    if validation > 0:
        rng = np.random.default_rng(seed)
        m = min(int(np.floor(n * (1 - validation))) + 1, n - 1)
        trn = np.sort(rng.choice(n, size=max(m, 2), replace=False))
        val = np.setdiff1d(np.arange(n), trn)
    else:
        trn = np.arange(n)
        val = trn if early_stopping_round is not None else None

    def dataset(idx: np.ndarray) -> Any:
        return lgb.Dataset(X[idx], label=label[idx], weight=None if w is None else w[idx],
                           categorical_feature=design.categorical or "auto",
                           feature_name=[f"f{i}" for i in range(p)], free_raw_data=False)

    dtrain = dataset(trn)
    kwargs: dict[str, Any] = {}
    if val is not None:
        kwargs["valid_sets"] = [dtrain if val is trn else dataset(val)]
        kwargs["valid_names"] = ["validation"]
    if early_stopping_round is not None:
        params["early_stopping_round"] = int(early_stopping_round)
    booster = lgb.train(params, dtrain, **kwargs)
    return LightgbmFit(booster, design, levels_of(y))


def lgb_multi_predict(fit: LightgbmFit, x: pd.DataFrame, values: Any, type: str = "numeric", **opts: Any) -> list:
    """Predictions with the first ``trees`` iterations for each value (bonsai's ``multi_predict``).

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(60.0)})
    >>> f = fit_lightgbm(x, pd.Series(np.sin(x["a"])), seed=1, num_iterations=4)
    >>> [p.shape for p in lgb_multi_predict(f, x.head(3), [1, 4])]
    [(3,), (3,)]
    """
    return predict_by_trees(fit, x, values, type, "lightgbm")


def lgb_importance(fit: LightgbmFit) -> dict[str, float]:
    """Each predictor's share of the total split gain, as R's ``lgb.importance()$Gain``.

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(60.0), "b": np.zeros(60)})
    >>> lgb_importance(fit_lightgbm(x, pd.Series(np.sin(x["a"])), seed=1, num_iterations=2))
    {'a': 1.0, 'b': 0.0}
    """
    gain = np.asarray(fit.booster.feature_importance(importance_type="gain"), dtype=float)
    total = float(gain.sum()) or 1.0
    return {name: float(g) / total for name, g in zip(fit.design.columns, gain)}

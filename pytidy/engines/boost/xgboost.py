"""``boost_tree(engine="xgboost")`` (R: parsnip's ``xgb_train``/``xgb_predict``).

parsnip's defaults: ``nrounds = 15``, ``max_depth = 6``, ``eta = 0.3``, ``gamma = 0``,
``min_child_weight = 1``, ``subsample = 1``, ``colsample_bynode = 1``, ``nthread = 1``;
objective ``reg:squarederror``, ``binary:logistic`` (the model is P(second level), as parsnip codes
``as.numeric(y) - 1``) or ``multi:softprob``. ``mtry`` is a count turned into the proportion
``colsample_bynode = mtry / p`` (engine argument ``counts = True``; ``counts = False`` takes a
proportion). ``stop_iter`` (``early_stop``) watches the training set, or a random ``validation``
proportion held out with the seed; an ``early_stop >= nrounds`` is lowered to ``nrounds - 1`` with a
warning, and predictions then use the best iteration, as R's ``predict.xgb.Booster``.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
from attrs import frozen

from ..._checks import require
from ...errors import InvalidParameterError, PytidyWarning
from ..sklearn._common import Encoder, boost_rows, bynode_fraction, levels_of, predict_by_trees, weights_array

__all__ = ["XgbFit", "fit_xgboost", "xgb_multi_predict", "xgb_importance"]


def _xgb() -> Any:
    return require("xgboost", "xgboost", "boost_tree(engine='xgboost')")


@frozen(eq=False)
class XgbFit:
    """A fitted xgboost Booster, the encoder of the predictors and the outcome levels."""

    booster: Any
    encoder: Encoder
    levels: tuple[str, ...] | None
    best_iteration: int | None
    nrounds: int

    def _dmatrix(self, x: pd.DataFrame) -> Any:
        return _xgb().DMatrix(self.encoder.matrix(x), feature_names=list(self.encoder.names))

    def _range(self, trees: int | None) -> tuple[int, int]:
        if trees is not None:  # more trees than were grown (early stopping): all of them
            return (0, min(int(trees), int(self.booster.num_boosted_rounds())))
        if self.best_iteration is not None:
            return (0, self.best_iteration + 1)
        return (0, 0)

    def _predict(self, x: pd.DataFrame, trees: int | None = None, margin: bool = False) -> np.ndarray:
        return np.asarray(self.booster.predict(self._dmatrix(x), iteration_range=self._range(trees),
                                               output_margin=margin))

    def predict_numeric(self, x: pd.DataFrame, trees: int | None = None) -> np.ndarray:
        return self._predict(x, trees)

    def predict_prob(self, x: pd.DataFrame, trees: int | None = None) -> np.ndarray:
        p = self._predict(x, trees)
        if p.ndim == 1:
            return np.column_stack([1 - p, p])
        return p

    def predict_raw(self, x: pd.DataFrame) -> np.ndarray:
        return self._predict(x, margin=True)

    def importance(self) -> dict[str, float]:
        return xgb_importance(self)

    def __repr__(self) -> str:
        return f"##### xgb.Booster\nniter: {self.booster.num_boosted_rounds()}\nnfeatures: {len(self.encoder.names)}"


def fit_xgboost(x: pd.DataFrame, y: pd.Series, *, seed: int, max_depth: Any = 6, nrounds: Any = 15,
                eta: Any = 0.3, colsample_bynode: Any = None, min_child_weight: Any = 1, gamma: Any = 0,
                subsample: Any = 1, early_stop: Any = None, validation: float = 0, counts: bool = True,
                case_weights: Any = None, **engine_args: Any) -> XgbFit:
    """Train with ``xgboost.train`` as parsnip's ``xgb_train`` does; ``seed`` seeds xgboost.

    Other engine arguments (``nthread``, ``objective``, ``lambda``, ``alpha``, ...) go into the
    parameter list.

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(40.0)})
    >>> f = fit_xgboost(x, pd.Series(np.sin(x["a"])), seed=1, nrounds=3)
    >>> f.booster.num_boosted_rounds()
    3
    """
    xgb = _xgb()
    classification = isinstance(y.dtype, pd.CategoricalDtype)
    enc = Encoder.learn(x)
    X = enc.matrix(x)
    p = X.shape[1]
    X, label, w = boost_rows(X, y, weights_array(case_weights, len(X)))
    bynode = bynode_fraction(colsample_bynode, p, counts)
    if colsample_bynode is not None and not counts and not 0 < bynode <= 1:
        raise InvalidParameterError(
            f"With counts=False, `mtry` in boost_tree() is a proportion in (0, 1]; got {colsample_bynode!r}."
        )
    params: dict[str, Any] = {"eta": float(eta), "max_depth": int(max_depth), "gamma": float(gamma),
                              "colsample_bytree": 1.0, "colsample_bynode": bynode,
                              "min_child_weight": float(min_child_weight), "subsample": float(subsample),
                              "nthread": 1, "seed": int(seed) % (2**31)}
    if classification:
        k = len(y.cat.categories)
        if k == 2:
            params["objective"] = "binary:logistic"
        else:
            params.update(objective="multi:softprob", num_class=k)
    else:
        params["objective"] = "reg:squarederror"
    engine_args = dict(engine_args)
    if "verbose" in engine_args:  # R's xgb.train(verbose = 0): printing, not a booster parameter
        engine_args.pop("verbose")
    params.update(engine_args)
    nrounds = int(nrounds)
    if not 0 <= float(validation) < 1:
        raise InvalidParameterError(f"`validation` of the xgboost engine must be in [0, 1); got {validation!r}.")
    if validation > 0:
        n = len(X)
        rng = np.random.default_rng(seed)
        m = min(int(np.floor(n * (1 - validation))) + 1, n - 1)
        trn = np.sort(rng.choice(n, size=max(m, 2), replace=False))
        val = np.setdiff1d(np.arange(n), trn)
    else:
        trn, val = np.arange(len(X)), None
    names = list(enc.names)
    dtrain = xgb.DMatrix(X[trn], label=label[trn], weight=None if w is None else w[trn], feature_names=names)
    evals = []
    if val is not None:
        evals = [(xgb.DMatrix(X[val], label=label[val], weight=None if w is None else w[val],
                              feature_names=names), "validation")]
    rounds = None
    if early_stop is not None:
        rounds = int(early_stop)
        if rounds >= nrounds:
            rounds = max(nrounds - 1, 1)
            warnings.warn(f"`early_stop` was reduced to {rounds} (it must be smaller than `trees`).",
                          PytidyWarning, stacklevel=2)
        if not evals:
            evals = [(dtrain, "training")]
    booster = xgb.train(params, dtrain, num_boost_round=nrounds, evals=evals, early_stopping_rounds=rounds,
                        verbose_eval=False)
    best = getattr(booster, "best_iteration", None) if rounds is not None else None
    return XgbFit(booster, enc, levels_of(y), best, nrounds)


def xgb_multi_predict(fit: XgbFit, x: pd.DataFrame, values: Any, type: str = "numeric", **opts: Any) -> list:
    """Predictions with the first ``trees`` rounds for each value (R: ``multi_predict._xgb.Booster``).

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(40.0)})
    >>> f = fit_xgboost(x, pd.Series(np.sin(x["a"])), seed=1, nrounds=4)
    >>> [p.shape for p in xgb_multi_predict(f, x.head(3), [1, 4])]
    [(3,), (3,)]
    """
    return predict_by_trees(fit, x, values, type, "xgboost")


def xgb_importance(fit: XgbFit) -> dict[str, float]:
    """Each predictor's share of the total gain, as R's ``xgb.importance()$Gain`` (unused ones: 0).

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(40.0), "b": np.zeros(40)})
    >>> xgb_importance(fit_xgboost(x, pd.Series(np.sin(x["a"])), seed=1, nrounds=2))
    {'a': 1.0, 'b': 0.0}
    """
    score = fit.booster.get_score(importance_type="total_gain")
    total = float(sum(score.values())) or 1.0
    return {name: float(score.get(name, 0.0)) / total for name in fit.encoder.names}

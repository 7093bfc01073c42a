"""Linear models with scikit-learn: linear_reg, logistic_reg, multinom_reg and poisson_reg ("sklearn").

``penalty`` (lambda) and ``mixture`` (alpha) mean what they mean for glmnet, whose objective
``(1/n) sum(loss) + lambda * ((1 - alpha)/2 |w|^2 + alpha |w|_1)`` each estimator is given:

* linear_reg: no penalty -> ``LinearRegression``; ``mixture = 0`` -> ``Ridge(alpha = n * penalty)``;
  otherwise ``ElasticNet(alpha = penalty, l1_ratio = mixture)`` (squared loss is halved, as glmnet).
* logistic_reg / multinom_reg: ``LogisticRegression(C = 1 / (n * penalty), l1_ratio = mixture)``
  ("saga" when ``mixture > 0``); no penalty -> ``C = inf``. The multinomial model has one
  coefficient vector per class, as glmnet's.
* poisson_reg: ``PoissonRegressor(alpha = penalty)``, ridge only (``mixture`` must be 0).

As for parsnip's glmnet engine, ``mixture`` defaults to 1 when a penalty is set (0 for poisson).
Unlike glmnet, predictors are not standardised inside the fit (use ``step_normalize``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from attrs import frozen

from ...errors import InvalidParameterError
from ._common import Encoder, SklearnFit, levels_of, outcome_labels, sklearn_module, training_rows, weights_array

__all__ = ["fit_sklearn_linear", "fit_sklearn_logistic", "fit_sklearn_poisson", "LinearSklearnFit"]


@frozen(eq=False)
class LinearSklearnFit(SklearnFit):
    """A fitted scikit-learn linear model; ``tidy()`` gives its coefficients."""

    penalty: float = 0.0

    def tidy(self) -> pd.DataFrame:
        """``term``, ``estimate`` and ``penalty`` (plus ``class`` for a multinomial model), as
        ``broom::tidy`` of a glmnet fit at one penalty. A binary logistic model's coefficients are
        for the second level, as R's."""
        est = self.estimator
        coef = np.atleast_2d(np.asarray(est.coef_, dtype=float))
        icpt = np.atleast_1d(np.asarray(est.intercept_, dtype=float))
        terms = ["(Intercept)", *self.encoder.names]
        if coef.shape[0] == 1:
            if self.levels is not None and str(est.classes_[1]) != self.levels[1]:
                coef, icpt = -coef, -icpt  # scikit-learn models its sorted second class; R the second level
            return pd.DataFrame({"term": terms, "estimate": np.concatenate([icpt[:1], coef[0]]),
                                 "penalty": self.penalty})
        rows = []
        for k, cls in enumerate(est.classes_):
            rows.append(pd.DataFrame({"class": str(cls), "term": terms,
                                      "estimate": np.concatenate([icpt[k:k + 1], coef[k]]), "penalty": self.penalty}))
        return pd.concat(rows, ignore_index=True)


def _pen(penalty: Any, mixture: Any, model: str, default_mixture: float = 1.0) -> tuple[float, float]:
    lam = 0.0 if penalty is None else float(penalty)
    if lam < 0:
        raise InvalidParameterError(f"`penalty` in {model}() must be >= 0; got {penalty!r}.")
    mix = default_mixture if mixture is None else float(mixture)
    if not 0 <= mix <= 1:
        raise InvalidParameterError(f"`mixture` in {model}() must be a number in [0, 1]; got {mixture!r}.")
    return lam, mix


def _data(x: pd.DataFrame, y: pd.Series, case_weights: Any):
    enc = Encoder.learn(x)
    X = enc.matrix(x)
    X, yy, w = training_rows(X, outcome_labels(y), weights_array(case_weights, len(X)), allow_nan=False)
    return enc, X, yy, w


def fit_sklearn_linear(x: pd.DataFrame, y: pd.Series, *, seed: int, penalty: Any = None, mixture: Any = None,
                       case_weights: Any = None, **engine_args: Any) -> SklearnFit:
    """Least squares, ridge or elastic net with glmnet's scaling of ``penalty``.

    Examples
    --------
    >>> x = pd.DataFrame({"a": [1.0, 2, 3, 4]})
    >>> fit_sklearn_linear(x, pd.Series([1.0, 3, 5, 7]), seed=1).estimator.coef_.round(6).tolist()
    [2.0]
    """
    lm = sklearn_module("linear_model", "linear_reg(engine='sklearn')")
    lam, mix = _pen(penalty, mixture, "linear_reg")
    enc, X, yy, w = _data(x, y, case_weights)
    yy = yy.astype(float)
    if lam == 0:
        est = lm.LinearRegression(**engine_args)
    elif mix == 0:
        n = len(yy) if w is None else float(w.sum())
        est = lm.Ridge(alpha=n * lam, random_state=seed, **engine_args)
    else:
        est = lm.ElasticNet(alpha=lam, l1_ratio=mix, random_state=seed, **{"max_iter": 10000, **engine_args})
    est.fit(X, yy, sample_weight=w)
    return LinearSklearnFit(est, enc, None, "sklearn", penalty=lam)


def fit_sklearn_logistic(x: pd.DataFrame, y: pd.Series, *, seed: int, penalty: Any = None, mixture: Any = None,
                         case_weights: Any = None, model: str = "logistic_reg", **engine_args: Any) -> SklearnFit:
    """Binary or multinomial logistic regression with glmnet's scaling of ``penalty``.

    Examples
    --------
    >>> x = pd.DataFrame({"a": [0.0, 1, 2, 3, 4, 5]})
    >>> y = pd.Series(pd.Categorical(["a", "a", "b", "a", "b", "b"]))
    >>> fit_sklearn_logistic(x, y, seed=1).estimator.coef_.round(3).tolist()
    [[1.214]]
    """
    lm = sklearn_module("linear_model", f"{model}(engine='sklearn')")
    lam, mix = _pen(penalty, mixture, model)
    enc, X, yy, w = _data(x, y, case_weights)
    if model == "logistic_reg" and len(y.cat.categories) != 2:
        raise InvalidParameterError(
            f"logistic_reg() needs an outcome with two levels; `{y.name}` has {len(y.cat.categories)}. "
            "Use multinom_reg() for more levels."
        )
    if lam == 0:
        kw: dict[str, Any] = {"C": np.inf, "solver": "lbfgs"}
    else:
        n = len(yy) if w is None else float(w.sum())
        kw = {"C": 1.0 / (n * lam), "l1_ratio": mix, "solver": "saga" if mix > 0 else "lbfgs"}
    kw = {"max_iter": 10000, "tol": 1e-8, **kw, **engine_args}
    est = lm.LogisticRegression(random_state=seed, **kw).fit(X, yy, sample_weight=w)
    return LinearSklearnFit(est, enc, levels_of(y), "sklearn", penalty=lam)


def fit_sklearn_poisson(x: pd.DataFrame, y: pd.Series, *, seed: int, penalty: Any = None, mixture: Any = None,
                        case_weights: Any = None, **engine_args: Any) -> SklearnFit:
    """Poisson regression (log link) by ``PoissonRegressor(alpha=penalty)``; ridge penalty only.

    Examples
    --------
    >>> x = pd.DataFrame({"a": [0.0, 1, 2, 3]})
    >>> f = fit_sklearn_poisson(x, pd.Series([1.0, 2, 4, 8]), seed=1)
    >>> round(float(f.estimator.coef_[0]), 3)
    0.693
    """
    lm = sklearn_module("linear_model", "poisson_reg(engine='sklearn')")
    lam, mix = _pen(penalty, mixture, "poisson_reg", default_mixture=0.0)
    if mix != 0:
        raise NotImplementedError(
            f"mixture={mix} (a lasso part) is not built for poisson_reg(engine='sklearn'): PoissonRegressor "
            "has a ridge penalty only. Use mixture=0."
        )
    enc, X, yy, w = _data(x, y, case_weights)
    yy = yy.astype(float)
    if (yy < 0).any():
        raise InvalidParameterError("poisson_reg() needs a non-negative outcome (counts).")
    est = lm.PoissonRegressor(alpha=lam, **{"max_iter": 10000, "tol": 1e-10, **engine_args})
    est.fit(X, yy, sample_weight=w)
    return LinearSklearnFit(est, enc, None, "sklearn", penalty=lam)

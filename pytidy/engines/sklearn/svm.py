"""Support vector machines with scikit-learn's ``SVC``/``SVR`` (``svm_rbf``, ``svm_poly``, ``svm_linear``).

Mapped to kernlab's ``ksvm`` semantics (parsnip's default engine for svm_rbf and svm_poly):
``cost`` -> ``C`` (default 1), ``margin`` -> ``epsilon`` of regression (default 0.1; unused for
classification), ``rbf_sigma`` -> ``gamma`` (kernlab's ``rbfdot`` is ``exp(-sigma |x - x'|^2)``,
scikit-learn's RBF is the same with ``gamma``), and the polynomial kernel
``(scale_factor <x, x'> + 1) ^ degree`` (kernlab's ``polydot`` with ``offset = 1``; defaults
``degree = 1``, ``scale_factor = 1``). As kernlab (``scaled = TRUE``), predictors and, for
regression, the outcome are standardised (engine argument ``scaled``), so ``margin`` is on the
standardised outcome's scale and predictions are transformed back. Without ``rbf_sigma``, sigma
is estimated as kernlab's ``ksvm`` does, ``mean(sigest(x)[c(1, 3)])`` on the scaled predictors
(:func:`sigest`; its random pairs come from the seed, so the value matches kernlab's in
distribution, not digit for digit); the engine argument ``gamma="scale"`` selects scikit-learn's
heuristic instead. Classes come from the decision value
(as kernlab's ``predict(type = "response")``); probabilities from Platt scaling on 5-fold
cross-validated decision values, kernlab's ``prob.model = TRUE``: scikit-learn's
``CalibratedClassifierCV(SVC(), method="sigmoid", ensemble=False)`` with folds shuffled by the seed
(``SVC(probability=True)`` is deprecated in scikit-learn 1.9).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from attrs import frozen

from ...errors import InvalidParameterError
from ._common import (
    Encoder,
    SklearnFit,
    levels_of,
    outcome_labels,
    sklearn_module,
    standardize,
    training_rows,
    weights_array,
)

__all__ = ["fit_svm", "SvmFit", "sigest"]


def sigest(X: np.ndarray, *, seed: int, frac: float = 0.5) -> np.ndarray:
    """kernlab's ``sigest``: 0.9, 0.5 and 0.1 quantiles of ``1 / |x_i - x_j|^2`` over random pairs.

    ``floor(frac * n)`` pairs of rows are drawn with replacement; zero distances are dropped.
    ``ksvm`` uses the mean of the first and third value as the RBF ``sigma``.

    Examples
    --------
    >>> X = np.arange(20.0).reshape(10, 2)
    >>> bool(np.all(np.diff(sigest(X, seed=1)) >= 0))
    True
    """
    rng = np.random.default_rng(seed)
    n = int(np.floor(frac * len(X)))
    i, j = rng.integers(0, len(X), size=n), rng.integers(0, len(X), size=n)
    dist = ((X[i] - X[j]) ** 2).sum(axis=1)
    dist = dist[dist != 0]
    if not len(dist):
        raise InvalidParameterError("svm_rbf() cannot estimate rbf_sigma: the sampled rows are all identical.")
    return 1 / np.quantile(dist, [0.9, 0.5, 0.1])


@frozen(eq=False)
class SvmFit(SklearnFit):
    """An SVM fit; for classification ``estimator`` is the calibrated model, whose SVC fitted on all
    rows gives the classes and decision values. ``y_scale`` is the outcome's (mean, sd) when the
    regression outcome was standardised."""

    y_scale: tuple[float, float] | None = None

    def predict_numeric(self, x: pd.DataFrame) -> np.ndarray:
        pred = super().predict_numeric(x)
        return pred if self.y_scale is None else pred * self.y_scale[1] + self.y_scale[0]

    def _svc(self) -> Any:
        est = self.estimator
        return est.calibrated_classifiers_[0].estimator if hasattr(est, "calibrated_classifiers_") else est

    def predict_class(self, x: pd.DataFrame) -> np.ndarray:
        X = self.matrix(x)
        ok = ~np.isnan(X).any(axis=1)
        out = np.full(len(X), None, dtype=object)
        if ok.any():
            out[ok] = [str(v) for v in self._svc().predict(X[ok])]
        return out

    def predict_raw(self, x: pd.DataFrame) -> np.ndarray:
        X = self.matrix(x)
        return self._svc().decision_function(X) if self.levels else self.estimator.predict(X)


def _positive(value: Any, name: str, model: str) -> float:
    v = float(value)
    if not v > 0:
        raise InvalidParameterError(f"`{name}` in {model}() must be positive; got {value!r}.")
    return v


def fit_svm(x: pd.DataFrame, y: pd.Series, *, seed: int, kernel: str = "rbf", C: Any = 1.0, epsilon: Any = 0.1,
            gamma: Any = None, degree: Any = 1, scale_factor: Any = 1.0, scaled: bool = True,
            case_weights: Any = None, **engine_args: Any) -> SklearnFit:
    """Fit ``SVC`` (classification, with probabilities) or ``SVR`` (regression).

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(20.0)})
    >>> f = fit_svm(x, pd.Series(x["a"] * 2), seed=1, kernel="linear", C=10.0)
    >>> f.estimator.kernel, f.estimator.C
    ('linear', 10.0)
    """
    svm = sklearn_module("svm", "svm_*(engine='sklearn')")
    model = {"rbf": "svm_rbf", "poly": "svm_poly", "linear": "svm_linear"}[kernel]
    C = _positive(C, "cost", model)
    classification = isinstance(y.dtype, pd.CategoricalDtype)
    enc = Encoder.learn(x)
    X = enc.matrix(x)
    X, yy, w = training_rows(X, outcome_labels(y), weights_array(case_weights, len(X)), allow_nan=False)
    sc = standardize(X) if scaled else None
    if sc is not None:
        X = (X - sc[0]) / sc[1]
    kw: dict[str, Any] = {"kernel": kernel, "C": C}
    if kernel == "rbf":
        if gamma is None:  # kernlab's kpar = "automatic"
            est_sigma = sigest(X, seed=seed)
            gamma = float(np.mean(est_sigma[[0, 2]]))
        kw["gamma"] = gamma if gamma in ("scale", "auto") else _positive(gamma, "rbf_sigma", model)
    elif kernel == "poly":
        d = float(degree)
        if d != int(d) or d < 1:
            raise InvalidParameterError(f"`degree` in svm_poly() must be a whole number >= 1; got {degree!r}.")
        kw.update(degree=int(d), gamma=_positive(scale_factor, "scale_factor", model), coef0=1.0)
    kw.update(engine_args)
    if classification:
        calibration = sklearn_module("calibration", f"{model}(engine='sklearn')")
        folds = sklearn_module("model_selection", f"{model}(engine='sklearn')").StratifiedKFold(
            n_splits=5, shuffle=True, random_state=seed)
        est = calibration.CalibratedClassifierCV(svm.SVC(**kw), method="sigmoid", cv=folds, ensemble=False)
    else:
        eps = float(epsilon)
        if eps < 0:
            raise InvalidParameterError(f"`margin` in {model}() must be >= 0; got {epsilon!r}.")
        est = svm.SVR(epsilon=eps, **kw)
    y_scale = None
    if scaled and not classification:
        yy = yy.astype(float)
        sd = float(np.std(yy, ddof=1)) if len(yy) > 1 else 1.0
        y_scale = (float(np.mean(yy)), sd if sd > 0 and np.isfinite(sd) else 1.0)
        yy = (yy - y_scale[0]) / y_scale[1]
    est.fit(X, yy, sample_weight=w)
    return SvmFit(est, enc, levels_of(y), "sklearn", allow_nan=False, scale=sc, y_scale=y_scale)

"""Shared pieces of the scikit-learn engines: the optional import, the predictor matrix, level order.

scikit-learn sorts the class labels it sees (``classes_``); pytidy's level order is the outcome's
category order (R's factor levels, first level = event). :func:`align_proba` maps the columns of
``predict_proba`` to the level order by label, never by position.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from attrs import field, frozen

from ..._converters import as_dict
from ..._checks import require
from ...errors import InvalidParameterError, PytidyWarning


def sklearn_module(name: str, feature: str) -> Any:
    """Import ``sklearn.<name>`` or raise MissingDependencyError naming the ``sklearn`` extra."""
    require("sklearn", "sklearn", feature)
    return require(f"sklearn.{name}", "sklearn", feature)


@frozen(eq=False)
class Encoder:
    """Turns a predictor frame into a float matrix: numeric columns as they are, categorical ones
    as one indicator column per level (the levels seen at fit time; R: ``one_hot`` encoding). A
    missing value or a level not seen at fit time gives NaN indicators (hardhat makes novel levels
    NA), so the row's prediction is NaN for engines that cannot use missing values."""

    columns: tuple[str, ...]
    levels: Mapping[str, tuple[str, ...]] = field(converter=as_dict)
    names: tuple[str, ...]

    @classmethod
    def learn(cls, x: pd.DataFrame) -> Encoder:
        levels: dict[str, tuple[str, ...]] = {}
        names: list[str] = []
        for col in x.columns:
            s = x[col]
            if isinstance(s.dtype, pd.CategoricalDtype):
                levels[str(col)] = tuple(str(v) for v in s.cat.categories)
            elif s.dtype == object or pd.api.types.is_string_dtype(s):
                levels[str(col)] = tuple(sorted(s.dropna().astype(str).unique()))
            elif not (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)):
                raise InvalidParameterError(
                    f"Column `{col}` has dtype {s.dtype}, which the scikit-learn engines cannot use; "
                    "convert it to numeric or categorical (a recipe step can)."
                )
            if str(col) in levels:
                names += [f"{col}{lv}" for lv in levels[str(col)]]
            else:
                names.append(str(col))
        return cls(tuple(str(c) for c in x.columns), levels, tuple(names))

    def matrix(self, x: pd.DataFrame) -> np.ndarray:
        if not self.levels:
            return x.loc[:, list(self.columns)].to_numpy(dtype=float, na_value=np.nan)
        parts = []
        for col in self.columns:
            s = x[col]
            if col in self.levels:
                lv = self.levels[col]
                codes = level_codes(s, lv)  # unseen level: NaN indicators, as hardhat turns it into NA
                block = (codes[:, None] == np.arange(len(lv))[None, :]).astype(float)
                block[codes < 0] = np.nan
                parts.append(block)
            else:
                parts.append(s.to_numpy(dtype=float, na_value=np.nan).reshape(-1, 1))
        return np.hstack(parts) if parts else np.empty((len(x), 0))


def level_codes(s: pd.Series, levels: Sequence[str]) -> np.ndarray:
    """Position of each value's string form in ``levels``; -1 for a missing or unseen value."""
    values = s.astype(object).where(s.notna(), None).map(lambda v: None if v is None else str(v))
    return pd.Index(list(levels)).get_indexer(values.to_numpy())


def outcome_labels(y: pd.Series) -> np.ndarray:
    """The outcome values as a plain array (what a user passes to scikit-learn directly)."""
    if isinstance(y.dtype, pd.CategoricalDtype):
        return np.asarray(y.astype(object))
    return y.to_numpy()


def levels_of(y: pd.Series) -> tuple[str, ...] | None:
    return tuple(str(c) for c in y.cat.categories) if isinstance(y.dtype, pd.CategoricalDtype) else None


def align_proba(proba: np.ndarray, classes: Sequence[Any], levels: Sequence[str], engine: str) -> np.ndarray:
    """Columns of ``proba`` (in the estimator's ``classes`` order) reordered to ``levels``.

    A level the estimator never saw gets probability 0. Raises when a class is not a level or the
    rows do not sum to one, naming the engine.
    """
    index = {lv: j for j, lv in enumerate(levels)}
    proba = np.asarray(proba, dtype=float)
    out = np.zeros((proba.shape[0], len(levels)))
    for i, cls in enumerate(classes):
        key = str(cls)
        if key not in index:
            raise InvalidParameterError(
                f"The {engine} engine returned probabilities for class {key!r}, which is not one of the "
                f"outcome levels {list(levels)}."
            )
        out[:, index[key]] = proba[:, i]
    sums = out.sum(axis=1)
    ok = ~np.isnan(sums)
    if not np.allclose(sums[ok], 1.0, atol=1e-6):
        raise InvalidParameterError(
            f"The {engine} engine returned class probabilities that do not sum to one per row."
        )
    return out


def cap_mtry(mtry: Any, p: int, model: str) -> int:
    """An integer mtry in [1, p]; a larger value is capped with a warning (R: parsnip ``min_cols``)."""
    m = int(mtry)
    if m > p:
        warnings.warn(f"{m} columns were requested for `mtry` in {model}() but there were {p} predictors "
                      f"in the data. {p} will be used.", PytidyWarning, stacklevel=3)
        m = p
    if m < 1:
        raise InvalidParameterError(f"`mtry` in {model}() must be at least 1; got {mtry!r}.")
    return m


def cap_min_n(min_n: Any, n: int, model: str) -> int:
    """An integer min_n at most n; a larger value is capped with a warning (R: parsnip ``min_rows``)."""
    m = int(min_n)
    if m > n:
        warnings.warn(f"{m} samples were requested for `min_n` in {model}() but there were {n} rows in "
                      f"the data. {n} will be used.", PytidyWarning, stacklevel=3)
        m = n
    return m


def complete_rows(X: np.ndarray) -> np.ndarray:
    return ~np.isnan(X).any(axis=1) if X.size else np.ones(len(X), dtype=bool)


@frozen(eq=False)
class SklearnFit:
    """A fitted scikit-learn estimator with the encoder and outcome levels pytidy needs.

    ``allow_nan`` says whether the estimator predicts rows with missing predictors itself; when it
    does not, those rows get NaN (R: ``na.pass`` behaviour of ``predict``).
    """

    estimator: Any
    encoder: Encoder
    levels: tuple[str, ...] | None
    engine: str
    allow_nan: bool = False
    scale: tuple[np.ndarray, np.ndarray] | None = None

    def matrix(self, x: pd.DataFrame) -> np.ndarray:
        X = self.encoder.matrix(x)
        if self.scale is not None:
            X = (X - self.scale[0]) / self.scale[1]
        return X

    def _apply(self, x: pd.DataFrame, fn: Any, width: int | None) -> np.ndarray:
        X = self.matrix(x)
        if self.allow_nan:
            return np.asarray(fn(X))
        ok = complete_rows(X)
        shape = (len(X),) if width is None else (len(X), width)
        out = np.full(shape, np.nan)
        if ok.any():
            out[ok] = np.asarray(fn(X[ok]), dtype=float).reshape((-1,) if width is None else (-1, width))
        return out

    def predict_numeric(self, x: pd.DataFrame) -> np.ndarray:
        return self._apply(x, self.estimator.predict, None)

    def predict_prob(self, x: pd.DataFrame) -> np.ndarray:
        assert self.levels is not None
        est = self.estimator
        return self._apply(x, lambda X: align_proba(est.predict_proba(X), est.classes_, self.levels, self.engine),
                           len(self.levels))

    def predict_class(self, x: pd.DataFrame) -> np.ndarray:
        """Labels from the estimator's own ``predict`` (SVMs classify by the decision value)."""
        X = self.matrix(x)
        ok = complete_rows(X) if not self.allow_nan else np.ones(len(X), dtype=bool)
        out = np.full(len(X), None, dtype=object)
        if ok.any():
            out[ok] = [str(v) for v in self.estimator.predict(X[ok])]
        return out

    def predict_raw(self, x: pd.DataFrame) -> np.ndarray:
        est = self.estimator
        fn = getattr(est, "decision_function", None) or est.predict
        return fn(self.matrix(x))

    def importance(self) -> dict[str, float]:
        est = self.estimator
        if hasattr(est, "feature_importances_"):
            vals = np.asarray(est.feature_importances_, dtype=float)
        elif hasattr(est, "coef_"):
            coef = np.atleast_2d(np.asarray(est.coef_, dtype=float))
            vals = np.abs(coef).sum(axis=0)
        else:
            raise InvalidParameterError(f"The {self.engine} engine has no native importance.")
        return dict(zip(self.encoder.names, (float(v) for v in vals)))

    def __repr__(self) -> str:
        return f"{self.estimator!r}"


def standardize(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column means and standard deviations (ddof=1, as R's ``scale``); a zero sd becomes 1."""
    mean = np.nanmean(X, axis=0)
    sd = np.nanstd(X, axis=0, ddof=1) if len(X) > 1 else np.ones(X.shape[1])
    sd = np.where((sd > 0) & np.isfinite(sd), sd, 1.0)
    return mean, sd


def weights_array(case_weights: Any, n: int) -> np.ndarray | None:
    if case_weights is None:
        return None
    w = np.asarray(case_weights, dtype=float).reshape(-1)
    if len(w) != n:
        raise InvalidParameterError(f"`case_weights` must have one weight per row ({n}); got {len(w)}.")
    if (w < 0).any() or not np.isfinite(w).all():
        raise InvalidParameterError("`case_weights` must be finite and non-negative.")
    return w


def training_rows(X: np.ndarray, y: np.ndarray, w: np.ndarray | None, allow_nan: bool):
    """Drop rows with a missing outcome (and missing predictors when the estimator cannot take them)."""
    ok = ~pd.isna(y)
    if not allow_nan:
        ok &= complete_rows(X)
    if ok.all():
        return X, y, w
    return X[ok], y[ok], (None if w is None else w[ok])


def boost_rows(X: np.ndarray, y: pd.Series, w: np.ndarray | None
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """The rows a booster trains on: labels as floats (class codes, or the values), rows without one dropped."""
    if isinstance(y.dtype, pd.CategoricalDtype):
        label = y.cat.codes.to_numpy().astype(float)
        label[label < 0] = np.nan
    else:
        label = y.to_numpy(dtype=float, na_value=np.nan)
    ok = ~np.isnan(label)
    return X[ok], label[ok], None if w is None else w[ok]


def bynode_fraction(mtry: Any, p: int, counts: bool) -> float:
    """boost_tree()'s ``mtry`` as the share of columns sampled per node (1 when not set).

    With ``counts`` (parsnip's default) ``mtry`` is a number of columns, capped at ``p``;
    otherwise it is already the share.
    """
    if mtry is None:
        return 1.0
    if counts:
        return cap_mtry(mtry, p, "boost_tree") / p
    return float(mtry)


def predict_by_trees(fit: Any, x: pd.DataFrame, values: Any, type: str, engine: str) -> list:
    """One prediction per number of trees in ``values`` from one boosted fit (R: ``multi_predict``).

    ``fit`` has ``predict_numeric(x, trees=)``, ``predict_prob(x, trees=)`` and ``levels``, as the
    xgboost and lightgbm engines' fits do; classes are the most probable level.
    """
    out = []
    for v in values:
        if type == "numeric":
            out.append(fit.predict_numeric(x, trees=int(v)))
        elif type == "prob":
            out.append(fit.predict_prob(x, trees=int(v)))
        elif type == "class":
            prob = fit.predict_prob(x, trees=int(v))
            out.append(np.asarray(fit.levels, dtype=object)[np.argmax(prob, axis=1)])
        else:
            raise NotImplementedError(f"multi_predict() of boost_tree(engine={engine!r}) has no type {type!r}.")
    return out

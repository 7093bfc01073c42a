"""The "parsnip" engine of ``null_model()`` (R: parsnip's ``nullmodel()``).

Regression predicts the (case-weighted) mean of the outcome; classification predicts the most
frequent class (the first level among ties, as R's ``which.max``) with the class frequencies as
probabilities.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import pandas as pd
from attrs import frozen

__all__ = ["NullFit", "fit_null"]


@frozen(eq=False)
class NullFit:
    """The constant prediction of a null model: a mean, or class proportions."""

    value: float | None
    prob: tuple[float, ...] | None
    levels: tuple[str, ...] | None

    def predict_numeric(self, x: pd.DataFrame) -> np.ndarray:
        return np.full(len(x), self.value, dtype=float)

    def predict_prob(self, x: pd.DataFrame) -> np.ndarray:
        return np.tile(np.asarray(self.prob, dtype=float), (len(x), 1))

    def predict_class(self, x: pd.DataFrame) -> np.ndarray:
        assert self.levels is not None and self.prob is not None
        return np.full(len(x), self.levels[int(np.argmax(self.prob))], dtype=object)

    def __repr__(self) -> str:
        if self.levels is None:
            return f"Null Regression Model\nPredicted Value: {self.value:.6g}"
        prob = cast(tuple[float, ...], self.prob)  # set together with levels (a classification fit)
        return f"Null Classification Model\nPredicted Value: {self.levels[int(np.argmax(prob))]}"


def fit_null(x: pd.DataFrame, y: pd.Series, *, seed: int = 0, case_weights: Any = None) -> NullFit:
    """Fit a null model to the outcome (predictors are ignored).

    Examples
    --------
    >>> fit_null(pd.DataFrame(index=range(3)), pd.Series([1.0, 2.0, 6.0])).value
    3.0
    >>> f = fit_null(pd.DataFrame(index=range(3)), pd.Series(pd.Categorical(["b", "a", "b"])))
    >>> f.prob, f.predict_class(pd.DataFrame(index=range(1))).tolist()
    ((0.3333333333333333, 0.6666666666666666), ['b'])
    """
    w = np.ones(len(y)) if case_weights is None else np.asarray(case_weights, dtype=float)
    if isinstance(y.dtype, pd.CategoricalDtype):
        codes = y.cat.codes.to_numpy()
        ok = codes >= 0
        k = len(y.cat.categories)
        counts = np.bincount(codes[ok], weights=w[ok], minlength=k)
        return NullFit(None, tuple(float(c) for c in counts / counts.sum()),
                       tuple(str(c) for c in y.cat.categories))
    v = y.to_numpy(dtype=float, na_value=np.nan)
    ok = ~np.isnan(v)
    return NullFit(float(np.average(v[ok], weights=w[ok])), None, None)

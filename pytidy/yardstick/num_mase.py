"""Mean absolute scaled error (R: ``yardstick/R/num-mase.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._checks import check_number
from ..errors import InvalidParameterError
from ._num_helpers import wmean
from .metric import new_numeric_metric


def _mase(t: np.ndarray, e: np.ndarray, w: np.ndarray | None, m: int = 1, mae_train: float | None = None) -> float:
    m = check_number(m, "m", "mase()", lower=0, integer=True)
    check_number(mae_train, "mae_train", "mase()", lower=0, allow_none=True)
    if mae_train is None:
        if t.size <= m:
            raise InvalidParameterError(
                f"`truth` ({t.size}) in mase() must be longer than `m` ({m}) to compute the "
                "in-sample naive mean absolute error; or pass `mae_train`."
            )
        denom = float(np.mean(np.abs(t[m:] - t[:-m]))) if m > 0 else 0.0
    else:
        denom = float(mae_train)
    with np.errstate(divide="ignore", invalid="ignore"):
        return wmean(np.abs((t - e) / denom), w)


def mase_vec(truth: Any, estimate: Any, *, m: int = 1, mae_train: float | None = None, na_rm: bool = True,
             case_weights: Any = None, estimator: str | None = None, event_level: str = "first") -> float:
    """Mean absolute scaled error: the MAE divided by the MAE of the naive lag-``m`` forecast.

    Parameters
    ----------
    truth, estimate : array-like
        True and predicted numbers, in time order.
    m : int, default 1
        Seasonal period of the naive forecast ``truth[i - m]``.
    mae_train : float, optional
        The naive MAE on the training set; None computes it from ``truth`` (R's default).
    na_rm, case_weights, estimator, event_level
        As in :func:`rmse_vec`.

    Examples
    --------
    >>> mase_vec([1.0, 2.0, 4.0, 4.0], [1.0, 3.0, 3.0, 5.0])
    0.75
    """
    return mase.vec(truth, estimate, m=m, mae_train=mae_train, na_rm=na_rm, case_weights=case_weights)


mase = new_numeric_metric(_mase, "mase", "minimize", (0.0, math.inf), option_names=("m", "mae_train"))

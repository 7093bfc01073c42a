"""Acquisition functions of Bayesian optimisation (R: tune ``R/acquisition.R``).

Each function returns a small frozen object whose :meth:`predict` scores candidates from the
Gaussian process mean ``.mean`` and standard deviation ``.sd``; :func:`tune_bayes` evaluates the
candidate with the largest score. The score is always "larger is better", whatever the direction
of the metric (``maximize`` says that direction).
"""

from __future__ import annotations

import inspect
import numbers
from collections.abc import Callable
from typing import Any, cast

import numpy as np
import pandas as pd
from attrs import frozen
from scipy import stats

from ..errors import InvalidParameterError

__all__ = ["AcquisitionFunction", "exp_improve", "prob_improve", "conf_bound"]

_EPS = float(np.finfo(float).eps)


def _check_tradeoff(value: Any, name: str, owner: str) -> None:
    if callable(value):
        try:
            n_args = len(inspect.signature(value).parameters)
        except (TypeError, ValueError):  # builtins without a signature: accept
            return
        if n_args == 0:
            raise InvalidParameterError(
                f"The `{name}` function in {owner} should have at least one argument (the iteration number), "
                f"e.g. lambda i: 1 / i."
            )
        return
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or np.isnan(cast(float, value)):
        raise InvalidParameterError(
            f"`{name}` in {owner} should be a number or a function of the iteration; got {value!r}."
        )


def _value(x: float | Callable[[int], float], iter: int) -> float:
    return float(x(iter)) if callable(x) else float(x)


def _frame_cols(new_data: Any) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(new_data, pd.DataFrame) or not {".mean", ".sd"} <= set(new_data.columns):
        raise InvalidParameterError(
            "An acquisition function scores a DataFrame with the columns `.mean` and `.sd` (the Gaussian "
            f"process predictions); got {type(new_data).__name__}"
            + (f" with columns {list(new_data.columns)}." if isinstance(new_data, pd.DataFrame) else ".")
        )
    return new_data[".mean"].to_numpy(dtype=float), new_data[".sd"].to_numpy(dtype=float)


def _check_best(best: Any) -> float:
    if isinstance(best, bool) or not isinstance(best, numbers.Real) or not np.isfinite(cast(float, best)):
        raise InvalidParameterError(f"`best` must be a finite number (the current best mean); got {best!r}.")
    return float(best)


@frozen
class AcquisitionFunction:
    """An acquisition function: ``kind`` ("exp_improve", "prob_improve" or "conf_bound") and its setting.

    Build one with :func:`exp_improve`, :func:`prob_improve` or :func:`conf_bound`.
    """

    kind: str
    trade_off: Any = 0.0
    eps: float = _EPS
    kappa: Any = 0.1

    @property
    def label(self) -> str:
        """The text R prints ("Optimizing rmse using the expected improvement")."""
        base = {"exp_improve": "the expected improvement", "prob_improve": "the probability of improvement",
                "conf_bound": "the confidence bound"}[self.kind]
        if self.kind == "conf_bound" and callable(self.kappa):
            return base + " with variable kappa values."
        if self.kind != "conf_bound" and callable(self.trade_off):
            return base + " with variable trade-off values."
        return base

    def setting(self, iter: int) -> float:
        """The trade-off (or kappa) used at iteration ``iter``."""
        return _value(self.kappa if self.kind == "conf_bound" else self.trade_off, iter)

    def predict(self, new_data: pd.DataFrame, maximize: bool, iter: int, best: float | None = None) -> pd.DataFrame:
        """Score candidates; returns a DataFrame with one column ``objective``.

        Parameters
        ----------
        new_data : DataFrame
            Columns ``.mean`` and ``.sd`` (the GP's predicted mean and standard deviation).
        maximize : bool
            The direction of the metric being optimised (not of the acquisition function).
        iter : int
            The iteration, passed to a ``trade_off``/``kappa`` function.
        best : float
            The current best mean (not used by :func:`conf_bound`).
        """
        if not isinstance(maximize, (bool, np.bool_)):
            raise InvalidParameterError(f"`maximize` must be True or False; got {maximize!r}.")
        mean, sd = _frame_cols(new_data)
        value = self.setting(iter)
        if self.kind == "conf_bound":
            # R: maximize -> mean + kappa * sd; minimize -> -(mean + kappa * sd) (tune's sign, kept as is)
            obj = mean + value * sd if maximize else -(mean + value * sd)
            return pd.DataFrame({"objective": obj}, index=new_data.index)
        best = _check_best(best)
        sd_trunc = np.where(sd <= self.eps, self.eps, sd)
        delta = (mean - best - value) if maximize else (value + best - mean)
        if self.kind == "prob_improve":
            obj = stats.norm.cdf(delta / sd_trunc)
        else:
            z = np.where(sd <= self.eps, 0.0, delta / sd_trunc)
            obj = delta * stats.norm.cdf(z) + sd_trunc * stats.norm.pdf(z)
        return pd.DataFrame({"objective": obj}, index=new_data.index)

    def __repr__(self) -> str:
        names = {"exp_improve": "expected improvement", "prob_improve": "probability of improvement",
                 "conf_bound": "confidence bound"}
        return f"Acquisition Function: {names[self.kind]}"


def exp_improve(trade_off: float | Callable[[int], float] = 0, eps: float = _EPS) -> AcquisitionFunction:
    """Expected improvement (R: ``tune::exp_improve()``).

    With ``delta = mean - best - trade_off`` (maximise; ``trade_off + best - mean`` to minimise)
    and ``z = delta / sd``, the score is ``delta * Phi(z) + sd * phi(z)``; where ``sd <= eps``,
    ``z`` is 0 and ``sd`` is ``eps``, as in tune.

    Parameters
    ----------
    trade_off : float or callable, default 0
        Larger values explore more. A function of the iteration number gives a schedule,
        e.g. ``lambda i: 1 / i``.
    eps : float
        Smallest standard deviation used.

    Returns
    -------
    AcquisitionFunction

    Examples
    --------
    >>> import pandas as pd
    >>> cand = pd.DataFrame({".mean": [0.80, 0.84], ".sd": [0.05, 0.01]})
    >>> exp_improve().predict(cand, maximize=True, iter=1, best=0.82)["objective"].round(4).tolist()
    [0.0115, 0.0201]
    """
    _check_tradeoff(trade_off, "trade_off", "exp_improve()")
    return AcquisitionFunction(kind="exp_improve", trade_off=trade_off, eps=float(eps))


def prob_improve(trade_off: float | Callable[[int], float] = 0, eps: float = _EPS) -> AcquisitionFunction:
    """Probability of improvement (R: ``tune::prob_improve()``): ``Phi(delta / sd)``.

    ``delta`` is as in :func:`exp_improve`; ``sd`` is truncated below at ``eps``.

    Examples
    --------
    >>> import pandas as pd
    >>> cand = pd.DataFrame({".mean": [3.0, 2.5], ".sd": [1.0, 0.5]})
    >>> prob_improve().predict(cand, maximize=False, iter=1, best=3.0)["objective"].round(4).tolist()
    [0.5, 0.8413]
    """
    _check_tradeoff(trade_off, "trade_off", "prob_improve()")
    return AcquisitionFunction(kind="prob_improve", trade_off=trade_off, eps=float(eps))


def conf_bound(kappa: float | Callable[[int], float] = 0.1) -> AcquisitionFunction:
    """Confidence bound (R: ``tune::conf_bound()``): ``mean + kappa * sd``.

    To minimise a metric tune scores ``-(mean + kappa * sd)``; pytidy keeps that sign so results
    match R's (a larger ``kappa`` then favours *less* uncertain candidates when minimising).

    Examples
    --------
    >>> import pandas as pd
    >>> cand = pd.DataFrame({".mean": [0.80, 0.84], ".sd": [0.05, 0.01]})
    >>> conf_bound(kappa=2).predict(cand, maximize=True, iter=1)["objective"].round(3).tolist()
    [0.9, 0.86]
    """
    _check_tradeoff(kappa, "kappa", "conf_bound()")
    return AcquisitionFunction(kind="conf_bound", kappa=kappa)

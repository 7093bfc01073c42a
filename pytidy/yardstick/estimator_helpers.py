"""Estimator choice and averaging (R: ``yardstick/R/estimator-helpers.R``).

A metric's ``estimator`` says how a multiclass result is built from one-vs-all binary results:
``"macro"`` (equal weights), ``"macro_weighted"`` (weights = prevalence of each true class) or
``"micro"`` (pooled counts). The default is ``"binary"`` for two levels and ``"macro"`` for more.
Metrics with a natural multiclass form (accuracy, kap, mcc, mn_log_loss, brier_class,
classification_cost) always report ``"binary"`` or ``"multiclass"``.
"""

from __future__ import annotations

import numpy as np

from ..errors import InvalidParameterError

__all__ = ["finalize_estimator", "get_weights", "weighted_mean_na"]

#: The estimator policies a metric can declare.
POLICIES = {
    "default": ("binary", "macro", "macro_weighted", "micro"),
    "no_micro": ("binary", "macro", "macro_weighted"),
    "roc_auc": ("binary", "macro", "macro_weighted", "hand_till"),
    "fixed": (),
    "macro": (),
    "macro_weighted": (),
    "numeric": (),
}


def finalize_estimator(
    policy: str, n_levels: int, estimator: str | None, owner: str, *, weighted: bool = False
) -> str:
    """Resolve ``estimator`` the way R's ``finalize_estimator()`` does.

    Parameters
    ----------
    policy : str
        ``"default"``, ``"no_micro"`` (pr_auc, gain_capture), ``"roc_auc"``, ``"fixed"``
        (binary/multiclass only), ``"macro"``/``"macro_weighted"`` (roc_aunu/roc_aunp) or ``"numeric"``.
    n_levels : int
        Number of levels of ``truth``.
    estimator : str or None
        The user's choice; ``None`` picks the default.
    weighted : bool
        Whether case weights are used (roc_auc then replaces an automatic hand_till by macro).

    Examples
    --------
    >>> finalize_estimator("default", 4, None, "f_meas()")
    'macro'
    >>> finalize_estimator("roc_auc", 4, None, "roc_auc()")
    'hand_till'
    """
    if policy == "numeric":
        return "standard"
    if policy == "fixed":
        # R: accuracy, kap, mcc, ... have no estimator argument; a set's estimator is ignored.
        return "multiclass" if n_levels > 2 else "binary"
    if policy in ("macro", "macro_weighted"):
        return policy
    allowed = POLICIES[policy]
    if estimator is not None:
        if estimator not in allowed:
            raise InvalidParameterError(
                f"`estimator` in {owner} must be one of {', '.join(map(repr, allowed))}; got {estimator!r}."
            )
        if estimator == "binary" and n_levels > 2:
            raise InvalidParameterError(
                f"`estimator` in {owner} is 'binary', which needs a `truth` with 2 levels; it has "
                f"{n_levels}. Use estimator='macro', 'macro_weighted' or leave it None."
            )
        if estimator == "hand_till" and weighted:
            raise InvalidParameterError(
                f"{owner} cannot use both estimator='hand_till' and `case_weights`; "
                "use estimator='macro' or 'macro_weighted' with weights."
            )
        return estimator
    if n_levels <= 2:
        return "binary"
    if policy == "roc_auc":
        return "macro" if weighted else "hand_till"
    return "macro"


def get_weights(col_sums: np.ndarray, estimator: str) -> np.ndarray:
    """Averaging weights: ``1/k`` (macro), truth prevalence (macro_weighted) or ``[1]`` (micro).

    Examples
    --------
    >>> get_weights(np.array([1.0, 3.0]), "macro_weighted").tolist()
    [0.25, 0.75]
    """
    col_sums = np.asarray(col_sums, dtype=np.float64)
    if estimator == "macro":
        return np.full(col_sums.size, 1.0 / col_sums.size)
    if estimator == "micro":
        return np.ones(1)
    if estimator == "macro_weighted":
        return col_sums / col_sums.sum()
    raise InvalidParameterError(f"Unknown estimator {estimator!r}.")  # pragma: no cover - guarded earlier


def weighted_mean_na(values: np.ndarray, w: np.ndarray, na_rm: bool = True) -> float:
    """R's ``weighted.mean(x, w, na.rm = na_rm)``: drop NaN values and their weights when ``na_rm``.

    Examples
    --------
    >>> weighted_mean_na(np.array([1.0, np.nan, 3.0]), np.array([1.0, 1.0, 1.0]))
    2.0
    """
    values = np.atleast_1d(np.asarray(values, dtype=np.float64))
    w = np.broadcast_to(np.asarray(w, dtype=np.float64), values.shape)
    if na_rm:
        keep = ~np.isnan(values)
        values, w = values[keep], w[keep]
        if values.size == 0:
            return float("nan")
    return float(np.sum(values * w) / np.sum(w))

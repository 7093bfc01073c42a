"""``make_strata()``: turn a column into strata for stratified resampling (R: ``rsample::make_strata``)."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pandas as pd

from .._checks import check_number
from .._random import SeedLike, as_rng
from ..errors import PytidyWarning

__all__ = ["make_strata"]

_DEFAULT_POOL = 0.1


def _is_discrete(values: pd.Series) -> bool:
    dt = values.dtype
    return isinstance(dt, pd.CategoricalDtype) or pd.api.types.is_string_dtype(dt) or dt == object


def _label(v: Any) -> str:
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        return format(float(v), ".15g")
    return str(v)


def _few_unique(x: np.ndarray, nunique: int) -> bool:
    """True when ``x`` (float, NaN = missing) has at most ``nunique`` distinct non-missing values."""
    head = x[:10_000]
    if pd.unique(head[~np.isnan(head)]).size > nunique:
        return False
    return pd.unique(x[~np.isnan(x)]).size <= nunique


def _cut_labels(breaks: np.ndarray) -> list[str]:
    """R's ``cut(..., include.lowest = TRUE)`` labels: ``[a,b]``, ``(b,c]``, ... with 3+ significant digits."""
    for dig in range(3, 13):
        fmt = [f"{b:.{dig}g}" for b in breaks]
        if len(set(fmt)) == len(fmt):
            break
    return [("[" if i == 0 else "(") + f"{fmt[i]},{fmt[i + 1]}]" for i in range(len(fmt) - 1)]


def _unstratified(n: int, msg: str) -> tuple[np.ndarray, list[str]]:
    warnings.warn(msg, PytidyWarning, stacklevel=4)
    return np.zeros(n, dtype=np.int64), ["strata1"]


def strata_codes(
    x: Any,
    *,
    breaks: int = 4,
    nunique: int = 5,
    pool: float = 0.1,
    depth: int = 20,
    rng: np.random.Generator,
) -> tuple[np.ndarray, list[str]]:
    """Integer stratum codes (0..k-1) and level labels for ``x``; see :func:`make_strata`."""
    values = x if isinstance(x, pd.Series) else pd.Series(x)
    n = len(values)
    if _is_discrete(values):
        num = None
    else:
        num = values.to_numpy(dtype=float, na_value=np.nan)
    if num is None or _few_unique(num, nunique):
        codes, uniques = pd.factorize(values, sort=False, use_na_sentinel=True)
        labels = [_label(u) for u in uniques]
        counts = np.bincount(codes[codes >= 0], minlength=len(labels))
        pcts = counts / n if n else counts.astype(float)
        if np.all(pcts < pool):
            return _unstratified(n, "Too little data to stratify. Resampling will be unstratified.")
        if pool < _DEFAULT_POOL and np.any(pcts < _DEFAULT_POOL):
            warnings.warn(
                f"Stratifying groups that make up {round(100 * pool)}% of the data may be statistically "
                "risky. Consider increasing `pool` to at least 0.1.",
                PytidyWarning,
                stacklevel=3,
            )
        keep = [i for i in range(len(labels)) if pcts[i] >= pool]
        levels = sorted({labels[i] for i in keep})
        new_code = np.full(len(labels) + 1, -1, dtype=np.int64)  # last slot: missing (code -1)
        for i in keep:
            new_code[i] = levels.index(labels[i])
        out = new_code[codes]
    else:
        if breaks < 2:
            return _unstratified(
                n, "The bins specified by `breaks` must be >=2. Resampling will be unstratified."
            )
        if math.floor(n / breaks) < depth:
            warnings.warn(
                f"The number of observations in each quantile is below the recommended threshold of "
                f"{depth}. Stratification will use {math.floor(n / depth)} breaks instead.",
                PytidyWarning,
                stacklevel=3,
            )
        breaks = min(breaks, math.floor(n / depth))
        if breaks < 2:
            return _unstratified(n, "Too little data to stratify. Resampling will be unstratified.")
        miss = np.isnan(num)
        pctls = np.quantile(num[~miss], np.arange(breaks + 1) / breaks)  # R quantile type 7
        pctls = np.unique(pctls)
        if pctls.size < 2:
            return np.zeros(n, dtype=np.int64), [f"[{pctls[0]:.3g},{pctls[0]:.3g}]"]
        levels = _cut_labels(pctls)
        # right-closed bins (a, b], the first one closed on both sides
        out = np.searchsorted(pctls, num, side="left")
        out = np.maximum(out, 1) - 1
        out[miss] = -1
    missing = out < 0
    if missing.any():  # R: missing (and pooled) values go to randomly chosen strata
        out[missing] = rng.integers(0, len(levels), size=int(missing.sum()))
    return out.astype(np.int64, copy=False), levels


def make_strata(
    x: Any,
    breaks: int = 4,
    nunique: int = 5,
    pool: float = 0.1,
    depth: int = 20,
    seed: SeedLike = None,
) -> pd.Categorical:
    """Strata for stratified resampling: quartile bins of a number, or the levels of a category.

    R: ``rsample::make_strata``. A numeric column with more than ``nunique`` distinct values is cut
    at its quantiles (R's type 7) into ``min(breaks, floor(n / depth))`` bins, so a quartile split
    needs at least 80 rows. A categorical column (or one with few values) keeps its levels, but
    levels holding less than ``pool`` of the rows are pooled: their rows (and missing values) go
    to randomly chosen strata.

    Parameters
    ----------
    x : array-like or pandas.Series
        The stratification variable.
    breaks : int, default 4
        Number of quantile bins for a numeric ``x``.
    nunique : int, default 5
        A numeric ``x`` with at most this many distinct values is treated as categorical.
    pool : float, default 0.1
        Levels with a smaller share of the rows are pooled into the others.
    depth : int, default 20
        Minimum rows per bin; fewer bins are used when ``n / breaks < depth``.
    seed : int, numpy Generator or None
        Randomness for placing pooled and missing values.

    Returns
    -------
    pandas.Categorical
        One stratum per row. Numeric strata are labelled like R's ``cut()``: ``"[a,b]"``, ``"(b,c]"``.

    Warns
    -----
    PytidyWarning
        As R: "Too little data to stratify" (then a single stratum ``"strata1"``), "The number of
        observations in each quantile is below the recommended threshold", "The bins specified by
        `breaks` must be >=2", "Stratifying groups that make up 5% of the data may be statistically risky".

    Examples
    --------
    >>> s = make_strata(np.arange(100.0))
    >>> pd.Series(s).value_counts(sort=False).tolist()
    [25, 25, 25, 25]
    >>> list(s.categories)
    ['[0,24.8]', '(24.8,49.5]', '(49.5,74.2]', '(74.2,99]']
    >>> list(make_strata(["a"] * 50 + ["b"] * 45 + ["c"] * 5).categories)
    ['a', 'b']
    """
    check_number(breaks, "breaks", "make_strata()", integer=True)
    check_number(nunique, "nunique", "make_strata()", lower=0, integer=True)
    check_number(pool, "pool", "make_strata()", lower=0, upper=1, inclusive=(True, False))
    check_number(depth, "depth", "make_strata()", lower=1, integer=True)
    codes, levels = strata_codes(
        x, breaks=breaks, nunique=nunique, pool=pool, depth=depth, rng=as_rng(seed)
    )
    return pd.Categorical.from_codes(codes, categories=levels)


def strata_for(
    data: pd.DataFrame, strata: str | None, breaks: int, pool: float, rng: np.random.Generator, owner: str
) -> np.ndarray | None:
    """Stratum codes of ``data[strata]``, or None when unstratified (R: the ``strata`` path of mc/vfold/boot)."""
    if strata is None:
        return None
    check_number(breaks, "breaks", owner, integer=True)
    check_number(pool, "pool", owner, lower=0, upper=1, inclusive=(True, False))
    codes, _ = strata_codes(data[strata], breaks=breaks, pool=pool, rng=rng)
    return codes


def strata_members(codes: np.ndarray) -> list[np.ndarray]:
    """Row positions of each stratum, ascending, strata in level order (R: ``split(idx, strata)``)."""
    k = int(codes.max()) + 1 if codes.size else 0
    small = codes.astype(np.int16) if k < 2**15 else codes  # radix sort for small integer codes
    order = np.argsort(small, kind="stable")
    bounds = np.cumsum(np.bincount(codes, minlength=k))[:-1]
    return [part for part in np.split(order, bounds) if part.size]

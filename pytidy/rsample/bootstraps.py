"""Bootstrap resampling and the apparent resample (R: ``R/boot.R``, ``R/apparent.R``)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .._checks import check_bool, check_number
from .._random import SeedLike, as_rng
from ..errors import PytidyWarning
from ._utils import check_column_arg, check_data, names0
from .make_strata import strata_for, strata_members
from .rset import RSet, new_rset
from .rsplit import RSplit

__all__ = ["bootstraps", "apparent"]


def _boot_in_id(codes: np.ndarray | None, n: int, rng: np.random.Generator) -> np.ndarray:
    """R: ``sample(n, replace = TRUE)``; stratified, a sorted resample of each stratum's rows."""
    if codes is None:
        return rng.integers(0, n, size=n)
    parts = [m[np.sort(rng.integers(0, m.size, size=m.size))] for m in strata_members(codes)]
    return np.concatenate(parts)


def bootstraps(
    data: pd.DataFrame,
    times: int = 25,
    strata: str | None = None,
    breaks: int = 4,
    pool: float = 0.1,
    apparent: bool = False,
    seed: SeedLike = None,
) -> RSet:
    """Bootstrap resamples: ``n`` rows drawn with replacement; the out-of-bag rows assess (R: ``bootstraps()``).

    Parameters
    ----------
    data : pandas.DataFrame
        The data to resample.
    times : int, default 25
        Number of bootstrap resamples.
    strata : str, optional
        Column to stratify on: each stratum is resampled on its own (see :func:`make_strata`).
    breaks, pool
        Passed to :func:`make_strata`.
    apparent : bool, default False
        Add an ``"Apparent"`` resample whose analysis and assessment sets are the whole data.
    seed : int, numpy Generator or None
        Randomness; None uses the generator seeded by ``set_seed``.

    Returns
    -------
    RSet
        ``kind="bootstraps"``, ids ``Bootstrap01``, ... (plus ``Apparent``).

    Warns
    -----
    PytidyWarning
        "Some assessment sets contained zero rows." when a resample has no out-of-bag row.

    Examples
    --------
    >>> df = pd.DataFrame({"x": range(50)})
    >>> bt = bootstraps(df, times=3, apparent=True, seed=1)
    >>> bt.ids["id"].tolist()
    ['Bootstrap1', 'Bootstrap2', 'Bootstrap3', 'Apparent']
    >>> split = bt[0]
    >>> len(split.analysis()), set(split.in_id).isdisjoint(split.complement())
    (50, True)
    """
    owner = "bootstraps()"
    data = check_data(data, owner)
    times = check_number(times, "times", owner, lower=1, integer=True)
    check_bool(apparent, "apparent", owner)
    strata = check_column_arg(data, strata, "strata", owner)
    rng = as_rng(seed)
    codes = strata_for(data, strata, breaks, pool, rng, owner)
    n = len(data)
    ids = names0(times, "Bootstrap")
    splits = [RSplit(data, _boot_in_id(codes, n, rng), id={"id": i}, kind="boot_split") for i in ids]
    if any(s.complement().size == 0 for s in splits):
        warnings.warn("Some assessment sets contained zero rows.", PytidyWarning, stacklevel=2)
    if apparent:
        all_rows = np.arange(n, dtype=np.int64)
        splits.append(RSplit(data, all_rows, all_rows, id={"id": "Apparent"}, kind="apparent_split"))
        ids = ids + ["Apparent"]
    attrs = {"times": times, "apparent": apparent, "strata": strata, "breaks": breaks, "pool": pool}
    return new_rset(splits, ids, kind="bootstraps", attrs=attrs)


def apparent(data: pd.DataFrame) -> RSet:
    """One resample whose analysis and assessment sets are both the whole data (R: ``apparent()``).

    Examples
    --------
    >>> rs = apparent(pd.DataFrame({"x": range(3)}))
    >>> rs[0]
    <Analysis/Assess/Total>
    <3/3/3>
    """
    data = check_data(data, "apparent()")
    rows = np.arange(len(data), dtype=np.int64)
    return new_rset([RSplit(data, rows, rows, kind="apparent_split")], ["Apparent"], kind="apparent")

"""Group v-fold cross-validation: every member of a group lands on the same side (R: ``R/vfold.R``, ``R/make_groups.R``)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .._checks import check_choice, check_number
from .._random import SeedLike, as_rng
from ..errors import InvalidParameterError, PytidyWarning
from ._utils import check_column_arg, check_data, names0
from .make_strata import strata_codes
from .rset import RSet, new_rset
from .rsplit import RSplit
from .vfold import check_v, shuffled_labels, splits_from_folds

__all__ = ["group_vfold_cv"]


def group_codes(data: pd.DataFrame, group: str) -> tuple[np.ndarray, int]:
    """Group of each row, numbered in order of first appearance (R: ``unique(as.character(group))``)."""
    codes, uniques = pd.factorize(data[group], sort=False, use_na_sentinel=False)
    return codes.astype(np.int64), len(uniques)


def check_grouped_strata(data: pd.DataFrame, group: str, strata, pool, owner: str) -> str | None:
    """``strata`` names a column that is constant within each group (R: ``check_grouped_strata``)."""
    strata = check_column_arg(data, strata, "strata", owner)
    check_number(pool, "pool", owner, lower=0, upper=1, inclusive=(True, False))
    if strata is None:
        return None
    pairs = pd.DataFrame({"g": data[group].to_numpy(), "s": data[strata].to_numpy()})
    if len(pairs.drop_duplicates()) != len(pairs["g"].drop_duplicates()):
        raise InvalidParameterError(
            f"{owner}: `strata` ({strata!r}) must be constant across all members of each `group` "
            f"({group!r}); choose a strata column that does not vary within a group."
        )
    return strata


def group_strata(data: pd.DataFrame, strata: str, codes: np.ndarray, n_groups: int, pool: float,
                 rng: np.random.Generator) -> np.ndarray:
    """Stratum (0..k-1) of each group: ``make_strata(as.character(strata), pool = pool)`` taken per group.

    R pools row by row, so rows of one group whose stratum was pooled can land in different strata;
    here a group takes the stratum of its first row, so a group is never split (knowingly differs).
    """
    col = data[strata]
    values = pd.Series(np.where(col.isna().to_numpy(), None, col.astype(str).to_numpy()), dtype=object)
    row_codes, _ = strata_codes(values, pool=pool, rng=rng)
    first = np.full(n_groups, -1, dtype=np.int64)
    order = np.arange(len(codes))[::-1]
    first[codes[order]] = order  # the last write per group is its first row
    return row_codes[first]


def _greedy_observations(sizes: np.ndarray, v: int, rng: np.random.Generator) -> np.ndarray:
    """Fold (0..v-1) of each group, filling folds greedily towards n / v rows (R: ``balance_observations``)."""
    n_obs = sizes.sum()
    target = 1 / v
    order = rng.permutation(sizes.size)
    assign = np.full(sizes.size, -1, dtype=np.int64)
    assign[order[:v]] = np.arange(v)
    fold_count = np.bincount(np.arange(v), weights=sizes[order[:v]], minlength=v)
    for g in order[v:]:
        pre = np.abs(fold_count / n_obs - target)
        post = np.abs((fold_count + sizes[g]) / n_obs - target)
        k = int(np.argmin(post - pre))  # first fold on ties, as which.min
        assign[g] = k
        fold_count[k] += sizes[g]
    return assign


def _balance_groups_strata(g_strata: np.ndarray, v: int, rng: np.random.Generator) -> np.ndarray:
    """R's ``balance_groups_strata``: the strata are shuffled, ``rep(1:v, length.out = n_groups)`` is
    laid over the groups stratum by stratum, and each stratum's labels are shuffled among its groups."""
    n_strata = int(g_strata.max()) + 1
    rank = np.empty(n_strata, dtype=np.int64)
    rank[rng.permutation(n_strata)] = np.arange(n_strata)
    order = np.argsort(rank[g_strata], kind="stable")
    labels = np.arange(g_strata.size) % v
    out = np.empty(g_strata.size, dtype=np.int64)
    start = 0
    for s in np.argsort(rank):
        members = order[start:start + np.count_nonzero(g_strata == s)]
        out[members] = rng.permutation(labels[start:start + members.size])
        start += members.size
    return out


def group_vfold_cv(
    data: pd.DataFrame,
    group: str,
    v: int | None = None,
    repeats: int = 1,
    balance: str = "groups",
    strata: str | None = None,
    pool: float = 0.1,
    seed: SeedLike = None,
) -> RSet:
    """V-fold cross-validation that keeps each group's rows together (R: ``group_vfold_cv()``).

    Parameters
    ----------
    data : pandas.DataFrame
        The data to resample.
    group : str
        Column whose values define the groups; a group is never split between analysis and assessment.
    v : int, optional
        Number of folds; None (default) gives leave-one-group-out (``v`` = number of groups). With
        ``strata``, None sets ``v`` to the number of groups in the least common stratum (an error
        below 5, a warning otherwise), as R.
    repeats : int, default 1
        Number of repeats; needs ``v`` below the number of groups.
    balance : {"groups", "observations"}
        ``"groups"`` spreads the groups evenly over the folds; ``"observations"`` assigns them so the
        folds hold about the same number of rows.
    strata : str, optional
        Column to stratify on; it must be constant within each group. The groups of each stratum are
        spread over the folds (R: ``balance_groups_strata``; with ``"observations"`` the greedy
        filling is done within each stratum, so each stratum needs at least ``v`` groups).
    pool : float, default 0.1
        Strata holding less than this share of the rows are pooled (see :func:`make_strata`).
    seed : int, numpy Generator or None
        Randomness; None uses the generator seeded by ``set_seed``.

    Returns
    -------
    RSet
        ``kind="group_vfold_cv"``, ids ``Resample01``... (as R), with ``Repeat``/``id2`` when repeated.

    Examples
    --------
    >>> df = pd.DataFrame({"g": list("aabbccddee"), "x": range(10)})
    >>> rs = group_vfold_cv(df, "g", v=5, seed=1)
    >>> rs.ids["id"].tolist()
    ['Resample1', 'Resample2', 'Resample3', 'Resample4', 'Resample5']
    >>> all(set(s.analysis()["g"]).isdisjoint(s.assessment()["g"]) for s in rs)
    True
    >>> df2 = pd.DataFrame({"g": range(40), "s": ["a", "b"] * 20})
    >>> rs2 = group_vfold_cv(df2, "g", v=4, strata="s", seed=1)
    >>> [s.assessment()["s"].value_counts().tolist() for s in rs2]
    [[5, 5], [5, 5], [5, 5], [5, 5]]
    """
    owner = "group_vfold_cv()"
    data = check_data(data, owner)
    group = check_column_arg(data, group, "group", owner, allow_none=False)
    repeats = check_number(repeats, "repeats", owner, lower=1, integer=True)
    balance = check_choice(balance, "balance", owner, ["groups", "observations"])
    strata = check_grouped_strata(data, group, strata, pool, owner)
    codes, n_groups = group_codes(data, group)
    if repeats > 1:
        if v is None:
            raise InvalidParameterError(
                f"{owner}: repeated resampling when `v` is None would create identical resamples; set v."
            )
        if v == n_groups:
            raise InvalidParameterError(
                f"{owner}: repeated resampling when `v` is {v} (the number of groups) would create "
                "identical resamples."
            )
    rng = as_rng(seed)
    sizes = np.bincount(codes, minlength=n_groups)
    v_used = None
    splits: list[RSplit] = []
    id_rows: list[dict] = []
    for rep_id in names0(repeats, "Repeat"):
        max_v = n_groups
        g_strata = None
        if strata is not None:  # R: make_strata is redone per repeat (group_vfold_splits)
            g_strata = group_strata(data, strata, codes, n_groups, pool, rng)
            if v is None:
                max_v = int(np.bincount(g_strata).min())
                msg = ("Leaving `v=None` while using stratification sets `v` to the number of groups "
                       "present in the least common stratum")
                if max_v < 5:
                    raise InvalidParameterError(
                        f"{owner}: {msg}; the least common stratum only had {max_v} groups, which may not "
                        "be enough for cross-validation. Set `v` explicitly to override this error."
                    )
                warnings.warn(f"{msg} ({max_v}). Set `v` explicitly to override this warning.",
                              PytidyWarning, stacklevel=2)
        v_used = check_v(max_v if v is None else v, max_v, owner, rows="groups", prevent_loo=False)
        if balance == "groups":
            if g_strata is None:
                g_fold = shuffled_labels(n_groups, v_used, rng)
            else:
                g_fold = _balance_groups_strata(g_strata, v_used, rng)
        else:
            if g_strata is None:
                assign = _greedy_observations(sizes, v_used, rng)
            else:
                assign = np.empty(n_groups, dtype=np.int64)
                for s in range(int(g_strata.max()) + 1):
                    members = np.flatnonzero(g_strata == s)
                    if members.size < v_used:
                        raise InvalidParameterError(
                            f"{owner}: with balance='observations' every stratum needs at least v = {v_used} "
                            f"groups; a stratum of {strata!r} has {members.size}. Lower `v`, use "
                            "balance='groups' or raise `pool`."
                        )
                    assign[members] = _greedy_observations(sizes[members], v_used, rng)
            # R's collapse_groups then gives the v assignments random fold numbers
            g_fold = rng.permutation(v_used)[assign]
        res_ids = names0(v_used, "Resample")
        ids = [{"id": r} if repeats == 1 else {"id": rep_id, "id2": r} for r in res_ids]
        splits += splits_from_folds(data, g_fold[codes], v_used, ids, "group_vfold_split")
        id_rows += ids
    attrs = {"v": v_used, "group": group, "balance": balance, "repeats": repeats, "strata": strata,
             "pool": pool}
    return new_rset(splits, pd.DataFrame(id_rows), kind="group_vfold_cv", attrs=attrs)

"""``RSet``: a collection of splits with their ids (R: an ``rset`` tibble)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd
from attrs import evolve, field, frozen

from .._converters import as_dict, as_list
from ..errors import InvalidParameterError
from ._utils import signif2
from .rsplit import RSplit

__all__ = ["RSet", "manual_rset"]


def _as_ids(ids: Any) -> pd.DataFrame:
    if isinstance(ids, pd.DataFrame):
        out = ids.reset_index(drop=True)
    elif isinstance(ids, (str, bytes)):
        raise InvalidParameterError(f"`ids` must be a list of strings or a DataFrame; got the string {ids!r}.")
    else:
        out = pd.DataFrame({"id": list(ids)})
    bad = [c for c in out.columns if not str(c).startswith("id")]
    if bad:
        raise InvalidParameterError(f"The id column names should start with 'id'; got {bad}.")
    return out


def _pretty(kind: str, a: dict) -> str:
    """R's ``pretty.<rset class>``: the one-line description printed above an rset."""
    strat = a.get("strata") not in (None, False)
    if kind == "vfold_cv":
        res = f"{a['v']}-fold cross-validation"
        if a.get("repeats", 1) > 1:
            res += f" repeated {a['repeats']} times"
        return res + (" using stratification" if strat else "")
    if kind == "group_vfold_cv":
        return f"Group {a['v']}-fold cross-validation"
    if kind == "group_bootstraps":
        res = "Group bootstrap sampling" + (" using stratification" if strat else "")
        return res + (" with apparent sample" if a.get("apparent") else "")
    if kind == "group_mc_cv":
        res = (f"Group Monte Carlo cross-validation ({signif2(a['prop'])}/{signif2(1 - a['prop'])}) "
               f"with {a['times']} resamples ")
        return res + ("using stratification" if strat else "")
    if kind == "bootstraps":
        res = "Bootstrap sampling" + (" using stratification" if strat else "")
        return res + (" with apparent sample" if a.get("apparent") else "")
    if kind == "mc_cv":
        res = (f"Monte Carlo cross-validation ({signif2(a['prop'])}/{signif2(1 - a['prop'])}) "
               f"with {a['times']} resamples")
        return res + ("  using stratification" if strat else "")
    if kind == "validation_set":
        p = a["prop"]
        return f"Validation Set ({signif2(p[0] / sum(p))}/{signif2(p[1] / sum(p))})"
    return {
        "loo_cv": "Leave-one-out cross-validation",
        "rolling_origin": "Rolling origin forecast resampling",
        "sliding_window": "Sliding window resampling",
        "sliding_period": "Sliding period resampling",
        "sliding_index": "Sliding index resampling",
        "manual_rset": "Manual resampling",
        "apparent": "Apparent sampling",
    }.get(kind, "Resampling")


@frozen(eq=False)
class RSet:
    """A set of resamples: the splits plus an id table (R: an ``rset``).

    Parameters
    ----------
    splits : list of RSplit
        One split per resample.
    ids : DataFrame or list of str
        Column ``id`` (and ``id2`` for repeated resampling), one row per split.
    kind : str
        R's rset class: ``"vfold_cv"``, ``"bootstraps"``, ``"mc_cv"``, ``"validation_set"``, ...
    attrs : dict
        Arguments of the function that made the set (R's rset attributes: ``v``, ``repeats``,
        ``strata``, ``breaks``, ``pool``, ...).

    Examples
    --------
    >>> import pytidy as tm
    >>> folds = tm.vfold_cv(pd.DataFrame({"x": range(10)}), v=2, seed=1)
    >>> len(folds), folds.ids["id"].tolist()
    (2, ['Fold1', 'Fold2'])
    >>> folds
    #  2-fold cross-validation
    # A tibble: 2 x 2
      splits        id
    1 <split [5/5]> Fold1
    2 <split [5/5]> Fold2
    """

    splits: list = field(converter=as_list)
    ids: pd.DataFrame = field(converter=_as_ids)
    kind: str = "rset"
    attrs: dict = field(factory=dict, converter=as_dict)

    def __attrs_post_init__(self) -> None:
        if not all(isinstance(s, RSplit) for s in self.splits):
            bad = next(type(s).__name__ for s in self.splits if not isinstance(s, RSplit))
            raise InvalidParameterError(f"Each element of `splits` must be an RSplit; got a {bad}.")
        if len(self.ids) != len(self.splits):
            raise InvalidParameterError(
                f"Split and id vectors have different lengths: {len(self.splits)} splits, {len(self.ids)} ids."
            )

    # -- container ------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.splits)

    def __iter__(self) -> Iterator[RSplit]:
        return iter(self.splits)

    def __getitem__(self, i: Any) -> RSplit | RSet:
        """``rset[i]`` is the i-th split (0-based); a slice or list of positions gives a smaller RSet."""
        if isinstance(i, (int, np.integer)) and not isinstance(i, bool):
            n = len(self.splits)
            if not -n <= i < n:
                raise IndexError(f"Split position {i} is out of range for an RSet of {n} resamples.")
            return self.splits[i]
        if isinstance(i, slice):
            return self.subset(range(len(self.splits))[i])
        return self.subset(i)

    def subset(self, positions: Sequence[int]) -> RSet:
        """A new RSet with the splits at ``positions`` (0-based), in that order (R: ``rset[i, ]``).

        Examples
        --------
        >>> import pytidy as tm
        >>> folds = tm.vfold_cv(pd.DataFrame({"x": range(10)}), v=5, seed=1)
        >>> folds.subset([4, 0]).ids["id"].tolist()
        ['Fold5', 'Fold1']
        """
        pos = np.asarray(list(positions), dtype=np.int64) if not isinstance(positions, np.ndarray) else positions
        if pos.dtype == bool:
            pos = np.flatnonzero(pos)
        n = len(self.splits)
        if pos.size and (pos.min() < -n or pos.max() >= n):
            raise InvalidParameterError(f"subset(): positions must be in [0, {n - 1}]; got {pos.tolist()}.")
        return RSet([self.splits[int(p)] for p in pos], self.ids.iloc[pos], kind=self.kind, attrs=self.attrs)

    def to_frame(self) -> pd.DataFrame:
        """The rset as R shows it: a ``splits`` column (RSplit objects) plus the id columns.

        Examples
        --------
        >>> import pytidy as tm
        >>> tm.vfold_cv(pd.DataFrame({"x": range(6)}), v=3, seed=1).to_frame().columns.tolist()
        ['splits', 'id']
        """
        out = pd.DataFrame({"splits": pd.Series(self.splits, dtype=object)})
        for col in self.ids.columns:
            out[col] = self.ids[col].to_numpy()
        return out

    # -- summaries ------------------------------------------------------------------------------
    @property
    def pretty(self) -> str:
        """One-line description, e.g. ``"5-fold cross-validation"`` (R: ``pretty()``)."""
        return _pretty(self.kind, self.attrs)

    @property
    def fingerprint(self) -> str:
        """Hash of every split's row positions: equal for identical resamples (R: ``.get_fingerprint``)."""
        h = hashlib.md5()
        for s in self.splits:
            h.update(np.ascontiguousarray(s.in_id).tobytes())
            h.update(b"|" if s.out_id is None else np.ascontiguousarray(s.out_id).tobytes())
            h.update(b";")
        return h.hexdigest()

    def tidy(self, unique_ind: bool = True) -> pd.DataFrame:
        """Which row is in which set of which resample (R: ``tidy.rset``/``tidy.vfold_cv``).

        Columns ``Row`` (0-based position; R's is 1-based), ``Data`` (``"Analysis"``/``"Assessment"``)
        and the ids: ``Fold`` (and ``Repeat``) for v-fold cross-validation, else ``Resample``.
        Sorted by ``Data`` then ``Row``, as R's ``arrange(Data, Row)``.

        Examples
        --------
        >>> import pytidy as tm
        >>> t = tm.vfold_cv(pd.DataFrame({"x": range(4)}), v=2, seed=1).tidy()
        >>> t.columns.tolist(), len(t)
        (['Row', 'Data', 'Fold'], 8)
        """
        parts = []
        repeated = self.kind == "vfold_cv" and "id2" in self.ids.columns
        for i, split in enumerate(self.splits):
            part = split.tidy(unique_ind=unique_ind)
            if self.kind == "vfold_cv":
                if repeated:
                    part["Repeat"] = self.ids["id"].iloc[i]
                    part["Fold"] = self.ids["id2"].iloc[i]
                else:
                    part["Fold"] = self.ids["id"].iloc[i]
            else:
                part["Resample"] = self.ids["id"].iloc[i]
            parts.append(part)
        out = pd.concat(parts, ignore_index=True)
        order = np.lexsort((out["Row"].to_numpy(), out["Data"].to_numpy()))
        return out.iloc[order].reset_index(drop=True)

    def __repr__(self) -> str:
        sep = "#  " if self.kind == "vfold_cv" else "# "  # R prints cat("# ", pretty(x)) for vfold_cv
        lines = [f"{sep}{self.pretty}", f"# A tibble: {len(self)} x {1 + self.ids.shape[1]}"]
        shown = min(len(self), 10)
        cols = {"splits": [s.obj_sum() for s in self.splits[:shown]]}
        for c in self.ids.columns:
            cols[c] = [str(v) for v in self.ids[c].iloc[:shown]]
        rn = [str(i + 1) for i in range(shown)]
        rw = max([len(r) for r in rn] + [0])
        widths = {c: max([len(c)] + [len(v) for v in vals]) for c, vals in cols.items()}
        lines.append(" " * rw + " " + " ".join(c.ljust(widths[c]) for c in cols).rstrip())
        for k in range(shown):
            row = " ".join(cols[c][k].ljust(widths[c]) for c in cols)
            lines.append(f"{rn[k].rjust(rw)} {row}".rstrip())
        if len(self) > shown:
            lines.append(f"# ... with {len(self) - shown} more rows")
        return "\n".join(lines)


def new_rset(splits: list[RSplit], ids: Any, kind: str, attrs: dict | None = None) -> RSet:
    """Build an RSet and stamp each split with its id row (R: ``new_rset``/``add_id``)."""
    ids = _as_ids(ids)
    if len(ids) != len(splits):
        raise InvalidParameterError(
            f"Split and id vectors have different lengths: {len(splits)} splits, {len(ids)} ids."
        )
    records = ids.astype(object).to_dict("records")
    stamped = [s if s.id == rec else evolve(s, id={k: str(v) for k, v in rec.items()})
               for s, rec in zip(splits, records)]
    return RSet(stamped, ids, kind=kind, attrs=attrs or {})


def manual_rset(splits: Sequence[RSplit], ids: Sequence[str]) -> RSet:
    """An RSet from splits you made yourself (R: ``manual_rset()``).

    tune's ``last_fit()`` uses it to wrap an initial split as a one-resample set with id
    ``"train/test split"``.

    Parameters
    ----------
    splits : list of RSplit
        The splits, e.g. from :func:`initial_split` or built with ``RSplit(data, in_id, out_id)``.
    ids : list of str
        One id per split.

    Returns
    -------
    RSet
        ``kind="manual_rset"``; each split's ``id`` is set to its id.

    Examples
    --------
    >>> import pytidy as tm
    >>> df = pd.DataFrame({"x": range(8)})
    >>> rs = manual_rset([tm.initial_time_split(df)], ["train/test split"])
    >>> rs
    # Manual resampling
    # A tibble: 1 x 2
      splits        id
    1 <split [6/2]> train/test split
    >>> rs[0].id
    {'id': 'train/test split'}
    """
    splits = list(splits)
    if not all(isinstance(s, RSplit) for s in splits):
        bad = next(type(s).__name__ for s in splits if not isinstance(s, RSplit))
        raise InvalidParameterError(f"Each element of `splits` in manual_rset() must be an RSplit; got a {bad}.")
    return new_rset(splits, ids, kind="manual_rset")

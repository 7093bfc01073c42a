"""``RSplit``: one resample, as row positions into the data (R: ``rsample::rsplit``).

A split never copies the data: it holds the DataFrame and the positions of the analysis rows
(``in_id``) and, where it is not simply the complement, of the assessment rows (``out_id``).
``analysis()`` and ``assessment()`` slice the data with ``data.iloc[...]``, so the original index is kept.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from attrs import field, frozen

from .._converters import as_dict
from ..errors import InvalidParameterError
from ._utils import complement_of

__all__ = ["RSplit", "analysis", "assessment", "training", "testing", "validation", "complement"]

# Split kinds printed as "<Training/Testing/Total>" (R: print.initial_split) and
# "<Training/Validation/Total>" (R: print.val_split).
_INITIAL_KINDS = ("initial_split", "initial_time_split", "group_initial_split")


def _as_index(x: Any) -> np.ndarray:
    arr = np.asarray(x)
    if arr.ndim != 1:
        raise InvalidParameterError(f"Row positions must be a 1-d array of integers; got shape {arr.shape}.")
    if arr.size and not np.issubdtype(arr.dtype, np.integer):
        raise InvalidParameterError(
            f"Row positions must be integers (0-based positions into the data); got dtype {arr.dtype}."
        )
    return arr.astype(np.int64, copy=False)


def _as_optional_index(x: Any) -> np.ndarray | None:
    return None if x is None else _as_index(x)


@frozen(eq=False)
class RSplit:
    """One resample of a data set: positions of the analysis rows and, optionally, assessment rows.

    Parameters
    ----------
    data : pandas.DataFrame
        The full data set; the split keeps a reference, never a copy.
    in_id : array of int
        0-based positions of the analysis (training) rows. May repeat rows (bootstraps).
    out_id : array of int or None
        0-based positions of the assessment rows; None means "every row not in ``in_id``"
        (R: ``out_id = NA``, derived by ``complement()``).
    id : dict
        The resample's ids, e.g. ``{"id": "Fold01"}`` or ``{"id": "Repeat1", "id2": "Fold01"}``.
    kind : str
        R's split class (``"vfold_split"``, ``"boot_split"``, ``"initial_split"``, ...); it chooses the
        labels of the printout.
    attrs : dict
        Arguments of the function that made the split (``prop``, ``strata``, ...).

    Examples
    --------
    >>> df = pd.DataFrame({"x": range(5)})
    >>> s = RSplit(df, [0, 1, 2])
    >>> s
    <Analysis/Assess/Total>
    <3/2/5>
    >>> s.assessment()["x"].tolist()
    [3, 4]
    """

    data: pd.DataFrame = field(repr=False)
    in_id: np.ndarray = field(converter=_as_index)
    out_id: np.ndarray | None = field(default=None, converter=_as_optional_index)
    id: dict = field(factory=dict, converter=as_dict)
    kind: str = "rsplit"
    attrs: dict = field(factory=dict, converter=as_dict)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.data, pd.DataFrame):
            raise InvalidParameterError(
                f"`data` of an RSplit must be a pandas DataFrame; got {type(self.data).__name__}."
            )
        if self.in_id.size == 0:
            raise InvalidParameterError("At least one row should be selected for the analysis set.")
        n = len(self.data)
        for name, ids in (("in_id", self.in_id), ("out_id", self.out_id)):
            if ids is not None and ids.size and (ids.min() < 0 or ids.max() >= n):
                raise InvalidParameterError(
                    f"`{name}` must hold 0-based row positions in [0, {n - 1}]; "
                    f"got values from {ids.min()} to {ids.max()}."
                )

    # -- rows -----------------------------------------------------------------------------------
    def complement(self) -> np.ndarray:
        """Positions of the assessment rows (R: ``complement()``): ``out_id``, or the rows not in ``in_id``."""
        if self.out_id is not None:
            return self.out_id
        return complement_of(self.in_id, len(self.data))

    def analysis(self) -> pd.DataFrame:
        """The analysis rows, ``data.iloc[in_id]`` (R: ``analysis()``)."""
        return self.data.iloc[self.in_id]

    def assessment(self) -> pd.DataFrame:
        """The assessment rows (R: ``assessment()``); for bootstraps the out-of-bag rows."""
        return self.data.iloc[self.complement()]

    def training(self) -> pd.DataFrame:
        """Alias of :meth:`analysis` (R: ``training()``)."""
        return self.analysis()

    def testing(self) -> pd.DataFrame:
        """Alias of :meth:`assessment` (R: ``testing()``); a validation split has no test rows."""
        if self.kind == "val_split":
            raise InvalidParameterError(
                "The testing data is not part of the validation set object. It is part of the result "
                "of the initial 3-way split: call testing() on the initial_validation_split() result."
            )
        return self.assessment()

    def validation(self) -> pd.DataFrame:
        """The validation rows of a split made by :func:`validation_set` (R: ``validation()``)."""
        if self.kind != "val_split":
            raise InvalidParameterError(
                f"validation() needs the split of validation_set() or an initial_validation_split(); "
                f"this split is a {self.kind!r}. Use assessment() instead."
            )
        return self.assessment()

    # -- summaries ------------------------------------------------------------------------------
    @property
    def dim(self) -> dict[str, int]:
        """Sizes ``analysis``, ``assessment``, ``n`` (rows) and ``p`` (columns) (R: ``dim.rsplit``)."""
        return {
            "analysis": int(self.in_id.size),
            "assessment": int(self.complement().size),
            "n": len(self.data),
            "p": self.data.shape[1],
        }

    def tidy(self, unique_ind: bool = True) -> pd.DataFrame:
        """One row per used row: ``Row`` (0-based position) and ``Data`` (R: ``tidy.rsplit``).

        R's ``Row`` is 1-based; here it is the 0-based position used by ``in_id``.

        Examples
        --------
        >>> RSplit(pd.DataFrame({"x": range(3)}), [2, 0]).tidy()
           Row        Data
        0    0    Analysis
        1    2    Analysis
        2    1  Assessment
        """
        ins = np.unique(self.in_id) if unique_ind else self.in_id
        outs = self.complement()
        rows = np.concatenate([ins, outs])
        data = np.repeat(np.array(["Analysis", "Assessment"]), [ins.size, outs.size])
        order = np.lexsort((rows, data))
        return pd.DataFrame({"Row": rows[order], "Data": data[order]})

    def obj_sum(self) -> str:
        """Short label ``<split [a/b]>`` used when an RSet is printed (R: ``obj_sum.rsplit``)."""
        return f"<split [{self.in_id.size}/{self.complement().size}]>"

    def __repr__(self) -> str:
        if self.kind in _INITIAL_KINDS:
            head = "<Training/Testing/Total>"
        elif self.kind == "val_split":
            head = "<Training/Validation/Total>"
        else:
            head = "<Analysis/Assess/Total>"
        return f"{head}\n<{self.in_id.size}/{self.complement().size}/{len(self.data)}>"


def _dispatch(name: str, x: Any) -> pd.DataFrame:
    method = getattr(x, name, None)
    if method is None or not callable(method):
        raise InvalidParameterError(
            f"{name}() needs a split (RSplit, or an initial_validation_split() result); "
            f"got an object of type {type(x).__name__}. Take one split of a resample set with rset[i]."
        )
    return method()


def analysis(x: Any) -> pd.DataFrame:
    """The analysis rows of a split (R: ``analysis()``).

    Examples
    --------
    >>> analysis(RSplit(pd.DataFrame({"x": [1, 2, 3]}), [1]))["x"].tolist()
    [2]
    """
    return _dispatch("analysis", x)


def assessment(x: Any) -> pd.DataFrame:
    """The assessment (held-out) rows of a split (R: ``assessment()``).

    Examples
    --------
    >>> assessment(RSplit(pd.DataFrame({"x": [1, 2, 3]}), [1]))["x"].tolist()
    [1, 3]
    """
    return _dispatch("assessment", x)


def training(x: Any) -> pd.DataFrame:
    """The training rows of an initial split (R: ``training()``).

    Examples
    --------
    >>> import pytidy as tm
    >>> split = tm.initial_time_split(pd.DataFrame({"x": range(8)}))
    >>> training(split)["x"].tolist()
    [0, 1, 2, 3, 4, 5]
    """
    return _dispatch("training", x)


def testing(x: Any) -> pd.DataFrame:
    """The test rows of an initial split (R: ``testing()``).

    Examples
    --------
    >>> import pytidy as tm
    >>> split = tm.initial_time_split(pd.DataFrame({"x": range(8)}))
    >>> testing(split)["x"].tolist()
    [6, 7]
    """
    return _dispatch("testing", x)


def validation(x: Any) -> pd.DataFrame:
    """The validation rows of a three-way split or of ``validation_set()``'s split (R: ``validation()``).

    Examples
    --------
    >>> import pytidy as tm
    >>> split = tm.initial_validation_split(pd.DataFrame({"x": range(10)}), seed=1)
    >>> len(validation(split))
    2
    """
    return _dispatch("validation", x)


def complement(x: RSplit) -> np.ndarray:
    """0-based positions of the assessment rows of a split (R: ``complement()``).

    Examples
    --------
    >>> complement(RSplit(pd.DataFrame({"x": range(4)}), [0, 0, 2])).tolist()
    [1, 3]
    """
    if not isinstance(x, RSplit):
        raise InvalidParameterError(f"complement() needs an RSplit; got {type(x).__name__}.")
    return x.complement()


# pytest collects module-level callables named test*; `from pytidy.rsample import testing` in a
# test module must not turn R's testing() into a test.
testing.__test__ = False  # type: ignore[attr-defined]

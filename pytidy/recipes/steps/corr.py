"""step_corr: remove columns with large absolute correlations (R: ``recipes/R/corr.R``)."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve, field

from ..._checks import check_bool, check_choice, check_number, is_choice, is_number
from ...errors import InvalidParameterError, PytidyWarning
from ...hardhat import is_tune
from ._base import FilterStep, check_type, register_step, select_columns, step_class

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepCorr", "step_corr", "corr_filter"]

_METHODS = ("pearson", "kendall", "spearman")
_USES = ("everything", "all.obs", "complete.obs", "na.or.complete", "pairwise.complete.obs")


def _correlations(x: pd.DataFrame, use: str, method: str) -> np.ndarray:
    if use in ("complete.obs", "na.or.complete"):
        x = x.dropna()
    elif use in ("everything", "all.obs") and x.isna().to_numpy().any():
        if use == "all.obs":
            raise InvalidParameterError("step_corr(): missing observations in cor() with use='all.obs'.")
        cols = x.columns[x.isna().any()].tolist()
        mat = x.corr(method=method).to_numpy()
        idx = [x.columns.get_loc(c) for c in cols]
        mat[idx, :] = np.nan
        mat[:, idx] = np.nan
        np.fill_diagonal(mat, 1.0)
        mat[idx, idx] = np.nan
        return mat
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return x.corr(method=method).to_numpy(copy=True)


def corr_filter(x: pd.DataFrame, threshold: float = 0.9, use: str = "pairwise.complete.obs",
                method: str = "pearson") -> list[str]:
    """Columns to remove so that no absolute correlation exceeds ``threshold``.

    R: ``recipes:::corr_filter()``, caret's ``findCorrelation(exact = FALSE)``: for every pair
    above the cut-off (upper triangle, column-major order) the member with the larger mean
    absolute correlation is removed. Columns whose correlations are all missing (e.g. constant)
    are left out of the filter with a warning.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> a = rng.normal(size=50)
    >>> df = pd.DataFrame({"a": a, "b": a + rng.normal(scale=0.01, size=50), "c": rng.normal(size=50)})
    >>> corr_filter(df, 0.9)
    ['a']
    """
    mat = _correlations(x, use, method)
    p = mat.shape[0]
    if p == 0:
        return []
    na = np.isnan(mat)
    if na.any():
        off = na.copy()
        np.fill_diagonal(off, True)
        all_na = off.all(axis=0)
        if all_na.sum() >= p - 1:
            warnings.warn(
                "step_corr(): too many correlations are missing (NA); no columns were removed. "
                "Consider step_zv() or step_impute_*() before step_corr().",
                PytidyWarning, stacklevel=4)
            return []
        if all_na.any():
            mat[all_na, :] = 0
            mat[:, all_na] = 0
            warnings.warn(
                f"step_corr(): the correlation matrix has missing values; {int(all_na.sum())} column(s) "
                f"{list(x.columns[all_na])} were excluded from the filter.",
                PytidyWarning, stacklevel=4)
        if np.isnan(mat).any():
            raise InvalidParameterError(
                "step_corr(): the correlation matrix has sporadic missing values; some columns have a "
                "complete set of correlations while others do not. Impute or remove the missing values first."
            )
    average = np.abs(mat).mean(axis=0)
    # R: as.numeric(as.factor(averageCorr)) -- the rank among the distinct values
    rank = np.searchsorted(np.unique(average), average)
    upper = np.triu(np.abs(mat) > threshold, k=1)
    rows, cols = np.nonzero(upper.T)          # column-major order, as R's which()
    rows, cols = cols, rows
    discard_col = rank[cols] > rank[rows]
    delete = np.concatenate([cols[discard_col], rows[~discard_col]])
    seen = list(dict.fromkeys(delete.tolist()))
    return [x.columns[i] for i in seen]


@step_class
class StepCorr(FilterStep):
    """Trained state: ``removals``, the columns dropped (see :func:`step_corr`)."""

    name: ClassVar[str] = "step_corr"
    description: ClassVar[str] = "Correlation filter on"
    removed_label: ClassVar[str] = "Correlation filter on"

    threshold: Any = field(default=0.9, validator=is_number(lower=0, upper=1))
    use: str = field(default="pairwise.complete.obs", validator=is_choice(_USES))
    method: str = field(default="pearson", validator=is_choice(_METHODS))

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepCorr:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        removals = tuple(corr_filter(training[list(cols)], self.threshold, self.use, self.method)) if len(cols) > 1 else ()
        return evolve(self, trained=True, columns=cols, removals=removals)

    def tunable(self):
        def threshold():
            from pytidy.dials import threshold as dials_threshold

            return dials_threshold()

        return {"threshold": threshold}


@register_step
def step_corr(recipe: Recipe, *selectors: Selector | str, threshold: float = 0.9, use: str = "pairwise.complete.obs",
              method: str = "pearson", skip: bool = False, id: str | None = None) -> Recipe:
    """Remove numeric columns so that no absolute pairwise correlation exceeds ``threshold``.

    R: ``step_corr(recipe, ..., threshold = 0.9, use = "pairwise.complete.obs",
    method = "pearson")`` with caret's ``findCorrelation(exact = FALSE)`` algorithm: of each pair
    above the threshold, the column with the larger mean absolute correlation goes. ``threshold``
    is tunable (dials ``threshold()``, R's ``tunable.step_corr``). ``tidy()`` has
    ``terms, id`` (the removed columns).

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer columns.
    threshold : float in [0, 1] or tune(), default 0.9
    use : str, default "pairwise.complete.obs"
        R's ``cor(use = )``: "everything", "all.obs", "complete.obs", "na.or.complete" or
        "pairwise.complete.obs".
    method : {"pearson", "kendall", "spearman"}, default "pearson"
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from pytidy.recipes import recipe, all_predictors
    >>> rng = np.random.default_rng(0)
    >>> a = rng.normal(size=40)
    >>> df = pd.DataFrame({"y": rng.normal(size=40), "a": a, "b": 2 * a + 0.01 * rng.normal(size=40),
    ...                    "c": rng.normal(size=40)})
    >>> recipe("y ~ .", df).step_corr(all_predictors()).prep().bake(None).columns.tolist()
    ['b', 'c', 'y']
    """
    if not is_tune(threshold):
        check_number(threshold, "threshold", "step_corr()", lower=0, upper=1)
    check_choice(use, "use", "step_corr()", _USES)
    check_choice(method, "method", "step_corr()", _METHODS)
    check_bool(skip, "skip", "step_corr()")
    return recipe.add_step(StepCorr(terms=selectors, threshold=threshold, use=use, method=method, skip=skip, id=id))

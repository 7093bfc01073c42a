"""step_pca: principal component signal extraction (R: ``recipes/R/pca.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve, field

from ..._checks import check_bool, check_number, is_int, is_number
from ...errors import InvalidParameterError
from ...hardhat import is_tune
from ._base import (
    Step,
    check_new_data,
    check_trained,
    check_type,
    register_step,
    select_columns,
    step_class,
    tidy_frame,
    untrained_terms,
)
from ._stats import names0, numeric_block, project_columns

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepPca", "step_pca", "names0"]


@step_class
class StepPca(Step):
    """Trained state: ``rotation`` (p, k) and ``sdev`` (see :func:`step_pca`)."""

    name: ClassVar[str] = "step_pca"
    description: ClassVar[str] = "PCA extraction with"

    role: str = "predictor"
    num_comp: Any = field(default=5, validator=is_int(lower=0))
    threshold: Any = field(default=None, validator=is_number(lower=0, upper=1, inclusive=(False, True), allow_none=True))
    center: bool = False
    scale: bool = False
    prefix: str = "PC"
    keep_original_cols: bool = False
    rotation: dict[str, tuple[float, ...]] | None = None     # column -> loadings of the kept components
    sdev: tuple[float, ...] | None = None                    # all components' standard deviations
    centers: dict[str, float] | None = None
    scales: dict[str, float] | None = None
    n_comp: int | None = field(default=None)

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepPca:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        if not cols or (self.num_comp == 0 and self.threshold is None):
            return evolve(self, trained=True, columns=cols, rotation={}, sdev=(), centers={}, scales={}, n_comp=0)
        x = numeric_block(training, cols)
        bad = [c for j, c in enumerate(cols) if np.isnan(x[:, j]).any()]
        if bad:
            raise InvalidParameterError(
                f"step_pca(): the column(s) {bad} have missing values; PCA (R's prcomp) cannot use them. "
                "Impute them first, e.g. with step_impute_mean()."
            )
        centers = x.mean(axis=0) if self.center else np.zeros(len(cols))
        x -= centers
        scales = np.ones(len(cols))
        if self.scale:
            scales = x.std(axis=0, ddof=1)
            if (scales == 0).any():
                zero = [c for c, s in zip(cols, scales) if s == 0]
                raise InvalidParameterError(
                    f"step_pca(): cannot rescale the constant column(s) {zero} to unit variance. "
                    "Remove them first with step_zv()."
                )
            x /= scales
        # R: prcomp(x, center, scale.) = svd(x); sdev = d / sqrt(max(1, n - 1))
        _, d, vt = np.linalg.svd(x, full_matrices=False)
        sdev = d / np.sqrt(max(1, x.shape[0] - 1))
        rotation = vt.T
        k = min(int(self.num_comp), len(cols), len(sdev))
        if self.threshold is not None:
            var = sdev**2
            cum = np.cumsum(var) / var.sum() if var.sum() > 0 else np.ones_like(var)
            k = int(np.argmax(cum >= self.threshold - 1e-12)) + 1
        return evolve(
            self, trained=True, columns=cols,
            rotation={c: tuple(rotation[j, :k].tolist()) for j, c in enumerate(cols)},
            sdev=tuple(sdev.tolist()),
            centers=dict(zip(cols, np.asarray(centers, dtype=float).tolist())),
            scales=dict(zip(cols, np.asarray(scales, dtype=float).tolist())),
            n_comp=k,
        )

    def _names(self) -> list[str]:
        return names0(self.n_comp, self.prefix)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols or self.n_comp == 0:
            return new_data
        return project_columns(new_data, cols, self.centers, self.scales, self.rotation, self._names(),
                               self.keep_original_cols)

    def tidy(self, type: str = "coef") -> pd.DataFrame:
        """``type="coef"``: ``terms, value, component, id`` (the loadings); ``type="variance"``:
        ``terms, value, component, id`` with the variance statistics per component (R)."""
        if type not in ("coef", "variance"):
            raise InvalidParameterError(f"step_pca tidy(): `type` must be 'coef' or 'variance'; got {type!r}.")
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=pd.Series(terms, dtype=object), value=[np.nan] * len(terms),
                              component=pd.Series([None] * len(terms), dtype=object))
        if type == "variance":
            var = np.asarray(self.sdev) ** 2
            total = var.sum()
            stats = {
                "variance": var,
                "cumulative variance": np.cumsum(var),
                "percent variance": 100 * var / total if len(var) else var,
                "cumulative percent variance": 100 * np.cumsum(var) / total if len(var) else var,
            }
            terms = [name for name in stats for _ in var]
            values = np.concatenate([v for v in stats.values()]) if len(var) else np.array([])
            comps = list(range(1, len(var) + 1)) * len(stats)
            return tidy_frame(self, terms=pd.Series(terms, dtype=object), value=pd.Series(values, dtype=float),
                              component=pd.Series(comps, dtype="int64"))
        names = self._names()
        terms = [c for _ in names for c in self.columns]
        loadings = [self.rotation[c][k] for k in range(len(names)) for c in self.columns]
        comp_names = [nm for nm in names for _ in self.columns]
        return tidy_frame(self, terms=pd.Series(terms, dtype=object), value=pd.Series(loadings, dtype=float),
                          component=pd.Series(comp_names, dtype=object))

    def tunable(self):
        def num_comp():
            from pytidy.dials import num_comp as dials_num_comp

            return dials_num_comp(range=(1, 4))

        def threshold():
            from pytidy.dials import threshold as dials_threshold

            return dials_threshold(range=(0, 1))

        return {"num_comp": num_comp, "threshold": threshold}


@register_step
def step_pca(recipe: Recipe, *selectors: Selector | str, role: str = "predictor", num_comp: int = 5,
             threshold: float | None = None, options: dict[str, bool] | None = None, prefix: str = "PC",
             keep_original_cols: bool = False, skip: bool = False, id: str | None = None) -> Recipe:
    """Replace numeric columns by their principal components.

    R: ``step_pca(recipe, ..., role = "predictor", num_comp = 5, threshold = NA, options = list(),
    prefix = "PC", keep_original_cols = FALSE)``. As in recipes, ``prcomp`` runs with
    ``center = FALSE, scale. = FALSE`` unless ``options`` says otherwise, so normalize first.
    ``num_comp`` is capped at the number of columns; ``threshold`` (a fraction of the total
    variance) overrides it with the fewest components reaching it. The new columns are named
    ``names0(num_comp, prefix)`` (``PC1``..``PC5``; ``PC01``.. from 10 on) and appended after the
    remaining columns. Signs of components follow LAPACK's SVD, as R's ``prcomp``, and may
    differ from R's by a factor -1. ``num_comp`` (dials ``num_comp(c(1, 4))``) and ``threshold``
    are tunable. ``tidy()`` has ``terms, value, component, id``; ``step.tidy(type="variance")``
    the variance statistics.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer columns without missing values.
    role : str, default "predictor"
    num_comp : int or tune(), default 5
        0 keeps the columns unchanged (no PCA).
    threshold : float in (0, 1], tune() or None
    options : dict, optional
        ``{"center": bool, "scale": bool}`` (R: ``options = list(center = , scale. = )``).
    prefix : str, default "PC"
    keep_original_cols : bool, default False
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from pytidy.recipes import recipe, all_numeric_predictors
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame(rng.normal(size=(30, 3)), columns=["a", "b", "c"]).assign(y=rng.normal(size=30))
    >>> rec = (recipe("y ~ .", df).step_normalize(all_numeric_predictors())
    ...        .step_pca(all_numeric_predictors(), num_comp=2))
    >>> rec.prep().bake(None).columns.tolist()
    ['y', 'PC1', 'PC2']
    """
    if not is_tune(num_comp):
        num_comp = check_number(num_comp, "num_comp", "step_pca()", lower=0, integer=True)
    if threshold is not None and not is_tune(threshold):
        check_number(threshold, "threshold", "step_pca()", lower=0, upper=1, inclusive=(False, True))
    options = {} if options is None else dict(options)
    unknown = sorted(set(options) - {"center", "scale", "scale."})
    if unknown:
        raise InvalidParameterError(
            f"step_pca(): unknown `options` {unknown}; allowed are 'center' and 'scale' (R: center, scale.)."
        )
    center = check_bool(options.get("center", False), "options['center']", "step_pca()")
    scale = check_bool(options.get("scale", options.get("scale.", False)), "options['scale']", "step_pca()")
    if not isinstance(prefix, str) or not prefix:
        raise InvalidParameterError(f"`prefix` in step_pca() must be a non-empty string; got {prefix!r}.")
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`role` in step_pca() must be a non-empty string; got {role!r}.")
    check_bool(keep_original_cols, "keep_original_cols", "step_pca()")
    check_bool(skip, "skip", "step_pca()")
    return recipe.add_step(StepPca(terms=selectors, role=role, num_comp=num_comp, threshold=threshold,
                                   center=center, scale=scale, prefix=prefix,
                                   keep_original_cols=bool(keep_original_cols), skip=skip, id=id))

"""step_ns: natural cubic spline basis expansion (R: ``recipes/R/ns.R``, ``splines::ns``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve, field

from ..._checks import check_bool, is_int
from ...errors import InvalidParameterError
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
from ._stats import numeric_block
from .bs import ns_basis, spline_knots
from ._stats import append_columns, check_whole, names0

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepNs", "step_ns"]


@step_class
class StepNs(Step):
    """Trained state: ``objects``, the knots and boundary knots by column (see :func:`step_ns`)."""

    name: ClassVar[str] = "step_ns"
    description: ClassVar[str] = "Natural splines on"

    role: str = "predictor"
    deg_free: Any = field(default=2, validator=is_int(lower=1))
    options: dict[str, Any] = field(factory=dict)
    keep_original_cols: bool = False
    objects: dict[str, tuple[tuple[float, ...], tuple[float, float]]] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepNs:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        block = numeric_block(training, cols)
        objects = {c: spline_knots(block[:, j], self.deg_free, 1) for j, c in enumerate(cols)}
        return evolve(self, trained=True, columns=cols, objects=objects)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        block = numeric_block(new_data, cols)
        new: dict[str, np.ndarray] = {}
        for j, col in enumerate(cols):
            mat = ns_basis(block[:, j], *self.objects[col])
            for name, k in zip(names0(mat.shape[1], ""), range(mat.shape[1])):
                new[f"{col}_ns_{name}"] = np.ascontiguousarray(mat[:, k])
        return append_columns(new_data, new, cols, self.keep_original_cols, self)

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))

    def tunable(self) -> dict[str, Any]:
        return {"deg_free": lambda: __import__("pytidy.dials", fromlist=["spline_degree"]).spline_degree(range=(1, 15))}


@register_step
def step_ns(recipe: Recipe, *selectors: Selector | str, role: str = "predictor", deg_free: Any = 2,
            options: dict[str, Any] | None = None, keep_original_cols: bool = False, skip: bool = False,
            id: str | None = None) -> Recipe:
    """Replace numeric columns by natural cubic spline basis columns.

    R: ``step_ns(recipe, ..., role = "predictor", deg_free = 2, options = list(),
    keep_original_cols = FALSE)`` with ``splines::ns``: boundary knots at the training range,
    ``deg_free - 1`` interior knots at training quantiles, no intercept column, so ``deg_free``
    columns ``<var>_ns_1`` ... (zero-padded as R's ``names0``). The basis is linear beyond the
    boundary knots; missing values give missing basis values.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer columns.
    role : str, default "predictor"
    deg_free : int or tune(), default 2
        Degrees of freedom; tunable (``dials.spline_degree(range=(1, 15))``).
    options : dict, optional
        Accepted for R compatibility; must be empty.
    keep_original_cols : bool, default False
    skip : bool, default False
    id : str, optional
        Default ``"ns_<n>"``.

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": np.arange(10.0), "x": np.arange(1.0, 11.0)})
    >>> recipe("y ~ .", df).step_ns("x", deg_free=3).prep().bake(None).iloc[-1].round(4).tolist()
    [9.0, -0.1429, 0.4286, 0.7143]
    """
    deg_free = check_whole(deg_free, "deg_free", "step_ns()")
    if options:
        raise InvalidParameterError(
            f"step_ns(): `options` {sorted(options)} are not supported; use the main argument deg_free."
        )
    check_bool(keep_original_cols, "keep_original_cols", "step_ns()")
    check_bool(skip, "skip", "step_ns()")
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`role` in step_ns() must be a non-empty string; got {role!r}.")
    return recipe.add_step(StepNs(terms=selectors, role=role, deg_free=deg_free, options={},
                                  keep_original_cols=keep_original_cols, skip=skip, id=id))

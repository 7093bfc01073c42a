"""step_poly: orthogonal polynomial basis expansion (R: ``recipes/R/poly.R``, ``stats::poly``).

Also holds the helpers of the steps that append new columns (:func:`names0`,
:func:`append_columns`).
"""

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
from ._stats import append_columns, check_whole, names0, numeric_block

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepPoly", "step_poly"]


def poly_coefs(x: np.ndarray, degree: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The ``coefs`` attribute of R's ``poly(x, degree)``: ``alpha`` and ``norm2``."""
    xbar = float(np.mean(x))
    xc = x - xbar
    mat = np.vander(xc, degree + 1, increasing=True)
    q, r = np.linalg.qr(mat)
    z = q * np.diag(r)
    norm2 = np.sum(z**2, axis=0)
    alpha = (np.sum(xc[:, None] * z**2, axis=0) / norm2 + xbar)[:degree]
    return tuple(alpha.tolist()), tuple([1.0, *norm2.tolist()])


def poly_predict(x: np.ndarray, alpha: tuple[float, ...], norm2: tuple[float, ...]) -> np.ndarray:
    """R's ``predict(poly_object, x)``: the three-term recurrence, an (n, degree) matrix."""
    degree = len(alpha)
    z = np.ones((x.size, degree + 1))
    z[:, 1] = x - alpha[0]
    for i in range(1, degree):
        z[:, i + 1] = (x - alpha[i]) * z[:, i] - (norm2[i + 1] / norm2[i]) * z[:, i - 1]
    z = z / np.sqrt(np.asarray(norm2[1:]))
    return z[:, 1:]


@step_class
class StepPoly(Step):
    """Trained state: ``coefs``, R's ``alpha``/``norm2`` by column (see :func:`step_poly`)."""

    name: ClassVar[str] = "step_poly"
    description: ClassVar[str] = "Polynomial expansion on"

    role: str = "predictor"
    degree: Any = field(default=2, validator=is_int(lower=1))
    options: dict[str, Any] = field(factory=dict)
    keep_original_cols: bool = False
    coefs: dict[str, tuple[tuple[float, ...], tuple[float, ...]]] | None = None

    @property
    def raw(self) -> bool:
        return bool(self.options.get("raw", False))

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepPoly:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        block = numeric_block(training, cols)
        coefs = {}
        for j, col in enumerate(cols):
            x = block[:, j]
            if np.isnan(x).any():
                raise InvalidParameterError(
                    f"step_poly(): column {col!r} has missing values, which poly() does not allow. "
                    "Impute them first (e.g. step_impute_mean())."
                )
            if not self.raw:
                if self.degree >= np.unique(x).size:
                    raise InvalidParameterError(
                        f"step_poly(): `degree` ({self.degree}) must be less than the number of unique "
                        f"points of {col!r} ({np.unique(x).size}). Lower the degree."
                    )
                coefs[col] = poly_coefs(x, self.degree)
        return evolve(self, trained=True, columns=cols, coefs=coefs)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        block = numeric_block(new_data, cols)
        new: dict[str, np.ndarray] = {}
        for j, col in enumerate(cols):
            x = block[:, j]
            if self.raw:
                mat = x[:, None] ** np.arange(1, self.degree + 1)
            else:
                mat = poly_predict(x, *self.coefs[col])
            for k in range(mat.shape[1]):
                new[f"{col}_poly_{k + 1}"] = np.ascontiguousarray(mat[:, k])
        return append_columns(new_data, new, cols, self.keep_original_cols, self)

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        degree = pd.Series([self.degree] * len(terms), dtype="int64" if isinstance(self.degree, int) else object)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object), degree=degree)

    def tunable(self) -> dict[str, Any]:
        return {"degree": lambda: __import__("pytidy.dials", fromlist=["degree_int"]).degree_int()}


@register_step
def step_poly(recipe: Recipe, *selectors: Selector | str, role: str = "predictor", degree: Any = 2,
              options: dict[str, Any] | None = None, keep_original_cols: bool = False, skip: bool = False,
              id: str | None = None) -> Recipe:
    """Replace numeric columns by orthogonal polynomial basis columns.

    R: ``step_poly(recipe, ..., role = "predictor", degree = 2, options = list(),
    keep_original_cols = FALSE)`` with ``stats::poly(x, degree)``: the basis learned on the
    training data (its ``alpha``/``norm2`` coefficients) is evaluated on new data by the
    three-term recurrence, as ``predict.poly``. New columns ``<var>_poly_1`` ... ``<var>_poly_<degree>``
    are appended; the originals are removed. ``options={"raw": True}`` gives raw powers
    ``x, x^2, ...``. Missing values at prep are an error (R's ``poly()``).

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer columns.
    role : str, default "predictor"
        Role of the new columns.
    degree : int or tune(), default 2
        Polynomial degree; tunable (``dials.degree_int``).
    options : dict, optional
        ``{"raw": bool}`` (R passes ``options`` to ``poly()``).
    keep_original_cols : bool, default False
    skip : bool, default False
    id : str, optional
        Default ``"poly_<n>"``.

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0.0, 1.0, 0.0, 1.0], "x": [1.0, 2.0, 3.0, 4.0]})
    >>> recipe("y ~ .", df).step_poly("x").prep().bake(None).round(4)
         y  x_poly_1  x_poly_2
    0  0.0   -0.6708       0.5
    1  1.0   -0.2236      -0.5
    2  0.0    0.2236      -0.5
    3  1.0    0.6708       0.5
    """
    degree = check_whole(degree, "degree", "step_poly()")
    options = dict(options or {})
    unknown = sorted(set(options) - {"raw"})
    if unknown:
        raise InvalidParameterError(
            f"step_poly(): unknown `options` {unknown}; the only option is 'raw' (degree is a main argument)."
        )
    check_bool(keep_original_cols, "keep_original_cols", "step_poly()")
    check_bool(skip, "skip", "step_poly()")
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`role` in step_poly() must be a non-empty string; got {role!r}.")
    return recipe.add_step(StepPoly(terms=selectors, role=role, degree=degree, options=options,
                                    keep_original_cols=keep_original_cols, skip=skip, id=id))

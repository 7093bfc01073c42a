"""step_mutate: add or change columns with expressions (R: ``recipes/R/mutate.R``)."""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ._base import StepTags, Step, check_trained, register_step, step_class, tidy_frame

if TYPE_CHECKING:
    from ..recipe import Recipe

__all__ = ["StepMutate", "step_mutate"]


def _expr_text(expr: Any) -> str:
    if isinstance(expr, str):
        return expr
    if not callable(expr):
        return repr(expr)
    return f"<function {getattr(expr, '__name__', type(expr).__name__)}>"


@step_class
class StepMutate(Step):
    """``inputs``: ``(name, expression)`` pairs, evaluated in order (see :func:`step_mutate`)."""

    name: ClassVar[str] = "step_mutate"
    description: ClassVar[str] = "Variable mutation for"
    tags: ClassVar[StepTags] = StepTags(selects_columns=False)

    role: str = "predictor"
    inputs: tuple[tuple[str, Any], ...] = ()

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepMutate:
        return evolve(self, trained=True, columns=tuple(name for name, _ in self.inputs))

    def _evaluate(self, data: pd.DataFrame, name: str, expr: Any) -> Any:
        try:
            if isinstance(expr, str):
                value = data.eval(expr, engine="python")
            elif callable(expr):
                value = expr(data)
            else:
                value = expr    # a constant, broadcast to every row
        except Exception as err:  # noqa: BLE001 - report which expression failed, keep the cause
            raise InvalidParameterError(
                f"step_mutate(): computing {name!r} = {_expr_text(expr)} failed: {type(err).__name__}: {err}"
            ) from err
        if isinstance(value, pd.Series):
            if len(value) != len(data):
                raise InvalidParameterError(
                    f"step_mutate(): {name!r} has {len(value)} values; the data have {len(data)} rows."
                )
            return value.to_numpy() if not value.index.equals(data.index) else value
        arr = np.asarray(value)
        if arr.ndim == 0 or (arr.ndim == 1 and len(arr) == len(data)):
            return value
        raise InvalidParameterError(
            f"step_mutate(): {name!r} must give one value or one value per row ({len(data)}); got shape {arr.shape}."
        )

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        if not self.inputs:
            return new_data
        out = new_data.copy(deep=False)
        for name, expr in self.inputs:
            out[name] = self._evaluate(out, name, expr)
        return out

    def tidy(self) -> pd.DataFrame:
        return tidy_frame(self, terms=pd.Series([n for n, _ in self.inputs], dtype=object),
                          value=pd.Series([_expr_text(e) for _, e in self.inputs], dtype=object))

    def __repr__(self) -> str:
        names = ", ".join(n for n, _ in self.inputs) or "<none>"
        return f"{self.description}: {names}" + (" [trained]" if self.trained else "") + (" [skip]" if self.skip else "")


@register_step
def step_mutate(recipe: Recipe, *exprs: Mapping[str, str | Callable[[pd.DataFrame], Any]],
                role: str = "predictor", skip: bool = False, id: str | None = None,
                **named: str | Callable[[pd.DataFrame], Any]) -> Recipe:
    """Add or modify columns with expressions (R: ``dplyr::mutate`` inside a recipe).

    R: ``step_mutate(recipe, ..., role = "predictor")``. Each expression is a pandas ``eval``
    string (``"x / w"``) or a function of the current data returning a Series, an array with
    one value per row, or a scalar. Expressions run in order, so later ones see earlier results.
    A new name is appended with ``role``; an existing name is replaced. Pass names that are not
    Python identifiers as a dict: ``step_mutate(rec, {"log x": ...})``. As in R, the
    expressions are not checked at prep against unknown data: an error names the failing one.
    ``tidy()`` has ``terms, value, id`` (the expression text). Functions make the recipe
    picklable only if they are module-level functions (not lambdas).

    Parameters
    ----------
    recipe : Recipe
    *exprs : dict of name -> expression
    role : str, default "predictor"
        Role of new columns.
    skip : bool, default False
    id : str, optional
    **named : str or callable
        ``name=expression``.

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0.0, 1.0], "x": [2.0, 4.0], "w": [1.0, 2.0]})
    >>> p = recipe("y ~ .", df).step_mutate(ratio="x / w", x2=lambda d: d["x"] ** 2).prep()
    >>> p.bake(None)
         x    w    y  ratio    x2
    0  2.0  1.0  0.0    2.0   4.0
    1  4.0  2.0  1.0    2.0  16.0
    """
    inputs: dict[str, Any] = {}
    for block in exprs:
        if not isinstance(block, Mapping):
            raise InvalidParameterError(
                f"step_mutate(): positional arguments must be dicts of name -> expression; got {type(block).__name__}. "
                "Use step_mutate(rec, new=\"a + b\") or step_mutate(rec, {\"new\": \"a + b\"})."
            )
        inputs.update(block)
    inputs.update(named)
    for name, expr in inputs.items():
        if not isinstance(name, str) or not name:
            raise InvalidParameterError(f"step_mutate(): column names must be non-empty strings; got {name!r}.")
        if not (isinstance(expr, (str, numbers.Number)) or callable(expr)):
            raise InvalidParameterError(
                f"step_mutate(): the expression for {name!r} must be a string, a function of the data "
                f"or a constant number; got {type(expr).__name__}."
            )
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`role` in step_mutate() must be a non-empty string; got {role!r}.")
    check_bool(skip, "skip", "step_mutate()")
    return recipe.add_step(StepMutate(inputs=tuple(inputs.items()), role=role, skip=skip, id=id))

"""The three inputs of ``tabnet_fit`` and ``tabnet_pretrain``: data frames, a formula, a recipe.

R dispatches ``tabnet_fit(x, ...)`` on ``x`` (``tabnet_fit.data.frame``, ``.formula``,
``.recipe``), molds it with hardhat and keeps the blueprint, so that ``predict()`` forges new data
the same way. :func:`mold_tabnet` is that dispatch; the recipe method's blueprint is the prepped
recipe, which the fit bakes new data with before it predicts or explains. Torch-free; it lives in
parsnip because the engine layer does not know recipes (docs/dev/layers.md).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pandas as pd

from ..errors import InvalidParameterError


class Molded(NamedTuple):
    """Predictors, outcome(s) (None for pretraining without one), the prepped recipe, case weights."""

    x: Any
    y: Any
    blueprint: Any
    weights: Any


def _is_recipe(x: Any) -> bool:
    from ..recipes.recipe import Recipe

    return isinstance(x, Recipe)


def _mold_recipe(rec: Any, data: Any, verb: str, supervised: bool, weights: Any) -> Molded:
    """``hardhat::mold(recipe, data)``: prep on ``data``, bake it, split the columns by role."""
    from .._frames import as_frame
    from ..case_weights import weights_array
    from ..recipes.recipe import _names_with_role
    from ._mold import outcome_columns

    if data is None:
        raise InvalidParameterError(f"{verb}(recipe, data) needs the training data as `data`; got None.")
    data = as_frame(data, "data", f"{verb}()")
    left = rec.tunable()
    if left:
        raise InvalidParameterError(
            f"The recipe given to {verb}() still has tune() placeholders ({[r['id'] for r in left]}); "
            "give those arguments values first."
        )
    prepped = rec.prep(training=data)
    baked = prepped.bake(new_data=None)
    outcomes, predictors = prepped.outcomes, prepped.predictors
    if not predictors:
        raise InvalidParameterError(f"The recipe given to {verb}() leaves no predictor column; TabNet needs at "
                                    "least one.")
    y = None
    if supervised:
        if not outcomes:
            raise InvalidParameterError(
                f"The recipe given to {verb}() has no outcome; give it a formula such as 'y ~ .' (or "
                "add_role(..., new_role='outcome')). tabnet_pretrain() takes recipes without one."
            )
        y = outcome_columns(baked, outcomes)
    wt_cols = _names_with_role(prepped.term_info, "case_weights")
    if wt_cols:
        if weights is not None:
            raise InvalidParameterError(
                f"{verb}() got `weights` and a recipe with a case-weights column ({wt_cols[0]!r}); give one of them."
            )
        weights = weights_array(baked[wt_cols[0]]) if supervised else None
    return Molded(baked.loc[:, predictors], y, prepped, weights)


def mold_tabnet(x: Any, y: Any, verb: str, supervised: bool = True, weights: Any = None) -> Molded:
    """Dispatch on ``x`` as R's ``tabnet_fit``/``tabnet_pretrain`` methods do.

    - a DataFrame ``x`` with ``y`` a Series, a DataFrame of several outcomes, or (pretraining) None;
    - a formula string ``x`` with the data as ``y``: plain column names, ``.`` and ``- name`` on the
      right (R molds it with ``indicators = "none"``: TabNet embeds categoricals itself);
    - a recipe ``x`` with the data as ``y``: prepped on the data; its outcome-role columns are the
      outcomes, its predictor-role columns the predictors, a case-weights column the weights, and
      the prepped recipe is kept to bake new data at predict time (R keeps the recipe blueprint).

    Examples
    --------
    >>> from pytidy import recipe
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 3.0, 4.0], "a": [1.0, 3.0, 5.0, 7.0]})
    >>> m = mold_tabnet(recipe("y ~ a", df).step_normalize("a"), df, "tabnet_fit")
    >>> [round(v, 3) for v in m.x["a"]], m.y.name
    ([-1.162, -0.387, 0.387, 1.162], 'y')
    """
    if _is_recipe(x):
        return _mold_recipe(x, y, verb, supervised, weights)
    if hasattr(x, "bake") and hasattr(x, "steps"):
        raise InvalidParameterError(f"{verb}() takes the recipe before prep(): it preps the recipe on `data` itself.")
    if isinstance(x, str):
        from ._mold import outcome_columns, parse_formula

        if not isinstance(y, pd.DataFrame):
            raise InvalidParameterError(
                f"{verb}(formula, data) needs the data as a pandas DataFrame; got {type(y).__name__}."
            )
        columns = [str(c) for c in y.columns]
        formula = x
        if not supervised and x.count("~") == 1 and not x.split("~")[0].strip():
            # pretraining takes a one-sided formula ('~ .'), as hardhat's mold does; parse it with
            # a placeholder outcome that no data column can be named
            formula, columns = "`\x00` " + x, columns + ["\x00"]
        outcomes, predictors, complex_terms = parse_formula(formula, columns)
        if complex_terms:
            raise InvalidParameterError(
                f"{verb}(): the formula {x!r} has the terms {complex_terms}; TabNet's formula takes column "
                "names only (it embeds categoricals itself). Transform the columns with a recipe: "
                f"{verb}(recipe, data)."
            )
        data = y
        if not supervised:
            return Molded(data.loc[:, predictors], None, None, weights)
        return Molded(data.loc[:, predictors], outcome_columns(data, outcomes), None, weights)
    return Molded(x, y, None, weights)

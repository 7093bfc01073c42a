"""Splice final parameter values into a model spec or recipe (R: tune ``R/finalize.R``).

``finalize_workflow`` is the generic of :mod:`pytidy.generics`; it calls ``Workflow.finalize_workflow``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..errors import InvalidParameterError

__all__ = ["finalize_model", "finalize_recipe"]


def _values(parameters: Any, owner: str) -> dict[str, Any]:
    if isinstance(parameters, pd.DataFrame):
        if len(parameters) != 1:
            raise InvalidParameterError(
                f"{owner} needs one row of parameters (as select_best() gives); got {len(parameters)} rows."
            )
        parameters = parameters.iloc[0].to_dict()
    elif isinstance(parameters, pd.Series):
        parameters = parameters.to_dict()
    if not isinstance(parameters, dict):
        raise InvalidParameterError(
            f"{owner} takes a dict or a one-row DataFrame of parameters; got {type(parameters).__name__}."
        )
    out = {}
    for k, v in parameters.items():
        if str(k).startswith("."):
            continue
        out[k] = v.item() if hasattr(v, "item") else v
    return out


def finalize_model(x: Any, parameters: Any) -> Any:
    """Replace the ``tune()`` placeholders of a model spec (R: ``finalize_model``).

    Examples
    --------
    >>> import pandas as pd
    >>> import pytidy as tm
    >>> spec = tm.linear_reg(penalty=tm.tune()).set_engine("glmnet")
    >>> finalize_model(spec, pd.DataFrame({"penalty": [0.1], ".config": ["pre0_mod1_post0"]})).args["penalty"]
    0.1
    """
    from ..parsnip.spec import ModelSpec

    if not isinstance(x, ModelSpec):
        raise InvalidParameterError(f"`x` in finalize_model() must be a model specification; got {type(x).__name__}.")
    return x.finalize(_values(parameters, "finalize_model()"))


def finalize_recipe(x: Any, parameters: Any) -> Any:
    """Replace the ``tune()`` placeholders of a recipe's steps (R: ``finalize_recipe``)."""
    if not hasattr(x, "finalize") or not hasattr(x, "tunable"):
        raise InvalidParameterError(f"`x` in finalize_recipe() must be a recipe; got {type(x).__name__}.")
    return x.finalize(_values(parameters, "finalize_recipe()"))

"""Fill unknown bounds from data (R: dials ``R/finalize.R``)."""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

from .._checks import check_bool
from ..errors import InvalidParameterError
from .parameter import QuantParam, has_unknowns, is_param, is_unknown, range_set

__all__ = ["finalize", "get_p", "get_log_p", "get_n_frac", "get_n_frac_range", "get_n"]


def finalize(param: Any, x: Any, force: bool = True) -> Any:
    """Fill in a parameter's unknown bounds from the predictors ``x`` (R: ``finalize``).

    Calls the parameter's own ``finalize`` function (e.g. :func:`get_p` for ``mtry()``); a
    parameter without one, or None, comes back unchanged. A list of parameters is finalized
    element by element; :meth:`ParameterSet.finalize` does the same for a set.

    Parameters
    ----------
    param : QuantParam, QualParam, list or None
    x : DataFrame or 2-D array
        The predictors (their number of columns / rows sets the bound).
    force : bool, default True
        If False, a parameter without unknowns is returned unchanged.

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.dials import mtry
    >>> finalize(mtry(), pd.DataFrame({"a": [1], "b": [2], "c": [3]})).range
    (1, 3)
    """
    check_bool(force, "force", "finalize()")
    if isinstance(param, (list, tuple)):
        return type(param)(finalize(p, x, force) for p in param)
    if param is None:
        return None
    if not is_param(param):
        raise InvalidParameterError(f"finalize() cannot finalize an object of type {type(param).__name__}.")
    if param.finalize is None:
        return param
    if not force and not has_unknowns(param):
        return param
    return param.finalize(param, x)


def _dims(x: Any, fn: str) -> tuple[int, int]:
    shape = getattr(x, "shape", None)
    if shape is None or len(shape) != 2:
        raise InvalidParameterError(
            f"{fn} cannot determine the number of columns: `x` must be a 2-D object such as a DataFrame; "
            f"got {type(x).__name__}."
        )
    return int(shape[0]), int(shape[1])


def _check(param: Any, fn: str) -> QuantParam:
    if not isinstance(param, QuantParam):
        raise InvalidParameterError(f"{fn} needs a quantitative parameter; got {type(param).__name__}.")
    return param


def get_p(param: QuantParam, x: Any, log_vals: bool = False) -> QuantParam:
    """Set an unknown upper bound to the number of columns of ``x`` (R: ``get_p``).

    With ``log_vals=True`` the bound is ``log10(ncol)``. Known bounds are left alone.

    Examples
    --------
    >>> import numpy as np
    >>> from pytidy.dials import num_comp
    >>> get_p(num_comp(), np.zeros((5, 4))).range
    (1, 4)
    """
    _check(param, "get_p()")
    if not is_unknown(param.range[1]):
        return param
    _, p = _dims(x, "get_p()")
    upper: Any = math.log10(p) if log_vals else p
    lower = param.range[0]
    if param.type == "integer" and param.trans is None:
        upper = int(upper)
    return range_set(param, (lower, upper))


def get_log_p(param: QuantParam, x: Any) -> QuantParam:
    """:func:`get_p` on the log-10 scale (R: ``get_log_p``).

    Examples
    --------
    >>> import numpy as np
    >>> from pytidy.dials import new_quant_param, unknown, log10_trans
    >>> p = new_quant_param("integer", (0, unknown()), trans=log10_trans, finalize=get_log_p)
    >>> get_log_p(p, np.zeros((2, 100))).range
    (0.0, 2.0)
    """
    return get_p(param, x, log_vals=True)


def get_n_frac(param: QuantParam, x: Any, log_vals: bool = False, frac: float = 1 / 3) -> QuantParam:
    """Set an unknown upper bound to ``floor(nrow(x) * frac)`` (R: ``get_n_frac``).

    Examples
    --------
    >>> import numpy as np
    >>> from pytidy.dials import new_quant_param, unknown
    >>> p = new_quant_param("integer", (2, unknown()), finalize=get_n_frac)
    >>> get_n_frac(p, np.zeros((30, 2))).range
    (2, 10)
    """
    _check(param, "get_n_frac()")
    if not isinstance(frac, numbers.Real) or not 0 <= frac <= 1:
        raise InvalidParameterError(f"`frac` in get_n_frac() must be a number in [0, 1]; got {frac!r}.")
    if not is_unknown(param.range[1]):
        return param
    n, _ = _dims(x, "get_n_frac()")
    n_frac = math.floor(n * frac)
    upper: Any = math.log10(n_frac) if log_vals else n_frac
    if param.type == "integer" and param.trans is None and not log_vals:
        upper = int(upper)
    return range_set(param, (param.range[0], upper))


def get_n(param: QuantParam, x: Any, log_vals: bool = False) -> QuantParam:
    """Set an unknown upper bound to the number of rows of ``x`` (R: ``get_n``).

    Examples
    --------
    >>> import numpy as np
    >>> from pytidy.dials import new_quant_param, unknown
    >>> get_n(new_quant_param("integer", (1, unknown())), np.zeros((12, 2))).range
    (1, 12)
    """
    return get_n_frac(param, x, log_vals=log_vals, frac=1.0)


def get_n_frac_range(
    param: QuantParam, x: Any, log_vals: bool = False, frac: tuple[float, float] = (0.1, 0.5)
) -> QuantParam:
    """Set both bounds to ``floor(nrow(x) * frac)`` when the upper is unknown (R: ``get_n_frac_range``).

    Examples
    --------
    >>> import numpy as np
    >>> from pytidy.dials import sample_size
    >>> get_n_frac_range(sample_size(), np.zeros((100, 3))).range
    (10, 50)
    """
    _check(param, "get_n_frac_range()")
    if (
        not isinstance(frac, (tuple, list))
        or len(frac) != 2
        or not all(isinstance(f, numbers.Real) and 0 <= f <= 1 for f in frac)
    ):
        raise InvalidParameterError(
            f"`frac` in get_n_frac_range() must be 2 numbers in [0, 1]; got {frac!r}."
        )
    if not is_unknown(param.range[1]):
        return param
    n, _ = _dims(x, "get_n_frac_range()")
    n_frac = sorted(math.floor(n * f) for f in frac)
    rng: list[Any] = [math.log10(v) for v in n_frac] if log_vals else n_frac
    if param.type == "integer" and param.trans is None and not log_vals:
        rng = [int(v) for v in rng]
    return range_set(param, tuple(rng))

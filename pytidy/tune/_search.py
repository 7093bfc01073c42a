"""Helpers shared by the iterative searches (tune_bayes, tune_sim_anneal) and win/loss racing.

Candidates are evaluated only through the public :func:`pytidy.tune.tune_grid` with a DataFrame
grid, so the searches do not depend on how the grid loop is organised.
"""

from __future__ import annotations

import logging
import math
import numbers
from typing import Any, cast

import numpy as np
import pandas as pd

from ..errors import InvalidParameterError

__all__ = ["say", "rule", "signif", "format_params", "check_iter", "search_pset", "anti_join",
           "check_control_bool", "evaluate"]

logger = logging.getLogger("pytidy.tune")


def say(msg: str) -> None:
    """Print one line of an iterative search log (R: ``message()``/``cli``) and log it at DEBUG."""
    logger.debug(msg)
    print(msg)


def rule(text: str, width: int = 80) -> str:
    """A cli-style rule: ``-- Iteration 1 ------`` with box-drawing characters (R: ``cli::rule``)."""
    head = f"── {text} "
    return head + "─" * max(0, width - len(head))


def signif(x: float, digits: int) -> str:
    """R's ``signif(x, digits)`` printed as R prints a number (up to 7 significant digits)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "NA"
    x = float(x)
    if x == 0 or math.isinf(x):
        return "0" if x == 0 else ("Inf" if x > 0 else "-Inf")
    rounded = float(f"{x:.{digits}g}")
    return f"{rounded:.7g}"


def format_params(row: pd.Series | dict[str, Any], ids: list[str], digits: int = 3) -> str:
    """``penalty=0.00123, mixture=0.5`` (R: ``paste0(names, "=", format(x, digits = 3))``)."""
    parts = []
    for i in ids:
        v = row[i]
        if isinstance(v, (numbers.Real, np.number)) and not isinstance(v, (bool, np.bool_)):
            txt = signif(float(v), digits) if not float(v).is_integer() else str(int(cast(float, v)))
        else:
            txt = str(v)
        parts.append(f"{i}={txt}")
    return ", ".join(parts)


def check_iter(iter: Any, owner: str) -> int:
    if isinstance(iter, bool) or not isinstance(iter, numbers.Real) or math.isnan(iter) or iter < 0 \
            or iter != int(cast(float, iter)):
        raise InvalidParameterError(f"The `iter` argument of {owner} must be a non-negative whole number; got {iter!r}.")
    return int(cast(float, iter))  # a whole numbers.Real


def check_control_bool(values: dict[str, Any], owner: str) -> None:
    for name, value in values.items():
        if not isinstance(value, bool):
            raise InvalidParameterError(f"`{name}` in {owner} must be True or False; got {value!r}.")


def search_pset(wf: Any, param_info: Any, resamples: Any, ids: list[str], owner: str) -> Any:
    """The parameter set of a search: ``param_info`` or the workflow's, finalized on the first analysis set.

    R's tune_sim_anneal finalizes unknown ranges the same way (``check_parameters``).
    """
    from ..dials import ParameterSet

    pset = wf.parameters() if param_info is None else param_info
    if not isinstance(pset, ParameterSet):
        raise InvalidParameterError(
            f"`param_info` in {owner} must be a parameter set such as wf.parameters() or "
            f"tm.parameters(penalty()); got {type(pset).__name__}."
        )
    if pset.has_unknowns():
        pset = pset.finalize(resamples[0].analysis())
    missing = [i for i in ids if i not in pset.ids]
    if missing:
        raise InvalidParameterError(
            f"`param_info` in {owner} lacks the tuned parameter(s) {missing}; it has {pset.ids}."
        )
    no_obj = [i for i, o in zip(pset.ids, pset.objects) if o is None]
    if no_obj:
        raise InvalidParameterError(
            f"{owner} needs a dials parameter object for every tuned parameter; {no_obj} have none. "
            "Add them with param_info=wf.parameters().update(id=param)."
        )
    extra = [i for i in pset.ids if i not in ids]
    if extra:
        raise InvalidParameterError(
            f"`param_info` in {owner} has parameter(s) {extra} that the workflow does not tune; tuned: {ids}."
        )
    return pset


def anti_join(candidates: pd.DataFrame, existing: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Rows of ``candidates`` whose parameter values are not in ``existing`` (R: ``anti_join``)."""
    if len(existing) == 0:
        return candidates.reset_index(drop=True)
    key = existing.loc[:, ids].drop_duplicates().assign(_seen=True)
    merged = candidates.merge(key, on=ids, how="left")
    return candidates.loc[merged["_seen"].isna().to_numpy()].reset_index(drop=True)


def evaluate(wf: Any, resamples: Any, grid: pd.DataFrame, metrics: Any, control: Any, pset: Any,
             seed: int) -> Any:
    """Resample the configurations of ``grid`` with the public tune_grid (R: ``more_results``)."""
    from .tune_grid import tune_grid

    return tune_grid(wf, resamples, grid=grid.reset_index(drop=True), metrics=metrics, param_info=pset,
                     control=control, seed=seed)

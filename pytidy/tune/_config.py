"""``.config`` labels ``pre{i}_mod{j}_post{k}`` (R: tune >= 2.0 ``.get_config_key``)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

__all__ = ["config_key", "FIT_RESAMPLES_CONFIG"]

FIT_RESAMPLES_CONFIG = "pre0_mod0_post0"


def _stage_labels(grid: pd.DataFrame, params: Sequence[str], prefix: str) -> pd.Series:
    """Number the distinct combinations of one stage's parameters, sorted ascending, zero-padded."""
    params = list(params)
    if not params:
        return pd.Series([f"{prefix}0"] * len(grid), index=grid.index, dtype=object)
    distinct = grid[params].drop_duplicates().sort_values(params, kind="stable").reset_index(drop=True)
    width = len(str(len(distinct)))  # R: format(row_number()) then spaces -> zeros
    distinct[f".{prefix}"] = [f"{prefix}{str(i + 1).zfill(width)}" for i in range(len(distinct))]
    merged = grid[params].merge(distinct, on=params, how="left")
    return pd.Series(merged[f".{prefix}"].to_numpy(), index=grid.index, dtype=object)


def config_key(grid: pd.DataFrame, model_ids: Sequence[str], recipe_ids: Sequence[str]) -> pd.DataFrame:
    """The grid with a ``.config`` column, sorted by it.

    Each stage (recipe ``pre``, model ``mod``; ``post`` is always 0 in pytidy) numbers the
    distinct combinations of its own parameters, sorted ascending by value; a stage without tuned
    parameters is ``0``. An empty grid (no tuning) gives one row ``pre0_mod0_post0``.

    Examples
    --------
    >>> grid = pd.DataFrame({"neighbors": [1, 2, 1, 2, 1, 2], "degree": [1, 1, 2, 2, 3, 3]})
    >>> config_key(grid, ["neighbors"], ["degree"])[".config"].tolist()
    ['pre1_mod1_post0', 'pre1_mod2_post0', 'pre2_mod1_post0', 'pre2_mod2_post0', 'pre3_mod1_post0', 'pre3_mod2_post0']
    """
    ids = list(model_ids) + list(recipe_ids)
    if not ids or len(grid) == 0:
        return pd.DataFrame({".config": [FIT_RESAMPLES_CONFIG]})
    out = grid.loc[:, ids].reset_index(drop=True)
    pre = _stage_labels(out, recipe_ids, "pre")
    mod = _stage_labels(out, model_ids, "mod")
    out[".config"] = pre + "_" + mod + "_post0"
    return out.sort_values(".config", kind="stable").reset_index(drop=True)

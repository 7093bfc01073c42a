"""step_zv (R: tests/testthat/test-zv.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pytidy.recipes import all_predictors, recipe


def test_removes_constant_columns_ignoring_na():
    df = pd.DataFrame({"y": np.arange(4.0), "one": [1.0, 1, 1, 1], "na_one": [np.nan, 2.0, 2.0, np.nan],
                       "ok": [1.0, 2, 3, 4], "f": pd.Categorical(["a"] * 4, categories=["a", "b"]),
                       "allna": [np.nan] * 4})
    p = recipe("y ~ .", df).step_zv(all_predictors()).prep()
    assert p.tidy(1)["terms"].tolist() == ["one", "na_one", "f", "allna"]
    assert p.bake(None).columns.tolist() == ["ok", "y"]
    assert p.steps[0].bake(df[["ok"]]).columns.tolist() == ["ok"]   # the step drops what is present
    assert repr(p.steps[0]) == "Zero variance filter removed: one, na_one, f, allna [trained]"
    assert recipe("y ~ .", df).step_zv(all_predictors()).tidy(1)["terms"].tolist() == ["all_predictors()"]

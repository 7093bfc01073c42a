"""Unknown ranges (mtry) finalize on the molded predictors, never counting the outcome (R: check_parameters)."""

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError
from pytidy.parsnip import EngineInfo, ModelInfo, new_model_spec, temporary_model


def _mtry_model():
    model = ModelInfo("mtry_model", modes=("regression",), main_args=("mtry",), default_engine="fake")
    engine = EngineInfo(
        model="mtry_model", engine="fake", mode="regression", encoding="traditional",
        fit=lambda x, y, *, seed, mtry=None: (float(np.mean(y)), mtry, x.shape[1]),
        predict={"numeric": lambda m, x: np.full(len(x), m[0])},
        tunable={"mtry": tm.mtry},
    )
    return temporary_model(model, engine)


@pytest.fixture(scope="module")
def concrete(modeldata):
    return modeldata("concrete").iloc[:60].reset_index(drop=True)


def test_formula_grid_never_exceeds_number_of_predictors(concrete):
    p = concrete.shape[1] - 1                       # 8 predictors + outcome compressive_strength
    with _mtry_model():
        wf = tm.workflow("compressive_strength ~ .", new_model_spec("mtry_model", {"mtry": tm.tune()}))
        res = tm.tune_grid(wf, tm.vfold_cv(concrete, v=2, seed=1), grid=20, seed=1)
        mtry = res.collect_metrics()["mtry"]
    assert mtry.max() == p and mtry.min() == 1


def test_recipe_grid_uses_the_predictors_after_the_steps(concrete):
    rec = tm.recipe("compressive_strength ~ .", concrete).step_rm("age", "water")   # 6 predictors left
    with _mtry_model():
        wf = tm.workflow(rec, new_model_spec("mtry_model", {"mtry": tm.tune()}))
        assert wf.mold_predictors(concrete).shape[1] == 6
        res = tm.tune_grid(wf, tm.vfold_cv(concrete, v=2, seed=1), grid=20, seed=1)
        assert res.collect_metrics()["mtry"].max() == 6


def test_formula_with_factor_counts_the_dummy_columns():
    df = pd.DataFrame({"y": np.arange(12.0), "a": np.arange(12.0) % 5,
                       "g": pd.Categorical(list("abc") * 4)})
    with _mtry_model():
        wf = tm.workflow("y ~ .", new_model_spec("mtry_model", {"mtry": tm.tune()}))
        assert wf.mold_predictors(df).columns.tolist() == ["a", "gb", "gc"]


def test_tuned_recipe_with_unknown_range_asks_for_param_info(concrete):
    rec = tm.recipe("compressive_strength ~ .", concrete).step_pca(tm.all_numeric_predictors(), num_comp=tm.tune())
    with _mtry_model():
        wf = tm.workflow(rec, new_model_spec("mtry_model", {"mtry": tm.tune()}))
        with pytest.raises(InvalidParameterError, match="recipe parameters that require tuning"):
            wf.mold_predictors(concrete)

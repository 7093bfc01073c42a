"""tune() in a step argument becomes a dials parameter with source "recipe", and tune_grid tunes it."""

import numpy as np
import pandas as pd

import pytidy as tm


def test_tune_grid_tunes_a_step_argument_and_a_model_argument(modeldata):
    biomass = modeldata("biomass")
    train = biomass[biomass["dataset"] == "Training"].drop(columns=["sample", "dataset"])
    rec = tm.recipe("HHV ~ .", train).step_poly("carbon", degree=tm.tune())
    wf = tm.workflow().add_recipe(rec).add_model(tm.linear_reg(penalty=tm.tune()).set_engine("glmnet"))
    pset = wf.parameters()
    frame = pset.to_frame()
    assert frame["id"].tolist() == ["penalty", "degree"]
    assert frame["source"].tolist() == ["model_spec", "recipe"]
    assert frame["component"].tolist() == ["linear_reg", "step_poly"]
    assert frame["component_id"].tolist()[1] == "poly_1"
    grid = pd.DataFrame({"penalty": [1e-4, 1e-4, 1.0], "degree": [1, 3, 3]})
    folds = tm.vfold_cv(train, v=3, seed=1)
    res = wf.tune_grid(resamples=folds, grid=grid, metrics=tm.metric_set(tm.rmse))
    got = res.collect_metrics()
    assert len(got) == 3 and set(got["degree"]) == {1, 3}
    assert got[".config"].tolist() == sorted(got[".config"])
    # each configuration is the workflow finalised with those values, fitted on every analysis set
    row = got[(got["degree"] == 3) & (got["penalty"] == 1.0)].iloc[0]
    fin = wf.finalize_workflow({"penalty": 1.0, "degree": 3})
    manual = []
    for split in folds.splits:
        fitted = fin.fit(split.analysis())
        pred = fitted.predict(split.assessment())[".pred"].to_numpy()
        manual.append(np.sqrt(np.mean((split.assessment()["HHV"].to_numpy() - pred) ** 2)))
    assert abs(row["mean"] - np.mean(manual)) < 1e-10
    best = res.select_best("rmse")
    assert set(best.columns) == {"penalty", "degree", ".config"}


def test_parameters_of_a_workflow_spec_and_recipe_as_in_r(modeldata):
    biomass = modeldata("biomass").drop(columns=["sample", "dataset"])
    rec = tm.recipe("HHV ~ .", biomass).step_poly("carbon", degree=tm.tune())
    spec = tm.linear_reg(penalty=tm.tune()).set_engine("glmnet")
    wf = tm.workflow().add_recipe(rec).add_model(spec)
    assert tm.parameters(wf).ids == ["penalty", "degree"]
    assert tm.extract_parameter_set_dials(wf).ids == ["penalty", "degree"]
    assert tm.parameters(spec).ids == ["penalty"] and spec.parameters().ids == ["penalty"]
    assert tm.parameters(rec).ids == ["degree"]

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError, NotFittedError


@pytest.fixture
def pen(modeldata):
    return modeldata("penguins").dropna().reset_index(drop=True)


def test_formula_workflow_matches_direct_fit(pen):
    spec = tm.linear_reg()
    wf = tm.workflow().add_model(spec).add_formula("body_mass_g ~ flipper_length_mm + species")
    fitted = wf.fit(pen)
    direct = spec.fit("body_mass_g ~ flipper_length_mm + species", data=pen)
    pd.testing.assert_frame_equal(fitted.predict(pen), direct.predict(pen))
    assert fitted.outcome == "body_mass_g" and fitted.lvl is None
    assert fitted.extract_fit_parsnip().spec.engine == "lm"
    assert tm.fit(wf, pen).predict(pen).equals(fitted.predict(pen))  # free function == method


def test_recipe_workflow_fits_on_baked_predictors(pen):
    rec = tm.recipe("sex ~ bill_length_mm + bill_depth_mm + body_mass_g", pen)
    wf = tm.workflow().add_model(tm.logistic_reg()).add_recipe(rec)
    fitted = wf.fit(pen)
    prob = fitted.predict(pen, type="prob")
    assert list(prob.columns) == [".pred_female", ".pred_male"]
    np.testing.assert_allclose(prob.sum(axis=1), 1.0)
    direct = tm.logistic_reg().fit("sex ~ bill_length_mm + bill_depth_mm + body_mass_g", data=pen)
    np.testing.assert_allclose(prob.to_numpy(), direct.predict(pen, type="prob").to_numpy(), rtol=1e-8)
    # prediction time: the outcome column is not needed
    assert len(fitted.predict(pen.drop(columns=["sex"]))) == len(pen)
    assert fitted.extract_recipe() is fitted.prepped


def test_predictions_keep_the_index_for_bind_cols(pen):
    test = pen.iloc[200:210]
    fitted = tm.workflow().add_model(tm.linear_reg()).add_formula("body_mass_g ~ flipper_length_mm").fit(pen)
    preds = pd.concat([test, fitted.predict(test)], axis=1)
    assert len(preds) == 10 and preds[".pred"].notna().all()


def test_save_and_load_round_trip(tmp_path, pen):
    fitted = tm.workflow().add_model(tm.linear_reg()).add_formula("body_mass_g ~ .").fit(pen)
    path = fitted.save(tmp_path / "m.pytidy")
    back = tm.load_workflow(path)
    pd.testing.assert_frame_equal(back.predict(pen), fitted.predict(pen))


def test_load_rejects_other_files(tmp_path):
    bad = tmp_path / "x.pytidy"
    bad.write_bytes(b"not a pickle")
    with pytest.raises(InvalidParameterError, match=r"is not a file written by FittedWorkflow.save\(\)"):
        tm.load_workflow(bad)
    with pytest.raises(InvalidParameterError, match=r"no file at"):
        tm.load_workflow(tmp_path / "missing.pytidy")


def test_workflow_verbs_are_immutable_and_checked(pen):
    wf = tm.workflow()
    wf2 = wf.add_model(tm.linear_reg())
    assert wf.spec is None and wf2.spec is not None
    with pytest.raises(InvalidParameterError, match=r"A model is already in the workflow; use update_model"):
        wf2.add_model(tm.linear_reg())
    with pytest.raises(InvalidParameterError, match=r"already has a preprocessor"):
        wf2.add_formula("y ~ x").add_formula("y ~ .")
    with pytest.raises(InvalidParameterError, match=r"must be a model specification such as tabnet\(\)"):
        wf.add_model("lm")
    with pytest.raises(InvalidParameterError, match=r"has no preprocessor; add one with add_recipe\(\) or add_formula\(\)"):
        wf2.fit(pen)
    with pytest.raises(NotFittedError, match=r"predict\(\) needs a fitted workflow"):
        wf2.predict(pen)
    with pytest.raises(NotFittedError, match=r"extract_fit_parsnip\(\) needs a fitted workflow"):
        wf2.extract_fit_parsnip()
    assert wf2.update_model(tm.linear_reg(penalty=1.0).set_engine("glmnet")).spec.engine == "glmnet"


def test_finalize_workflow_from_dict_and_frame():
    wf = tm.workflow().add_model(tm.linear_reg(penalty=tm.tune()).set_engine("glmnet")).add_formula("y ~ x")
    assert wf.tune_args() == ["penalty"]
    fin = wf.finalize_workflow({"penalty": 0.1})
    assert fin.spec.args["penalty"] == 0.1 and fin.tune_args() == []
    fin2 = wf.finalize_workflow(pd.DataFrame({"penalty": [np.float64(0.2)], ".config": ["pre0_mod1_post0"]}))
    assert fin2.spec.args["penalty"] == 0.2 and type(fin2.spec.args["penalty"]) is float
    with pytest.raises(InvalidParameterError, match=r"needs one row of parameters"):
        wf.finalize_workflow(pd.DataFrame({"penalty": [0.1, 0.2]}))


def test_augment_puts_predictions_in_front(pen):
    reg = tm.workflow().add_model(tm.linear_reg()).add_formula("body_mass_g ~ flipper_length_mm").fit(pen)
    aug = tm.augment(reg, pen.head(4))
    assert aug.columns[:2].tolist() == [".pred", ".resid"] and aug.shape == (4, pen.shape[1] + 2)
    np.testing.assert_allclose(aug[".resid"], pen.head(4)["body_mass_g"] - aug[".pred"])
    clf = tm.workflow().add_model(tm.logistic_reg()).add_formula("sex ~ bill_length_mm + body_mass_g").fit(pen)
    aug = clf.augment(pen.drop(columns=["sex"]).head(3))
    assert aug.columns[:3].tolist() == [".pred_class", ".pred_female", ".pred_male"]
    with pytest.raises(InvalidParameterError, match=r"`new_data` in augment\(\) must be a pandas DataFrame"):
        clf.augment([1, 2])

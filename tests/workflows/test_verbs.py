"""add/update/remove for model, recipe, formula and variables; extract_*; tidy/glance (R: workflows)."""

import warnings

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError, NotFittedError, PytidyWarning
from pytidy.workflows import FittedWorkflow, Workflow


@pytest.fixture(scope="module")
def concrete(modeldata):
    return modeldata("concrete").iloc[:80].reset_index(drop=True)


@pytest.fixture(scope="module")
def fitted(concrete):
    return tm.workflow("compressive_strength ~ cement + age", tm.linear_reg()).fit(concrete)


def test_method_and_free_function_agree():
    wf = tm.workflow("y ~ x", tm.linear_reg())
    spec = tm.linear_reg(penalty=0.1).set_engine("glmnet")
    assert tm.update_model(wf, spec) == wf.update_model(spec)
    assert tm.update_formula(wf, "y ~ .") == wf.update_formula("y ~ .")
    assert tm.remove_formula(wf) == wf.remove_formula()
    assert tm.remove_model(wf) == wf.remove_model()
    assert tm.add_model(tm.workflow(), spec) == tm.workflow().add_model(spec)
    v = tm.add_variables(tm.workflow(), "y", ["x1", "x2"])
    assert v == tm.workflow().add_variables("y", ["x1", "x2"])
    assert tm.update_variables(v, "y", "x3") == v.update_variables("y", "x3")
    assert tm.remove_variables(v) == v.remove_variables() == tm.workflow()


def test_update_on_a_fitted_workflow_returns_the_unfitted_workflow(fitted, concrete):
    assert isinstance(fitted, FittedWorkflow)
    for new in (fitted.update_formula("compressive_strength ~ cement"), tm.update_model(fitted, tm.linear_reg()),
                tm.update_recipe(fitted.remove_formula(), tm.recipe("compressive_strength ~ age", concrete))):
        assert type(new) is Workflow
    assert fitted.update_formula("compressive_strength ~ cement").formula == "compressive_strength ~ cement"
    assert type(fitted.remove_model()) is Workflow and fitted.remove_model().spec is None


def test_variables_fit_like_the_same_formula(concrete):
    by_vars = tm.workflow(spec=tm.linear_reg()).add_variables("compressive_strength", ["cement", "age"]).fit(concrete)
    by_formula = tm.workflow("compressive_strength ~ cement + age", tm.linear_reg()).fit(concrete)
    pd.testing.assert_frame_equal(by_vars.predict(concrete), by_formula.predict(concrete))
    # the coefficients are numpy's least squares
    X = np.column_stack([np.ones(len(concrete)), concrete[["cement", "age"]].to_numpy()])
    beta = np.linalg.lstsq(X, concrete["compressive_strength"].to_numpy(), rcond=None)[0]
    np.testing.assert_allclose(by_vars.tidy()["estimate"].to_numpy(), beta, rtol=1e-8)


def test_one_preprocessor_at_a_time(concrete):
    rec = tm.recipe("compressive_strength ~ .", concrete)
    with pytest.raises(InvalidParameterError, match="a recipe cannot be added when a formula already exists"):
        tm.workflow("y ~ x").add_recipe(rec)
    with pytest.raises(InvalidParameterError, match="a formula cannot be added when a recipe already exists"):
        tm.workflow(rec).add_formula("y ~ x")
    with pytest.raises(InvalidParameterError, match="variables cannot be added when a formula already exists"):
        tm.workflow("y ~ x").add_variables("y", "x")
    with pytest.raises(InvalidParameterError, match="a formula cannot be added when variables already exists"):
        tm.workflow().add_variables("y", "x").update_formula("y ~ z")
    with pytest.raises(InvalidParameterError, match="`predictors` in add_variables\\(\\) must be a column name"):
        tm.workflow().add_variables("y", 3)
    with pytest.raises(InvalidParameterError, match="`outcomes` in add_variables\\(\\) must be a column name"):
        tm.workflow().add_variables(None, "x")
    with pytest.raises(NotImplementedError, match="several outcomes"):
        tm.workflow().add_variables(["y1", "y2"], "x")
    with pytest.raises(InvalidParameterError, match="`x` in update_model\\(\\) must be a workflow"):
        tm.update_model(tm.linear_reg(), tm.linear_reg())


@pytest.mark.parametrize("verb,msg", [
    ("remove_model", "no model to remove"), ("remove_recipe", "no recipe preprocessor to remove"),
    ("remove_formula", "no formula preprocessor to remove"), ("remove_variables", "no variables preprocessor"),
])
def test_removing_what_is_not_there_warns(verb, msg):
    with pytest.warns(PytidyWarning, match=msg):
        out = getattr(tm, verb)(tm.workflow())
    assert out == tm.workflow()


def test_remove_formula_keeps_variables():
    wf = tm.workflow().add_variables("y", "x")
    with pytest.warns(PytidyWarning, match="no formula preprocessor"):
        assert wf.remove_formula() == wf


def test_blueprint_is_not_built():
    with pytest.raises(NotImplementedError, match="add_formula\\(blueprint=\\)"):
        tm.workflow().add_formula("y ~ x", blueprint=object())


def test_extractors(fitted, concrete):
    assert fitted.extract_preprocessor() == "compressive_strength ~ cement + age"
    assert tm.extract_spec_parsnip(fitted).model == "linear_reg"
    assert tm.extract_fit_engine(fitted) is fitted.model_fit.fit
    assert list(tm.extract_mold(fitted).predictors) == ["cement", "age"]
    v = tm.workflow().add_variables("y", ["a", "b"])
    assert v.extract_preprocessor() == {"outcomes": ["y"], "predictors": ["a", "b"]}
    rec = tm.recipe("compressive_strength ~ .", concrete).step_center(tm.all_numeric_predictors())
    fr = tm.workflow(rec, tm.linear_reg()).fit(concrete)
    assert tm.extract_recipe(fr).steps[0].trained and not tm.extract_recipe(fr, estimated=False).steps[0].trained
    assert tm.extract_mold(fr) is fr.prepped
    with pytest.raises(NotFittedError, match="extract_fit_engine\\(\\) needs a fitted workflow"):
        tm.workflow("y ~ x", tm.linear_reg()).extract_fit_engine()
    with pytest.raises(InvalidParameterError, match="has no preprocessor"):
        tm.workflow().extract_preprocessor()


def test_extract_parameter_dials():
    wf = tm.workflow("y ~ x", tm.linear_reg(penalty=tm.tune(), mixture=tm.tune("mix")).set_engine("glmnet"))
    assert tm.extract_parameter_dials(wf, "mix").range == (0.0, 1.0)
    assert tm.extract_parameter_dials(wf.spec, "penalty").range == (-10.0, 0.0)
    with pytest.raises(InvalidParameterError, match="must be one of the tuned ids \\['penalty', 'mix'\\]; got 'mixture'"):
        tm.extract_parameter_dials(wf, "mixture")


def test_tidy_model_and_recipe(concrete):
    rec = tm.recipe("compressive_strength ~ cement + age", concrete).step_center(tm.all_numeric_predictors())
    fr = tm.workflow(rec, tm.linear_reg()).fit(concrete)
    assert fr.tidy()["term"].tolist() == ["(Intercept)", "cement", "age"]
    assert tm.tidy(fr, what="recipe")["type"].tolist() == ["center"]
    with pytest.raises(InvalidParameterError, match="`what` in tidy\\(\\) must be 'model' or 'recipe'"):
        fr.tidy(what="steps")


def test_glance_where_the_engine_has_it(fitted):
    has = getattr(fitted.model_fit, "glance", None) or getattr(fitted.model_fit.fit, "glance", None)
    if has is None:
        with pytest.raises(NotImplementedError, match="glance\\(\\) is not implemented for linear_reg\\(lm\\)"):
            tm.glance(fitted)
    else:
        assert len(tm.glance(fitted)) == 1
    with pytest.raises(InvalidParameterError, match="glance\\(\\) does not know objects of type str"):
        tm.glance("lm")


def test_repr_shows_variables():
    text = repr(tm.workflow(spec=tm.linear_reg()).add_variables("y", ["a", "b"]))
    assert "Preprocessor: Variables" in text and "Outcomes: y" in text and "Predictors: a, b" in text

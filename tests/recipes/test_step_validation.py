"""Every step class validates its own arguments, as its step_*() function does (issue 8)."""

import attrs
import numpy as np
import pytest

import pytidy as tm
from pytidy import recipes
from pytidy.errors import InvalidParameterError
from pytidy.recipes import Step

STEP_CLASSES = sorted(
    {obj for obj in vars(recipes).values() if isinstance(obj, type) and issubclass(obj, Step) and obj is not Step},
    key=lambda c: c.__name__,
)


def _fields(kind):
    return [(cls, f.name) for cls in STEP_CLASSES for f in attrs.fields(cls) if f.type == kind]


def test_every_registered_step_has_a_class_here():
    assert len(STEP_CLASSES) >= len(recipes.registered_steps()) - 1


def test_the_issue_example_raises_like_the_function():
    with pytest.raises(InvalidParameterError, match=r"`na_rm` in step_normalize\(\) must be True or False; got 'yes'"):
        recipes.StepNormalize(na_rm="yes")
    with pytest.raises(InvalidParameterError, match=r"`skip` in step_normalize\(\) must be True or False; got 'no'"):
        recipes.StepNormalize(skip="no")
    with pytest.raises(InvalidParameterError, match=r"`skip` in step_normalize\(\) must be True or False"):
        tm.recipe("y ~ .", __import__("pandas").DataFrame({"y": [1.0], "x": [2.0]})).step_normalize(skip="no")


@pytest.mark.parametrize("cls,name", _fields("bool"), ids=lambda v: getattr(v, "__name__", v))
def test_bool_fields_refuse_strings_and_accept_numpy_bools(cls, name):
    with pytest.raises(InvalidParameterError, match=rf"`{name}` in {cls.name}\(\) must be True or False; got 'yes'"):
        cls(**{name: "yes"})
    assert getattr(cls(**{name: np.bool_(True)}), name)


@pytest.mark.parametrize("cls,name", _fields("int") + _fields("float"), ids=lambda v: getattr(v, "__name__", v))
def test_number_fields_refuse_text_and_let_tune_through(cls, name):
    with pytest.raises(InvalidParameterError, match=rf"`{name}` in {cls.name}\(\) must be a (whole )?number"):
        cls(**{name: "abc"})
    if (cls.__name__, name) in NOT_TUNABLE:
        return
    assert tm.is_tune(getattr(cls(**{name: tm.tune()}), name))


NOT_TUNABLE = {("StepLincomb", "max_steps")}   # R: max_steps is not a tuning parameter


def test_flat_namespace_holds_r_names_not_step_classes():
    classes = [n for n in tm.__all__ if n.startswith("Step") and n != "Step"]
    assert classes == []
    assert not [n for n in dir(tm) if n.startswith("Step") and n != "Step"]
    assert "step_normalize" in tm.__all__ and "list_holidays" in tm.__all__
    # the classes stay importable from their subpackage, and tm.StepX still resolves to them
    assert tm.StepNormalize is recipes.StepNormalize
    with pytest.raises(AttributeError, match="has no attribute 'StepNotAThing'"):
        tm.StepNotAThing


@pytest.mark.parametrize("cls,kwargs,message", [
    ("StepCorr", {"threshold": 2}, r"`threshold` in step_corr\(\) must be a number in \[0, 1\]; got 2"),
    ("StepCorr", {"method": "x"}, r"`method` in step_corr\(\) must be one of 'pearson', 'kendall', 'spearman'"),
    ("StepCorr", {"use": "all"}, r"`use` in step_corr\(\) must be one of"),
    ("StepImputeMean", {"trim": 0.6}, r"`trim` in step_impute_mean\(\) must be a number in \[0, 0.5\]"),
    ("StepLog", {"base": 0}, r"`base` in step_log\(\) must be a number in \(0, inf\)"),
    ("StepNzv", {"unique_cut": 101}, r"`unique_cut` in step_nzv\(\) must be a number in \[0, 100\]"),
    ("StepOther", {"threshold": 0}, r"`threshold` in step_other\(\) must be a number in \(0, inf\)"),
    ("StepPca", {"num_comp": -1}, r"`num_comp` in step_pca\(\) must be a whole number in \[0, inf\)"),
    ("StepPca", {"threshold": 1.5}, r"`threshold` in step_pca\(\) must be a number in \(0, 1\]"),
    ("StepPls", {"predictor_prop": 2}, r"`predictor_prop` in step_pls\(\) must be a number in \[0, 1\]"),
    ("StepPoly", {"degree": 0}, r"`degree` in step_poly\(\) must be a whole number in \[1, inf\)"),
    ("StepNs", {"deg_free": 1.5}, r"`deg_free` in step_ns\(\) must be a whole number"),
    ("StepBs", {"deg_free": 0}, r"`deg_free` in step_bs\(\) must be a whole number in \[1, inf\)"),
    ("StepDiscretize", {"num_breaks": 1}, r"`num_breaks` in step_discretize\(\) must be a whole number in \[2, inf\)"),
    ("StepLincomb", {"max_steps": tm.tune()}, r"`max_steps` in step_lincomb\(\) must be a whole number"),
    ("StepIca", {"num_comp": "3"}, r"`num_comp` in step_ica\(\) must be a whole number"),
])
def test_bounded_fields_are_checked_by_the_class(cls, kwargs, message):
    with pytest.raises(InvalidParameterError, match=message):
        getattr(recipes, cls)(**kwargs)


@pytest.mark.parametrize("cls,kwargs", [("StepPca", {"num_comp": 0, "threshold": None}), ("StepBs", {"deg_free": None}),
                                        ("StepPca", {"threshold": tm.tune()}), ("StepCorr", {"threshold": 0.0})])
def test_bounded_fields_accept_their_edges_none_and_tune(cls, kwargs):
    getattr(recipes, cls)(**kwargs)

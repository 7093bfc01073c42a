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
    assert tm.is_tune(getattr(cls(**{name: tm.tune()}), name))


def test_flat_namespace_holds_r_names_not_step_classes():
    classes = [n for n in tm.__all__ if n.startswith("Step") and n != "Step"]
    assert classes == []
    assert not [n for n in dir(tm) if n.startswith("Step") and n != "Step"]
    assert "step_normalize" in tm.__all__ and "list_holidays" in tm.__all__
    # the classes stay importable from their subpackage, and tm.StepX still resolves to them
    assert tm.StepNormalize is recipes.StepNormalize
    with pytest.raises(AttributeError, match="has no attribute 'StepNotAThing'"):
        tm.StepNotAThing

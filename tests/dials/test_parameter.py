"""Parameter objects, transforms, constructors' argument checks (R: dials test-constructors.R)."""

import math
import pickle

import numpy as np
import pytest

from pytidy.dials import (
    QualParam,
    QuantParam,
    activation,
    batch_size,
    dropout,
    has_unknowns,
    identity_trans,
    is_unknown,
    learn_rate,
    log2_trans,
    log10_trans,
    mtry,
    new_qual_param,
    new_quant_param,
    penalty,
    prune,
    range_get,
    range_set,
    transform_identity,
    transform_log2,
    transform_log10,
    trees,
    unknown,
    weight_func,
)
from pytidy.errors import InvalidParameterError


def test_repr_matches_r_print():
    assert repr(learn_rate()) == (
        "Learning Rate (quantitative)\nTransformer: log-10 [1e-100, Inf]\nRange (transformed scale): [-10, -1]"
    )
    assert repr(trees()) == "# Trees (quantitative)\nRange: [1, 2000]"
    assert repr(dropout()) == "Dropout Rate (quantitative)\nRange: [0, 1)"
    assert repr(mtry()) == "# Randomly Selected Predictors (quantitative)\nRange: [1, ?]"
    assert repr(prune()) == "Pruning (qualitative)\n2 possible values include:\nTRUE and FALSE"
    assert repr(weight_func(values=["a"])) == "Distance Weighting Function (qualitative)\n1 possible value include:\n'a'"


def test_r_format_of_bounds():
    assert "[-2.5, -1]" in repr(learn_rate(range=(-2.5, -1)))
    assert "Range: [0.01, 0.4]" in repr(new_quant_param("double", (0.01, 0.4)))
    assert "Range: [1e-10, 2000]" in repr(new_quant_param("double", (1e-10, 2000)))


def test_transforms():
    assert float(log10_trans.inverse(-1.0)) == pytest.approx(0.1)
    assert float(log2_trans.inverse(7.0)) == 128.0
    assert identity_trans.transform(3) == 3
    assert transform_log10() is log10_trans and transform_log2() is log2_trans
    assert transform_identity() is identity_trans
    assert repr(log2_trans) == "Transformer: log-2 [1e-100, Inf]"


def test_unknown_sentinel():
    assert unknown() is unknown()
    assert is_unknown(mtry().range[1]) and has_unknowns(mtry()) and not has_unknowns(penalty())
    assert not has_unknowns(activation())
    assert pickle.loads(pickle.dumps(unknown())) is unknown()


def test_params_pickle_and_compare():
    assert pickle.loads(pickle.dumps(learn_rate())) == learn_rate()
    assert pickle.loads(pickle.dumps(mtry())) == mtry()
    assert learn_rate() != learn_rate(range=(-3, -1))


def test_stored_types():
    assert trees().range == (1, 2000) and isinstance(trees().range[0], int)
    assert learn_rate().range == (-10.0, -1.0) and isinstance(learn_rate().range[0], float)
    assert batch_size().range == (2.0, 7.0)
    assert trees(range=(1.0, 5.0)).range == (1, 5)


def test_range_get_set():
    assert range_get(learn_rate()) == pytest.approx((1e-10, 0.1))
    assert range_get(learn_rate(), original=False) == (-10.0, -1.0)
    assert range_get(batch_size()) == (4.0, 128.0)
    assert range_set(mtry(), (2, 9)).range == (2, 9)
    assert range_set(mtry(), (2, 9)).label == mtry().label
    with pytest.raises(InvalidParameterError, match="must have 2 elements"):
        range_set(mtry(), (1, 2, 3))
    with pytest.raises(InvalidParameterError, match="range_get\\(\\) needs a quantitative parameter"):
        range_get(activation())


@pytest.mark.parametrize(
    "rng, match",
    [
        ((1,), r"`range` in trees\(\) must have 2 elements \(lower, upper\), not 1"),
        ((1, 2, 3), r"must have 2 elements \(lower, upper\), not 3"),
        ((5, 1), r"The `range` lower bound \(5\) in trees\(\) must not exceed the upper bound \(1\)"),
        (("a", 3), r"`range` in trees\(\) must hold numbers \(or unknown\(\)\); got 'a'"),
        ((1, float("nan")), r"must hold numbers"),
        ((True, 3), r"must hold numbers"),
        (5, r"`range` in trees\(\) must be a pair \(lower, upper\)"),
        ("ab", r"must be a pair"),
        ((1.5, 3), r"needs whole numbers for an integer parameter; got 1.5"),
    ],
)
def test_constructor_range_errors(rng, match):
    with pytest.raises(InvalidParameterError, match=match):
        trees(range=rng)


def test_constructor_range_errors_name_the_owner():
    with pytest.raises(InvalidParameterError, match=r"lower bound \(-1\) in learn_rate\(\)"):
        learn_rate(range=(-1, -5))
    with pytest.raises(InvalidParameterError, match=r"`range` in dropout\(\)"):
        dropout(range=(0,))


def test_unknown_bounds_and_inf_allowed():
    assert mtry(range=(1, unknown())).range[1] is unknown()
    assert new_quant_param("double", (0, math.inf)).range == (0.0, math.inf)


def test_new_quant_param_errors():
    with pytest.raises(InvalidParameterError, match="`type` in new_quant_param\\(\\) must be one of 'double'"):
        new_quant_param("mucus", (1, 2))
    with pytest.raises(InvalidParameterError, match="`range` in new_quant_param\\(\\) must be supplied"):
        new_quant_param("double")
    with pytest.raises(InvalidParameterError, match="`inclusive` in new_quant_param\\(\\) must be a pair of booleans"):
        new_quant_param("double", (1, 2), inclusive=(True,))
    with pytest.raises(InvalidParameterError, match="must be a pair of booleans"):
        new_quant_param("double", (1, 2), inclusive=("(", "]"))
    with pytest.raises(InvalidParameterError, match="only covers two consecutive values"):
        new_quant_param("integer", (1, 2), inclusive=(True, False))
    with pytest.raises(InvalidParameterError, match="`trans` in new_quant_param\\(\\) must be a Trans object"):
        new_quant_param("double", (1, 2), trans=np.log)
    with pytest.raises(InvalidParameterError, match="`finalize` in new_quant_param\\(\\) must be a function"):
        new_quant_param("double", (1, 2), finalize=3)
    with pytest.raises(InvalidParameterError, match="`label` in new_quant_param\\(\\) must be a string or a one-item"):
        new_quant_param("double", (1, 2), label={"a": "A", "b": "B"})
    with pytest.raises(InvalidParameterError, match="`label` in new_quant_param\\(\\) must be a string or a one-item dict"):
        new_quant_param("double", (1, 2), label=3)
    with pytest.raises(InvalidParameterError, match="must map a string name to a string"):
        new_quant_param("double", (1, 2), label={"a": 1})


def test_new_quant_param_values():
    p = new_quant_param("integer", values=[1, 5, 10])
    assert p.range == (1, 10) and p.values == (1, 5, 10)
    assert "Values: 3" in repr(p)
    with pytest.raises(InvalidParameterError, match="`values` in new_quant_param\\(\\) can't be empty"):
        new_quant_param("integer", values=[])
    with pytest.raises(InvalidParameterError, match="can't contain duplicate values"):
        new_quant_param("integer", values=[1, 1])
    with pytest.raises(InvalidParameterError, match="must contain whole numbers for integer parameters"):
        new_quant_param("integer", values=[1, 1.5])
    with pytest.raises(InvalidParameterError, match="must be numbers without NaN"):
        new_quant_param("double", values=[1, float("nan")])
    with pytest.raises(InvalidParameterError, match=r"Some `values` in new_quant_param\(\) are not valid"):
        new_quant_param("double", range=(0, 1), values=[0.5, 2.0])


def test_label_name():
    p = new_quant_param("double", (0, 1), label={"my_param": "My Param"})
    assert p.name == "my_param" and p.label == "My Param"
    assert new_quant_param("double", (0, 1)).label == "Unlabeled parameter"
    assert new_quant_param("double", (0, 1), label="lbl").name == "lbl"


def test_new_qual_param():
    p = new_qual_param("character", ["a", "b"], label={"x": "X"})
    assert isinstance(p, QualParam) and p.values == ("a", "b") and p.default == "a" and p.name == "x"
    assert new_qual_param("logical", [True, False]).values == (True, False)
    with pytest.raises(InvalidParameterError, match="`type` in new_qual_param\\(\\) must be one of 'character'"):
        new_qual_param("double", ["a"])
    with pytest.raises(InvalidParameterError, match="must be strings for type 'character'"):
        new_qual_param("character", [1, 2])
    with pytest.raises(InvalidParameterError, match="must be booleans for type 'logical'"):
        new_qual_param("logical", ["a", "b"])
    with pytest.raises(InvalidParameterError, match="must be a non-empty sequence"):
        new_qual_param("character", [])
    with pytest.raises(InvalidParameterError, match="must be a non-empty sequence"):
        new_qual_param("character", "ab")
    with pytest.raises(InvalidParameterError, match="`finalize` in new_qual_param\\(\\) must be a function"):
        new_qual_param("character", ["a"], finalize="x")


def test_frozen():
    p = learn_rate()
    with pytest.raises(AttributeError):
        p.range = (0, 1)  # type: ignore[misc]
    assert isinstance(p, QuantParam)

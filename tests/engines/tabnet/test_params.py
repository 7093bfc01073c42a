"""TabNet's dials parameters (R: mlverse/tabnet R/dials.R)."""

import pytest

from pytidy.dials import QualParam, QuantParam, grid_regular, momentum, parameters, value_seq
from pytidy.engines.tabnet.params import (
    attention_width,
    decision_width,
    feature_reusage,
    mask_type,
    num_independent,
    num_shared,
    num_steps,
    tabnet_momentum,
)
from pytidy.errors import InvalidParameterError

R_RANGES = {
    decision_width: ("integer", (8, 64), "decision_width"),
    attention_width: ("integer", (8, 64), "attention_width"),
    num_steps: ("integer", (3, 10), "num_steps"),
    feature_reusage: ("double", (1.0, 2.0), "feature_reusage"),
    num_independent: ("integer", (1, 5), "num_independent"),
    num_shared: ("integer", (1, 5), "num_shared"),
    tabnet_momentum: ("double", (0.01, 0.4), "momentum"),
}


@pytest.mark.parametrize("fn", list(R_RANGES), ids=lambda f: f.__name__)
def test_r_defaults_and_range_argument(fn):
    typ, rng, name = R_RANGES[fn]
    p = fn()
    assert isinstance(p, QuantParam) and p.type == typ and p.range == rng and p.name == name
    assert p.trans is None and p.inclusive == (True, True)
    assert fn(range=(2, 4)).range == ((2, 4) if typ == "integer" else (2.0, 4.0))
    with pytest.raises(InvalidParameterError, match=rf"`range` in {fn.__name__}\(\) must have 2 elements"):
        fn(range=(2,))
    with pytest.raises(InvalidParameterError, match=rf"lower bound \(9\) in {fn.__name__}\(\) must not exceed"):
        fn(range=(9, 3))


def test_integer_ranges_need_whole_numbers():
    with pytest.raises(InvalidParameterError, match="needs whole numbers for an integer parameter; got 8.5"):
        decision_width(range=(8.5, 20))


def test_mask_type():
    p = mask_type()
    assert isinstance(p, QualParam) and p.values == ("sparsemax", "entmax") and p.name == "mask_type"
    assert mask_type(values=["entmax"]).values == ("entmax",)
    with pytest.raises(InvalidParameterError, match="`values` in mask_type\\(\\) must be strings"):
        mask_type(values=[1])


def test_tabnet_momentum_does_not_clash_with_dials_momentum():
    assert momentum().range == (0.0, 1.0) and tabnet_momentum().range == (0.01, 0.4)
    assert momentum().label == "Gradient Descent Momentum"
    assert tabnet_momentum().label == "Momentum for batch normalization"


def test_grids_over_tabnet_params():
    assert value_seq(num_steps(), 3).tolist() == [3, 6, 10]
    g = grid_regular(parameters(decision_width(range=(20, 40)), mask_type()), levels=2)
    assert g.to_dict("list") == {"decision_width": [20, 40, 20, 40],
                                 "mask_type": ["sparsemax", "sparsemax", "entmax", "entmax"]}

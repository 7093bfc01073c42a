"""Grid functions (R: dials test-grids.R, test-space_filling.R; DiceDesign dmaxDesign/lhsDesign)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pytidy.dials import (
    batch_size,
    dmax_design,
    epochs,
    grid_latin_hypercube,
    grid_max_entropy,
    grid_random,
    grid_regular,
    grid_space_filling,
    learn_rate,
    lhs_design,
    mixture,
    mtry,
    optimal_lhs_codes,
    parameters,
    penalty,
    prod_degree,
    prune_method,
    trees,
    value_seq,
    weight_func,
)
from pytidy.dials.designs import design_criterion
from pytidy.engines.tabnet.params import attention_width, decision_width, mask_type, num_steps
from pytidy.errors import InvalidParameterError

GRIDS = {
    "random": lambda ps, n, s: grid_random(ps, size=n, seed=s),
    "max_entropy": lambda ps, n, s: grid_max_entropy(ps, size=n, seed=s, iter=50),
    "latin_hypercube": lambda ps, n, s: grid_latin_hypercube(ps, size=n, seed=s),
    "space_filling": lambda ps, n, s: grid_space_filling(ps, size=n, seed=s),
    "sf_max_min_l1": lambda ps, n, s: grid_space_filling(ps, size=n, seed=s, type="max_min_l1"),
}


# ------------------------------------------------------------------ regular


@pytest.mark.parametrize(
    "param, expected",
    [(trees(), [1, 1000, 2000]), (epochs(), [10, 505, 1000]), (batch_size(), [4, 22, 128]),
     (penalty(), [1e-10, 1e-5, 1.0]), (learn_rate(), [1e-10, 10**-5.5, 0.1])],
)
def test_grid_regular_reference_values(param, expected):
    g = grid_regular(param, levels=3)
    np.testing.assert_allclose(g[param.name].to_numpy(dtype=float), expected, rtol=1e-12)


def test_grid_regular_first_param_varies_fastest():
    g = grid_regular(mixture(), trees(), levels=2)
    assert g["mixture"].tolist() == [0.0, 1.0, 0.0, 1.0]
    assert g["trees"].tolist() == [1, 1, 2000, 2000]
    assert g["trees"].dtype.kind == "i"


def test_grid_regular_levels_forms():
    assert len(grid_regular(mixture(), trees(), levels=[2, 3])) == 6
    g = grid_regular(mixture(), trees(), levels={"trees": 2, "mixture": 3})
    assert g["trees"].nunique() == 2 and g["mixture"].nunique() == 3
    assert grid_regular([mixture(), trees()], levels=3).equals(grid_regular(mixture(), trees(), levels=3))
    g = grid_regular(parameters(mixture(), trees()), levels=(3,))
    assert len(g) == 9


def test_grid_regular_filter():
    assert len(grid_regular(mixture(), trees(), levels=2, filter="trees == 1")) == 2
    assert len(grid_regular(mixture(), trees(), levels=2, filter=lambda g: g["mixture"] > 0.5)) == 2
    with pytest.raises(InvalidParameterError, match="`filter` in grid_regular\\(\\) must be a query string"):
        grid_regular(mixture(), filter=3)


def test_grid_regular_dedups_and_qualitative():
    g = grid_regular(trees(range=(1, 2)), weight_func(), levels=[5, 2])
    assert len(g) == 4 and g["weight_func"].tolist() == ["rectangular", "rectangular", "triangular", "triangular"]


def test_grid_regular_errors():
    with pytest.raises(InvalidParameterError, match="`levels` in grid_regular\\(\\) should have length 1 or 2, not 4"):
        grid_regular(mixture(), trees(), levels=[1, 2, 3, 4])
    with pytest.raises(InvalidParameterError, match="The names of `levels` in grid_regular\\(\\) must match"):
        grid_regular(mixture(), trees(), levels={"wrong": 2, "names": 4})
    with pytest.raises(InvalidParameterError, match="`levels` in grid_regular\\(\\) must be a positive whole number"):
        grid_regular(mixture(), levels=0)
    with pytest.raises(InvalidParameterError, match="`size` is not an argument to grid_regular\\(\\). Did you mean `levels`?"):
        grid_regular(mixture(), trees(), size=3)
    with pytest.raises(InvalidParameterError, match="got unexpected argument\\(s\\) \\['lvls'\\]"):
        grid_regular(mixture(), lvls=3)
    with pytest.raises(InvalidParameterError, match="At least one parameter object is required by grid_regular"):
        grid_regular()
    with pytest.raises(InvalidParameterError, match="`x` must be a parameter object, a list of them, or a ParameterSet"):
        grid_regular("not a param")
    with pytest.raises(InvalidParameterError, match="`original` in grid_regular\\(\\) must be True or False"):
        grid_regular(mixture(), original="yes")


@pytest.mark.parametrize("fn", [grid_regular, grid_random, grid_max_entropy, grid_latin_hypercube, grid_space_filling])
def test_unknowns_are_refused_with_r_message(fn):
    with pytest.raises(InvalidParameterError, match="This argument contains unknowns: `mtry`"):
        fn(mtry(), penalty())
    with pytest.raises(InvalidParameterError, match="These arguments contain unknowns: `mtry`, `m2`"):
        fn(parameters(mtry(), m2=mtry()))
    with pytest.raises(InvalidParameterError, match="have no parameter object"):
        fn(parameters(penalty()).update(penalty=None))


@pytest.mark.parametrize("fn", [grid_random, grid_max_entropy, grid_latin_hypercube, grid_space_filling])
def test_levels_is_not_an_argument(fn):
    with pytest.raises(InvalidParameterError, match="`levels` is not an argument to grid_.*Did you mean `size`?"):
        fn(penalty(), mixture(), levels=5)


# ------------------------------------------------------------------ random and properties


def test_grid_random_size_and_dedup():
    assert len(grid_random(mixture(), trees(), size=2, seed=1)) == 2
    assert len(grid_random(prod_degree(), prune_method(), size=50, seed=1)) <= 12
    assert len(grid_random(penalty(), size=10, seed=1, filter="penalty < 0.01")) < 10
    with pytest.raises(InvalidParameterError, match="`size` in grid_random\\(\\) must be a whole number >= 1"):
        grid_random(penalty(), size=-1)
    with pytest.raises(InvalidParameterError, match="must be a whole number >= 1; got 'five'"):
        grid_random(penalty(), size="five")


@pytest.mark.parametrize("kind", list(GRIDS))
def test_same_seed_same_grid(kind):
    ps = parameters(learn_rate(), trees(), weight_func())
    a, b = GRIDS[kind](ps, 7, 11), GRIDS[kind](ps, 7, 11)
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns) == ["learn_rate", "trees", "weight_func"]


@settings(max_examples=15, deadline=None)
@given(
    kind=st.sampled_from(list(GRIDS)),
    lo=st.integers(-8, -3),
    width=st.integers(0, 3),
    tlo=st.integers(1, 50),
    twidth=st.integers(1, 100),
    n=st.integers(3, 12),
    seed=st.integers(0, 2**31 - 1),
)
def test_grids_stay_in_range(kind, lo, width, tlo, twidth, n, seed):
    ps = parameters(learn_rate(range=(lo, lo + width)), trees(range=(tlo, tlo + twidth)), mask_type())
    g = GRIDS[kind](ps, n, seed)
    assert 1 <= len(g) <= n
    lr = g["learn_rate"].to_numpy()
    assert (lr >= 10.0**lo * (1 - 1e-12)).all() and (lr <= 10.0 ** (lo + width) * (1 + 1e-12)).all()
    assert g["trees"].between(tlo, tlo + twidth).all() and g["trees"].dtype.kind == "i"
    assert set(g["mask_type"]) <= {"sparsemax", "entmax"}
    assert not g.duplicated().any()


# ------------------------------------------------------------------ max entropy


@settings(max_examples=15, deadline=None)
@given(n=st.integers(2, 15), p=st.integers(1, 3), seed=st.integers(0, 2**31 - 1),
       vr=st.sampled_from([0.0, 0.3, 0.5, 1.0]))
def test_max_entropy_never_decreases_the_determinant(n, p, seed, vr):
    if n < p:
        return
    out = dmax_design(n, p, vr, 60, np.random.default_rng(seed))
    d0, d1 = out["det_init"], out["det_end"]
    value = lambda d: d[0] * np.exp(d[1])  # noqa: E731
    assert value(d1) >= value(d0) - 1e-12
    assert out["design"].shape == (n, p) and ((out["design"] >= 0) & (out["design"] <= 1)).all()
    if vr == 0.0:
        assert out["range"] == pytest.approx(np.sqrt(p) / 2)


def test_max_entropy_improves_on_the_random_start():
    out = dmax_design(10, 2, 0.5, 1000, np.random.default_rng(4))
    assert out["accepted"] > 0
    assert out["det_end"][1] > out["det_init"][1]
    assert not np.array_equal(out["design"], out["design_init"])


def test_max_entropy_errors():
    with pytest.raises(InvalidParameterError, match="size = 2 is smaller than the 3 parameters"):
        grid_max_entropy(penalty(), mixture(), trees(), size=2, seed=1)
    with pytest.raises(InvalidParameterError, match="`variogram_range` in grid_max_entropy\\(\\) must be a number >= 0"):
        grid_max_entropy(penalty(), variogram_range=-1)
    with pytest.raises(InvalidParameterError, match="`iter` in grid_max_entropy\\(\\) must be a whole number >= 1"):
        grid_max_entropy(penalty(), iter=0)


def test_max_entropy_original_false_stays_on_transformed_scale():
    g = grid_max_entropy(learn_rate(), batch_size(), size=5, original=False, seed=3)
    assert g["learn_rate"].between(-10, -1).all()
    assert g["batch_size"].between(2, 7).all() and g["batch_size"].dtype.kind == "f"


def test_api_md_tabnet_update_then_max_entropy():
    ps = parameters(learn_rate=learn_rate(), decision_width=decision_width(), attention_width=attention_width(),
                    num_steps=num_steps())
    grid = ps.update(
        decision_width=decision_width(range=(20, 40)),
        attention_width=attention_width(range=(20, 40)),
        num_steps=num_steps(range=(4, 6)),
        learn_rate=learn_rate(range=(-2.5, -1)),
    ).grid_max_entropy(size=8, seed=2024)
    assert grid.shape == (8, 4)
    assert list(grid.columns) == ["learn_rate", "decision_width", "attention_width", "num_steps"]
    assert grid["learn_rate"].between(10**-2.5, 0.1).all()
    for col, (lo, hi) in {"decision_width": (20, 40), "attention_width": (20, 40), "num_steps": (4, 6)}.items():
        assert grid[col].dtype.kind == "i" and grid[col].between(lo, hi).all()


# ------------------------------------------------------------------ latin hypercube


@settings(max_examples=20, deadline=None)
@given(n=st.integers(1, 30), p=st.integers(1, 5), seed=st.integers(0, 2**31 - 1))
def test_lhs_one_point_per_stratum(n, p, seed):
    x = lhs_design(n, p, np.random.default_rng(seed))
    for j in range(p):
        strata = np.floor(x[:, j] * n).astype(int)
        assert sorted(strata.tolist()) == list(range(n))


def test_grid_latin_hypercube_strata_on_original_scale():
    g = grid_latin_hypercube(mixture(), penalty(), size=6, seed=2)
    assert sorted(np.floor(g["mixture"] * 6).astype(int).tolist()) == list(range(6))
    lp = (np.log10(g["penalty"]) + 10) / 10
    assert sorted(np.floor(lp * 6).astype(int).tolist()) == list(range(6))


# ------------------------------------------------------------------ space filling


@pytest.mark.parametrize("criterion", ["audze_eglais", "max_min_l2", "max_min_l1"])
def test_optimal_lhs_is_latin_and_better_than_random(criterion):
    rng = np.random.default_rng(0)
    codes = optimal_lhs_codes(12, 3, criterion, rng)
    for j in range(3):
        assert sorted(codes[:, j].tolist()) == list(range(12))
    random_crit = np.mean([
        design_criterion(np.column_stack([np.random.default_rng(s).permutation(12) for _ in range(3)]), criterion)
        for s in range(20)
    ])
    assert design_criterion(codes, criterion) < random_crit


def test_space_filling_uses_value_seq_once_each():
    g = grid_space_filling(learn_rate(), epochs(), size=10, seed=1)
    np.testing.assert_allclose(np.sort(g["learn_rate"].to_numpy()), value_seq(learn_rate(), 10))
    assert sorted(g["epochs"].tolist()) == sorted(value_seq(epochs(), 10).tolist())


def test_space_filling_recycles_short_sequences_sorted():
    # num_steps (3..10) with 10 points: value_seq floors to 8 unique values, recycled then sorted
    g = grid_space_filling(num_steps(), learn_rate(), size=10, seed=5)
    assert sorted(g["num_steps"].tolist()) == [3, 3, 4, 4, 5, 6, 7, 8, 9, 10]


def test_space_filling_types():
    ps = parameters(penalty(), mixture())
    for t in ["any", "audze_eglais", "max_min_l2", "max_min_l1", "latin_hypercube", "max_entropy"]:
        g = grid_space_filling(ps, size=6, type=t, seed=1)
        assert len(g) == 6 and list(g.columns) == ["penalty", "mixture"]
    assert len(grid_space_filling(ps, size=1, seed=1)) == 1
    with pytest.raises(NotImplementedError, match="type='uniform'\\) is not implemented: R reads uniform designs"):
        grid_space_filling(ps, type="uniform")
    with pytest.raises(InvalidParameterError, match="`type` in grid_space_filling\\(\\) must be one of 'any'"):
        grid_space_filling(ps, type="sobol")
    with pytest.raises(InvalidParameterError, match="pass a ParameterSet on its own"):
        grid_space_filling(ps, trees())

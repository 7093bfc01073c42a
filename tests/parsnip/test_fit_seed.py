"""fit(seed=) reaches the engine: the same seed gives the same forest, another seed another one (R: set.seed() before fit)."""


import numpy as np
import pandas as pd
import pytest

import pytidy as tm


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(120, 3))
    return pd.DataFrame({"a": x[:, 0], "b": x[:, 1], "c": x[:, 2], "y": x[:, 0] * 2 + rng.normal(size=120)})


def test_seed_reaches_the_engine(data):
    spec = tm.rand_forest(trees=20, mtry=1).set_mode("regression")
    same = [spec.fit("y ~ .", data=data, seed=s).predict(data)[".pred"].to_numpy() for s in (1, 1, 2)]
    np.testing.assert_array_equal(same[0], same[1])
    assert not np.allclose(same[0], same[2])

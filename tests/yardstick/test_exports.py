"""yardstick's ``__all__`` is a literal list (so type checkers see the star exports): keep it complete."""

import pytidy as tm
import pytidy.yardstick as ys


def test_all_lists_every_metric_and_vec_function_sorted():
    expected = set(ys.METRICS) | {f"{name}_vec" for name in ys.METRICS}
    assert expected <= set(ys.__all__)
    assert ys.__all__ == sorted(ys.__all__)
    assert len(set(ys.__all__)) == len(ys.__all__)
    for name in ys.__all__:
        assert getattr(tm, name) is getattr(ys, name)

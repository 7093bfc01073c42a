"""control_grid(event_level=) reaches the metrics (issue 8: roc_auc alone cannot tell)."""

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import average_precision_score, recall_score

import pytidy as tm

GRID = pd.DataFrame({"penalty": [0.001, 0.05]})


@pytest.fixture(scope="module")
def folds(two_class):
    return tm.vfold_cv(two_class, v=3, seed=5)


def _run(logistic_wf, folds, event_level):
    return tm.tune_grid(logistic_wf, folds, grid=GRID, seed=1,
                        metrics=tm.metric_set(tm.sens, tm.pr_auc),
                        control=tm.control_grid(save_pred=True, event_level=event_level))


@pytest.mark.parametrize("event_level", ["first", "second"])
def test_control_grid_event_level_is_used_by_sens_and_pr_auc(logistic_wf, folds, event_level):
    res = _run(logistic_wf, folds, event_level)
    raw = res.collect_metrics(summarize=False)
    pred = res.collect_predictions()
    levels = list(pred["Class"].cat.categories)
    event = levels[0] if event_level == "first" else levels[1]
    for (fold, config), part in pred.groupby(["id", ".config"], observed=True):
        truth = part["Class"].astype(str).to_numpy()
        # scikit-learn: recall of the event class, and average precision of its probability
        sens = recall_score(truth, part[".pred_class"].astype(str).to_numpy(), pos_label=event)
        ap = average_precision_score(truth == event, part[f".pred_{event}"].to_numpy())
        rows = raw[(raw["id"] == fold) & (raw[".config"] == config)].set_index(".metric")[".estimate"]
        assert rows["sens"] == pytest.approx(sens, abs=1e-12)
        # yardstick's pr_auc is the trapezoid under the step curve; close to AP, not equal
        assert rows["pr_auc"] == pytest.approx(ap, abs=0.03)


def test_event_level_second_changes_sensitivity(logistic_wf, folds):
    first = _run(logistic_wf, folds, "first").collect_metrics()
    second = _run(logistic_wf, folds, "second").collect_metrics()
    s1 = first[first[".metric"] == "sens"]["mean"].to_numpy()
    s2 = second[second[".metric"] == "sens"]["mean"].to_numpy()
    assert not np.allclose(s1, s2)


def test_save_pred_false_keeps_no_predictions(logistic_wf, folds):
    # R: collect_predictions() errors when control_grid(save_pred = FALSE)
    res = tm.tune_grid(logistic_wf, folds, grid=GRID, seed=1, control=tm.control_grid(save_pred=False))
    assert res.predictions is None
    with pytest.raises(Exception, match=r"save_pred=True"):
        res.collect_predictions()
    kept = tm.tune_grid(logistic_wf, folds, grid=GRID, seed=1, control=tm.control_grid(save_pred=True))
    assert len(kept.collect_predictions()) == len(GRID) * 300  # each of the 300 rows once per candidate

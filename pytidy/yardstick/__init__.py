"""yardstick: performance metrics, curves and confusion matrices (R's yardstick).

Every metric is a :class:`Metric` object called on a DataFrame (``tm.accuracy(df, "truth",
"pred")``), a grouped DataFrame (one row per group) or, for class metrics, a confusion table, plus
a ``<name>_vec(truth, estimate)`` function on vectors. ``truth`` should be a pandas categorical:
its first category is the event (R's ``event_level = "first"``); otherwise the sorted unique values
are used as levels.
"""

from . import _plots as _plots  # registers autoplot for the curves
from .class_accuracy import accuracy, accuracy_vec
from .class_bal_accuracy import bal_accuracy, bal_accuracy_vec
from .class_detection_prevalence import detection_prevalence, detection_prevalence_vec
from .class_f_meas import f_meas, f_meas_vec
from .class_fall_out import fall_out, fall_out_vec
from .class_j_index import j_index, j_index_vec
from .class_kap import kap, kap_vec
from .class_markedness import markedness, markedness_vec
from .class_mcc import mcc, mcc_vec
from .class_miss_rate import miss_rate, miss_rate_vec
from .class_npv import npv, npv_vec
from .class_ppv import ppv, ppv_vec
from .class_precision import precision, precision_vec
from .class_recall import recall, recall_vec
from .class_sens import sens, sens_vec, sensitivity, sensitivity_vec
from .class_spec import spec, spec_vec, specificity, specificity_vec
from .conf_mat import ConfMat, conf_mat
from .curves import (
    gain_curve,
    gain_curve_vec,
    lift_curve,
    lift_curve_vec,
    pr_curve,
    pr_curve_vec,
    roc_curve,
    roc_curve_vec,
)
from .metric import Metric, metric_tweak, new_class_metric, new_numeric_metric, new_prob_metric
from .metric_set import MetricSet, metric_set
from .metrics import metrics
from .num_ccc import ccc, ccc_vec
from .num_huber_loss import huber_loss, huber_loss_vec
from .num_huber_loss_pseudo import (
    huber_loss_pseudo,
    huber_loss_pseudo_vec,
    pseudo_huber_loss,
    pseudo_huber_loss_vec,
)
from .num_iic import iic, iic_vec
from .num_mae import mae, mae_vec
from .num_mape import mape, mape_vec
from .num_mase import mase, mase_vec
from .num_mpe import mpe, mpe_vec
from .num_msd import msd, msd_vec
from .num_mse import mse, mse_vec
from .num_rmse import rmse, rmse_vec
from .num_rpd import rpd, rpd_vec
from .num_rpiq import rpiq, rpiq_vec
from .num_rsq import rsq, rsq_vec
from .num_rsq_trad import rsq_trad, rsq_trad_vec
from .num_smape import smape, smape_vec
from .prob_average_precision import average_precision, average_precision_vec
from .prob_brier_class import brier_class, brier_class_vec
from .prob_classification_cost import classification_cost, classification_cost_vec
from .prob_gain_capture import gain_capture, gain_capture_vec
from .prob_mn_log_loss import mn_log_loss, mn_log_loss_vec
from .prob_pr_auc import pr_auc, pr_auc_vec
from .prob_roc_auc import roc_auc, roc_auc_vec
from .prob_roc_aunu import roc_aunp, roc_aunp_vec, roc_aunu, roc_aunu_vec

#: Every metric object of the package, by name (used by the conformance suite).
METRICS = {
    m.name: m
    for m in (
        accuracy, bal_accuracy, detection_prevalence, f_meas, fall_out, j_index, kap, markedness, mcc,
        miss_rate, npv, ppv, precision, recall, sens, sensitivity, spec, specificity,
        average_precision, brier_class, classification_cost, gain_capture, mn_log_loss, pr_auc, roc_auc,
        roc_aunp, roc_aunu,
        ccc, huber_loss, huber_loss_pseudo, pseudo_huber_loss, iic, mae, mape, mase, mpe, msd, mse, rmse,
        rpd, rpiq, rsq, rsq_trad, smape,
    )
}

# A literal list (sorted), so type checkers see the star-exported names; tests/yardstick/test_exports.py
# checks it still lists every metric of METRICS and its `_vec` function.
__all__ = [
    "ConfMat", "Metric", "MetricSet", "accuracy", "accuracy_vec", "average_precision",
    "average_precision_vec", "bal_accuracy", "bal_accuracy_vec", "brier_class", "brier_class_vec",
    "ccc", "ccc_vec", "classification_cost", "classification_cost_vec", "conf_mat",
    "detection_prevalence", "detection_prevalence_vec", "f_meas", "f_meas_vec", "fall_out",
    "fall_out_vec", "gain_capture", "gain_capture_vec", "gain_curve", "gain_curve_vec", "huber_loss",
    "huber_loss_pseudo", "huber_loss_pseudo_vec", "huber_loss_vec", "iic", "iic_vec", "j_index",
    "j_index_vec", "kap", "kap_vec", "lift_curve", "lift_curve_vec", "mae", "mae_vec", "mape",
    "mape_vec", "markedness", "markedness_vec", "mase", "mase_vec", "mcc", "mcc_vec", "metric_set",
    "metric_tweak", "metrics", "miss_rate", "miss_rate_vec", "mn_log_loss", "mn_log_loss_vec", "mpe",
    "mpe_vec", "msd", "msd_vec", "mse", "mse_vec", "new_class_metric", "new_numeric_metric",
    "new_prob_metric", "npv", "npv_vec", "ppv", "ppv_vec", "pr_auc", "pr_auc_vec", "pr_curve",
    "pr_curve_vec", "precision", "precision_vec", "pseudo_huber_loss", "pseudo_huber_loss_vec",
    "recall", "recall_vec", "rmse", "rmse_vec", "roc_auc", "roc_auc_vec", "roc_aunp", "roc_aunp_vec",
    "roc_aunu", "roc_aunu_vec", "roc_curve", "roc_curve_vec", "rpd", "rpd_vec", "rpiq", "rpiq_vec",
    "rsq", "rsq_trad", "rsq_trad_vec", "rsq_vec", "sens", "sens_vec", "sensitivity", "sensitivity_vec",
    "smape", "smape_vec", "spec", "spec_vec", "specificity", "specificity_vec",
]

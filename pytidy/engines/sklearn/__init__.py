"""Engines wrapping scikit-learn (optional extra ``sklearn``): forests, trees, boosting, k-NN, SVMs,
naive Bayes and penalised linear models. Each module maps parsnip's arguments to the estimator's."""

from ._common import Encoder, SklearnFit, align_proba
from .hist_boost import HistBoostFit, fit_hist_boost, hist_boost_multi_predict
from .linear import fit_sklearn_linear, fit_sklearn_logistic, fit_sklearn_poisson
from .naive_bayes import NaiveBayesFit, fit_naive_bayes
from .neighbors import fit_knn
from .svm import fit_svm
from .trees import fit_decision_tree, fit_rand_forest, fit_ranger

__all__ = [
    "Encoder", "SklearnFit", "align_proba", "HistBoostFit", "fit_hist_boost", "hist_boost_multi_predict",
    "fit_sklearn_linear", "fit_sklearn_logistic", "fit_sklearn_poisson", "NaiveBayesFit", "fit_naive_bayes",
    "fit_knn", "fit_svm", "fit_decision_tree", "fit_rand_forest", "fit_ranger",
]  # fmt: skip

"""The Model work in scikit-learn, on the same data as engine/benches/model.rs, for the README's
benchmark table ("ours vs scikit-learn").

Data, split and features are those of reference/logistic_reference.py's "bank" case:
bank-full.csv (sep ';'), y = (y == "yes"); numeric age, balance, day, campaign, pdays, previous
(StandardScaler); categorical job, marital, education, default, housing, loan, contact, month,
poutcome (OneHotEncoder(handle_unknown="ignore"), dense as in the reference); duration unused. The
split is the deterministic splitmix64 stratified 80/20 split (seed 42): 36,169 training rows. That
script's `split` and C grid are imported from it. The split itself is computed once and not
timed (it is plain Python, not scikit-learn's work).

Timed, each with every thread pool limited to one thread (threadpoolctl; the engine is
single-threaded) and with scikit-learn's default thread pools:
1. preprocess + fit: Pipeline(scaler + one-hot, LogisticRegression(C=0.3)) (lbfgs, max_iter=1000)
   fitted on the training rows;
2. train as Klaster does: the same preprocessing fitted on the training rows, then
   LogisticRegressionCV(Cs=the engine's 11 values, cv=StratifiedKFold(5, shuffle=True,
   random_state=0), scoring="neg_log_loss", max_iter=1000) — 5-fold CV over the 11 values of C,
   warm-started along the C path, then the refit on all training rows;
3. score: predict_proba of the fitted pipeline (1) on all 45,211 rows, the transform included;
4. score 1,000,000 rows: the 45,211 rows repeated (pd.concat, cut to 1,000,000), predict_proba.
Each is the median of 5 runs after one warm-up run; a step whose warm-up takes over 20 s is timed
once (the warm-up is that run). Printed as Markdown table rows.
Usage: python bench/model_reference.py PATH/TO/bank-full.csv
"""
import platform
from pathlib import Path
import statistics
import sys
import time
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from threadpoolctl import threadpool_info, threadpool_limits

NUMERIC = ["age", "balance", "day", "campaign", "pdays", "previous"]
CATEGORICAL = ["job", "marital", "education", "default", "housing", "loan", "contact", "month",
               "poutcome"]
RUNS = 5
ONE_RUN_OVER = 20.0  # seconds
MILLION = 1_000_000

# The reference script's split (seed 42, test share 0.2): the very rows the engine holds out.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "reference"))
from logistic_reference import C_GRID, split  # noqa: E402


def preprocess():
    return ColumnTransformer([
        ("num", StandardScaler(), NUMERIC),
        ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), CATEGORICAL),
    ])


def pipeline():
    return Pipeline([("prep", preprocess()),
                     ("lr", LogisticRegression(C=0.3, solver="lbfgs", max_iter=1000))])


def pipeline_cv():
    # l1_ratios=(0.0,) is the L2 penalty (scikit-learn 1.8+ warns when it is left implicit);
    # use_legacy_attributes=False only silences the attribute-shape deprecation warning.
    return Pipeline([("prep", preprocess()),
                     ("lr", LogisticRegressionCV(
                         Cs=C_GRID, l1_ratios=(0.0,),
                         cv=StratifiedKFold(5, shuffle=True, random_state=0),
                         scoring="neg_log_loss", max_iter=1000, use_legacy_attributes=False))])


def timed(fn):
    """Median of RUNS runs after a warm-up; the warm-up alone when it is over ONE_RUN_OVER s."""
    t = time.perf_counter()
    fn()
    first = time.perf_counter() - t
    if first > ONE_RUN_OVER:
        return first, 1
    out = []
    for _ in range(RUNS):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out), RUNS


def fmt(seconds, runs):
    s = f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"
    return s if runs == RUNS else f"{s}, {runs} run"


def main():
    started = time.perf_counter()
    path = sys.argv[1]
    df = pd.read_csv(path, sep=";")
    assert len(df) == 45211, len(df)
    y = (df["y"] == "yes").astype(int).to_numpy()
    X = df[NUMERIC + CATEGORICAL].reset_index(drop=True)
    test = split(y)
    train = ~test
    Xtr, ytr = X[train].reset_index(drop=True), y[train]
    assert len(Xtr) == 36169, len(Xtr)
    reps = -(-MILLION // len(X))
    big = pd.concat([X] * reps, ignore_index=True).iloc[:MILLION]

    fitted = {}

    def fit():
        fitted["pipe"] = pipeline().fit(Xtr, ytr)

    def fit_cv():
        fitted["cv"] = pipeline_cv().fit(Xtr, ytr)

    score = lambda: fitted["pipe"].predict_proba(X)
    score_big = lambda: fitted["pipe"].predict_proba(big)

    print(f"Python {platform.python_version()}, scikit-learn {sklearn.__version__}, "
          f"pandas {pd.__version__}, numpy {np.__version__}")
    results = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        for threads, label in [(1, "1 thread"), (None, "default threads")]:
            with threadpool_limits(limits=threads):
                pools = ", ".join(f"{p['internal_api']} {p['num_threads']}" for p in threadpool_info())
                print(f"{label}: {pools}", file=sys.stderr, flush=True)
                for key, fn in [("fit", fit), ("cv", fit_cv), ("score", score),
                                ("score_big", score_big)]:
                    results[key, label] = timed(fn)
                    print(f"  {key}: {fmt(*results[key, label])}", file=sys.stderr, flush=True)
    n_conv = sum(issubclass(w.category, ConvergenceWarning) for w in caught)

    pipe, cv = fitted["pipe"], fitted["cv"]
    lr = pipe.named_steps["lr"]
    Xte, yte = X[test], y[test]
    print(f"bank-full: {len(Xtr)} training rows x {pipe.named_steps['prep'].transform(Xtr[:1]).shape[1]} "
          f"features; C=0.3 fit: {int(lr.n_iter_[0])} iterations, test ROC AUC "
          f"{roc_auc_score(yte, pipe.predict_proba(Xte)[:, 1]):.4f}; CV (neg_log_loss) chose "
          f"C={float(cv.named_steps['lr'].C_):g}, test ROC AUC "
          f"{roc_auc_score(yte, cv.predict_proba(Xte)[:, 1]):.4f}; "
          f"{n_conv} ConvergenceWarning(s) over all runs")
    v = f"scikit-learn {sklearn.__version__}"
    for key, what in [
        ("fit", "preprocess + fit, LogisticRegression(C=0.3), lbfgs (36,169 training rows)"),
        ("cv", "train as Klaster does: preprocess + LogisticRegressionCV, 5-fold × 11 C, "
               "neg_log_loss, + final refit (36,169 training rows)"),
        ("score", "score 45,211 rows (transform + predict_proba)"),
        ("score_big", "score 1,000,000 rows (bank-full repeated; transform + predict_proba)"),
    ]:
        print(f"| {v}: {what} | {fmt(*results[key, '1 thread'])} (1 thread) / "
              f"{fmt(*results[key, 'default threads'])} (default threads) |", flush=True)
    print(f"total {time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()

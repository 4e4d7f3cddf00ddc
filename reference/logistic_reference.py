"""Expected figures for the engine's logistic regression, computed with scikit-learn.

Run from anywhere, with ../shared/data present next to the repository root:
    python -m venv .venv-ref && .venv-ref/bin/pip install -r reference/requirements.txt
    .venv-ref/bin/python reference/logistic_reference.py
It writes reference/logistic.json (scikit-learn 1.9.1, pandas 3.1.1, numpy 2.4.6, scipy 1.17.1 when
it was last run; the versions are recorded in the JSON). Keys are sorted; floats are written at full
precision (Python's shortest round-trip repr), nothing is rounded. Each case says exactly how its
data, split and features are built, so that the Rust test builds the same ones.

Datasets
  "bank": ../shared/data/bank-full.csv (sep ';'), all 45,211 rows in file order. Target y = 1 if
    y == "yes". Numeric: age, balance, day, campaign, pdays, previous (raw values; pdays keeps -1).
    Categorical: job, marital, education, default, housing, loan, contact, month, poutcome
    ("unknown" is an ordinary level). duration is not used.
  "personality": ../shared/data/marketing_campaign.csv (sep TAB), cleaned in this order:
    a. drop the rows whose Income is missing;
    b. Age = 2014 - Year_Birth; drop the rows with Year_Birth < 1900 or Age >= 100;
    c. q1, q3 = Income quantiles 0.25 / 0.75 of the rows left (numpy's default linear
       interpolation), iqr = q3 - q1; keep q1 - 1.5 iqr <= Income <= q3 + 1.5 iqr.
    2,205 rows remain (asserted), kept in file order and numbered 0..n-1. Derived:
    Children = Kidhome + Teenhome; Total_Spent = MntWines + MntFruits + MntMeatProducts +
    MntFishProducts + MntSweetProducts + MntGoldProds; Total_Purchases = NumDealsPurchases +
    NumWebPurchases + NumCatalogPurchases + NumStorePurchases; Total_Day_Membership =
    (2014-06-29 - Dt_Customer) in days (Dt_Customer is dd-mm-yyyy); Total_Accepted =
    AcceptedCmp1 + ... + AcceptedCmp5. Target = Response. Numeric: Age, Income, Children,
    Total_Spent, Total_Purchases, Total_Day_Membership, Recency, Total_Accepted. Categorical:
    Education, Marital_Status.

Split (seed 42, test_share 0.2), all integer arithmetic mod 2^64:
    splitmix64(x): z = x + 0x9E3779B97F4A7C15; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
                   z = (z ^ (z >> 27)) * 0x94D049BB133111EB; return z ^ (z >> 31)
    key(i) = splitmix64((seed << 32) ^ i), i = 0-based row position after cleaning.
    Per class (0, then 1): sort the class's rows by (key, i); the first
    floor(test_share * n_class + 0.5) of them (test_share * n_class in f64) are test rows, the rest
    training rows. "test_positions_first20" are the first 20 of the sorted test positions and
    "test_positions_sum" the sum of all of them.

Features (fitted on the training rows only), in this column order:
    numeric columns, each imputed with the training median (SimpleImputer(strategy='median'); no
    value is missing after the cleaning above) and then standardised with the training mean and
    population std (StandardScaler; a zero std would leave the column centred only); then, per
    categorical column in the order listed, one indicator per level seen in training
    (OneHotEncoder(handle_unknown='ignore'), no level dropped, levels sorted by Python string
    order, i.e. by code point); a level not seen in training gives all zeros. Names: the numeric
    column's name, and "column=level" for an indicator ("feature_names" gives the order;
    "coefficients" maps name -> value).

Fits (L2 penalty on the coefficients, intercept fitted and not penalised). scikit-learn 1.8+
deprecates `penalty`; l1_ratio=0.0 (the default) is the L2 penalty, so it is what is passed.
  - "per_C": for each C in C_GRID, the minimiser of 0.5 ||w||^2 + C * sum_i logloss_i over the
    training rows. LogisticRegression(C=C, solver='lbfgs', max_iter=100000, tol=1e-12) is tried
    first; scipy's L-BFGS-B also stops when the objective's relative decrease falls below
    64 * machine eps, so it can stop "converged" well short of tol. It counts as tight only if it
    raised no warning and the largest |gradient| of scikit-learn's scaled objective
    (objective / (C * n_train)) at its solution is <= LBFGS_TIGHT (1e-10); otherwise the fit is
    LogisticRegression(C=C, solver='newton-cholesky', max_iter=100000, tol=1e-12). "solver" says
    which was kept; "lbfgs_check" records the lbfgs attempt either way. "objective" is
    0.5 ||w||^2 + C * sum(logloss) of the kept fit on the training rows, computed in float64 with
    logloss_i = log(1 + exp(z_i)) - y_i z_i (np.logaddexp). Test metrics from p = predict_proba:
    roc_auc (roc_auc_score), average_precision (average_precision_score: sum over thresholds of
    (R_n - R_{n-1}) P_n, no interpolation), log_loss (mean; scikit-learn clips p to
    [eps, 1 - eps], eps = float64 eps), brier (mean (p - y)^2), accuracy (predicted 1 when
    p > 0.5, as predict(); no test row has p exactly 0.5: asserted).
  - "sklearn_default": LogisticRegression() (C=1, lbfgs, tol=1e-4, max_iter=100); if it warns
    that it did not converge it is refitted with max_iter=10000 ("max_iter" says which).
  - "cv": LogisticRegressionCV(Cs=C_GRID, l1_ratios=(0.0,), cv=StratifiedKFold(5, shuffle=True,
    random_state=0), scoring='roc_auc', max_iter=100000) (lbfgs, tol=1e-4, warm-started along the
    C path, refit on all training rows). The folds come from numpy's generator, so only the chosen
    C and the test figures are meant for comparison; "cv_mean_roc_auc" (mean fold ROC AUC, one per
    C in C_GRID order) is informative.
Comparing coefficients: with every level kept, each categorical block's indicators sum to the
intercept's column, so only the penalty pins that direction down; at large C the objective is very
flat along it (bank, C = 30: an lbfgs stop 1.4e-2 away in the coefficients is 4e-5 worse in an
objective of 3.3e5). Compare the objective, intercept + coefficients (these newton-cholesky fits
have a scaled gradient below 1e-12) and test metrics, and expect a looser match from a solver that
stops early.
"timing" (informative, not a benchmark): wall-clock seconds (time.perf_counter) of the default
LogisticRegression().fit on bank's training rows, median of 5, and the machine it ran on.
"""
import json
import os
import platform
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    brier_score_loss,
    log_loss,
    roc_auc_score,
)
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from threadpoolctl import threadpool_info

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
SEED = 42
TEST_SHARE = 0.2
C_GRID = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100]
LBFGS_TIGHT = 1e-10
MASK64 = (1 << 64) - 1


# ---------------------------------------------------------------------------------------------
# Data.

def load_bank():
    df = pd.read_csv(DATA / "bank-full.csv", sep=";")
    assert len(df) == 45211
    numeric = ["age", "balance", "day", "campaign", "pdays", "previous"]
    categorical = ["job", "marital", "education", "default", "housing", "loan", "contact", "month",
                   "poutcome"]
    y = (df["y"] == "yes").astype(int).to_numpy()
    return df[numeric + categorical].reset_index(drop=True), y, numeric, categorical


def load_personality():
    df = pd.read_csv(DATA / "marketing_campaign.csv", sep="\t")
    rows = {"file": len(df)}
    df = df[df["Income"].notna()].copy()
    rows["after_missing_income"] = len(df)
    df["Age"] = 2014 - df["Year_Birth"]
    df = df[~((df["Year_Birth"] < 1900) | (df["Age"] >= 100))].copy()
    rows["after_impossible_age"] = len(df)
    q1, q3 = df["Income"].quantile(0.25), df["Income"].quantile(0.75)
    assert (q1, q3) == tuple(np.percentile(df["Income"], [25, 75]))
    iqr = q3 - q1
    df = df[(df["Income"] >= q1 - 1.5 * iqr) & (df["Income"] <= q3 + 1.5 * iqr)]
    assert len(df) == 2205, len(df)
    df = df.reset_index(drop=True)
    dt = pd.to_datetime(df["Dt_Customer"], format="%d-%m-%Y")
    df["Children"] = df["Kidhome"] + df["Teenhome"]
    df["Total_Spent"] = df[["MntWines", "MntFruits", "MntMeatProducts", "MntFishProducts",
                            "MntSweetProducts", "MntGoldProds"]].sum(axis=1)
    df["Total_Purchases"] = df[["NumDealsPurchases", "NumWebPurchases", "NumCatalogPurchases",
                                "NumStorePurchases"]].sum(axis=1)
    df["Total_Day_Membership"] = (pd.Timestamp("2014-06-29") - dt).dt.days
    df["Total_Accepted"] = df[[f"AcceptedCmp{k}" for k in range(1, 6)]].sum(axis=1)
    numeric = ["Age", "Income", "Children", "Total_Spent", "Total_Purchases",
               "Total_Day_Membership", "Recency", "Total_Accepted"]
    categorical = ["Education", "Marital_Status"]
    y = df["Response"].astype(int).to_numpy()
    assert set(np.unique(y)) == {0, 1}
    rows["after_iqr"] = len(df)
    cleaning = {"rows": rows, "iqr_q1": float(q1), "iqr_q3": float(q3), "iqr_low": float(q1 - 1.5 * iqr),
                "iqr_high": float(q3 + 1.5 * iqr)}
    return df[numeric + categorical], y, numeric, categorical, cleaning


# ---------------------------------------------------------------------------------------------
# Split.

def splitmix64(x):
    z = (x + 0x9E3779B97F4A7C15) & MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def split(y, seed=SEED, test_share=TEST_SHARE):
    """Boolean mask of the test rows (stratified by class, see the docstring)."""
    test = np.zeros(len(y), dtype=bool)
    for cls in (0, 1):
        rows = [i for i in range(len(y)) if y[i] == cls]
        rows.sort(key=lambda i: (splitmix64(((seed << 32) ^ i) & MASK64), i))
        n_test = int(np.floor(test_share * len(rows) + 0.5))
        test[rows[:n_test]] = True
    return test


# ---------------------------------------------------------------------------------------------
# Features and fits.

def features(df, train, numeric, categorical):
    imputer = SimpleImputer(strategy="median").fit(df.loc[train, numeric].astype(float))
    num_all = imputer.transform(df[numeric].astype(float))
    scaler = StandardScaler().fit(num_all[train])
    onehot = OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(df.loc[train, categorical])
    X = np.hstack([scaler.transform(num_all), onehot.transform(df[categorical])])
    levels = {c: [str(v) for v in cats] for c, cats in zip(categorical, onehot.categories_)}
    for c in categorical:
        assert levels[c] == sorted(levels[c])
    names = list(numeric) + [f"{c}={v}" for c in categorical for v in levels[c]]
    assert X.shape[1] == len(names)
    info = {
        "numeric_medians": {c: float(v) for c, v in zip(numeric, imputer.statistics_)},
        "numeric_means": {c: float(v) for c, v in zip(numeric, scaler.mean_)},
        "numeric_stds": {c: float(v) for c, v in zip(numeric, np.sqrt(scaler.var_))},
        "numeric_missing_train": int(df.loc[train, numeric].isna().to_numpy().sum()),
        "numeric_missing_test": int(df.loc[~train, numeric].isna().to_numpy().sum()),
        "onehot_levels": levels,
        "feature_names": names,
    }
    return X, info


def objective(model, X, y, C):
    """0.5 ||w||^2 + C * sum(logloss) on (X, y)."""
    w = model.coef_[0]
    z = X @ w + model.intercept_[0]
    return float(0.5 * w @ w + C * np.sum(np.logaddexp(0.0, z) - y * z))


def scaled_grad_max(model, X, y, C):
    """Largest |gradient| of scikit-learn's scaled objective (objective / (C n)) over w and b."""
    w = model.coef_[0]
    z = X @ w + model.intercept_[0]
    r = 1.0 / (1.0 + np.exp(-z)) - y
    g = np.concatenate([w + C * (X.T @ r), [C * r.sum()]])
    return float(np.abs(g).max() / (C * len(y)))


def fit_logged(model, X, y):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(X, y)
    return model, [f"{w.category.__name__}: {w.message}" for w in caught]


def test_metrics(model, X, y):
    p = model.predict_proba(X)[:, 1]
    assert not np.any(p == 0.5)
    return {
        "roc_auc": float(roc_auc_score(y, p)),
        "average_precision": float(average_precision_score(y, p)),
        "log_loss": float(log_loss(y, p)),
        "brier": float(brier_score_loss(y, p)),
        "accuracy": float(accuracy_score(y, (p > 0.5).astype(int))),
    }


def fit_per_c(Xtr, ytr, Xte, yte, names, C):
    lb, lb_warn = fit_logged(
        LogisticRegression(C=C, l1_ratio=0.0, solver="lbfgs", max_iter=100000, tol=1e-12), Xtr, ytr)
    lb_grad = scaled_grad_max(lb, Xtr, ytr, C)
    lbfgs_check = {"n_iter": int(lb.n_iter_[0]), "warnings": lb_warn, "scaled_grad_max": lb_grad,
                   "objective": objective(lb, Xtr, ytr, C), "intercept": float(lb.intercept_[0])}
    if not lb_warn and lb_grad <= LBFGS_TIGHT:
        model, solver, warns = lb, "lbfgs", lb_warn
    else:
        model, warns = fit_logged(
            LogisticRegression(C=C, l1_ratio=0.0, solver="newton-cholesky", max_iter=100000,
                               tol=1e-12), Xtr, ytr)
        solver = "newton-cholesky"
        lbfgs_check["max_abs_diff_vs_kept"] = float(max(
            np.abs(lb.coef_[0] - model.coef_[0]).max(), abs(lb.intercept_[0] - model.intercept_[0])))
    return {
        "C": float(C),
        "solver": solver,
        "n_iter": int(model.n_iter_[0]),
        "warnings": warns,
        "scaled_grad_max": scaled_grad_max(model, Xtr, ytr, C),
        "intercept": float(model.intercept_[0]),
        "coefficients": {n: float(v) for n, v in zip(names, model.coef_[0])},
        "objective": objective(model, Xtr, ytr, C),
        "train_mean_log_loss": float(log_loss(ytr, model.predict_proba(Xtr)[:, 1])),
        "test": test_metrics(model, Xte, yte),
        "lbfgs_check": lbfgs_check,
    }


def fit_default(Xtr, ytr):
    model, warns = fit_logged(LogisticRegression(), Xtr, ytr)
    max_iter = 100
    if any("ConvergenceWarning" in w for w in warns):
        max_iter = 10000
        model, warns = fit_logged(LogisticRegression(max_iter=max_iter), Xtr, ytr)
    return model, max_iter, warns


def case(df, y, numeric, categorical):
    test = split(y)
    train = ~test
    X, info = features(df, train, numeric, categorical)
    Xtr, ytr, Xte, yte = X[train], y[train], X[test], y[test]
    names = info["feature_names"]
    test_pos = np.flatnonzero(test)

    default, default_max_iter, default_warns = fit_default(Xtr, ytr)
    cv, cv_warns = fit_logged(
        LogisticRegressionCV(Cs=C_GRID, l1_ratios=(0.0,), cv=StratifiedKFold(5, shuffle=True, random_state=0),
                             scoring="roc_auc", max_iter=100000, use_legacy_attributes=False),
        Xtr, ytr)
    cv_c = float(cv.C_)
    cv_scores = np.asarray(cv.scores_)  # (folds, l1_ratios, Cs)
    return {
        "rows": int(len(y)),
        "train_rows": int(train.sum()),
        "test_rows": int(test.sum()),
        "train_positives": int(ytr.sum()),
        "test_positives": int(yte.sum()),
        "test_positions_first20": [int(i) for i in test_pos[:20]],
        "test_positions_sum": int(test_pos.sum()),
        "numeric": list(numeric),
        "categorical": list(categorical),
        **info,
        "per_C": [fit_per_c(Xtr, ytr, Xte, yte, names, C) for C in C_GRID],
        "sklearn_default": {
            "call": "LogisticRegression()" if default_max_iter == 100
            else f"LogisticRegression(max_iter={default_max_iter})",
            "max_iter": default_max_iter,
            "n_iter": int(default.n_iter_[0]),
            "warnings": default_warns,
            "intercept": float(default.intercept_[0]),
            **{k: v for k, v in test_metrics(default, Xte, yte).items()
               if k in ("roc_auc", "average_precision")},
        },
        "cv": {
            "call": "LogisticRegressionCV(Cs=C_GRID, l1_ratios=(0.0,), cv=StratifiedKFold(5, "
                    "shuffle=True, random_state=0), scoring='roc_auc', max_iter=100000)",
            "chosen_C": cv_c,
            "cv_mean_roc_auc": [float(s) for s in cv_scores.mean(axis=0)[0]],
            "warnings": cv_warns,
            **{k: v for k, v in test_metrics(cv, Xte, yte).items()
               if k in ("roc_auc", "average_precision")},
        },
    }


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def timing_bank(df, y, numeric, categorical):
    train = ~split(y)
    X, _ = features(df, train, numeric, categorical)
    Xtr, ytr = X[train], y[train]
    _, max_iter, _ = fit_default(Xtr, ytr)
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            LogisticRegression(max_iter=max_iter).fit(Xtr, ytr)
        runs.append(time.perf_counter() - t0)
    return {
        "bank_default_fit_seconds_median_of_5": float(np.median(runs)),
        "bank_default_fit_seconds_runs": runs,
        "bank_default_fit_shape": [int(Xtr.shape[0]), int(Xtr.shape[1])],
        "machine": {
            "nproc": len(os.sched_getaffinity(0)),
            "cpu": cpu_model(),
            "python": platform.python_version(),
            "threadpools": [{"api": p["internal_api"], "num_threads": p["num_threads"]}
                            for p in threadpool_info()],
        },
        "note": "wall-clock seconds (time.perf_counter) on this machine, not a benchmark",
    }


def main():
    bank = load_bank()
    pers_df, pers_y, pers_num, pers_cat, pers_cleaning = load_personality()
    out = {
        "versions": {"scikit-learn": sklearn.__version__, "pandas": pd.__version__,
                     "numpy": np.__version__, "scipy": scipy.__version__},
        "split": {"method": "splitmix64 stratified, see reference/logistic_reference.py",
                  "seed": SEED, "test_share": TEST_SHARE},
        "C_grid": [float(c) for c in C_GRID],
        "lbfgs_tight_scaled_grad": LBFGS_TIGHT,
        "bank": {"data": "../shared/data/bank-full.csv", **case(*bank)},
        "personality": {"data": "../shared/data/marketing_campaign.csv", "cleaning": pers_cleaning,
                        **case(pers_df, pers_y, pers_num, pers_cat)},
        "timing": timing_bank(*bank),
    }
    path = Path(__file__).with_name("logistic.json")
    path.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()

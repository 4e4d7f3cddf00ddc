"""Expected figures for the engine's correctness tests, computed with scikit-learn.

Run from the repository root, with ../shared/data present:
    python -m venv .venv-ref && .venv-ref/bin/pip install -r reference/requirements.txt
    .venv-ref/bin/python reference/sklearn_reference.py > reference/expected.json
The JSON is committed; engine/tests/reference.rs reads it. Each case says exactly how its data
and labels are built, so that the Rust test builds the same ones.
"""
import json
import os
import platform
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_samples, silhouette_score
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_info

out = {"versions": {"scikit-learn": sklearn.__version__, "pandas": pd.__version__, "numpy": np.__version__}}

# 1. A hand-sized case.
X = np.array([[0, 0], [0, 1], [1, 0], [5, 5], [5, 6], [9, 9]], dtype=float)
labels = np.array([0, 0, 0, 1, 1, 2])
out["small"] = {
    "data": X.tolist(),
    "labels": labels.tolist(),
    "silhouette": float(silhouette_score(X, labels)),
    "samples": silhouette_samples(X, labels).tolist(),
}

# 2. bank-full: six numeric columns, standard-scaled (population std, as StandardScaler), the
#    first 3,000 rows, labels from age (< 33 → 0, < 48 → 1, else 2). Exact silhouette.
cols = ["age", "balance", "duration", "campaign", "pdays", "previous"]
bank = pd.read_csv("../shared/data/bank-full.csv", sep=";")
Xb = StandardScaler().fit_transform(bank[cols].to_numpy(dtype=float))[:3000]
age = bank["age"].to_numpy()[:3000]
lb = np.where(age < 33, 0, np.where(age < 48, 1, 2))
out["bank_full_age_groups"] = {
    "columns": cols,
    "rows": 3000,
    "scaling": "standard over all 45,211 rows, population std",
    "labels": "age < 33 → 0, age < 48 → 1, else 2",
    "silhouette": float(silhouette_score(Xb, lb)),
    "per_cluster": [float(silhouette_samples(Xb, lb)[lb == c].mean()) for c in range(3)],
}

# ---------------------------------------------------------------------------------------------
# K-Means and PCA references.
#
# Every KMeans below is sklearn's default Lloyd algorithm, called as
#     KMeans(n_clusters=k, init="k-means++", n_init=10, random_state=0)
# i.e. max_iter=300, tol=1e-4. How sklearn uses those, for a Rust test that compares figures:
#   - tol is relative: a run stops when the squared shift of all centres, summed, is <= tol times the
#     mean per-column variance of X (population variance); it also stops as soon as no label changes
#     ("strict convergence"). n_iter is the number of Lloyd iterations of the best of the 10 runs.
#   - k-means++ is the greedy variant (2 + floor(ln k) candidates per new centre).
#   - inertia is the sum of squared Euclidean distances of each row to its final centre, for the run
#     with the lowest inertia among the 10 initialisations.
# The Rust engine uses its own random numbers, so only inertia (to a tolerance), cluster sizes and
# silhouettes are comparable; n_iter is recorded for orientation.
# Cluster sizes are listed in descending order, because label numbering is arbitrary.
K_RANGE = range(2, 11)


def kmeans_fit(X, k):
    return KMeans(n_clusters=k, init="k-means++", n_init=10, random_state=0).fit(X)


def kmeans_summary(model, n_rows):
    sizes = sorted(np.bincount(model.labels_, minlength=model.n_clusters).tolist(), reverse=True)
    assert sum(sizes) == n_rows
    return {"inertia": float(model.inertia_), "n_iter": int(model.n_iter_), "sizes": sizes}


def cpu_model():
    """The CPU's model name from /proc/cpuinfo (Linux), else what platform knows."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


timings = {
    "machine": {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "threadpools": [
            {"api": p["internal_api"], "num_threads": p["num_threads"]} for p in threadpool_info()
        ],
    },
    "note": "wall-clock seconds (time.perf_counter) of a single run on this machine, not a benchmark",
}

# 3. kmeans_bank_full: all 45,211 rows of bank-full, the same six columns and the same standard
#    scaling as case 2 (population std over all rows). KMeans for k = 2..10; the exact silhouette
#    (all rows, Euclidean) of the k = 4 labels, and sklearn's sampled silhouette of the same labels
#    (sample_size=5000, random_state=0: the rows numbered by the first 5,000 entries of
#    numpy.random.RandomState(0).permutation(45211), so only the exact figure is reproducible
#    outside numpy). Exact silhouettes for the other k are left out: each takes tens of seconds.
#    From k = 7 on, one cluster is the single row 29182 (0-based; previous = 275, 119 std above the
#    mean): a Rust run that misses it lands in a different local minimum.
Xall = StandardScaler().fit_transform(bank[cols].to_numpy(dtype=float))
t0 = time.perf_counter()
bank_models = {k: kmeans_fit(Xall, k) for k in K_RANGE}
timings["kmeans_bank_full_sweep_k2_10_seconds"] = time.perf_counter() - t0
labels4 = bank_models[4].labels_
t0 = time.perf_counter()
sil4_exact = float(silhouette_score(Xall, labels4))
timings["silhouette_exact_bank_full_k4_seconds"] = time.perf_counter() - t0
t0 = time.perf_counter()
sil4_sampled = float(silhouette_score(Xall, labels4, sample_size=5000, random_state=0))
timings["silhouette_sampled5000_bank_full_k4_seconds"] = time.perf_counter() - t0
out["kmeans_bank_full"] = {
    "columns": cols,
    "rows": int(Xall.shape[0]),
    "scaling": "standard over all 45,211 rows, population std",
    "kmeans": 'KMeans(n_clusters=k, init="k-means++", n_init=10, random_state=0), lloyd, max_iter 300, tol 1e-4',
    "per_k": {str(k): kmeans_summary(m, Xall.shape[0]) for k, m in bank_models.items()},
    "silhouette_k4_exact": sil4_exact,
    "silhouette_k4_sampled_5000_random_state_0": sil4_sampled,
}

# 4. kmeans_lrfm_marketing: LRFM features from marketing_campaign.csv (TAB-separated), built as:
#    a. drop the rows whose Income is missing (24 rows);
#    b. parse Dt_Customer as day-month-year ("%d-%m-%Y");
#    c. reference date = the latest Dt_Customer of the rows left after (a);
#    d. drop the rows with Year_Birth < 1900 or (year of the reference date - Year_Birth) >= 100;
#       (3 rows: born 1893, 1899, 1900; the reference date is still the latest Dt_Customer after
#       this step: asserted below);
#    e. Length    = (reference date - Dt_Customer) in days,
#       Recency   = Recency,
#       Frequency = NumDealsPurchases + NumWebPurchases + NumCatalogPurchases + NumStorePurchases,
#       Monetary  = MntWines + MntFruits + MntMeatProducts + MntFishProducts + MntSweetProducts
#                   + MntGoldProds;
#    f. standard-scale the four columns (population std over the kept rows), in the order L, R, F, M.
#    Rows keep the file's order. Then KMeans for k = 2..10 as above, and the exact silhouette
#    (Euclidean, all kept rows) of each k's best labels.
mk = pd.read_csv("../shared/data/marketing_campaign.csv", sep="\t")
mk = mk[mk["Income"].notna()].copy()
mk["Dt_Customer"] = pd.to_datetime(mk["Dt_Customer"], format="%d-%m-%Y")
ref_date = mk["Dt_Customer"].max()
mk = mk[~((mk["Year_Birth"] < 1900) | (ref_date.year - mk["Year_Birth"] >= 100))]
assert mk["Dt_Customer"].max() == ref_date
lrfm = pd.DataFrame({
    "Length": (ref_date - mk["Dt_Customer"]).dt.days,
    "Recency": mk["Recency"],
    "Frequency": mk[["NumDealsPurchases", "NumWebPurchases", "NumCatalogPurchases",
                     "NumStorePurchases"]].sum(axis=1),
    "Monetary": mk[["MntWines", "MntFruits", "MntMeatProducts", "MntFishProducts",
                    "MntSweetProducts", "MntGoldProds"]].sum(axis=1),
})
Xm = StandardScaler().fit_transform(lrfm.to_numpy(dtype=float))
lrfm_models = {k: kmeans_fit(Xm, k) for k in K_RANGE}
out["kmeans_lrfm_marketing"] = {
    "columns": list(lrfm.columns),
    "rows": int(Xm.shape[0]),
    "reference_date": ref_date.strftime("%Y-%m-%d"),
    "means": {c: float(v) for c, v in lrfm.mean().items()},
    "scaling": "standard over the kept rows, population std",
    "kmeans": 'KMeans(n_clusters=k, init="k-means++", n_init=10, random_state=0), lloyd, max_iter 300, tol 1e-4',
    "per_k": {
        str(k): {**kmeans_summary(m, Xm.shape[0]), "silhouette": float(silhouette_score(Xm, m.labels_))}
        for k, m in lrfm_models.items()
    },
}

# 5. pca_lrfm_marketing: PCA(n_components=2) on the standardised LRFM matrix of case 4 (centred by
#    PCA itself; the matrix is already centred). A component's sign is arbitrary, so components and
#    projected rows are given in absolute value. components_abs[i] is component i over L, R, F, M.
pca = PCA(n_components=2).fit(Xm)
out["pca_lrfm_marketing"] = {
    "columns": list(lrfm.columns),
    "explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
    "components_abs": np.abs(pca.components_).tolist(),
    "first5_projection_abs": np.abs(pca.transform(Xm[:5])).tolist(),
}

out["timings"] = timings
print(json.dumps(out, indent=2))

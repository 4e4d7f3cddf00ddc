"""The page's default flow on a generated customer table, in pandas + scikit-learn, for the
README's scale rows (the engine's side: `cargo run --release -p klaster-engine --example
scale_timing -- FILE`). The same work step by step, one run each (the files are large):

  read_csv; describe(include="all"); the LRFM features (Length = days since joining to the
  last join date, Recency, Frequency = purchases, Monetary = spending), standard-scaled, rows
  with a missing Income dropped as the Prepare step does; the K-Means sweep k = 2..10 with
  10 restarts on a seeded 50,000-row sample, as the engine does above 50,000 rows, then the
  chosen k fitted on every row from the sample's centres (n_init=1); the silhouette of k = 4
  on a 5,000-row sample and (up to 200,000 rows) exactly; K-Prototypes (kmodes, k = 4, Cao, one
  run) on the LRFM features with Education and Marital_Status (up to 200,000 rows: kmodes needs
  about 80 s per run at 100k); and scoring every row with a logistic model (predict_proba) on
  the same numbers.

Usage: python bench/scale_reference.py FILE   (tab-separated, as `klaster sample` writes)
"""
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import silhouette_score

try:  # kmodes is pinned in bench/requirements.txt; the K-Prototypes row needs it.
    from kmodes.kprototypes import KPrototypes
except ImportError:
    KPrototypes = None
from sklearn.preprocessing import StandardScaler


def step(name, fn):
    t = time.perf_counter()
    out = fn()
    print(f"| pandas/scikit-learn {name} | {(time.perf_counter() - t) * 1000:.0f} ms |")
    return out


def main():
    path = sys.argv[1]
    print(f"pandas {pd.__version__}, scikit-learn {sklearn.__version__}, {path}")
    df = step("read_csv", lambda: pd.read_csv(path, sep="\t"))
    step("describe", lambda: df.describe(include="all"))

    def lrfm():
        d = df.dropna(subset=["Income"]).copy()
        joined = pd.to_datetime(d["Dt_Customer"], format="%d-%m-%Y")
        mnt = [c for c in d.columns if c.startswith("Mnt")]
        num = ["NumWebPurchases", "NumCatalogPurchases", "NumStorePurchases"]
        x = pd.DataFrame({
            "Length": (joined.max() - joined).dt.days,
            "Recency": d["Recency"],
            "Frequency": d[num].sum(axis=1),
            "Monetary": d[mnt].sum(axis=1),
        })
        return StandardScaler().fit_transform(x.to_numpy(float)), d["Response"].to_numpy()

    x, y = step("prepare (LRFM, scale)", lrfm)
    rng = np.random.default_rng(0)
    sample = x[rng.choice(len(x), size=min(50_000, len(x)), replace=False)]
    fits = step("k sweep 2..10 × 10 restarts on 50,000 rows",
                lambda: {k: KMeans(n_clusters=k, n_init=10, random_state=0).fit(sample) for k in range(2, 11)})
    k = 4
    step(f"k = {k} on every row from the sample's centres",
         lambda: KMeans(n_clusters=k, init=fits[k].cluster_centers_, n_init=1).fit(x))
    labels = KMeans(n_clusters=4, n_init=1, random_state=0).fit(x).labels_
    step("silhouette sampled 5000 (k = 4)",
         lambda: silhouette_score(x, labels, sample_size=5000, random_state=0))
    if len(x) <= 200_000:
        # O(n²): 10¹⁰ pairs at 100k rows; at 1M rows it would take hours, skipped on both sides.
        step("silhouette exact (k = 4)", lambda: silhouette_score(x, labels))
        if KPrototypes is not None:
            d = df.dropna(subset=["Income"])
            mixed = np.empty((len(x), 6), dtype=object)
            mixed[:, :4] = x
            mixed[:, 4] = d["Education"].to_numpy()
            mixed[:, 5] = d["Marital_Status"].to_numpy()
            step("K-Prototypes k = 4 (Cao, 1 run; LRFM + Education, Marital_Status)",
                 lambda: KPrototypes(n_clusters=4, init="Cao", n_init=1, random_state=0,
                                     n_jobs=1).fit(mixed, categorical=[4, 5]))
    model = LogisticRegression().fit(x[:50_000], y[:50_000])
    step("score every row (predict_proba)", lambda: model.predict_proba(x)[:, 1])


if __name__ == "__main__":
    main()

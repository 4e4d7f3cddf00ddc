"""Expected figures for the engine's K-Prototypes, computed with the `kmodes` package (de Vos).

Run from the repository root, with ../shared/data present:
    python -m venv .venv-ref && .venv-ref/bin/pip install -r reference/requirements.txt
    .venv-ref/bin/python reference/kmodes_reference.py
It writes reference/kprototypes.json, which is committed; engine/tests/kprototypes_reference.rs
reads it (the test command needs no Python). Each case says exactly how its data is built, so that
the Rust test builds the same inputs.

Data: the DQLab customer list ../shared/data/customer_segments.txt (tab-separated, 50 rows:
Customer_ID, Nama Pelanggan, Jenis Kelamin, Umur, Profesi, Tipe Residen, NilaiBelanjaSetahun),
set up as in DQLab's K-Prototypes tutorial:
  - numeric ['Umur', 'NilaiBelanjaSetahun'], scaled with sklearn's StandardScaler (population std);
  - categorical ['Jenis Kelamin', 'Profesi', 'Tipe Residen'], each label-encoded with
    LabelEncoder (codes = rank in the sorted list of distinct values);
  - model frame columns in the order [Jenis Kelamin, Profesi, Tipe Residen, Umur,
    NilaiBelanjaSetahun], fitted with `KPrototypes(n_clusters=k, random_state=75)
    .fit(df_model, categorical=[0, 1, 2])` (so gamma is kmodes' default, 0.5 × mean std of the
    numeric columns).

Cases:
  1. "cao": the tutorial's model (init='Cao', the default), k = 5: gamma, cost, labels of all 50
     rows, cluster sizes, numeric centroids (scaled units) and modes (codes and names); plus the
     cost of the same fit for k = 2..8 (the tutorial's elbow).
  2. "huang": the same with init='Huang'.
For k ≥ 6 the best of kmodes' 10 runs is a local optimum that depends on the random draws (the
tutorial's figure is one draw), so each case also records the spread of the elbow: the min,
median, mean, max and sample std (ddof=1) of the same fit's cost over random_state = 0..99
("elbow_spread"). The Rust test compares our costs with that spread, not only with the single
random_state=75 draw.
kmodes draws its random numbers from numpy; the engine does not reproduce numpy's generator, so
the Rust test compares partitions up to relabelling and costs, not the random draws.
"""
import json
from pathlib import Path

import kmodes
import numpy as np
import pandas as pd
import sklearn
from kmodes.kprototypes import KPrototypes
from sklearn.preprocessing import LabelEncoder, StandardScaler

NUMERIC = ["Umur", "NilaiBelanjaSetahun"]
CATEGORICAL = ["Jenis Kelamin", "Profesi", "Tipe Residen"]
SEED = 75
SPREAD_STATES = 100

df = pd.read_csv("../shared/data/customer_segments.txt", sep="\t")
df_std = pd.DataFrame(StandardScaler().fit_transform(df[NUMERIC]), columns=NUMERIC)
df_encode = df[CATEGORICAL].copy()
levels = {}
for col in CATEGORICAL:
    enc = LabelEncoder()
    df_encode[col] = enc.fit_transform(df_encode[col])
    levels[col] = [str(v) for v in enc.classes_]
df_model = df_encode.merge(df_std, left_index=True, right_index=True, how="left")


def fit(k, init, random_state=SEED):
    return KPrototypes(n_clusters=k, random_state=random_state, init=init).fit(
        df_model, categorical=[0, 1, 2]
    )


def spread(k, init):
    """Best-of-10 cost over random_state 0..SPREAD_STATES-1: how much the elbow depends on the draw."""
    costs = np.array([fit(k, init, rs).cost_ for rs in range(SPREAD_STATES)])
    return {
        "min": float(costs.min()),
        "median": float(np.median(costs)),
        "mean": float(costs.mean()),
        "max": float(costs.max()),
        "std": float(costs.std(ddof=1)),
    }


def case(init):
    m = fit(5, init)
    labels = [int(v) for v in m.labels_]
    # cluster_centroids_ is [numeric centroids | decoded categorical modes] (numeric first).
    centroids = m.cluster_centroids_
    modes = [[int(float(v)) for v in row[2:]] for row in centroids]
    return {
        "init": init,
        "k": 5,
        "random_state": SEED,
        "n_init": m.n_init,
        "gamma": float(m.gamma),
        "cost": float(m.cost_),
        "n_iter": int(m.n_iter_),
        "labels": labels,
        "sizes": [labels.count(c) for c in range(5)],
        "centroids": [[float(v) for v in row[:2]] for row in centroids],
        "modes": modes,
        "mode_names": [[levels[c][v] for c, v in zip(CATEGORICAL, row)] for row in modes],
        "elbow": {str(k): float(fit(k, init).cost_) for k in range(2, 9)},
        "elbow_spread_random_states": SPREAD_STATES,
        "elbow_spread": {str(k): spread(k, init) for k in range(2, 9)},
    }


out = {
    "versions": {
        "kmodes": kmodes.__version__,
        "scikit-learn": sklearn.__version__,
        "pandas": pd.__version__,
        "numpy": np.__version__,
    },
    "data": "../shared/data/customer_segments.txt",
    "numeric": NUMERIC,
    "categorical": CATEGORICAL,
    "levels": levels,
    "scaling": "StandardScaler over all 50 rows (population std)",
    "cao": case("Cao"),
    "huang": case("Huang"),
}
path = Path(__file__).with_name("kprototypes.json")
path.write_text(json.dumps(out, indent=2) + "\n")
print(f"wrote {path}")

"""Expected figures for the engine's correctness tests, computed with scikit-learn.

Run from the repository root, with ../shared/data present:
    python -m venv .venv-ref && .venv-ref/bin/pip install -r reference/requirements.txt
    .venv-ref/bin/python reference/sklearn_reference.py > reference/expected.json
The JSON is committed; engine/tests/reference.rs reads it. Each case says exactly how its data
and labels are built, so that the Rust test builds the same ones.
"""
import json

import numpy as np
import pandas as pd
import sklearn
from sklearn.metrics import silhouette_samples, silhouette_score
from sklearn.preprocessing import StandardScaler

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
print(json.dumps(out, indent=2))

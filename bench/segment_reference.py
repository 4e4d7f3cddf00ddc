"""The Segment work in scikit-learn and kmodes, on the same data as engine/benches/segment.rs,
for the README's benchmark table.

- bank-full.csv's six numeric columns [age, balance, duration, campaign, pdays, previous]
  (pdays' -1 kept as a number), StandardScaler: KMeans(n_clusters=k, n_init=10,
  random_state=0) for k = 2..10; silhouette_score of the k = 4 labels, exact and with
  sample_size=5000 (random_state=0). KMeans and the exact silhouette are timed with scikit-learn's
  default thread pools (OpenMP / BLAS use every core) and limited to one thread (the engine is
  single-threaded).
- The 100,000 mixed rows the Rust bench writes to target/klaster-bench/mixed_100k.csv (6 numbers,
  StandardScaler; 4 categories): KPrototypes(n_clusters=5, init='Cao', n_init=10,
  random_state=0), timed once (it takes minutes; KLASTER_BENCH_KMODES=0 skips it).

Medians (and minima) of several runs after one warm-up where a run is short, printed as Markdown
table rows. Usage: python bench/segment_reference.py BANK_FULL_CSV MIXED_CSV
"""
import os
import statistics
import sys
import time

import kmodes
import numpy as np
import pandas as pd
import sklearn
from kmodes.kprototypes import KPrototypes
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

BANK_NUMERIC = ["age", "balance", "duration", "campaign", "pdays", "previous"]


def timed(fn, runs, warm_up=True):
    if warm_up:
        fn()
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out), min(out)


def fmt(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def row(name, med, best, runs):
    print(f"| {name} | {fmt(med)} (min {fmt(best)}, {runs} runs) |", flush=True)


def main():
    bank_path, mixed_path = sys.argv[1], sys.argv[2]
    print(f"scikit-learn {sklearn.__version__}, kmodes {kmodes.__version__}, numpy {np.__version__}")
    df = pd.read_csv(bank_path, sep=";")
    x = StandardScaler().fit_transform(df[BANK_NUMERIC].to_numpy(dtype=np.float64))

    def sweep():
        return [KMeans(n_clusters=k, n_init=10, random_state=0).fit(x).inertia_ for k in range(2, 11)]

    labels = KMeans(n_clusters=4, n_init=10, random_state=0).fit(x).labels_
    exact = lambda: silhouette_score(x, labels)
    sampled = lambda: silhouette_score(x, labels, sample_size=5000, random_state=0)
    print(
        f"bank-full: k = 4 inertia {KMeans(n_clusters=4, n_init=10, random_state=0).fit(x).inertia_:.1f}, "
        f"sampled silhouette {sampled():.4f}"
    )
    for threads, label in [(None, "all cores"), (1, "1 thread")]:
        with threadpool_limits(limits=threads):
            row(f"scikit-learn KMeans sweep k=2..10, n_init=10 ({label})", *timed(sweep, 5), 5)
            row(f"scikit-learn silhouette_score exact, k=4 ({label})", *timed(exact, 3, warm_up=False), 3)
            row(f"scikit-learn silhouette_score sample_size=5000 ({label})", *timed(sampled, 7), 7)

    if os.environ.get("KLASTER_BENCH_KMODES") == "0":
        print("kmodes skipped (KLASTER_BENCH_KMODES=0)")
        return
    mixed = pd.read_csv(mixed_path)
    num = [c for c in mixed.columns if c.startswith("x")]
    cat = [c for c in mixed.columns if c.startswith("c")]
    frame = np.empty((len(mixed), len(num) + len(cat)), dtype=object)
    frame[:, : len(num)] = StandardScaler().fit_transform(mixed[num].to_numpy(dtype=np.float64))
    frame[:, len(num):] = mixed[cat].to_numpy()
    categorical = list(range(len(num), len(num) + len(cat)))
    fitted = {}

    def kproto():
        fitted["m"] = KPrototypes(n_clusters=5, init="Cao", n_init=10, random_state=0).fit(
            frame, categorical=categorical
        )

    med, best = timed(kproto, 1, warm_up=False)
    m = fitted["m"]
    print(f"mixed-100k: k = 5 cost {m.cost_:.1f}, gamma {m.gamma:.4f}")
    row("kmodes KPrototypes k=5, Cao, n_init=10 (100k mixed rows)", med, best, 1)


if __name__ == "__main__":
    main()

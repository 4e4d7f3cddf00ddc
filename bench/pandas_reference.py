"""The Load/Profile work in pandas, on the same file, for the README's benchmark table.

read_csv (with dtype inference) and describe(include="all"), timed in-process: median and
minimum of several runs after one warm-up, printed as a Markdown table row per step.
Usage: python bench/pandas_reference.py FILE [SEP]
"""
import statistics
import sys
import time

import pandas as pd


def timed(fn, runs=7):
    fn()  # warm-up
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out), min(out)


def main():
    path = sys.argv[1]
    sep = sys.argv[2] if len(sys.argv) > 2 else ","
    read = lambda: pd.read_csv(path, sep=sep)
    df = read()
    both = lambda: read().describe(include="all")
    print(f"pandas {pd.__version__}, {path}: {len(df)} rows x {df.shape[1]} columns")
    for name, fn in [("read_csv", read), ("describe", lambda: df.describe(include="all")), ("read_csv+describe", both)]:
        med, best = timed(fn)
        print(f"| pandas {name} | {med * 1000:.1f} ms (min {best * 1000:.1f}) |")


if __name__ == "__main__":
    main()

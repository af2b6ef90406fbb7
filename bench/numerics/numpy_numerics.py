"""The numpy side of the numerics benchmark: the cost and gradient of the same CSV, vectorised,
and the machine's memory bandwidth (numpy copying 128 MiB: read and write), the ceiling of a pass.
Usage: numpy_numerics.py <csv> <repeats> [<warm-up calls>]; prints medians in ms as JSON."""
import json
import sys
import time

import numpy as np


def median_ms(fn, repeats, warm_up):
    for _ in range(warm_up):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return float(np.median(times))


def main(path: str, repeats: int, warm_up: int) -> None:
    data = np.loadtxt(path, delimiter=",")
    x = np.ascontiguousarray(data[:, 0])
    y = np.ascontiguousarray(data[:, 1])
    m, b = 1.3, 7.9

    def cost():
        r = y - (m * x + b)
        return float(np.dot(r, r) / len(x))

    def gradient():
        r = y - (m * x + b)
        return (float(-2.0 * np.dot(x, r) / len(x)), float(-2.0 * r.sum() / len(x)))

    # Timed before the 128 MiB below exist: with them allocated, the passes' fresh temporaries
    # sometimes took 2-3 times as long.
    cost_ms = median_ms(cost, repeats, warm_up)
    gradient_ms = median_ms(gradient, repeats, warm_up)
    # The memory-bandwidth ceiling: a copy of 128 MiB reads and writes every byte once (memcpy).
    big = np.ones(1 << 24)
    copy = np.empty_like(big)
    stream_ms = median_ms(lambda: np.copyto(copy, big), max(5, repeats // 2), warm_up)
    print(json.dumps({
        "cost_ms": cost_ms,
        "gradient_ms": gradient_ms,
        "cost": cost(),
        "gradient": gradient(),
        "stream_gbps": 2 * big.nbytes / (stream_ms / 1000) / 1e9,
        "numpy": np.__version__,
    }))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)

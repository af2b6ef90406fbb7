"""The numpy side of the numerics benchmark: the cost and gradient of the same CSV, vectorised,
and the machine's memory bandwidth (numpy copying 128 MiB: read and write), the ceiling of a pass."""
import json
import sys
import time

import numpy as np


def median_ms(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return float(np.median(times))


def main(path: str, repeats: int) -> None:
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

    # The memory-bandwidth ceiling: a copy of 128 MiB reads and writes every byte once (memcpy).
    big = np.ones(1 << 24)
    copy = np.empty_like(big)
    stream_ms = median_ms(lambda: np.copyto(copy, big), max(5, repeats // 2))
    print(json.dumps({
        "cost_ms": median_ms(cost, repeats),
        "gradient_ms": median_ms(gradient, repeats),
        "cost": cost(),
        "gradient": gradient(),
        "stream_gbps": 2 * big.nbytes / (stream_ms / 1000) / 1e9,
        "numpy": np.__version__,
    }))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

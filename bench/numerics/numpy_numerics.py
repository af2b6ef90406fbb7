"""The numpy side of the numerics benchmark: the cost and gradient of the same CSV, vectorised."""
import json
import sys
import time

import numpy as np


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

    def median_ms(fn):
        fn()
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        return float(np.median(times))

    print(json.dumps({"cost_ms": median_ms(cost), "gradient_ms": median_ms(gradient), "cost": cost(), "gradient": gradient()}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

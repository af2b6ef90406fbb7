import type { Gradient, Line, Point } from '../types';

/**
 * ∇J(m, b): dm = (−2/N) Σ xᵢ·rᵢ and db = (−2/N) Σ rᵢ, with rᵢ = yᵢ − (m·xᵢ + b).
 * Both sums are compensated (Neumaier), so the gradient near the optimum, where the terms cancel, is accurate.
 */
export function computeGradient(points: readonly Point[], line: Line): Gradient {
  let sumXR = 0;
  let compensationXR = 0;
  let sumR = 0;
  let compensationR = 0;
  for (const { x, y } of points) {
    const residual = y - (line.m * x + line.b);
    const xr = x * residual;
    const nextXR = sumXR + xr;
    compensationXR += Math.abs(sumXR) >= Math.abs(xr) ? sumXR - nextXR + xr : xr - nextXR + sumXR;
    sumXR = nextXR;
    const nextR = sumR + residual;
    compensationR += Math.abs(sumR) >= Math.abs(residual) ? sumR - nextR + residual : residual - nextR + sumR;
    sumR = nextR;
  }
  const n = points.length;
  return { dm: (-2 * (sumXR + compensationXR)) / n, db: (-2 * (sumR + compensationR)) / n };
}

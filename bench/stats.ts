/** Summary statistics of a series of timings, in milliseconds. */
export interface Summary {
  readonly median: number;
  readonly p10: number;
  readonly p90: number;
  readonly min: number;
  readonly max: number;
  /** Median absolute deviation: the spread that one slow round cannot inflate. */
  readonly mad: number;
  readonly rounds: number;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
  const median = quantile(0.5);
  const deviations = sorted.map((x) => Math.abs(x - median)).sort((a, b) => a - b);
  return {
    median,
    p10: quantile(0.1),
    p90: quantile(0.9),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    mad: deviations[Math.floor(deviations.length / 2)],
    rounds: samples.length,
  };
}

/** Least-squares slope and the coefficient of determination (R²) of y over x: R² near 1 means linear growth. */
export function linearFit(xs: number[], ys: number[]): { slope: number; intercept: number; r2: number } {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

/**
 * The 5th and 95th percentiles of `statistic` over 1000 resamples (with replacement) of `n` rounds, drawn from a
 * fixed seed so that a run can be reproduced.
 */
export function bootstrapInterval(n: number, statistic: (rounds: number[]) => number): { low: number; high: number } {
  // Park and Miller's minimal standard generator: enough to resample rounds.
  let seed = 20261121;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const values = Array.from({ length: 1000 }, () => statistic(Array.from({ length: n }, () => Math.floor(random() * n)))).sort(
    (a, b) => a - b,
  );
  return { low: values[50], high: values[949] };
}

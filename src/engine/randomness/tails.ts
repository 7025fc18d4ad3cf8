/**
 * Tail probabilities of the two distributions the randomness tests need: the binomial (how
 * many of n independent draws fall in a set) and the occupancy distribution (how many distinct
 * symbols n uniform draws from an alphabet show). Exact, for the short lengths secrets have.
 */

/** P(X <= k) and P(X >= k) for X ~ Binomial(n, p). */
export function binomialTails(n: number, p: number, k: number): { atMost: number; atLeast: number } {
  if (p <= 0) return { atMost: 1, atLeast: k <= 0 ? 1 : 0 };
  if (p >= 1) return { atMost: k >= n ? 1 : 0, atLeast: 1 };
  let atMost = 0;
  let atLeast = 0;
  // The probability of each count, built up multiplicatively from P(X = 0) in log space.
  const logQ = Math.log1p(-p);
  const logRatio = Math.log(p) - logQ;
  let logTerm = n * logQ;
  for (let i = 0; i <= n; i++) {
    const term = Math.exp(logTerm);
    if (i <= k) atMost += term;
    if (i >= k) atLeast += term;
    logTerm += Math.log((n - i) / (i + 1)) + logRatio;
  }
  return { atMost: Math.min(1, atMost), atLeast: Math.min(1, atLeast) };
}

/** P(D <= d): D the number of distinct symbols among n uniform draws from an alphabet of a. */
export function distinctAtMost(n: number, a: number, d: number): number {
  if (d >= Math.min(n, a)) return 1;
  // probs[j]: probability of having seen exactly j distinct symbols so far.
  let probs = new Float64Array(Math.min(n, a) + 1);
  probs[0] = 1;
  for (let draw = 0; draw < n; draw++) {
    const next = new Float64Array(probs.length);
    for (let j = 0; j < probs.length; j++) {
      const pj = probs[j]!;
      if (pj === 0) continue;
      next[j] = next[j]! + pj * (j / a);
      if (j + 1 < probs.length) next[j + 1] = next[j + 1]! + pj * ((a - j) / a);
    }
    probs = next;
  }
  let sum = 0;
  for (let j = 0; j <= d; j++) sum += probs[j]!;
  return Math.min(1, sum);
}

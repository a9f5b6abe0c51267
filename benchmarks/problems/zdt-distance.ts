/**
 * ZDT's distance function g(x) = 1 + 9/(d − 1)·Σ_{i≥2} x_i (Zitzler, Deb & Thiele 2000, functions T1–T3):
 * g = 1 exactly on the Pareto set, where x₂ … x_d = 0. O(d).
 */
export function zdtDistance(x: Float64Array): number {
  let sum = 0;
  for (let i = 1; i < x.length; i++) sum += x[i];
  return 1 + (9 * sum) / (x.length - 1);
}

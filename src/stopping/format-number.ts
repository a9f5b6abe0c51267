/** Compact number for reasons (0.001, 0.912, 1.5e+6): three significant digits, deterministic. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) >= 1e5 || Math.abs(value) < 1e-3)) return Number(value.toPrecision(3)).toExponential();
  return String(Number(value.toPrecision(3)));
}

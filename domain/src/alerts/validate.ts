/** Checks for rule settings, each returning readable problems; settings may come from JSON, so nothing is trusted. */

export type Bound = 'any' | 'positive' | 'nonNegative';

/** Every value must be a finite number within the bound. */
export function numberProblems(values: Record<string, unknown>, bound: Bound): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${name} must be a finite number`);
    else if (bound === 'positive' && value <= 0) problems.push(`${name} must be > 0 (got ${value})`);
    else if (bound === 'nonNegative' && value < 0) problems.push(`${name} must be ≥ 0 (got ${value})`);
  }
  return problems;
}

/** Values must rise strictly in the order given; non-numbers are left to `numberProblems`. */
export function orderProblems(values: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const entries = Object.entries(values);
  for (let i = 1; i < entries.length; i++) {
    const [lowName, low] = entries[i - 1];
    const [highName, high] = entries[i];
    if (typeof low === 'number' && typeof high === 'number' && !(low < high)) {
      problems.push(`${lowName} (${low}) must be below ${highName} (${high})`);
    }
  }
  return problems;
}

/** A share of a threshold: 0 < ratio ≤ 1. */
export function ratioProblems(name: string, value: unknown): string[] {
  if (typeof value === 'number' && value > 1) return [`${name} must be ≤ 1 (got ${value})`];
  return numberProblems({ [name]: value }, 'positive');
}

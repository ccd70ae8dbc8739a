export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Interpolates between min and max on a log scale: t = 0 gives min, t = 1 gives max. */
export function logLerp(min: number, max: number, t: number): number {
  return min * (max / min) ** t;
}

/** Where value lies between min and max on a log scale, 0 to 1. */
export function logPosition(value: number, min: number, max: number): number {
  return clamp(Math.log(value / min) / Math.log(max / min), 0, 1);
}

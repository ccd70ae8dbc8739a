import { beijingFields, type Instant } from '../time/beijing-time.js';

/** Hunan's flood season (汛期) runs 1 April – 30 September, by the local (Beijing) calendar date. */
export function isFloodSeason(at: Instant): boolean {
  const { month } = beijingFields(at);
  return month >= 4 && month <= 9;
}

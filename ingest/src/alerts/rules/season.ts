/** Yongzhou keeps China Standard Time all year (no DST), so a fixed offset gives the local date. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Hunan's flood season (汛期) runs 1 April – 30 September, by the local (UTC+08:00) calendar date. */
export function isFloodSeason(at: Date): boolean {
  const month = new Date(at.getTime() + CHINA_OFFSET_MS).getUTCMonth() + 1;
  return month >= 4 && month <= 9;
}

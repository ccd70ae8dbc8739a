// How the flood outlook's hours read: "reached", "about 3.5 h" or "not within 24 h".

import { t, tf } from '../i18n';

export function hoursText(hours: number | null): string {
  if (hours === null) return t('notWithin24h');
  if (hours === 0) return t('reachedNow');
  return tf('inHours', { h: hours.toFixed(1) });
}

/** Sort key of hours: the sooner the more urgent; never reached sorts last. */
export function hoursKey(hours: number | null | undefined): number {
  return hours === null || hours === undefined ? Number.POSITIVE_INFINITY : hours;
}

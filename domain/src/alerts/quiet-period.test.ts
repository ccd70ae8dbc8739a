import { describe, expect, it } from 'vitest';
import { toldRecently, type PastNotification } from './quiet-period.js';

const t0 = new Date('2026-07-01T00:00:00Z');
const min = (m: number) => new Date(t0.getTime() + m * 60_000);
const told = (over: Partial<PastNotification> = {}): PastNotification => ({
  phone: '13800000004',
  severity: 'warning',
  createdAt: t0,
  status: 'sent',
  ...over,
});

describe('toldRecently', () => {
  it('holds back a repeat of the same severity within 30 minutes by default', () => {
    expect(toldRecently([told()], '13800000004', 'warning', min(29))).toBe(true);
    expect(toldRecently([told()], '13800000004', 'warning', min(30))).toBe(false);
  });

  it('counts a message still being delivered as told', () => {
    expect(toldRecently([told({ status: 'queued' })], '13800000004', 'warning', min(1))).toBe(true);
  });

  it('lets a rise in severity through at once', () => {
    expect(toldRecently([told()], '13800000004', 'major', min(1))).toBe(false);
  });

  it('treats a higher severity already told as covering a lower one', () => {
    expect(toldRecently([told({ severity: 'critical' })], '13800000004', 'major', min(1))).toBe(true);
  });

  it('does not count failed deliveries or other phones', () => {
    expect(toldRecently([told({ status: 'failed' })], '13800000004', 'warning', min(1))).toBe(false);
    expect(toldRecently([told()], '13800000001', 'warning', min(1))).toBe(false);
  });

  it('takes the quiet period as configured', () => {
    expect(toldRecently([told()], '13800000004', 'warning', min(5), 5 * 60_000)).toBe(false);
    expect(toldRecently([told()], '13800000004', 'warning', min(4), 5 * 60_000)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateCriticalRain, evaluateFloodOutlook, evaluateSpill } from './flood-alerts.js';

describe('flood foresight alerts', () => {
  it('raises orange when the design flood level is projected under 6 h away, and clears when it is not', () => {
    expect(evaluateFloodOutlook({ designFlood: 5.9 })).toMatchObject({ ruleKey: 'flood_outlook', severity: 'major' });
    expect(evaluateFloodOutlook({ designFlood: 0 }).severity).toBe('major');
    expect(evaluateFloodOutlook({ designFlood: 6 })).toMatchObject({ severity: null, clear: true });
    expect(evaluateFloodOutlook({ designFlood: null })).toMatchObject({ severity: null, clear: true });
  });

  it('flags 3 h rain above the critical rainfall, graded by the highest level it would fill', () => {
    const critical = { floodLimit: 20, designFlood: 60, checkFlood: 90 };
    expect(evaluateCriticalRain(critical, 20)).toMatchObject({ severity: null, clear: true, threshold: 20 });
    expect(evaluateCriticalRain(critical, 20.1)).toMatchObject({ ruleKey: 'critical_rain', severity: 'warning' });
    expect(evaluateCriticalRain(critical, 61)).toMatchObject({ severity: 'major', threshold: 60 });
    // Levels already reached are left to the water-level rule.
    expect(evaluateCriticalRain({ floodLimit: 0, designFlood: 0, checkFlood: 30 }, 20).severity).toBeNull();
    expect(evaluateCriticalRain(critical, 95).message.zh).toBe(
      '3 小时雨量 95.0 mm，超过到校核洪水位的临界雨量 90.0 mm',
    );
  });

  it('keeps a spill alert open from the spill start to its end', () => {
    const event = {
      start: '2026-07-01T02:00:00.000Z',
      end: null,
      durationHours: null,
      threshold: { level: 110, kind: 'spillwayCrest' as const },
      peakLevel: 110.4,
      peakAt: '2026-07-01T03:00:00.000Z',
      peakDischarge: 2.15,
    };
    expect(evaluateSpill(event, true)).toMatchObject({ ruleKey: 'spill', severity: 'major', clear: false });
    expect(evaluateSpill(event, false)).toMatchObject({ severity: null, clear: true });
  });
});

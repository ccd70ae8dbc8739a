import { describe, expect, it } from 'vitest';
import type { StationInfo, ValidReading } from './payload.js';
import { reportSlots } from './report-slots.js';

const RAIN: StationInfo = { id: 1, reportIntervalS: 300 };
const DAM: StationInfo = { id: 2, reportIntervalS: 3600 };
const reading = (sensorCode: string, iso: string): ValidReading => ({
  reservoirCode: '431124-0007',
  sensorId: 0,
  sensorCode,
  type: sensorCode === 'SP1' ? 'seepage_pressure' : 'water_level',
  time: new Date(iso),
  value: 1,
});
const stationOf = (r: ValidReading) => (r.sensorCode === 'SP1' ? DAM : r.sensorCode === 'WL1' ? RAIN : undefined);
const received = new Date('2026-07-01T00:01:00Z');

describe('report slots', () => {
  it("answers each station's slot nearest its newest reading, within two minutes", () => {
    const slots = reportSlots(
      [
        reading('WL1', '2026-06-30T23:50:00Z'),
        reading('WL1', '2026-06-30T23:59:30Z'),
        reading('SP1', '2026-07-01T00:01:30Z'),
        reading('XX1', '2026-07-01T00:00:00Z'),
      ],
      received,
      stationOf,
    );
    expect(slots).toEqual([
      { stationId: 1, slot: new Date('2026-07-01T00:00:00Z'), receivedAt: received },
      { stationId: 2, slot: new Date('2026-07-01T00:00:00Z'), receivedAt: received },
    ]);
  });

  it('takes an added report between slots for none', () => {
    expect(reportSlots([reading('WL1', '2026-07-01T00:02:30Z')], received, stationOf)).toEqual([]);
    expect(reportSlots([reading('SP1', '2026-07-01T00:25:00Z')], received, stationOf)).toEqual([]);
  });
});

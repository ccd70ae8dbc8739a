import { describe, expect, it } from 'vitest';
import { alertUnit } from './units';

describe('alert units', () => {
  it('gives each rule its unit', () => {
    expect(alertUnit('water_level')).toBe('m');
    expect(alertUnit('water_level_rise')).toBe('m/h');
    expect(alertUnit('rain:RG1')).toBe('mm');
    expect(alertUnit('rain_3h')).toBe('mm'); // before one rain alert per gauge
    expect(alertUnit('seepage_flow:SF1')).toBe('L/s');
    expect(alertUnit('jump:SP2')).toBe('kPa');
    expect(alertUnit('battery_low')).toBe('V');
    expect(alertUnit('something_new')).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { compareSeverity, SEVERITIES, SEVERITY_DISPLAY, type Severity } from './severity.js';

describe('severity', () => {
  it('orders info < warning < major < critical', () => {
    expect(SEVERITIES).toEqual(['info', 'warning', 'major', 'critical']);
    expect(compareSeverity('info', 'warning')).toBeLessThan(0);
    expect(compareSeverity('critical', 'major')).toBeGreaterThan(0);
    expect(compareSeverity('major', 'major')).toBe(0);
    const shuffled: Severity[] = ['major', 'info', 'critical', 'warning'];
    expect(shuffled.sort(compareSeverity)).toEqual(SEVERITIES);
  });

  it('maps to the blue / yellow / orange / red warning colours with zh and en labels', () => {
    expect(SEVERITIES.map((severity) => SEVERITY_DISPLAY[severity].colour)).toEqual([
      'blue',
      'yellow',
      'orange',
      'red',
    ]);
    expect(SEVERITY_DISPLAY.warning).toMatchObject({ zh: '黄色预警', en: 'Yellow alert' });
    expect(SEVERITY_DISPLAY.critical).toMatchObject({ zh: '红色预警', en: 'Red alert' });
  });
});

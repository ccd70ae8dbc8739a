// The unit of an alert's value and threshold, from its rule (water level m, rise m/h, rain mm, sensors by type).

const UNITS: [RegExp, string][] = [
  [/^water_level_rise/, 'm/h'],
  [/^water_level/, 'm'],
  [/^rain[_:]/, 'mm'],
  [/^(seepage_pressure|jump:SP)/, 'kPa'],
  [/^(seepage_flow|jump:SF)/, 'L/s'],
  [/^(displacement|jump:DS)/, 'mm'],
  [/^battery/, 'V'],
  [/^offline/, 'h'],
];

export function alertUnit(ruleKey: string): string {
  return UNITS.find(([re]) => re.test(ruleKey))?.[1] ?? '';
}

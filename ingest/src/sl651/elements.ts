/**
 * Element identifiers (要素标识符) this codec knows by name. Any other identifier, including user-extended
 * `FF xx` ones, still decodes as a number by the definition-byte rule; only ASCII frames need the mnemonic.
 */

/** How the data bytes of an element are read: a BCD number, the `45` status word, or a 5-minute array. */
export type ElementKind = 'number' | 'status' | 'rain5min' | 'level5min';

export interface ElementDef {
  /** Identifier in upper-case hex. */
  id: string;
  /** ASCII-variant identifier (e.g. `PJ`). */
  mnemonic: string;
  name: string;
  unit: string;
  kind: ElementKind;
  /** Digits and decimal places the standard gives; the encoder's default format. */
  digits: number;
  decimals: number;
}

function def(id: string, mnemonic: string, name: string, unit: string, digits = 0, decimals = 0): ElementDef {
  return { id, mnemonic, name, unit, kind: 'number', digits, decimals };
}

const RAINFALL: [string, string, string][] = [
  ['1A', 'P1', '1-hour rainfall'],
  ['1B', 'P2', '2-hour rainfall'],
  ['1C', 'P3', '3-hour rainfall'],
  ['1D', 'P6', '6-hour rainfall'],
  ['1E', 'P12', '12-hour rainfall'],
  ['1F', 'PD', 'daily rainfall'],
  ['20', 'PJ', 'current rainfall'],
  ['21', 'PN01', '1-minute rainfall'],
  ['22', 'PN05', '5-minute rainfall'],
  ['23', 'PN10', '10-minute rainfall'],
  ['24', 'PN30', '30-minute rainfall'],
  ['25', 'PR', 'storm rainfall'],
];

const DEFS: ElementDef[] = [
  ...RAINFALL.map(([id, mnemonic, name]) => def(id, mnemonic, name, 'mm', 5, 1)),
  def('26', 'PT', 'cumulative rainfall', 'mm', 6, 1),
  def('38', 'VT', 'supply voltage', 'V', 4, 2),
  def('39', 'Z', 'water level', 'm', 7, 3),
  def('3A', 'ZB', 'downstream water level', 'm', 7, 3),
  def('3B', 'ZU', 'reservoir (upstream) water level', 'm', 7, 3),
  { ...def('45', 'ZT', 'status and alarm word', ''), kind: 'status', digits: 8 },
  ...Array.from({ length: 8 }, (_, i) =>
    def((0x58 + i).toString(16).toUpperCase(), `WP${i + 1}`, `hydrostatic pressure ${i + 1}`, 'kPa', 5, 2),
  ),
  { ...def('F4', 'DRP', '5-minute rainfall over the last hour', 'mm'), kind: 'rain5min' },
  ...Array.from({ length: 8 }, (_, i) => ({
    ...def(
      (0xf5 + i).toString(16).toUpperCase(),
      `DRZ${i + 1}`,
      `5-minute relative water level ${i + 1} over the last hour`,
      'm',
    ),
    kind: 'level5min' as const,
  })),
];

export const ELEMENTS: ReadonlyMap<string, ElementDef> = new Map(DEFS.map((d) => [d.id, d]));
export const ELEMENTS_BY_MNEMONIC: ReadonlyMap<string, ElementDef> = new Map(DEFS.map((d) => [d.mnemonic, d]));

/**
 * Bits of the `45` status word (bit 0 = least significant), named for the condition a duty officer acts on. Every
 * bit but one is set when the condition holds; bit 7 is the exception: 1 = cabinet door closed, 0 = open.
 */
export const STATUS_BITS = [
  'mainsPowerLost',
  'batteryLow',
  'waterLevelOverLimit',
  'flowOverLimit',
  'waterQualityOverLimit',
  'flowMeterFault',
  'waterLevelGaugeFault',
  'cabinetDoorOpen',
] as const;

export type StatusFlag = (typeof STATUS_BITS)[number];

/** The bit whose set state is the normal one (cabinet door closed). */
const SET_WHEN_NORMAL = 7;

/** The named flags of a `45` status word given as 8 hex digits; `true` means the condition holds. */
export function statusFlags(word: string): Record<StatusFlag, boolean> {
  const bits = parseInt(word, 16);
  return Object.fromEntries(
    STATUS_BITS.map((name, bit) => [name, ((bits >>> bit) & 1) === (bit === SET_WHEN_NORMAL ? 0 : 1)]),
  ) as Record<StatusFlag, boolean>;
}

import { dayStartBefore, type Random } from '@yz/domain';
import { encodeMessage, type Elements, type Message } from '../sl651/index.js';
import type { Reading } from './payload.js';

/** SL 651 elements of the rain/water-level RTU's sensors (the rain gauge becomes the counters PT and PJ). */
const ELEMENT_OF_TYPE: Readonly<Record<string, string>> = { water_level: '3B', battery_voltage: '38' };
/** What the rain/water-level RTU measures; dam-safety sensors report through their own station. */
const RAIN_WATER_TYPES = new Set(['rainfall', 'water_level', 'battery_voltage']);

/**
 * The rain/water-level RTU of a reservoir that speaks SL 651-2014 instead of JSON: its reports as hex frames on
 * `sl651/{address}/up`, the way a DTU forwards them, with what real RTUs send for rain: `26` PT, a running total
 * that only grows, and `20` PJ, the total since the latest 08:00 (never the rain since the last report). Hourly
 * reports are timed reports (`32`), the others added reports (`33`).
 */
export class Sl651Rtu {
  private readonly address: string;
  private pt: number;
  private pj = 0;
  private day = -Infinity;
  private serial = 0;

  constructor(
    reservoirCode: string,
    /** The types of the station's sensors by code (WL1 → water_level …). */
    private readonly types: ReadonlyMap<string, string>,
    prng: Random,
  ) {
    this.address = reservoirCode.replace('-', '');
    // Counters were started at installation: a running total well above zero.
    this.pt = Math.round(prng.between(200, 3000) * 10) / 10;
  }

  /** Whether the sensor reports through this RTU. */
  carries(sensor: string): boolean {
    return RAIN_WATER_TYPES.has(this.types.get(sensor) ?? '');
  }

  /** The frame for the readings the station reports at `t` (hourly: timed, else added). */
  report(prefix: string, t: number, readings: readonly Reading[], hourly: boolean): { topic: string; payload: string } {
    const elements: Elements = {};
    for (const { sensor, value } of readings) {
      const type = this.types.get(sensor);
      if (type === 'rainfall') this.addRain(t, value);
      else if (type) elements[ELEMENT_OF_TYPE[type]] = value;
    }
    if (this.day !== dayStartBefore(t)) this.addRain(t, 0); // the first report of a day: PJ from 0
    elements['26'] = this.pt;
    elements['20'] = this.pj;
    this.serial = (this.serial + 1) % 65536;
    const message: Message = {
      encoding: 'hex',
      direction: 'up',
      centralAddress: 1,
      stationAddress: this.address,
      password: '0000',
      functionCode: hourly ? '32' : '33',
      serial: this.serial,
      sentAt: new Date(t),
      stationType: '4B',
      timeStepMinutes: null,
      observations: [{ observedAt: new Date(t), elements }],
    };
    return { topic: `${prefix}sl651/${this.address}/up`, payload: encodeMessage(message)[0].toString('hex') };
  }

  /** Rain (mm) of the interval ending at `t`: 08:00 itself still closes the day before. */
  private addRain(t: number, mm: number): void {
    const day = dayStartBefore(t);
    if (day !== this.day) {
      this.day = day;
      this.pj = 0;
    }
    this.pt = round1(this.pt + mm);
    this.pj = round1(this.pj + mm);
  }
}

const round1 = (mm: number) => Math.round(mm * 10) / 10;

import { FrameError } from './errors.js';
import type { ElementValue, FrameHeader, Message, Observation } from './types.js';

/**
 * The logical content of a report body after the station part, shared by the HEX and ASCII variants:
 * observation times (`F0F0`/`TT`), the time step of an evenly-spaced report (`04`/`DRxnn`), elements,
 * and the value series that follows the time step in a function-31 report.
 */
export type BodyItem =
  | { kind: 'time'; at: Date }
  | { kind: 'step'; minutes: number }
  | { kind: 'element'; key: string; value: ElementValue }
  | { kind: 'series'; key: string; values: (number | null)[] };

/** Keep-alives (2F) and every downlink frame (e.g. the M2 confirmation) carry only serial and send time. */
export function hasStationPart(header: FrameHeader): boolean {
  return header.direction === 'up' && header.functionCode !== '2F';
}

const MINUTE_MS = 60_000;

/** A message with the frame's header fields and no observations yet (fields copied one by one: spread is slow). */
export function emptyMessage(header: FrameHeader, serial: number, sentAt: Date): Message {
  const { encoding, direction, centralAddress, stationAddress, password, functionCode } = header;
  return {
    encoding,
    direction,
    centralAddress,
    stationAddress,
    password,
    functionCode,
    serial,
    sentAt,
    stationType: null,
    timeStepMinutes: null,
    observations: [],
  };
}

/** The 5-minute arrays (`F4`–`FC`) of the standard hold one hour: 12 values. */
export const VALUES_PER_ARRAY = 12;

/** Collects decoded body items into observations, rejecting what would be ambiguous. */
export class ObservationBuilder {
  readonly observations: Observation[] = [];
  timeStepMinutes: number | null = null;
  /** What was odd but unambiguous (becomes `Message.warnings`). */
  readonly warnings: string[] = [];

  constructor(private readonly functionCode: string) {}

  /** True once the time step is read: the next element's values fill the rest of the body. */
  get expectsSeries(): boolean {
    return this.timeStepMinutes !== null;
  }

  add(item: BodyItem): void {
    if (item.kind === 'time') {
      this.observations.push({ observedAt: item.at, elements: {} });
      return;
    }
    const current = this.observations.at(-1);
    const what = item.kind === 'step' ? 'time step' : `element ${item.key}`;
    if (!current) throw new FrameError(`${what} before any observation time (F0F0)`);
    if (item.kind === 'step') {
      if (this.functionCode !== '31') throw new FrameError(`time step in a function ${this.functionCode} report`);
      if (item.minutes === 0) throw new FrameError('time step is zero');
      this.timeStepMinutes = item.minutes;
    } else if (item.kind === 'series') {
      const start = current.observedAt.getTime();
      const step = (this.timeStepMinutes ?? 0) * MINUTE_MS;
      item.values.forEach((value, i) => {
        if (i === 0) current.elements[item.key] = value;
        else this.observations.push({ observedAt: new Date(start + i * step), elements: { [item.key]: value } });
      });
    } else {
      if (item.key in current.elements)
        throw new FrameError(`element ${item.key} appears twice for one observation time`);
      if (Array.isArray(item.value) && item.value.length !== VALUES_PER_ARRAY)
        this.warnings.push(`element ${item.key} holds ${item.value.length} values, the standard sends 12`);
      current.elements[item.key] = item.value;
    }
  }

  /** The decoded observations, time step and warnings, set on `message`. */
  fill(message: Message): void {
    this.finish();
    message.observations = this.observations;
    message.timeStepMinutes = this.timeStepMinutes;
    if (this.warnings.length) message.warnings = this.warnings;
  }

  /** Function 31 without its time step would leave every value after the first without a time. */
  private finish(): void {
    if (this.functionCode === '31' && this.timeStepMinutes === null)
      throw new FrameError('function 31 report without a time step');
  }
}

/** The items an encoder writes for `message`; function 31 becomes time, step and one series. */
export function bodyItems(message: Message): BodyItem[] {
  if (message.functionCode !== '31') {
    return message.observations.flatMap((o): BodyItem[] => [
      { kind: 'time', at: o.observedAt },
      ...Object.entries(o.elements).map(([key, value]): BodyItem => ({ kind: 'element', key, value })),
    ]);
  }
  const { observations, timeStepMinutes } = message;
  const keys = new Set(observations.flatMap((o) => Object.keys(o.elements)));
  const [key] = keys;
  if (!timeStepMinutes || keys.size !== 1 || key === undefined) {
    throw new RangeError('a function 31 message needs a time step and one element');
  }
  const start = observations[0].observedAt.getTime();
  const values = observations.map((o, i) => {
    const value = o.elements[key];
    if (o.observedAt.getTime() !== start + i * timeStepMinutes * MINUTE_MS)
      throw new RangeError('function 31 times are not evenly spaced');
    if (typeof value !== 'number' && value !== null) throw new RangeError(`function 31 values must be numbers`);
    return value;
  });
  return [
    { kind: 'time', at: observations[0].observedAt },
    { kind: 'step', minutes: timeStepMinutes },
    { kind: 'series', key, values },
  ];
}

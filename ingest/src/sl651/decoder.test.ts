import { describe, expect, it } from 'vitest';
import { crc16 } from './crc.js';
import { decodeFrame } from './decoder.js';
import { encodeFrame, ETX } from './frame.js';
import { statusFlags } from './elements.js';
import type { FrameHeader, Message } from './types.js';

const WORKED_EXAMPLE =
  '7E7E 01 0010100001 A000 32 002B 02 000C 200724172349 F1F1 0010100001 48 F0F0 2007241723 2019 000130 2219 000040 3923 00000550 3812 1268 03 8397';

const bytes = (hex: string): Buffer => Buffer.from(hex.replace(/\s+/g, ''), 'hex');

/** The frame with its last two bytes replaced by a correct CRC. */
function withCrc(hex: string): Buffer {
  const frame = bytes(hex);
  frame.writeUInt16BE(crc16(frame, 0, frame.length - 2), frame.length - 2);
  return frame;
}

const HEADER: FrameHeader = {
  encoding: 'hex',
  direction: 'up',
  centralAddress: 1,
  stationAddress: '0010100001',
  password: 'A000',
  functionCode: '32',
};

/** A valid envelope around any body: serial 12, sent 2020-07-24 17:23:49, station part, then `elementsHex`. */
function report(elementsHex: string, functionCode = '32'): Buffer {
  const body = bytes(`000C 200724172349 F1F1 0010100001 48 ${elementsHex}`);
  return encodeFrame({ ...HEADER, functionCode }, body, null, ETX);
}

function decoded(frame: Uint8Array): Message {
  const result = decodeFrame(frame);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function errorOf(frame: Uint8Array): string {
  const result = decodeFrame(frame);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error;
}

describe('CRC', () => {
  it('is CRC-16/MODBUS', () => {
    expect(crc16(Buffer.from('123456789'))).toBe(0x4b37);
  });
});

describe('worked example of the notes', () => {
  it('decodes exactly to the values given there', () => {
    const message = decoded(bytes(WORKED_EXAMPLE));
    expect(message).toEqual({
      ...HEADER,
      serial: 12,
      sentAt: new Date('2020-07-24T17:23:49+08:00'),
      stationType: '48',
      timeStepMinutes: null,
      observations: [
        {
          observedAt: new Date('2020-07-24T17:23:00+08:00'),
          elements: { '20': 13.0, '22': 4.0, '39': 0.55, '38': 12.68 },
        },
      ],
    });
  });
});

describe('elements', () => {
  it('reads negative values (leading FF byte)', () => {
    const two = decoded(report('F0F0 2007241723 3923 FF001234 3A2B FF00001234 3B12 0005'));
    expect(two.observations[0].elements).toEqual({ '39': -1.234, '3A': -1.234, '3B': 0.05 });
  });

  it('reads extended FF xx identifiers by the definition-byte rule', () => {
    const message = decoded(report('F0F0 2007241723 FF09 10 0020 FF0A 23 00012345'));
    expect(message.observations[0].elements).toEqual({ FF09: 20, FF0A: 12.345 });
  });

  it('reads all-FF and all-AA data as invalid', () => {
    const message = decoded(report('F0F0 2007241723 2019 FFFFFF 3923 AAAAAAAA'));
    expect(message.observations[0].elements).toEqual({ '20': null, '39': null });
  });

  it('starts a new observation at each F0F0', () => {
    const message = decoded(report('F0F0 2007241700 3923 00000550 F0F0 2007241705 3923 00000560'));
    expect(message.observations).toEqual([
      { observedAt: new Date('2020-07-24T17:00:00+08:00'), elements: { '39': 0.55 } },
      { observedAt: new Date('2020-07-24T17:05:00+08:00'), elements: { '39': 0.56 } },
    ]);
  });

  it('reads the F4/F5 5-minute arrays and the 45 status word', () => {
    const f4 = '00 01 02 03 04 05 06 07 08 09 FF 0A';
    const f5 = '01AC 01AD 01AE 01AF 01B0 01B1 01B2 01B3 01B4 01B5 FFFF 01B6';
    const message = decoded(report(`F0F0 2007241700 F460 ${f4} F5C0 ${f5} 4520 00000081`, '34'));
    const { elements } = message.observations[0];
    expect(elements.F4).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, null, 1]);
    expect(elements.F5).toEqual([4.28, 4.29, 4.3, 4.31, 4.32, 4.33, 4.34, 4.35, 4.36, 4.37, null, 4.38]);
    expect(elements['45']).toBe('00000081');
    expect(statusFlags('00000081')).toMatchObject({ mainsPowerLost: true, batteryLow: false, cabinetDoorOpen: false });
  });

  it('reads status bit 7 as the cabinet door: 0 = open, 1 = closed (the one bit set when normal)', () => {
    expect(statusFlags('00000080')).toEqual({
      mainsPowerLost: false,
      batteryLow: false,
      waterLevelOverLimit: false,
      flowOverLimit: false,
      waterQualityOverLimit: false,
      flowMeterFault: false,
      waterLevelGaugeFault: false,
      cabinetDoorOpen: false,
    });
    expect(statusFlags('00000000').cabinetDoorOpen).toBe(true);
    expect(statusFlags('00000042')).toMatchObject({
      batteryLow: true,
      waterLevelGaugeFault: true,
      cabinetDoorOpen: true,
    });
  });

  it('reads an evenly-spaced (31) report as one observation per time step', () => {
    const message = decoded(report('F0F0 2007241700 0418 000005 3923 00000550 00000560 AAAAAAAA', '31'));
    expect(message.timeStepMinutes).toBe(5);
    expect(message.observations.map((o) => [o.observedAt.toISOString(), o.elements['39']])).toEqual([
      ['2020-07-24T09:00:00.000Z', 0.55],
      ['2020-07-24T09:05:00.000Z', 0.56],
      ['2020-07-24T09:10:00.000Z', null],
    ]);
  });

  it('reads a keep-alive (2F) as serial and time only', () => {
    const frame = encodeFrame({ ...HEADER, functionCode: '2F' }, bytes('0007 260701060036'), null, ETX);
    expect(decoded(frame)).toMatchObject({ functionCode: '2F', serial: 7, stationType: null, observations: [] });
  });
});

describe('tolerated shapes', () => {
  it('accepts one stray 7E after the CRC and reports it, but not a bad CRC or other trailing bytes', () => {
    const message = decoded(bytes(`${WORKED_EXAMPLE} 7E`));
    expect(message.warnings).toEqual(['a stray 7E after the CRC was ignored']);
    expect(message.observations).toEqual(decoded(bytes(WORKED_EXAMPLE)).observations);
    expect(errorOf(bytes(`${WORKED_EXAMPLE.slice(0, -4)}8398 7E`))).toBe('CRC mismatch: frame has 8398, computed 8397');
    expect(errorOf(bytes(`${WORKED_EXAMPLE} 7F`))).toContain('length mismatch');
  });

  it('decodes F5–FC groups of another length when their end is unambiguous, and says what was odd', () => {
    const f5 = '0001 0002 0003 0004 0005 0006 0007 0008 0009 000A 000B 000C';
    const message = decoded(report(`F0F0 2007241700 F560 ${f5} F660 ${f5.slice(0, 29)} 3812 1268`, '34'));
    expect(message.observations[0].elements).toEqual({
      F5: [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.11, 0.12],
      F6: [0.01, 0.02, 0.03, 0.04, 0.05, 0.06],
      '38': 12.68,
    });
    expect(message.warnings).toEqual([
      'element F5 declares 12 bytes but holds 24',
      'element F6 holds 6 values, the standard sends 12',
    ]);
    expect(errorOf(report(`F0F0 2007241700 F5B8 ${f5.slice(0, -5)} 01 3812 1268`, '34'))).toBe(
      'element F5 declares 23 bytes, not a whole number of 2-byte values followed by the next group',
    );
  });
});

describe('bad frames give their specific error', () => {
  const example = bytes(WORKED_EXAMPLE).toString('hex').toUpperCase();
  const cases: [string, Uint8Array, string][] = [
    ['short', bytes('7E7E01'), 'frame too short: 3 bytes'],
    ['bad start marker', withCrc('7E7F' + example.slice(4)), 'bad start marker 7E7F'],
    [
      'wrong length',
      withCrc(example.slice(0, -8) + '030000'),
      'length mismatch: the header declares a 43-byte body, so a 60-byte frame, but it has 59 bytes',
    ],
    ['bad CRC', bytes(example.slice(0, -4) + '8398'), 'CRC mismatch: frame has 8398, computed 8397'],
    ['bad BCD', withCrc(example.replace('2019000130', '20190001A0')), 'bad BCD byte A0 in element 20'],
    [
      'truncated element',
      withCrc(example.replace('38121268', '38181268')),
      'element 38 truncated: needs 3 bytes, 2 left',
    ],
    ['impossible time', withCrc(example.replace('200724172349', '201324172349')), 'invalid send time 201324172349'],
    ['bad direction', withCrc(example.replace('32002B02', '32402B02')), 'bad direction nibble 4'],
    ['bad start of text', withCrc(example.replace('32002B02', '32002B05')), 'bad start-of-text byte 05'],
    ['bad end character', withCrc(example.slice(0, -6) + '090000'), 'bad end character 09'],
    [
      'unsupported function',
      withCrc(example.replace('A00032002B', 'A00036002B')),
      'unsupported function code 36 (picture)',
    ],
    ['element before any time', report('3923 00000550'), 'element 39 before any observation time (F0F0)'],
    ['duplicate element', report('F0F0 2007241723 3812 1268 3812 1269'), 'element 38 appears twice'],
    ['definition byte missing', report('F0F0 2007241723 38'), 'element 38 has no definition byte'],
    ['missing station part', encodeFrame(HEADER, bytes('000C 200724172349'), null, ETX), 'expected F1F1'],
  ];
  it.each(cases)('%s', (_, frame, error) => {
    expect(errorOf(frame)).toContain(error);
  });
});

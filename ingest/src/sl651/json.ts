import { formatBeijing } from '@yz/domain';
import { Reassembler } from './decoder.js';
import { isHex } from './hex.js';
import type { Elements, Message } from './types.js';

/** The CLI's JSON for a decoded message: times in Beijing time with `+08:00`, elements keyed by identifier. */
export interface MessageJson {
  functionCode: string;
  stationAddress: string;
  stationType: string | null;
  serial: number;
  sentAt: string;
  /** Always true: a frame whose CRC fails is an error, never a message. */
  crcOk: true;
  encoding: Message['encoding'];
  direction: Message['direction'];
  centralAddress: number;
  observations: { observedAt: string; elements: Elements }[];
  /** What was odd but unambiguous and was tolerated; absent when nothing was. */
  warnings?: string[];
}

export function messageToJson(message: Message): MessageJson {
  return {
    functionCode: message.functionCode,
    stationAddress: message.stationAddress,
    stationType: message.stationType,
    serial: message.serial,
    sentAt: formatBeijing(message.sentAt),
    crcOk: true,
    encoding: message.encoding,
    direction: message.direction,
    centralAddress: message.centralAddress,
    observations: message.observations.map((o) => ({ observedAt: formatBeijing(o.observedAt), elements: o.elements })),
    ...(message.warnings && { warnings: message.warnings }),
  };
}

/**
 * Decodes frames given as hex text (spaces allowed), one output per message: packets of a multi-packet message
 * produce one output when the last one arrives; packets still missing at the end become errors.
 */
export function decodeHexInputs(inputs: readonly string[]): (MessageJson | { error: string })[] {
  const reassembler = new Reassembler();
  const outputs: (MessageJson | { error: string })[] = [];
  for (const input of inputs) {
    const hex = input.replace(/\s+/g, '');
    if (!isHex(hex)) {
      outputs.push({ error: `input is not an even number of hex digits: "${input}"` });
      continue;
    }
    const result = reassembler.decode(Buffer.from(hex, 'hex'));
    if (result) outputs.push(result.ok ? messageToJson(result.value) : { error: result.error });
  }
  return [...outputs, ...reassembler.incomplete().map((error) => ({ error }))];
}

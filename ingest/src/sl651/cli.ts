import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { decodeHexInputs } from './json.js';

const USAGE = 'usage: sl651 decode [HEX...]   (without HEX arguments: one frame per line on stdin)\n';

/** `sl651 decode`: one JSON line per message. Exit code 0 when all decoded, 1 when any failed, 2 on bad usage. */
export async function main(
  argv: readonly string[],
  stdin: Readable,
  stdout: Writable,
  stderr: Writable,
): Promise<number> {
  const [command, ...frames] = argv;
  if (command !== 'decode') {
    stderr.write(USAGE);
    return 2;
  }
  const outputs = decodeHexInputs(frames.length > 0 ? frames : await readLines(stdin));
  for (const output of outputs) stdout.write(`${JSON.stringify(output)}\n`);
  return outputs.some((output) => 'error' in output) ? 1 : 0;
}

async function readLines(input: Readable): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) if (line.trim() !== '') lines.push(line);
  return lines;
}

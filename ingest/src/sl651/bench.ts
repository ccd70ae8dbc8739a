/**
 * Codec benchmark: `node ingest/dist/sl651/bench.js [seconds]` (`npm run bench:sl651`). Each figure is the median of
 * 3 runs; the ceiling is a CRC pass over the same bytes, which every decode makes. Ends with `RESULT {json}`.
 */
import { crc16 } from './crc.js';
import { decodeFrame } from './decoder.js';
import { encodeMessage } from './encoder.js';
import { FrameSplitter } from './framer.js';
import { accumulateRain, type RainState } from './rainfall.js';
import { sampleMessages } from './samples.js';

const seconds = Number(process.argv[2] ?? 3);
const messages = sampleMessages(10_000, 42);
const frames = messages.flatMap((m) => encodeMessage(m));
const totalBytes = frames.reduce((sum, f) => sum + f.length, 0);
console.log(
  `${frames.length} frames, mean ${(totalBytes / frames.length).toFixed(1)} bytes (a mix of 2F, 30–34, 5% ASCII)`,
);

/** Frames per second of `pass` over all frames: the median of 3 runs of `seconds` / 3 each. */
function measure(label: string, pass: () => void): number {
  pass(); // warm-up
  const runs = [0, 1, 2].map(() => {
    let passes = 0;
    const start = process.hrtime.bigint();
    const deadline = start + BigInt(Math.round((seconds / 3) * 1e9));
    let now = start;
    while (now < deadline || passes === 0) {
      pass();
      passes++;
      now = process.hrtime.bigint();
    }
    return (passes * frames.length) / (Number(now - start) / 1e9);
  });
  const median = runs.sort((a, b) => a - b)[1];
  const mbPerSecond = (median * totalBytes) / frames.length / 1e6;
  console.log(`${label}: ${Math.round(median).toLocaleString('en')} frames/s, ${mbPerSecond.toFixed(1)} MB/s`);
  return median;
}

const ceiling = measure('ceiling (CRC pass)', () => {
  for (const frame of frames) crc16(frame);
});

const decode = measure('decodeFrame', () => {
  for (const frame of frames) if (!decodeFrame(frame).ok) throw new Error('sample frame failed to decode');
});

const stream = Buffer.concat(frames);
const chunks = Array.from({ length: Math.ceil(stream.length / 1460) }, (_, i) =>
  stream.subarray(i * 1460, (i + 1) * 1460),
);
const split = measure('FrameSplitter (1460-byte reads)', () => {
  const splitter = new FrameSplitter();
  let found = 0;
  for (const chunk of chunks) found += splitter.push(chunk).length;
  if (found !== frames.length) throw new Error(`splitter found ${found} of ${frames.length} frames`);
});

// The rain of every report, each station's state carried from one report to the next (as the central station does).
const now = new Date('2027-01-01T00:00:00+08:00');
const rain = measure('accumulateRain (per-station state)', () => {
  const states = new Map<string, RainState | null>();
  for (const message of messages) {
    const update = accumulateRain(states.get(message.stationAddress) ?? null, message, now);
    states.set(message.stationAddress, update.state);
  }
});

console.log(
  `RESULT ${JSON.stringify({
    framesPerSecond: {
      decodeFrame: Math.round(decode),
      frameSplitter: Math.round(split),
      accumulateRain: Math.round(rain),
    },
    ceilingFramesPerSecond: Math.round(ceiling),
    decodeShareOfCeiling: Number((decode / ceiling).toFixed(3)),
    meanFrameBytes: Number((totalBytes / frames.length).toFixed(1)),
  })}`,
);

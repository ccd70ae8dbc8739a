/** Decoder benchmark: `node ingest/dist/sl651/bench.js [seconds]` prints frames/s and MB/s. */
import { decodeFrame } from './decoder.js';
import { encodeMessage } from './encoder.js';
import { FrameSplitter } from './framer.js';
import { sampleMessages } from './samples.js';

const seconds = Number(process.argv[2] ?? 3);
const frames = sampleMessages(10_000, 42).flatMap((m) => encodeMessage(m));
const totalBytes = frames.reduce((sum, f) => sum + f.length, 0);
console.log(
  `${frames.length} frames, mean ${(totalBytes / frames.length).toFixed(1)} bytes (a mix of 2F, 30–34, 5% ASCII)`,
);

function measure(label: string, pass: () => void): void {
  pass(); // warm-up
  let passes = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < deadline) {
    pass();
    passes++;
    now = process.hrtime.bigint();
  }
  const elapsed = Number(now - start) / 1e9;
  const perSecond = (passes * frames.length) / elapsed;
  const mbPerSecond = (passes * totalBytes) / elapsed / 1e6;
  console.log(`${label}: ${Math.round(perSecond).toLocaleString('en')} frames/s, ${mbPerSecond.toFixed(1)} MB/s`);
}

measure('decodeFrame', () => {
  for (const frame of frames) if (!decodeFrame(frame).ok) throw new Error('sample frame failed to decode');
});

const stream = Buffer.concat(frames);
const chunks = Array.from({ length: Math.ceil(stream.length / 1460) }, (_, i) =>
  stream.subarray(i * 1460, (i + 1) * 1460),
);
measure('FrameSplitter (1460-byte reads)', () => {
  const splitter = new FrameSplitter();
  let found = 0;
  for (const chunk of chunks) found += splitter.push(chunk).length;
  if (found !== frames.length) throw new Error(`splitter found ${found} of ${frames.length} frames`);
});

#!/usr/bin/env node
// Sizing of the telemetry path for Yongzhou and for all of China, from the assumptions below.
// Plain Node, no dependencies:  node deploy/sizing.mjs            (Markdown, as pasted into deploy/SIZING.md)
//                               node deploy/sizing.mjs --json     (the same figures as JSON)
// Change an assumption here, run it again, and paste the output into deploy/SIZING.md.

export const ASSUMPTIONS = {
  // Registry (永政办发〔2021〕32号 and the seeds): 4 medium + 1290 small reservoirs, 401 with dam-safety monitoring.
  // The seeded registry has 3 rain/water sensors per reservoir (RG rainfall, WL water level, BV battery)
  // and 3451 dam-safety sensors at the 401 (seepage pressure, seepage flow, displacement): 8.6 each.
  areas: {
    Yongzhou: { reservoirs: 1294, damSafety: 401 },
    // ~94,000 small reservoirs; dam-safety monitoring assumed at the same share as in Yongzhou (31 %).
    China: { reservoirs: 94000, damSafety: Math.round((94000 * 401) / 1294) },
  },
  rainWaterSensorsPerStation: 3,
  damSafetySensorsPerStation: 3451 / 401,
  // One rain/water RTU per reservoir and one dam-safety RTU per monitored reservoir, each its own MQTT connection.
  // Normal day: every station reports hourly (all its sensors); while it rains (20 % of rain/water stations at
  // any time) a station adds 11 reports an hour at the 5-minute marks, with rainfall and water level (2 readings).
  rainingShare: 0.2,
  extraReportsPerRainingHour: 11,
  readingsPerExtraReport: 2,
  // Storm: every station reports every 5 minutes with all its sensors.
  stormReportsPerHour: 12,
  // Storm days per year (flood season, 1 April – 30 September) for the yearly volume.
  stormDaysPerYear: 30,
  // Top of the hour (and each 5-minute mark in a storm): every station reports within this window.
  burstWindowS: 10,
  // MQTT message: topic ~30 B + JSON {"ts":...,"readings":[...]} ~45 B + ~32 B per reading + ~10 B MQTT framing.
  messageBytes: { fixed: 85, perReading: 32 },
  // readings row on disk (PostgreSQL 16, 8 kB pages), uncompressed:
  //   heap tuple: header 23 → 24; time timestamptz 8, sensor_id int4 4, 4 padding, value float8 8, quality int2 2
  //     = 50 → MAXALIGN 56, + 4 line pointer = 60 B
  //   UNIQUE (sensor_id, time) btree: 8 header + 4 + 4 padding + 8 = 24, + 4 line pointer = 28 B, at 90 % fill = 31 B
  //   hypertable (time DESC) btree: 8 header + 8 = 16, + 4 = 20 B, at 90 % fill = 22 B
  rowBytes: { heap: 60, uniqueIndex: 31, timeIndex: 22 },
  // TimescaleDB native compression of such series (segment by sensor_id, order by time DESC): typically 10–20×;
  // the table uses the conservative end.
  compressionRatio: 10,
  // readings_hourly (continuous aggregate): one row per sensor and hour: bucket 8, sensor_id 4, sum/avg/min/max/last
  // 5 × 8, n int8 8 = 60 B + 24 header + 4 line pointer, plus its (sensor_id, bucket) index ≈ 130 B.
  hourlyRowBytes: 130,
  rawRetentionYears: 3,
  // Throughput one ingest replica sustains (batched multi-row INSERT … ON CONFLICT DO NOTHING). An assumption to
  // replace with the benchmark's measured figure; the broker queues a burst, ingest drains it.
  ingestReadingsPerSecondPerReplica: 20000,
  // Drain a burst within 15 s, so an alert on a reading at the end of the burst still opens within seconds.
  burstDrainTargetS: 15,
};

const A = ASSUMPTIONS;

export function size(area) {
  const rw = area.reservoirs;
  const ds = area.damSafety;
  const stations = rw + ds;
  const rwSensors = rw * A.rainWaterSensorsPerStation;
  const dsSensors = Math.round(ds * A.damSafetySensorsPerStation);
  const sensors = rwSensors + dsSensors;

  const normalMsgsPerHour = stations + rw * A.rainingShare * A.extraReportsPerRainingHour;
  const normalReadingsPerHour = sensors + rw * A.rainingShare * A.extraReportsPerRainingHour * A.readingsPerExtraReport;
  const stormMsgsPerHour = stations * A.stormReportsPerHour;
  const stormReadingsPerHour = sensors * A.stormReportsPerHour;

  const normalReadingsPerDay = normalReadingsPerHour * 24;
  const stormReadingsPerDay = stormReadingsPerHour * 24;
  const rowBytes = A.rowBytes.heap + A.rowBytes.uniqueIndex + A.rowBytes.timeIndex;
  const readingsPerYear = normalReadingsPerDay * (365 - A.stormDaysPerYear) + stormReadingsPerDay * A.stormDaysPerYear;
  const rawBytesPerYear = readingsPerYear * rowBytes;
  const hourlyBytesPerYear = sensors * 24 * 365 * A.hourlyRowBytes;

  const avgReadingsPerMsg = normalReadingsPerHour / normalMsgsPerHour;
  const msgBytes = (readings) => A.messageBytes.fixed + A.messageBytes.perReading * readings;
  const burstMsgsPerS = stations / A.burstWindowS;
  const burstReadings = sensors;
  const replicasForBurst = Math.max(
    1,
    Math.ceil(burstReadings / (A.ingestReadingsPerSecondPerReplica * A.burstDrainTargetS)),
  );
  return {
    stations,
    sensors,
    connections: stations,
    normal: {
      msgsPerS: normalMsgsPerHour / 3600,
      readingsPerS: normalReadingsPerHour / 3600,
      readingsPerDay: normalReadingsPerDay,
      bytesInPerS: (normalMsgsPerHour / 3600) * msgBytes(avgReadingsPerMsg),
      rawBytesPerDay: normalReadingsPerDay * rowBytes,
      compressedBytesPerDay: (normalReadingsPerDay * rowBytes) / A.compressionRatio,
    },
    storm: {
      msgsPerS: stormMsgsPerHour / 3600,
      readingsPerS: stormReadingsPerHour / 3600,
      readingsPerDay: stormReadingsPerDay,
      bytesInPerS: (stormMsgsPerHour / 3600) * msgBytes(sensors / stations),
      rawBytesPerDay: stormReadingsPerDay * rowBytes,
      compressedBytesPerDay: (stormReadingsPerDay * rowBytes) / A.compressionRatio,
    },
    burst: {
      msgsPerS: burstMsgsPerS,
      readingsPerS: burstReadings / A.burstWindowS,
      bytesInPerS: burstMsgsPerS * msgBytes(sensors / stations),
      readings: burstReadings,
      ingestReplicas: replicasForBurst,
      drainS: burstReadings / (A.ingestReadingsPerSecondPerReplica * replicasForBurst),
    },
    year: {
      readings: readingsPerYear,
      rawBytes: rawBytesPerYear,
      compressedBytes: rawBytesPerYear / A.compressionRatio,
      hourlyBytes: hourlyBytesPerYear,
      hourlyCompressedBytes: hourlyBytesPerYear / A.compressionRatio,
      // On disk at steady state: 7 days uncompressed, the rest of the 3-year window compressed, plus rollups.
      retainedBytes:
        (rawBytesPerYear / 365) * 7 +
        ((rawBytesPerYear / A.compressionRatio) * (A.rawRetentionYears * 365 - 7)) / 365 +
        (hourlyBytesPerYear / A.compressionRatio) * A.rawRetentionYears,
    },
    rowBytes,
  };
}

const int = (n) => Math.round(n).toLocaleString('en-US');
const num = (n) => (n >= 100 ? int(n) : n >= 10 ? n.toFixed(0) : n.toFixed(1));
function bytes(n) {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)} ${units[i]}`;
}

function markdown() {
  const names = Object.keys(A.areas);
  const s = names.map((n) => size(A.areas[n]));
  const rows = [
    ['reservoirs (rain/water RTUs)', (i) => int(A.areas[names[i]].reservoirs)],
    ['with dam-safety RTUs', (i) => int(A.areas[names[i]].damSafety)],
    ['device connections (RTUs)', (i) => int(s[i].connections)],
    ['sensors', (i) => int(s[i].sensors)],
    ['**normal** (hourly; 5-min while raining at 20 %): messages/s', (i) => num(s[i].normal.msgsPerS)],
    ['normal: readings/s', (i) => num(s[i].normal.readingsPerS)],
    ['normal: readings/day', (i) => int(s[i].normal.readingsPerDay)],
    ['normal: MQTT bytes in/s', (i) => bytes(s[i].normal.bytesInPerS)],
    ['normal: raw bytes/day (heap + 2 indexes)', (i) => bytes(s[i].normal.rawBytesPerDay)],
    [`normal: compressed bytes/day (${A.compressionRatio}×)`, (i) => bytes(s[i].normal.compressedBytesPerDay)],
    ['**storm** (every station every 5 min): messages/s', (i) => num(s[i].storm.msgsPerS)],
    ['storm: readings/s', (i) => num(s[i].storm.readingsPerS)],
    ['storm: readings/day', (i) => int(s[i].storm.readingsPerDay)],
    ['storm: MQTT bytes in/s', (i) => bytes(s[i].storm.bytesInPerS)],
    ['storm: raw bytes/day', (i) => bytes(s[i].storm.rawBytesPerDay)],
    [`storm: compressed bytes/day (${A.compressionRatio}×)`, (i) => bytes(s[i].storm.compressedBytesPerDay)],
    [`**burst** (all stations within ${A.burstWindowS} s): messages/s`, (i) => int(s[i].burst.msgsPerS)],
    ['burst: readings/s offered', (i) => int(s[i].burst.readingsPerS)],
    ['burst: MQTT bytes in/s', (i) => bytes(s[i].burst.bytesInPerS)],
    [
      `burst: ingest replicas to drain it in ≤ ${A.burstDrainTargetS} s (at ${int(A.ingestReadingsPerSecondPerReplica)} readings/s each)`,
      (i) => `${s[i].burst.ingestReplicas} (${s[i].burst.drainS.toFixed(1)} s)`,
    ],
    [
      `**year** (${365 - A.stormDaysPerYear} normal + ${A.stormDaysPerYear} storm days): readings`,
      (i) => int(s[i].year.readings),
    ],
    ['year: raw bytes (if never compressed)', (i) => bytes(s[i].year.rawBytes)],
    [`year: compressed bytes (${A.compressionRatio}×)`, (i) => bytes(s[i].year.compressedBytes)],
    [
      'year: hourly rollups, uncompressed / compressed',
      (i) => `${bytes(s[i].year.hourlyBytes)} / ${bytes(s[i].year.hourlyCompressedBytes)}`,
    ],
    [
      `on disk at steady state (7 d raw + ${A.rawRetentionYears} y compressed + ${A.rawRetentionYears} y rollups)`,
      (i) => bytes(s[i].year.retainedBytes),
    ],
  ];
  const out = [];
  out.push(`| | ${names.join(' | ')} |`);
  out.push(`| --- | ${names.map(() => '---:').join(' | ')} |`);
  for (const [label, f] of rows) out.push(`| ${label} | ${names.map((_, i) => f(i)).join(' | ')} |`);
  out.push('');
  out.push(
    `Row size of \`readings\`: ${s[0].rowBytes} B (heap ${A.rowBytes.heap} + unique index ${A.rowBytes.uniqueIndex} + time index ${A.rowBytes.timeIndex}); ` +
      `hourly rollup row ${A.hourlyRowBytes} B; message ${A.messageBytes.fixed} B + ${A.messageBytes.perReading} B per reading.`,
  );
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--json')) {
    const result = Object.fromEntries(Object.entries(A.areas).map(([n, a]) => [n, size(a)]));
    console.log(JSON.stringify({ assumptions: A, result }, null, 2));
  } else {
    console.log(markdown());
  }
}

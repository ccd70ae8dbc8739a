import { sql, type Kysely } from 'kysely';
import type { Database } from '../database/schema.js';

/** The database must answer `SELECT 1` within this; a half-open link otherwise looks healthy forever. */
export const DATABASE_DEADLINE_MS = 2_000;
/** Messages queued this long without a commit: the pipeline is stuck. */
export const STALL_MS = 30_000;

/** What a process knows of its ingest pipeline (absent where no ingest runs in the process). */
export interface PipelineState {
  /** How long messages have waited without any commit (0 when nothing waits). */
  stalledMs(): number;
  /** Queued messages. */
  readonly depth: number;
}

export interface HealthInputs {
  db: Kysely<Database>;
  brokerConnected(): boolean;
  pipeline?: PipelineState;
  deadlineMs?: number;
}

export interface HealthReport {
  /** `ok`, or `degraded` with the reasons; `unavailable` when the database does not answer at all. */
  status: 'ok' | 'degraded' | 'unavailable';
  reasons: string[];
  database: 'up' | 'down';
  broker: 'up' | 'down';
}

/** One answer to "is this process doing its job", for ingest's `/health` and the backend's `/api/health`. */
export async function checkHealth(inputs: HealthInputs): Promise<HealthReport> {
  const deadlineMs = inputs.deadlineMs ?? DATABASE_DEADLINE_MS;
  const reasons: string[] = [];
  const database = await answersWithin(inputs.db, deadlineMs);
  if (database === 'slow') reasons.push(`database did not answer within ${deadlineMs} ms`);
  if (database === 'failed') reasons.push('database refused the health query');
  const broker = inputs.brokerConnected() ? 'up' : 'down';
  if (broker === 'down') reasons.push('not connected to the MQTT broker');
  const stalled = inputs.pipeline?.stalledMs() ?? 0;
  if (stalled > STALL_MS) {
    reasons.push(`${inputs.pipeline!.depth} messages queued and nothing committed for ${Math.round(stalled / 1000)} s`);
  }
  return {
    status: reasons.length === 0 ? 'ok' : database === 'up' ? 'degraded' : 'unavailable',
    reasons,
    database: database === 'up' ? 'up' : 'down',
    broker,
  };
}

async function answersWithin(db: Kysely<Database>, ms: number): Promise<'up' | 'slow' | 'failed'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), ms)));
  const query = sql`SELECT 1`.execute(db).then(
    () => 'up' as const,
    () => 'failed' as const,
  );
  try {
    return await Promise.race([query, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

import type { AlertChange } from '@yz/domain';
import type { Database } from '@yz/platform';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ActiveAlerts } from './active-alerts.js';

/** A database whose active-alerts query answers only when told to. */
function slowDb() {
  let answer!: (rows: { reservoir_code: string; rule_key: string; severity: string }[]) => void;
  const rows = new Promise<{ reservoir_code: string; rule_key: string; severity: string }[]>((r) => (answer = r));
  const query = { select: () => query, where: () => query, execute: () => rows };
  return { db: { selectFrom: () => query } as unknown as Kysely<Database>, answer };
}

const change = (state: 'open' | 'resolved'): AlertChange =>
  ({
    action: state === 'open' ? 'open' : 'resolve',
    alert: { reservoirCode: 'R', ruleKey: 'water_level', state, severity: 'major' },
  }) as AlertChange;

describe('ActiveAlerts', () => {
  it('keeps a transition made while a reload was under way, over the older snapshot', async () => {
    const { db, answer } = slowDb();
    const active = new ActiveAlerts(db);
    const reload = active.reload();
    active.note(change('open'));
    answer([]);
    await reload;
    const verdict = {
      ruleKey: 'water_level',
      severity: 'major' as const,
      clear: false,
      threshold: 1,
      value: 2,
      message: { zh: '', en: '' },
    };
    expect(active.decide('R', verdict).action).toBe('keep');
  });
});

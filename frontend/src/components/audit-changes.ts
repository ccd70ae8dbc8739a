// What one audit entry changed, in words: each field whose value differs between before and after (nested rule
// settings flattened to their path, e.g. rain.3h.2), labelled and with enumerated values translated.

import { label, t } from '../i18n';

/** Fields that identify the row or repeat the entry's who and when: not shown as changes. */
const HIDDEN = new Set([
  'id',
  'role',
  'reservoirCode',
  'reservoirName',
  'county',
  'countyName',
  'createdBy',
  'createdAt',
  'updatedAt',
  'closedBy',
]);
/** Field → its label key, and the prefix that translates its values. */
const FIELDS: Record<string, [string, string?]> = {
  name: ['name'],
  phone: ['phone'],
  trained: ['trained', 'bool'],
  trainedOn: ['trainedOn'],
  foundOn: ['foundOn'],
  foundBy: ['foundBy'],
  source: ['hazardSource', 'hazardSource'],
  locationOnDam: ['location', 'damLocation'],
  description: ['description'],
  severity: ['severity', 'hazardSev'],
  rectificationDeadline: ['deadline'],
  status: ['status', 'hazardStatus'],
  closedOn: ['closedOn'],
  closingEvidence: ['evidence'],
};

function flatten(v: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) flatten(x, path ? `${path}.${k}` : k, out);
  } else if (path) out.set(path, v);
  return out;
}

function fieldLabel(path: string): string {
  const known = FIELDS[path];
  if (known) return t(known[0]);
  const rule = t(`rule.${path}`);
  return rule === `rule.${path}` ? path : rule;
}

function valueText(path: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  const prefix = FIELDS[path]?.[1];
  return prefix ? label(prefix, v) : String(v);
}

export interface Change {
  field: string;
  from: string | null;
  to: string;
}

/** The changed fields; on a create only the values set, on a clear the values removed. */
export function auditChanges(before: unknown, after: unknown): Change[] {
  const b = flatten(before, '', new Map());
  const a = flatten(after, '', new Map());
  const paths = [...new Set([...b.keys(), ...a.keys()])].filter((p) => !HIDDEN.has(p));
  return paths
    .filter((p) => JSON.stringify(b.get(p)) !== JSON.stringify(a.get(p)))
    .filter((p) => before !== null || (a.get(p) !== null && a.get(p) !== ''))
    .map((p) => ({
      field: fieldLabel(p),
      from: before === null ? null : valueText(p, b.get(p)),
      to: valueText(p, a.get(p)),
    }));
}

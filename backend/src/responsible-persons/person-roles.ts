/** The four responsible persons of every reservoir (四个责任人), in the order a published list shows them. */
export const PERSON_ROLES = ['government', 'department', 'management', 'patrol'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export const ROLE_LABELS: Record<PersonRole, string> = {
  government: '政府责任人',
  department: '主管部门责任人',
  management: '管理单位责任人',
  patrol: '巡查责任人',
};

export const PHONE_PATTERN = /^1\d{10}$/;

export interface PersonRow {
  reservoirCode: string;
  reservoirName: string;
  county: string;
  countyName: string;
  role: PersonRole;
  name: string;
  phone: string;
  trained: boolean;
  trainedOn: string | null;
}

export const PUBLIC_LIST_HEADER = [
  '县区',
  '水库名称',
  '水库编码',
  ...PERSON_ROLES.flatMap((r) => [ROLE_LABELS[r], '电话']),
];

/**
 * The yearly public list (责任人名单向社会公布): one row per reservoir, each person with a phone number, as the
 * published lists customarily do so that the public can report a danger to whoever is responsible. A missing
 * person shows as an empty cell so the gap is visible.
 */
export function publicListRows(persons: readonly PersonRow[]): string[][] {
  const byReservoir = new Map<string, { head: string[]; people: Partial<Record<PersonRole, PersonRow>> }>();
  for (const p of persons) {
    let entry = byReservoir.get(p.reservoirCode);
    if (!entry) {
      entry = { head: [p.countyName, p.reservoirName, p.reservoirCode], people: {} };
      byReservoir.set(p.reservoirCode, entry);
    }
    entry.people[p.role] = p;
  }
  return [...byReservoir.values()].map(({ head, people }) => [
    ...head,
    ...PERSON_ROLES.flatMap((role) => [people[role]?.name ?? '', people[role]?.phone ?? '']),
  ]);
}

/** Why a person's training fields are inconsistent, or null. */
export function trainingError(trained: boolean, trainedOn: string | null, today: string): string | null {
  if (trained && !trainedOn) return 'trainedOn is required when trained is true';
  if (trainedOn && trainedOn > today) return 'trainedOn must not be in the future';
  return null;
}

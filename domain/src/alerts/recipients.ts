import { SEVERITIES, type Severity } from './severity.js';

/** The four responsible persons of a reservoir (四个责任人). */
export type PersonRole = 'government' | 'department' | 'management' | 'patrol';
export type RecipientRole = PersonRole | 'duty_officer';

export interface Contact {
  name: string;
  phone: string;
}

export interface ResponsiblePerson extends Contact {
  role: PersonRole;
}

export interface Recipient extends Contact {
  role: RecipientRole;
}

/**
 * Who hears of an alert of each severity, the one table of it: a blue notice (a 12 h rainstorm, a weak battery)
 * reaches the patrol person, who walks the dam and the station; each grade up adds the next level of responsibility.
 */
export const ROLES_BY_SEVERITY: Readonly<Record<Severity, readonly RecipientRole[]>> = {
  info: ['patrol'],
  warning: ['patrol', 'management'],
  major: ['patrol', 'management', 'department'],
  critical: ['patrol', 'management', 'department', 'government', 'duty_officer'],
};

/**
 * Roles told at escalation `level`: 0 as the alert stands, and each ack timeout it stays unacknowledged reaches
 * one severity further (blue notices do not escalate). From level 1 the duty officers are always told: an
 * unacknowledged alert is their business.
 */
export function rolesFor(severity: Severity, level: number): RecipientRole[] {
  if (severity === 'info') return [...ROLES_BY_SEVERITY.info];
  const reach = SEVERITIES[Math.min(SEVERITIES.indexOf(severity) + level, SEVERITIES.length - 1)];
  const roles = new Set(ROLES_BY_SEVERITY[reach]);
  if (level > 0) roles.add('duty_officer');
  return [...roles];
}

/** Alerts the government responsible person hears of whatever their severity: a spill, so downstream is warned. */
const GOVERNMENT_RULES: readonly string[] = ['spill'];

/**
 * The people to tell: the reservoir's responsible persons in the roles reached, and the duty officers (the caller
 * passes those of the reservoir's area and the city-wide ones). One message per phone, as one person may hold two roles.
 */
export function selectRecipients(
  severity: Severity,
  level: number,
  persons: readonly ResponsiblePerson[],
  dutyOfficers: readonly Contact[],
  ruleKey?: string,
): Recipient[] {
  const roles = rolesFor(severity, level);
  if (ruleKey !== undefined && GOVERNMENT_RULES.includes(ruleKey) && !roles.includes('government')) {
    roles.push('government');
  }
  const all: Recipient[] = [
    ...persons.filter((p) => roles.includes(p.role)),
    ...(roles.includes('duty_officer') ? dutyOfficers.map((d) => ({ ...d, role: 'duty_officer' as const })) : []),
  ];
  const byPhone = new Map<string, Recipient>();
  for (const r of all)
    if (r.phone && !byPhone.has(r.phone)) byPhone.set(r.phone, { role: r.role, name: r.name, phone: r.phone });
  return [...byPhone.values()];
}

// Who may do what, mirroring the backend's @Roles() (admin may do everything). Buttons and forms are shown only to
// the roles the server will accept them from.

import type { Role } from '../api/types';

const RULES = {
  'alert.handle': ['duty_officer', 'engineer'],
  'project.edit': ['planner'],
  'appraisal.record': ['planner', 'engineer'],
  'hazard.edit': ['engineer'],
  'person.edit': ['engineer'],
  'rules.edit': ['engineer'],
  'storm.start': ['engineer'],
  'import.projects': ['planner'],
  'import.allocations': ['planner'],
  'import.expenditures': ['planner'],
  'import.responsible-persons': ['engineer'],
  'import.hazards': ['engineer'],
  'users.manage': [],
} satisfies Record<string, Role[]>;

export type Permission = keyof typeof RULES;

export function can(role: Role | undefined, p: Permission): boolean {
  return role === 'admin' || (role !== undefined && (RULES[p] as Role[]).includes(role));
}

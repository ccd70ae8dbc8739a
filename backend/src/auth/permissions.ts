import type { Role } from '../common/auth-user.js';

/**
 * What each role may do, by name, as the dashboard asks (`GET /api/auth/me` lists the caller's): the same roles as
 * the routes' @Roles() (checked by permissions.test.ts) and the ledger kinds' edit roles. Admin may do everything.
 */
export const PERMISSION_ROLES = {
  'alert.handle': ['duty_officer', 'engineer'],
  'project.edit': ['planner'],
  'appraisal.record': ['planner', 'engineer'],
  'hazard.edit': ['engineer'],
  'person.edit': ['engineer'],
  'rules.edit': ['engineer'],
  'storm.start': ['engineer'],
  'rejects.read': ['engineer'],
  'import.projects': ['planner'],
  'import.allocations': ['planner'],
  'import.expenditures': ['planner'],
  'import.responsible-persons': ['engineer'],
  'import.hazards': ['engineer'],
  'users.manage': [],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSION_ROLES;
export const PERMISSIONS = Object.keys(PERMISSION_ROLES) as Permission[];

export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((p) => role === 'admin' || (PERMISSION_ROLES[p] as readonly Role[]).includes(role));
}

export const ROLES = ['admin', 'engineer', 'duty_officer', 'planner'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as carried in the access token. */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Null: the whole city. */
  areaCode: string | null;
}

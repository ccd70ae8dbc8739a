import type { Role } from '../users/user.entity.js';

/** Who is calling, as carried in the access token. */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Null: the whole city. */
  areaCode: string | null;
}

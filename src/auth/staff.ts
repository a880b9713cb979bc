import type { Role, UiLanguage } from './roles.js';

/** Who is making a request, as the auth plugin established it. */
export interface Staff {
  userId: string;
  email: string;
  name: string;
  role: Role;
  provinces: string[];
  language: UiLanguage;
  via: 'session' | 'token';
  sessionId: string | null;
  csrfToken: string | null;
}

/** What a route requires: read (every role), triage (secretariat, admin), admin. */
export type Access = 'read' | 'triage' | 'admin';

const ALLOWED: Record<Access, readonly Role[]> = {
  read: ['viewer', 'secretariat', 'admin'],
  triage: ['secretariat', 'admin'],
  admin: ['admin'],
};

export function mayAccess(role: Role, access: Access): boolean {
  return ALLOWED[access].includes(role);
}

/** The provinces whose reports the staff member may see; null means all (admins). */
export type ProvinceScope = readonly string[] | null;

export function provinceScope(staff: Pick<Staff, 'role' | 'provinces'>): ProvinceScope {
  return staff.role === 'admin' ? null : staff.provinces;
}

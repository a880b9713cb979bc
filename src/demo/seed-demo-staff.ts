import type { Role } from '../auth/roles.js';
import { toStaff } from '../auth/sign-in-service.js';
import type { Staff } from '../auth/staff.js';
import type { Actor, UserAdminService } from '../auth/user-admin-service.js';
import { findUserByEmail } from '../auth/user-repository.js';
import type { DbExecutor } from '../db/database.js';

export interface SeededUser {
  email: string;
  role: Role;
  provinces: string[];
  link: string;
}

const DEMO_USERS: { email: string; name: string; role: Role; provinces: string[] }[] = [
  { email: 'admin@demo.suara.test', name: 'Demo Admin', role: 'admin', provinces: [] },
  {
    email: 'sekretariat.aceh@demo.suara.test',
    name: 'Sekretariat Aceh',
    role: 'secretariat',
    provinces: ['11'],
  },
  {
    email: 'sekretariat.kaltim@demo.suara.test',
    name: 'Sekretariat Kalimantan Timur',
    role: 'secretariat',
    provinces: ['64'],
  },
  {
    email: 'sekretariat.sultra@demo.suara.test',
    name: 'Sekretariat Sulawesi Tenggara',
    role: 'secretariat',
    provinces: ['74'],
  },
];

/**
 * The demo's admin and one secretariat per province, each with a fresh set-password link (a new link
 * for one that exists already). Returns them and the admin, who moves the demo reports along.
 */
export async function seedDemoStaff(
  userAdmin: UserAdminService,
  db: DbExecutor,
): Promise<{ users: SeededUser[]; admin: Staff }> {
  const actor: Actor = { userId: null, label: 'cli' };
  const users: SeededUser[] = [];
  let admin: Staff | null = null;
  for (const input of DEMO_USERS) {
    const created = await userAdmin.createUser(actor, input);
    let link: string;
    if (created.ok) {
      link = created.value.link;
    } else {
      const reset = await userAdmin.resetLink(actor, input.email);
      if (!reset.ok) throw new Error(reset.error);
      link = reset.value;
    }
    const row = await findUserByEmail(db, input.email);
    if (!row) throw new Error(`demo user ${input.email} vanished`);
    if (input.role === 'admin') admin = toStaff(row, 'session', null, null);
    users.push({ email: row.email, role: row.role, provinces: row.provinces, link });
  }
  if (!admin) throw new Error('no demo admin');
  return { users, admin };
}

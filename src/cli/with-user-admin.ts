import { type Actor, createUserAdminService, type UserAdminService } from '../auth/user-admin-service.js';
import { workspaceBaseUrl } from '../runtime/create-triage-runtime.js';
import { type CliDatabase, withCliDatabase } from './with-cli-database.js';

export interface UserAdminContext extends CliDatabase {
  userAdmin: UserAdminService;
  /** Changes made on the command line are audited as `cli`: whoever has a shell on the server. */
  actor: Actor;
}

/** Runs one `suara users` action with the user-admin service on the configured database. */
export function withUserAdmin(work: (context: UserAdminContext) => Promise<number>): Promise<number> {
  return withCliDatabase('users', ({ config, db }) =>
    work({
      config,
      db,
      userAdmin: createUserAdminService({
        db,
        baseUrl: workspaceBaseUrl(config),
        linkHours: config.PASSWORD_LINK_HOURS,
      }),
      actor: { userId: null, label: 'cli' },
    }),
  );
}

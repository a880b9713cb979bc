import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SignInService } from '../../auth/sign-in-service.js';
import { type Access, mayAccess, type Staff } from '../../auth/staff.js';
import type { UserAdminService } from '../../auth/user-admin-service.js';
import { AppError, forbidden, unauthorized } from '../app-error.js';

export const SESSION_COOKIE = 'suara_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; routes without it are public (webhooks, health, sign-in page). */
    access?: Access;
    /** The route may be used while a TOTP code is still owed (the second-factor page, sign-out). */
    secondFactorPending?: boolean;
    /** An HTML page: an unauthenticated visitor is sent to the sign-in page instead of a 401. */
    ui?: boolean;
  }
  interface FastifyRequest {
    staff: Staff | null;
    /** A cookie session whose password was accepted but whose TOTP code is still owed. */
    secondFactorPending: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one place that decides who may do what: it identifies the caller (session cookie or personal
 * token), checks the route's role requirement and, for cookie requests that change state, the CSRF
 * token. Province scope is applied by the services from `request.staff`, so a report outside the
 * caller's provinces is a 404 exactly like a missing one.
 */
export function registerAuth(
  app: FastifyInstance,
  deps: { signIn: SignInService; userAdmin: UserAdminService },
): void {
  app.decorateRequest('staff', null);
  app.decorateRequest('secondFactorPending', false);
  // preValidation: the body is parsed (the CSRF field can be read) but not yet validated or stripped.
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config;
    const access = config.access;
    if (!access) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const staff = await deps.userAdmin.fromBearer(header.slice('Bearer '.length).trim());
      if (!staff) throw unauthorized('The API token is unknown, revoked, or its user is disabled.');
      request.staff = staff;
    } else {
      const token = request.cookies[SESSION_COOKIE];
      const identity = token ? await deps.signIn.fromCookie(token) : null;
      if (!identity) {
        if (config.ui && SAFE_METHODS.has(request.method)) {
          return reply.redirect(`/triage/login?next=${encodeURIComponent(request.url)}`, 303);
        }
        throw unauthorized();
      }
      if (identity.secondFactorPending && !config.secondFactorPending) {
        if (config.ui && SAFE_METHODS.has(request.method)) return reply.redirect('/triage/login/code', 303);
        throw unauthorized('Enter your authenticator code to finish signing in.');
      }
      if (!SAFE_METHODS.has(request.method) && !csrfMatches(request, identity.staff.csrfToken)) {
        throw new AppError(
          403,
          'csrf',
          'This form has expired or came from another site; reload the page and try again.',
        );
      }
      request.staff = identity.staff;
      request.secondFactorPending = identity.secondFactorPending;
    }
    if (!mayAccess(request.staff.role, access)) throw forbidden();
  });
}

function csrfMatches(request: FastifyRequest, expected: string | null): boolean {
  if (!expected) return false;
  const header = request.headers['x-csrf-token'];
  const body = request.body;
  const field = body && typeof body === 'object' && '_csrf' in body ? body._csrf : undefined;
  const given = typeof header === 'string' ? header : typeof field === 'string' ? field : '';
  return given.length === expected.length && given === expected;
}

/** The signed-in staff member of a route that declared `access` (the plugin guarantees one). */
export function staffOf(request: FastifyRequest): Staff {
  if (!request.staff) throw unauthorized();
  return request.staff;
}

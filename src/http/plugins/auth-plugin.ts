import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SignInService } from '../../auth/sign-in-service.js';
import { type Access, mayAccess, type Staff } from '../../auth/staff.js';
import type { UserAdminService } from '../../auth/user-admin-service.js';
import type { KeyRateLimit } from '../../exports/key-rate-limit.js';
import type { PartnerCaller, PartnerService } from '../../exports/partner-service.js';
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
    /** A partner export route: the caller presents a partner key, rate-limited per key. */
    partner?: boolean;
  }
  interface FastifyRequest {
    staff: Staff | null;
    partner: PartnerCaller | null;
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
  deps: {
    signIn: SignInService;
    userAdmin: UserAdminService;
    partners: PartnerService;
    partnerRateLimit: KeyRateLimit;
  },
): void {
  app.decorateRequest('staff', null);
  app.decorateRequest('partner', null);
  app.decorateRequest('secondFactorPending', false);
  // preValidation: the body is parsed (the CSRF field can be read) but not yet validated or stripped.
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config;
    if (config.partner) {
      request.partner = await authenticatePartner(request, deps);
      return;
    }
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

async function authenticatePartner(
  request: FastifyRequest,
  deps: { partners: PartnerService; partnerRateLimit: KeyRateLimit },
): Promise<PartnerCaller> {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer '))
    throw unauthorized('Send your partner key as the header "Authorization: Bearer <key>".');
  const caller = await deps.partners.authenticate(header.slice('Bearer '.length).trim());
  if (!caller) throw unauthorized('The partner key is unknown or revoked, or the partner is deactivated.');
  const decision = await deps.partnerRateLimit.take(caller.keyId);
  if (!decision.ok)
    throw new AppError(
      429,
      'rate_limited',
      `Too many export requests with this key; try again in ${decision.retryAfterSeconds} s.`,
      { 'retry-after': String(decision.retryAfterSeconds) },
    );
  return caller;
}

/** The partner of a route that declared `partner` (the plugin guarantees one). */
export function partnerOf(request: FastifyRequest): PartnerCaller {
  if (!request.partner) throw unauthorized();
  return request.partner;
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

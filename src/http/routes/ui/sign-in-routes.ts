import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { SignInService } from '../../../auth/sign-in-service.js';
import type { Staff } from '../../../auth/staff.js';
import { totpUri } from '../../../auth/totp.js';
import type { UserAdminService } from '../../../auth/user-admin-service.js';
import { translator } from '../../../ui/i18n.js';
import { loginPage, secondFactorPage, setPasswordPage } from '../../../ui/pages/sign-in-pages.js';
import { AppError } from '../../app-error.js';
import { SESSION_COOKIE, staffOf } from '../../plugins/auth-plugin.js';

export interface SignInRouteDeps {
  signIn: SignInService;
  userAdmin: UserAdminService;
  secureCookies: boolean;
  sessionHours: number;
}

const loginBody = z.object({
  email: z.string().max(320).default(''),
  password: z.string().max(1000).default(''),
  next: z.string().max(2000).optional(),
});
const codeBody = z.object({ code: z.string().max(20).default('') });
const setPasswordBody = z.object({ token: z.string().max(200), password: z.string().max(1000) });

/** Only a path inside the workspace: `next` must never send a person to another site. */
function safeNext(next: string | undefined): string {
  return next && /^\/triage(\/|\?|$)/.test(next) && !next.startsWith('//') ? next : '/triage';
}

/** Sign-in, the TOTP step, sign-out and the set-password link: HTML forms posted without scripts. */
export async function signInRoutes(app: FastifyInstance, deps: SignInRouteDeps): Promise<void> {
  const html = (reply: FastifyReply, status: number, body: string) =>
    reply.status(status).type('text/html; charset=utf-8').send(body);

  app.get('/triage/login', async (request, reply) => {
    const next = z.object({ next: z.string().optional(), done: z.string().optional() }).parse(request.query);
    const t = translator('id');
    return html(
      reply,
      200,
      loginPage({
        language: 'id',
        next: safeNext(next.next),
        ...(next.done ? { notice: t('passwordSet') } : {}),
      }),
    );
  });

  // No session yet, so no CSRF token: refuse a sign-in or password form posted from another site
  // (browsers always send Origin on such a POST), so nobody is signed into an account not theirs.
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'POST' || !['/triage/login', '/triage/set-password'].includes(request.url)) return;
    const origin = request.headers.origin;
    if (origin && origin !== 'null' && new URL(origin).host !== request.host) {
      throw new AppError(403, 'cross_site', 'This form was posted from another site.');
    }
  });

  app.post('/triage/login', async (request, reply) => {
    const body = loginBody.parse(request.body ?? {});
    const result = await deps.signIn.signIn(body.email, body.password, request.ip);
    const t = translator('id');
    if (!result.ok) {
      const error =
        result.error === 'locked'
          ? t('locked').replace('{m}', String(Math.ceil((result.retryAfterSeconds ?? 60) / 60)))
          : t('invalidLogin');
      if (result.retryAfterSeconds) reply.header('retry-after', String(result.retryAfterSeconds));
      return html(
        reply,
        result.error === 'locked' ? 429 : 401,
        loginPage({ language: 'id', error, next: safeNext(body.next) }),
      );
    }
    reply.setCookie(SESSION_COOKIE, result.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      maxAge: deps.sessionHours * 3600,
    });
    return reply.redirect(result.secondFactor === 'none' ? safeNext(body.next) : '/triage/login/code', 303);
  });

  const pendingOk = { config: { access: 'read' as const, secondFactorPending: true, ui: true } };

  /** The code page; an admin without TOTP enrols here, the key shown until they confirm it. */
  async function codePage(reply: FastifyReply, staff: Staff, status: number, error?: string) {
    const secret = await deps.signIn.enrolmentSecret(staff.userId);
    return html(
      reply,
      status,
      secondFactorPage({
        language: staff.language,
        csrf: staff.csrfToken ?? '',
        enrol: secret ? { secret, uri: totpUri(secret, staff.email) } : null,
        ...(error ? { error } : {}),
      }),
    );
  }

  app.get('/triage/login/code', pendingOk, async (request, reply) => {
    if (!request.secondFactorPending) return reply.redirect('/triage', 303);
    return codePage(reply, staffOf(request), 200);
  });

  app.post('/triage/login/code', pendingOk, async (request, reply) => {
    const staff = staffOf(request);
    const { code } = codeBody.parse(request.body ?? {});
    if (await deps.signIn.verifySecondFactor(staff, code, request.ip)) return reply.redirect('/triage', 303);
    return codePage(reply, staff, 401, translator(staff.language)('wrongCode'));
  });

  for (const [path, everywhere] of [
    ['/triage/logout', false],
    ['/triage/logout-everywhere', true],
  ] as const) {
    app.post(path, pendingOk, async (request, reply) => {
      await deps.signIn.signOut(staffOf(request), request.ip, everywhere);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/triage/login', 303);
    });
  }

  app.get('/triage/set-password', async (request, reply) => {
    const { token } = z.object({ token: z.string().max(200).default('') }).parse(request.query);
    return html(reply, 200, setPasswordPage({ language: 'id', token }));
  });

  app.post('/triage/set-password', async (request, reply) => {
    const parsed = setPasswordBody.safeParse(request.body ?? {});
    if (!parsed.success)
      return html(
        reply,
        400,
        setPasswordPage({ language: 'id', token: '', error: 'token and password are required' }),
      );
    const result = await deps.userAdmin.setPasswordWithLink(
      parsed.data.token,
      parsed.data.password,
      request.ip,
    );
    if (!result.ok)
      return html(
        reply,
        400,
        setPasswordPage({ language: 'id', token: parsed.data.token, error: result.error }),
      );
    return reply.redirect('/triage/login?done=1', 303);
  });
}

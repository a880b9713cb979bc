import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { channelModules } from '../channels/channel-registry.js';
import { createSimulatorService } from '../channels/simulator/simulator-service.js';
import { createWebhookEventSink } from '../channels/webhook-event-sink.js';
import { createStoredMediaService } from '../media/stored-media-service.js';
import { createStatusUpdateService } from '../pipeline/status-update-service.js';
import type { Services } from '../runtime/create-services.js';
import type { TriageRuntime } from '../runtime/create-triage-runtime.js';
import { createReadinessCheck } from '../runtime/readiness-check.js';
import { errorHandler } from './error-handler.js';
import { registerAuth } from './plugins/auth-plugin.js';
import { registerPublicRateLimits } from './plugins/public-rate-limits.js';
import { registerMetrics } from './plugins/register-metrics.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { exportsApi } from './routes/api/exports-api.js';
import { indicatorsApi } from './routes/api/indicators-api.js';
import { reportsApi } from './routes/api/reports-api.js';
import { surveysApi } from './routes/api/surveys-api.js';
import { usersApi } from './routes/api/users-api.js';
import { whatsappWebApi } from './routes/api/whatsapp-web-api.js';
import { workspaceApi } from './routes/api/workspace-api.js';
import { healthRoutes } from './routes/health-routes.js';
import { open311Routes } from './routes/open311-routes.js';
import { simulatorRoutes } from './routes/simulator/simulator-routes.js';
import { adminPages } from './routes/ui/admin-pages.js';
import { campaignPages } from './routes/ui/campaign-pages.js';
import { indicatorPages } from './routes/ui/indicator-pages.js';
import { partnerPages } from './routes/ui/partner-pages.js';
import { signInRoutes } from './routes/ui/sign-in-routes.js';
import { storedMediaRoute } from './routes/ui/stored-media-route.js';
import { triageAssets } from './routes/ui/triage-assets.js';
import { triagePages } from './routes/ui/triage-pages.js';
import { whatsappWebPages } from './routes/ui/whatsapp-web-pages.js';

/** What the HTTP app needs from the process's services. */
export type AppDeps = Pick<
  Services,
  'config' | 'logger' | 'database' | 'redis' | 'inbound' | 'cipher' | 'adapters' | 'channels' | 'mediaStore'
> & { workspace: TriageRuntime };

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    trustProxy: deps.config.TRUST_PROXY,
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
  });
  app.setErrorHandler(errorHandler);
  // Route schemas are zod: they validate requests, shape responses and generate the OpenAPI document.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(formbody);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Suara API',
        version: '1',
        description:
          'The triage workspace API. Authenticate with `Authorization: Bearer <personal token>` (suara users token) or the session cookie plus an `X-CSRF-Token` header. Errors are `{ error, message }`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          partnerKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'A partner key (suara partners keys create)',
          },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  registerSecurityHeaders(app);
  registerAuth(app, deps.workspace);
  await registerPublicRateLimits(app, {
    redis: deps.redis,
    prefix: deps.config.QUEUE_PREFIX,
    limits: {
      webhooks: deps.config.RATE_LIMIT_WEBHOOKS_PER_MINUTE,
      simulator: deps.config.RATE_LIMIT_SIMULATOR_PER_MINUTE,
      signIn: deps.config.RATE_LIMIT_SIGN_IN_PER_MINUTE,
      public: deps.config.RATE_LIMIT_PUBLIC_PER_MINUTE,
    },
  });

  await app.register(healthRoutes, {
    readiness: createReadinessCheck({ pool: deps.database.pool, redis: deps.redis, channels: deps.channels }),
    detailsToken: deps.config.READINESS_TOKEN,
  });
  // Before the webhook routes: its response hook counts them.
  await registerMetrics(app, { ...deps, providers: deps.adapters.keys() });
  const events = createWebhookEventSink({
    inbound: deps.inbound,
    statusUpdates: createStatusUpdateService(deps.database.db),
  });
  // Every provider's webhooks, enabled or not: a disabled one answers 503 naming the variables to set.
  for (const module of channelModules) {
    await app.register(module.routes, {
      prefix: `/webhooks/${module.provider}`,
      channel: deps.channels.get(module.provider) ?? null,
      disabled: deps.config.disabledChannels[module.provider] ?? '',
      config: deps.config,
      events,
      redis: deps.redis,
      queuePrefix: deps.config.QUEUE_PREFIX,
      publicUrl: deps.config.PUBLIC_URL,
    });
  }
  if (deps.config.SIMULATOR_ENABLED) {
    const production = deps.config.NODE_ENV === 'production';
    if (production)
      deps.logger.warn(
        'The web simulator is on (SIMULATOR_ENABLED): only signed-in secretariat staff may use it.',
      );
    await app.register(simulatorRoutes, {
      simulator: createSimulatorService({ db: deps.database.db, inbound: deps.inbound, cipher: deps.cipher }),
      requireStaff: production,
    });
  }
  await app.register(triageAssets);
  await app.register(signInRoutes, {
    signIn: deps.workspace.signIn,
    userAdmin: deps.workspace.userAdmin,
    secureCookies: deps.config.COOKIE_SECURE,
    sessionHours: deps.config.STAFF_SESSION_MAX_HOURS,
  });
  await app.register(triagePages, { triage: deps.workspace.triage });
  await app.register(storedMediaRoute, {
    media: createStoredMediaService({ db: deps.database.db, store: deps.mediaStore }),
    triage: deps.workspace.triage,
    twilio: deps.config.twilio,
  });
  await app.register(reportsApi, { triage: deps.workspace.triage });
  await app.register(workspaceApi, deps.workspace);
  await app.register(usersApi, { users: deps.workspace.users });
  await app.register(adminPages, deps.workspace);
  await app.register(partnerPages, { partners: deps.workspace.partners });
  await app.register(whatsappWebPages, { whatsappWebLink: deps.workspace.whatsappWebLink });
  await app.register(whatsappWebApi, { whatsappWebLink: deps.workspace.whatsappWebLink });
  await app.register(indicatorsApi, deps.workspace);
  await app.register(exportsApi, deps.workspace);
  await app.register(open311Routes, { open311: deps.workspace.open311, access: deps.config.OPEN311_ACCESS });
  await app.register(surveysApi, deps.workspace);
  await app.register(indicatorPages, deps.workspace);
  await app.register(campaignPages, deps.workspace);
  app.get('/api/docs', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

import { type AuditBrowser, createAuditBrowser } from '../audit/audit-browser.js';
import { createSignInService, type SignInService } from '../auth/sign-in-service.js';
import { createUserAdminById, type UserAdminById } from '../auth/user-admin-by-id.js';
import { createUserAdminService, type UserAdminService } from '../auth/user-admin-service.js';
import { baileysSocketFactory } from '../channels/whatsapp-web/make-baileys-socket.js';
import {
  createWhatsappWebLinkService,
  type WhatsappWebLinkService,
} from '../channels/whatsapp-web/whatsapp-web-link-service.js';
import type { Classify } from '../classifier/classification.js';
import { createExportBatchService, type ExportBatchService } from '../exports/export-batch-service.js';
import { createExportService, type ExportService } from '../exports/export-service.js';
import { createKeyRateLimit, type KeyRateLimit } from '../exports/key-rate-limit.js';
import { createPartnerService, type PartnerService } from '../exports/partner-service.js';
import { createSurveyExportService, type SurveyExportService } from '../exports/survey-export-service.js';
import type { PlaceDirectory } from '../geo/place-directory.js';
import { createIndicatorService, type IndicatorService } from '../indicators/indicator-service.js';
import { createTransparencyService, type TransparencyService } from '../indicators/transparency-service.js';
import { createOpen311Service, type Open311ServiceApi } from '../open311/open311-service.js';
import { type CampaignService, createCampaignService } from '../surveys/campaign-service.js';
import { type CommentReportService, createCommentReportService } from '../surveys/comment-report-service.js';
import { createSurveyResultsService, type SurveyResultsService } from '../surveys/survey-results-service.js';
import { createTriageService, type TriageService } from '../triage/triage-service.js';
import { createRegistryClassifier } from './create-conversation-runtime.js';
import type { Services } from './create-services.js';
import type { Domain } from './load-domain.js';

export interface TriageRuntime {
  triage: TriageService;
  signIn: SignInService;
  userAdmin: UserAdminService;
  /** The same service addressed by user id, as the workspace addresses users. */
  users: UserAdminById;
  audit: AuditBrowser;
  places: PlaceDirectory;
  indicators: IndicatorService;
  transparency: TransparencyService;
  partners: PartnerService;
  partnerRateLimit: KeyRateLimit;
  exports: ExportService;
  exportBatches: ExportBatchService;
  campaigns: CampaignService;
  surveyResults: SurveyResultsService;
  surveyExports: SurveyExportService;
  commentReports: CommentReportService;
  open311: Open311ServiceApi;
  /** Linking the WhatsApp Web number from the admin page (the same routine as the command). */
  whatsappWebLink: WhatsappWebLinkService;
  clock: () => Date;
}

/** The base URL people open the workspace at: PUBLIC_URL, else where this process listens. */
export function workspaceBaseUrl(config: Services['config']): string {
  return (
    config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`
  );
}

/** Builds the workspace's services over the process's domain data (citizen texts, gazetteer, service levels). */
export function createTriageRuntime(
  services: Services,
  domain: Domain,
  clock: () => Date = () => new Date(),
): TriageRuntime {
  const { config, database } = services;
  const { flows: registry, gazetteer, serviceLevels } = domain;
  const triage = createTriageService({
    db: database.db,
    outbound: services.outbound,
    notifier: {
      flows: registry.current,
      templates: {
        twilio: {
          notify_validated: config.TWILIO_TEMPLATE_VALIDATED,
          notify_in_follow_up: config.TWILIO_TEMPLATE_IN_FOLLOW_UP,
          notify_closed: config.TWILIO_TEMPLATE_CLOSED,
          staff_message: config.TWILIO_TEMPLATE_STAFF_MESSAGE,
        },
        whatsappCloud: {
          notify_validated: config.WHATSAPP_CLOUD_TEMPLATE_VALIDATED,
          notify_in_follow_up: config.WHATSAPP_CLOUD_TEMPLATE_IN_FOLLOW_UP,
          notify_closed: config.WHATSAPP_CLOUD_TEMPLATE_CLOSED,
          staff_message: config.WHATSAPP_CLOUD_TEMPLATE_STAFF_MESSAGE,
        },
      },
    },
    serviceLevels,
    places: gazetteer.places,
    cipher: services.cipher,
    maskedReplyWindowDays: config.MASKED_REPLY_WINDOW_DAYS,
    lowConfidenceBelow: registry.current().categories.confidenceThreshold,
    clock,
  });
  const signIn = createSignInService({
    db: database.db,
    redis: services.redis,
    cipher: services.cipher,
    queuePrefix: config.QUEUE_PREFIX,
    maxFailures: config.LOGIN_MAX_FAILURES,
    lockoutMinutes: config.LOGIN_LOCKOUT_MINUTES,
    idleMinutes: config.STAFF_SESSION_IDLE_MINUTES,
    maxHours: config.STAFF_SESSION_MAX_HOURS,
    clock,
  });
  const userAdmin = createUserAdminService({
    db: database.db,
    baseUrl: workspaceBaseUrl(config),
    linkHours: config.PASSWORD_LINK_HOURS,
    clock,
  });
  const indicators = createIndicatorService({ db: database.db, clock });
  const surveyResults = createSurveyResultsService({ db: database.db, flows: registry.current });
  // Loaded on first use: most workspace requests never classify.
  let classifier: Promise<Classify> | undefined;
  const partners = createPartnerService({ db: database.db, cipher: services.cipher, clock });
  const exports = createExportService({
    db: database.db,
    pool: database.pool,
    places: gazetteer.places,
    coordinates: domain.coordinates,
    logger: services.logger,
  });
  return {
    triage,
    signIn,
    userAdmin,
    users: createUserAdminById({ db: database.db, userAdmin }),
    audit: createAuditBrowser(database.db),
    places: gazetteer.places,
    indicators,
    transparency: createTransparencyService({ db: database.db, indicators, clock }),
    partners,
    partnerRateLimit: createKeyRateLimit(services.redis, config.QUEUE_PREFIX, config.EXPORT_RATE_PER_MINUTE),
    exports,
    exportBatches: createExportBatchService({
      db: database.db,
      cipher: services.cipher,
      partners,
      exports,
      clock,
    }),
    campaigns: createCampaignService({
      db: database.db,
      flows: registry.current,
      priceList: { prices: config.SMS_PRICES, currency: config.SMS_PRICE_CURRENCY },
      hours: config.CAMPAIGN_HOURS,
      monthlyCap: config.CAMPAIGN_MONTHLY_CAP,
      clock,
    }),
    surveyResults,
    surveyExports: createSurveyExportService({
      db: database.db,
      results: surveyResults.publicResults,
      clock,
    }),
    open311: createOpen311Service({
      db: database.db,
      places: gazetteer.places,
      coordinates: domain.coordinates,
      categories: () => registry.current().categories,
      clock,
    }),
    commentReports: createCommentReportService({
      db: database.db,
      flows: registry.current,
      classify: () => (classifier ??= createRegistryClassifier(domain, config.FLOWS_DIR, services.logger)),
      serviceLevels,
      clock,
    }),
    whatsappWebLink: createWhatsappWebLinkService({
      db: database.db,
      redis: services.redis,
      cipher: services.cipher,
      logger: services.logger,
      queuePrefix: config.QUEUE_PREFIX,
      session: config.WHATSAPP_WEB_SESSION,
      enabled: config.whatsappWeb !== null,
      lockTtlMs: config.WHATSAPP_WEB_LOCK_TTL_SECONDS * 1000,
      socketFactory: baileysSocketFactory(services.logger),
      timeoutMs: config.WHATSAPP_WEB_LINK_TIMEOUT_SECONDS * 1000,
      clock,
    }),
    clock,
  };
}

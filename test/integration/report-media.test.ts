import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storedMedia } from '../../src/db/schema/media.js';
import { reports } from '../../src/db/schema/reports.js';
import { storedMediaIdOf } from '../../src/media/stored-media-ref.js';
import { citizenSends } from '../support/citizen-report.js';
import { createStaff, signInOverHttp } from '../support/staff-accounts.js';
import { ACCOUNT_SID, AUTH_TOKEN, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { STAND_IN_PNG, startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in.js';

const CITIZEN = '+6281355500011';
const COMPLAINT = 'sungai keruh dan tercemar limbah tambang batubara di desa Loa Ipuh, Kukar';
const MEDIA_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM${'1'.repeat(32)}/Media/ME${'2'.repeat(32)}`;

describe("a report's photo, downloaded from Twilio and shown to signed-in staff of its province", () => {
  let standIn: TwilioStandIn;
  /** Another origin: a stored URL pointing here must never be fetched. */
  let elsewhere: TwilioStandIn;
  let stack: TestStack;
  let code: string;
  let kaltim: { cookie: string };
  let sultra: { cookie: string };
  let mediaDir: string;
  /** How the download job asked Twilio for the photo. */
  let download: { path: string; authorization: string | undefined } | undefined;

  beforeAll(async () => {
    [standIn, elsewhere] = await Promise.all([startTwilioStandIn(), startTwilioStandIn()]);
    mediaDir = await mkdtemp(join(tmpdir(), 'suara-media-'));
    stack = await startTestStack({ env: { TWILIO_API_BASE_URL: standIn.url, MEDIA_DIR: mediaDir } });
    await stack.startConversationWorkers();
    await createStaff(stack, { email: 'kaltim@example.org', role: 'secretariat', provinces: ['64'] });
    await createStaff(stack, { email: 'sultra@example.org', role: 'secretariat', provinces: ['74'] });

    // On WhatsApp the flow asks for a photo after the category; the citizen sends one.
    await whatsappSends({ Body: COMPLAINT });
    await whatsappSends({ Body: '1' });
    await whatsappSends({
      Body: '',
      NumMedia: '1',
      MediaUrl0: `${standIn.url}${MEDIA_PATH}`,
      MediaContentType0: 'image/png',
    });
    const [report] = await stack.database.db
      .select()
      .from(reports)
      .where(sql`${reports.texts}->>0 = ${COMPLAINT}`);
    if (!report) throw new Error('no report made');
    expect(report.provinceCode).toBe('64');
    // The report refers to the stored copy; Twilio's URL is dropped once the photo is downloaded.
    const mediaId = storedMediaIdOf(report.media[0]?.url ?? '');
    expect(mediaId).not.toBeNull();
    expect(report.media).toHaveLength(1);
    const row = await waitFor(async () => {
      const [found] = await stack.database.db
        .select()
        .from(storedMedia)
        .where(eq(storedMedia.id, mediaId ?? ''));
      return found?.status === 'stored' ? found : null;
    });
    expect(row).toMatchObject({ contentType: 'image/png', sourceRef: null });
    download = mediaRequests(standIn)[0];
    code = report.referenceCode;

    kaltim = await signInOverHttp(stack, 'kaltim@example.org');
    sultra = await signInOverHttp(stack, 'sultra@example.org');
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await Promise.all([standIn?.close(), elsewhere?.close()]);
    if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    standIn.requests.length = 0;
  });

  async function whatsappSends(params: Record<string, string>): Promise<void> {
    const { Body: body = '', ...extra } = params;
    await citizenSends(stack, `whatsapp:${CITIZEN}`, body, extra);
  }

  const getMedia = (cookie?: string) =>
    stack.app.inject({
      method: 'GET',
      url: `/triage/reports/${code}/media/0`,
      headers: cookie ? { cookie } : {},
    });

  const mediaRequests = (server: TwilioStandIn) => server.requests.filter((r) => r.method === 'GET');

  it("serves the stored copy to the report's province, downloaded once with the account's basic auth", async () => {
    const response = await getMedia(kaltim.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['cache-control']).toContain('no-store');
    // Re-encoded without metadata: the same picture, not necessarily the same bytes.
    const served = await sharp(response.rawPayload).raw().toBuffer();
    expect(served.equals(await sharp(STAND_IN_PNG).raw().toBuffer())).toBe(true);
    // Staff opening it does not ask Twilio again.
    expect(mediaRequests(standIn)).toHaveLength(0);

    expect(download?.path).toBe(MEDIA_PATH);
    const expected = Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64');
    expect(download?.authorization).toBe(`Basic ${expected}`);
  });

  it('answers 404 to staff of another province, without asking Twilio', async () => {
    const response = await getMedia(sultra.cookie);
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain(MEDIA_PATH);
    expect(mediaRequests(standIn)).toHaveLength(0);
  });

  it('sends an unsigned request to the sign-in page', async () => {
    const response = await getMedia();
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(
      `/triage/login?next=${encodeURIComponent(`/triage/reports/${code}/media/0`)}`,
    );
    expect(mediaRequests(standIn)).toHaveLength(0);
  });

  it('answers 404 for a missing index', async () => {
    const response = await stack.app.inject({
      method: 'GET',
      url: `/triage/reports/${code}/media/1`,
      headers: { cookie: kaltim.cookie },
    });
    expect(response.statusCode).toBe(404);
    expect(mediaRequests(standIn)).toHaveLength(0);
  });

  it('refuses a provider link (a report from before media were stored) on any other origin', async () => {
    await stack.database.db
      .update(reports)
      .set({ media: [{ url: `${elsewhere.url}${MEDIA_PATH}`, contentType: 'image/png' }] })
      .where(eq(reports.referenceCode, code));

    const response = await getMedia(kaltim.cookie);
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Media from an unexpected address.');
    expect(response.body).not.toContain(elsewhere.url);
    expect(elsewhere.requests).toHaveLength(0);
    expect(mediaRequests(standIn)).toHaveLength(0);
  });
});

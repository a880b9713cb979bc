import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, desc, eq, sql } from 'drizzle-orm';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/audit-log.js';
import { placeHints, storedMedia } from '../../src/db/schema/media.js';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import { storedMediaIdOf } from '../../src/media/stored-media-ref.js';
import { citizenSends } from '../support/citizen-report.js';
import { type MediaStandIn, startMediaStandIn } from '../support/media-stand-in.js';
import { createStaff, signInOverHttp } from '../support/staff-accounts.js';
import { ACCOUNT_SID, AUTH_TOKEN, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { cloudWebhook, postCloudWebhook, wamid } from '../support/whatsapp-cloud-webhook.js';

const TOKEN = 'EAAG-media-test-token';
const SECRET = 'media-test-app-secret-0123';
const PHONE_ID = '106540352242922';
const MAX_BYTES = 300_000;
const COMPLAINT = 'sungai keruh dan tercemar limbah tambang batubara di desa Loa Ipuh, Kukar';
/** Where the photo was taken: Tenggarong, Kutai Kartanegara. */
const GPS = { latitude: -0.4167, longitude: 116.9833 };

const twilioMediaPath = (n: number) =>
  `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM${randomBytes(16).toString('hex')}/Media/ME${String(n).padStart(32, '0')}`;

/** A real JPEG carrying EXIF: camera make, model, a capture time and the GPS position (degrees, minutes, seconds). */
async function photoWithGps(): Promise<Buffer> {
  const dms = (value: number) => {
    const abs = Math.abs(value);
    const degrees = Math.floor(abs);
    const minutes = Math.floor((abs - degrees) * 60);
    const seconds = Math.round(((abs - degrees) * 60 - minutes) * 60 * 100);
    return `${degrees}/1 ${minutes}/1 ${seconds}/100`;
  };
  return sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 120, g: 90, b: 40 } } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'SuaraTestCam', Model: 'Feature Phone 1', DateTime: '2026:11:20 09:15:00' },
      IFD3: {
        GPSLatitudeRef: GPS.latitude < 0 ? 'S' : 'N',
        GPSLatitude: dms(GPS.latitude),
        GPSLongitudeRef: 'E',
        GPSLongitude: dms(GPS.longitude),
      },
    })
    .toBuffer();
}

describe('stored media: downloaded with the provider’s credentials, checked, stripped, stored once', () => {
  let stand: MediaStandIn;
  let stack: TestStack;
  let mediaDir: string;
  let photo: Buffer;
  let staff: { cookie: string };
  let citizen = 0;
  const nextNumber = () => `+6281355${String(600_000 + ++citizen)}`;

  beforeAll(async () => {
    photo = await photoWithGps();
    // The fixture itself must carry what the test says is stripped.
    expect(await exifr.gps(photo)).toMatchObject({
      latitude: expect.closeTo(GPS.latitude, 3),
      longitude: expect.closeTo(GPS.longitude, 3),
    });
    stand = await startMediaStandIn({
      twilioBasic: Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64'),
      graphBearer: TOKEN,
    });
    mediaDir = await mkdtemp(join(tmpdir(), 'suara-media-'));
    stack = await startTestStack({
      env: {
        TWILIO_API_BASE_URL: stand.url,
        WHATSAPP_CLOUD_API_BASE_URL: stand.url,
        WHATSAPP_CLOUD_API_VERSION: 'v21.0',
        WHATSAPP_CLOUD_ACCESS_TOKEN: TOKEN,
        WHATSAPP_CLOUD_APP_SECRET: SECRET,
        WHATSAPP_CLOUD_VERIFY_TOKEN: 'verify-token-media',
        WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_ID,
        MEDIA_DIR: mediaDir,
        MEDIA_MAX_BYTES: String(MAX_BYTES),
        MEDIA_DOWNLOAD_ATTEMPTS: '4',
        MEDIA_DOWNLOAD_BACKOFF_MS: '50',
      },
    });
    await stack.startConversationWorkers();
    await createStaff(stack, { email: 'kaltim@example.org', role: 'secretariat', provinces: ['64'] });
    staff = await signInOverHttp(stack, 'kaltim@example.org');
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await stand?.close();
    if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
  });

  /** Complaint, category confirmed, then the attachment: over Twilio's WhatsApp webhook. */
  async function twilioReport(mediaPath: string, contentType: string) {
    const from = `whatsapp:${nextNumber()}`;
    await citizenSends(stack, from, COMPLAINT);
    await citizenSends(stack, from, '1');
    await citizenSends(stack, from, '', {
      NumMedia: '1',
      MediaUrl0: `${stand.url}${mediaPath}`,
      MediaContentType0: contentType,
    });
    return latestReport();
  }

  async function cloudReport(mediaId: string, mimeType: string) {
    const from = nextNumber().slice(1);
    const send = async (message: Record<string, unknown>) => {
      const id = wamid();
      const payload = cloudWebhook(
        { messages: [{ from, id, timestamp: String(Math.floor(Date.now() / 1000)), ...message }] },
        PHONE_ID,
      );
      const response = await postCloudWebhook(stack, SECRET, payload);
      expect(response.statusCode).toBe(200);
      await waitFor(async () => {
        const [row] = await stack.database.db
          .select({ handledAt: messages.handledAt })
          .from(messages)
          .where(and(eq(messages.provider, 'whatsapp-cloud'), eq(messages.providerMessageId, id)));
        return row?.handledAt;
      });
    };
    await send({ type: 'text', text: { body: COMPLAINT } });
    await send({ type: 'text', text: { body: '1' } });
    await send({ type: 'image', image: { id: mediaId, mime_type: mimeType, sha256: 'x' } });
    return latestReport();
  }

  async function latestReport() {
    const [report] = await stack.database.db.select().from(reports).orderBy(desc(reports.createdAt)).limit(1);
    if (!report) throw new Error('no report made');
    return report;
  }

  /** The stored media row behind a report's only attachment, once its download has finished. */
  async function settledMedia(report: { media: { url: string }[] }) {
    expect(report.media).toHaveLength(1);
    const id = storedMediaIdOf(report.media[0]?.url ?? '');
    if (!id) throw new Error(`not a stored media reference: ${report.media[0]?.url}`);
    return waitFor(async () => {
      const [row] = await stack.database.db.select().from(storedMedia).where(eq(storedMedia.id, id));
      return row && row.status !== 'pending' ? row : null;
    }, 20_000);
  }

  async function storedFiles(): Promise<string[]> {
    const files = await readdir(mediaDir, { recursive: true, withFileTypes: true });
    return files.filter((f) => f.isFile()).map((f) => join(f.parentPath, f.name));
  }

  const logLines = (message: string) => stack.logs.filter((line) => line.includes(message));

  let twilioRow: Awaited<ReturnType<typeof settledMedia>>;
  let twilioCode = '';

  it('stores a Twilio photo without its metadata, and records its GPS position as a place hint', async () => {
    const path = twilioMediaPath(1);
    stand.serve(path, { bytes: photo, contentType: 'image/jpeg' });
    const report = await twilioReport(path, 'image/jpeg');
    twilioCode = report.referenceCode;
    expect(report.provinceCode).toBe('64');
    twilioRow = await settledMedia(report);
    expect(twilioRow).toMatchObject({
      status: 'stored',
      contentType: 'image/jpeg',
      sourceRef: null,
      attempts: 1,
    });

    // Downloaded once, with the account's basic auth.
    const gets = stand.requests.filter((r) => r.path === path);
    expect(gets).toHaveLength(1);
    expect(gets[0]?.authorization).toBe(
      `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
    );

    // Named by the hash of its bytes; no EXIF left, the picture itself intact.
    const files = await storedFiles();
    expect(files).toHaveLength(1);
    const file = files[0] ?? '';
    expect(file.endsWith(twilioRow.sha256 ?? 'missing')).toBe(true);
    const stored = await readFile(file);
    expect(stored.length).toBe(twilioRow.sizeBytes);
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
    expect(meta.exif).toBeUndefined();
    expect(await exifr.parse(stored)).toBeUndefined();
    expect(stored.includes(Buffer.from('SuaraTestCam'))).toBe(false);

    const [hint] = await stack.database.db
      .select()
      .from(placeHints)
      .where(eq(placeHints.storedMediaId, twilioRow.id));
    expect(hint).toMatchObject({ source: 'photo_exif', messageId: twilioRow.messageId });
    expect(hint?.latitude).toBeCloseTo(GPS.latitude, 3);
    expect(hint?.longitude).toBeCloseTo(GPS.longitude, 3);

    // The provider's URL is nowhere any more: not on the message, not on the report.
    const everywhere = await stack.database.db.execute(
      sql`select (select count(*) from messages where media::text like ${`%${path}%`}) + (select count(*) from reports where media::text like ${`%${path}%`}) + (select count(*) from stored_media where source_ref like ${`%${path}%`}) as n`,
    );
    expect(Number(everywhere.rows[0]?.n)).toBe(0);
  });

  it('stores the same photo from the Cloud API once more in name only: one file, two references', async () => {
    stand.serve('1479537139650973', { bytes: photo, contentType: 'image/jpeg' });
    const report = await cloudReport('1479537139650973', 'image/jpeg');
    const row = await settledMedia(report);
    expect(row).toMatchObject({ status: 'stored', provider: 'whatsapp-cloud', sha256: twilioRow.sha256 });
    expect(row.id).not.toBe(twilioRow.id);
    expect(await storedFiles()).toHaveLength(1);

    // Asked for the URL, then fetched it, both with the bearer token.
    const graph = stand.requests.filter((r) => r.path.includes('1479537139650973'));
    expect(graph.map((r) => r.path)).toEqual([
      `/v21.0/1479537139650973?phone_number_id=${PHONE_ID}`,
      '/media-download/1479537139650973',
    ]);
    for (const request of graph) expect(request.authorization).toBe(`Bearer ${TOKEN}`);

    const hints = await stack.database.db
      .select()
      .from(placeHints)
      .where(eq(placeHints.storedMediaId, row.id));
    expect(hints).toHaveLength(1);
  });

  it('refuses a type that is not allowed, says so in the log without the number, and still makes the report', async () => {
    const path = twilioMediaPath(2);
    stand.serve(path, {
      bytes: Buffer.from('MZ this is not a photo'),
      contentType: 'application/x-msdownload',
    });
    const before = (await storedFiles()).length;
    const report = await twilioReport(path, 'application/x-msdownload');
    expect(report.referenceCode).toMatch(/\S/);
    const row = await settledMedia(report);
    expect(row).toMatchObject({
      status: 'refused',
      refusalReason: 'type_not_allowed',
      sourceRef: null,
      sha256: null,
    });
    expect(await storedFiles()).toHaveLength(before);
    const lines = logLines('media refused: type not allowed');
    expect(lines.some((line) => line.includes(row.id))).toBe(true);
    for (const line of lines) expect(line).not.toMatch(/\+?62813/);
  });

  it('refuses an attachment larger than MEDIA_MAX_BYTES while reading it, and still makes the report', async () => {
    const path = twilioMediaPath(3);
    // No Content-Length: only counting the bytes as they arrive can tell.
    stand.serve(path, { bytes: randomBytes(MAX_BYTES * 3), contentType: 'video/mp4', chunked: true });
    const before = (await storedFiles()).length;
    const report = await twilioReport(path, 'video/mp4');
    const row = await settledMedia(report);
    expect(row).toMatchObject({ status: 'refused', refusalReason: 'too_large', sha256: null });
    expect(await storedFiles()).toHaveLength(before);
    const lines = logLines('media refused: larger than MEDIA_MAX_BYTES');
    expect(lines.some((line) => line.includes(row.id))).toBe(true);
    const line = JSON.parse(lines.find((l) => l.includes(row.id)) ?? '{}') as { readBytes?: number };
    // Stopped just past the limit, not after the whole body.
    expect(line.readBytes).toBeGreaterThan(MAX_BYTES);
    expect(line.readBytes).toBeLessThan(MAX_BYTES * 2);
    for (const l of lines) expect(l).not.toMatch(/\+?62813/);
  });

  it('retries a download that failed twice, with backoff, and stores it on the third attempt', async () => {
    const other = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    stand.serve('2222222222222222', { bytes: other, contentType: 'image/png', failTimes: 2 });
    const report = await cloudReport('2222222222222222', 'image/png');
    const row = await settledMedia(report);
    expect(row).toMatchObject({
      status: 'stored',
      contentType: 'image/png',
      attempts: 3,
      failureReason: null,
    });
    const downloads = stand.requests.filter((r) => r.path === '/media-download/2222222222222222');
    expect(downloads).toHaveLength(3);
    expect(logLines('media download failed; will retry').filter((l) => l.includes(row.id))).toHaveLength(2);
    // No position in this one: no place hint.
    expect(
      await stack.database.db.select().from(placeHints).where(eq(placeHints.storedMediaId, row.id)),
    ).toEqual([]);
  });

  it('marks a download failed for good after its attempts, visible on the report page', async () => {
    stand.serve('3333333333333333', { bytes: photo, contentType: 'image/jpeg', failTimes: 99 });
    const report = await cloudReport('3333333333333333', 'image/jpeg');
    const row = await settledMedia(report);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 4,
      failureReason: 'the provider answered HTTP 500',
    });
    expect(row.sourceRef).toBe('whatsapp-cloud:media/3333333333333333');
    const page = await stack.app.inject({
      method: 'GET',
      url: `/triage/reports/${report.referenceCode}`,
      headers: { cookie: staff.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-media-status="failed"');
    expect(page.body).toContain('the provider answered HTTP 500');
  });

  it('serves the stored copy to staff of the province, audited, with nosniff and a safe file name', async () => {
    const response = await stack.app.inject({
      method: 'GET',
      url: `/triage/reports/${twilioCode}/media/0`,
      headers: { cookie: staff.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toContain('no-store');
    expect(response.headers['content-disposition']).toBe(`inline; filename="${twilioCode}-1.jpg"`);
    const file = (await storedFiles()).find((f) => f.endsWith(twilioRow.sha256 ?? 'missing'));
    expect(response.rawPayload.equals(await readFile(file ?? ''))).toBe(true);

    const [entry] = await stack.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'report.view_media'))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(entry).toMatchObject({
      actor: 'kaltim@example.org',
      subjectType: 'report',
      subjectId: twilioCode,
    });

    const page = await stack.app.inject({
      method: 'GET',
      url: `/triage/reports/${twilioCode}`,
      headers: { cookie: staff.cookie },
    });
    expect(page.body).toContain('data-media-status="stored"');
    expect(page.body).toContain(`data-place-hint="${GPS.latitude.toFixed(5)},${GPS.longitude.toFixed(5)}"`);
    expect(page.body).not.toContain(stand.url);
  });

  it('refuses anonymous users and staff of another province', async () => {
    const anonymous = await stack.app.inject({ method: 'GET', url: `/triage/reports/${twilioCode}/media/0` });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/triage/login');
    await createStaff(stack, { email: 'sultra@example.org', role: 'secretariat', provinces: ['74'] });
    const sultra = await signInOverHttp(stack, 'sultra@example.org');
    const elsewhere = await stack.app.inject({
      method: 'GET',
      url: `/triage/reports/${twilioCode}/media/0`,
      headers: { cookie: sultra.cookie },
    });
    expect(elsewhere.statusCode).toBe(404);
  });
});

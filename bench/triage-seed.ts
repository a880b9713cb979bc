import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import * as schema from '../src/db/schema/index.js';
import { rebuildIndicatorRollup } from '../src/indicators/indicator-repository.js';
import { withBulkLoad } from './triage-bulk-load.js';
import { mix32, seededHex, seededReferenceCode, seededUuid } from './triage-ids.js';
import { loadSeedPlaces } from './triage-places.js';
import {
  isSimulatorContact,
  KIND,
  planReport,
  type ReportPlan,
  SEED_USERS,
  type SeedWorld,
} from './triage-rows.js';

const YEAR = 365 * 86_400_000;
type Cell = string | number | boolean | null;

/** COPY's text format: tab-separated, `\N` for null, backslash escapes for the separators. */
function line(cells: readonly Cell[]): string {
  return `${cells
    .map((cell) => {
      if (cell === null) return '\\N';
      if (typeof cell !== 'string') return String(cell);
      return cell.replace(/[\\\t\n\r]/g, (ch) =>
        ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r',
      );
    })
    .join('\t')}\n`;
}

const at = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function contactChannel(index: number): { channel: string; provider: string } {
  if (isSimulatorContact(index)) return { channel: 'sms', provider: 'simulator' };
  const draw = mix32(index ^ 0xc0ffee) % 10;
  if (draw < 5) return { channel: 'sms', provider: 'twilio' };
  if (draw < 7) return { channel: 'sms', provider: 'android-sms' };
  return { channel: 'whatsapp', provider: 'twilio' };
}

/** Pseudonyms like the app's `W-…`; address hash and ciphertext are random-looking filler, no real numbers. */
function contactLine(world: SeedWorld, i: number): string {
  const { channel, provider } = contactChannel(i);
  const firstSeen = world.startMs + ((mix32(i) % 1000) / 1000) * world.spanMs * 0.8;
  const lastSeen = firstSeen + ((mix32(i ^ 7) % 1000) / 1000) * (world.startMs + world.spanMs - firstSeen);
  const sealed = `v1.${Buffer.from(seededHex(2, i, 11), 'hex').toString('base64')}`;
  const pseudonym = `W-${seededReferenceCode(i)}${seededReferenceCode(mix32(i)).slice(0, 2)}`;
  return line([
    seededUuid(KIND.contact, i),
    pseudonym,
    channel,
    provider,
    seededHex(1, i, 8),
    sealed,
    'id',
    at(firstSeen),
    at(lastSeen),
    at(lastSeen),
  ]);
}
const CONTACT_COLUMNS =
  'id, pseudonym, channel, provider, address_hash, address_enc, language, first_seen_at, last_seen_at, last_inbound_at';

/** The inbound message that completed the report (its source message). */
function messageLine(plan: ReportPlan): string {
  const { channel, provider } = contactChannel(plan.contactIndex);
  return line([
    plan.messageId,
    'inbound',
    channel,
    provider,
    `SM${seededHex(3, plan.index, 4)}`,
    seededUuid(KIND.contact, plan.contactIndex),
    plan.texts.at(-1) ?? '',
    plan.withMedia
      ? JSON.stringify([{ url: 'https://media.example.org/x.jpg', contentType: 'image/jpeg' }])
      : '[]',
    'received',
    at(plan.createdAt),
    at(plan.messageAt),
    at(plan.createdAt),
  ]);
}
const MESSAGE_COLUMNS =
  'id, direction, channel, provider, provider_message_id, contact_id, body, media, status, handled_at, created_at, updated_at';

function reportLine(world: SeedWorld, plan: ReportPlan): string {
  const place = plan.place;
  const media = plan.withMedia ? [{ url: 'https://media.example.org/x.jpg', contentType: 'image/jpeg' }] : [];
  return line([
    plan.id,
    seededReferenceCode(plan.index),
    seededUuid(KIND.contact, plan.contactIndex),
    plan.messageId,
    contactChannel(plan.contactIndex).channel,
    'lapor',
    'id',
    plan.category,
    plan.categorySource,
    plan.classifierCategory,
    plan.classifierConfidence,
    JSON.stringify(plan.classifierEvidence),
    plan.citizenCategory,
    JSON.stringify(plan.texts),
    place?.provinceCode ?? null,
    place?.regencyCode ?? null,
    place?.districtCode ?? null,
    place?.villageCode ?? null,
    place?.label ?? null,
    JSON.stringify(media),
    plan.citizenMessages,
    plan.status,
    plan.simulated,
    plan.assigneeIndex === null ? null : seededUuid(KIND.user, plan.assigneeIndex),
    plan.duplicateOfIndex === null ? null : seededUuid(KIND.report, plan.duplicateOfIndex),
    plan.rejectionReason,
    plan.outcome,
    plan.outcome ? 'Sudah ditinjau forum dan diteruskan ke dinas terkait.' : null,
    at(plan.validatedAt),
    at(plan.triagedAt),
    at(plan.firstFollowUpAt),
    at(plan.closedAt),
    at(plan.dueAt),
    plan.dueKind,
    at(Math.min(plan.createdAt + 30 * 86_400_000, world.startMs + world.spanMs)),
    at(plan.conversationStartedAt),
    at(plan.createdAt),
    at(plan.updatedAt),
  ]);
}
const REPORT_COLUMNS = [
  'id, reference_code, contact_id, source_message_id, channel, flow_id, language, category',
  'category_source, classifier_category, classifier_confidence, classifier_evidence, citizen_category',
  'texts, province_code, regency_code, district_code, village_code, location_text, media, citizen_messages',
  'status, simulated, assignee_id, duplicate_of_id, rejection_reason, outcome, public_note, validated_at',
  'triaged_at, first_follow_up_at, closed_at, due_at, due_kind, thread_open_until, conversation_started_at, created_at',
  'updated_at',
].join(', ');

/** Streams `count` generated rows into one COPY; memory stays constant whatever the count. */
async function copyRows(
  client: pg.Client,
  table: string,
  columns: string,
  count: number,
  render: (index: number) => string,
  log: (text: string) => void,
): Promise<void> {
  const started = performance.now();
  // Small chunks and a turn of the event loop between them: a signal handler must get to run within
  // tsx's 30 ms relay window (it SIGKILLs a child that does not answer), or the database is not dropped.
  async function* chunks(): AsyncGenerator<string> {
    let chunk = '';
    for (let i = 0; i < count; i += 1) {
      chunk += render(i);
      if ((i + 1) % 250 === 0) {
        yield chunk;
        chunk = '';
        await new Promise((resolve) => setImmediate(resolve));
      }
      if ((i + 1) % 100_000 === 0) {
        const seconds = (performance.now() - started) / 1000;
        log(
          `  ${table}: ${(i + 1).toLocaleString('en-US')} / ${count.toLocaleString('en-US')} (${seconds.toFixed(1)} s)`,
        );
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`copy ${table} (${columns}) from stdin`)));
  log(
    `  ${table}: ${count.toLocaleString('en-US')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function insertUsers(client: pg.Client): Promise<void> {
  // User 0 is an admin, 1–9 secretariat members (three per province, in SEED_PROVINCES order), 10–11 viewers.
  const provinces = ['64', '74', '11'];
  for (let k = 0; k < SEED_USERS; k += 1) {
    const role = k === 0 ? 'admin' : k <= 9 ? 'secretariat' : 'viewer';
    const scope = role === 'secretariat' ? [provinces[Math.floor((k - 1) / 3)] ?? '64'] : [];
    await client.query('insert into users (id, email, name, role, provinces) values ($1, $2, $3, $4, $5)', [
      seededUuid(KIND.user, k),
      `staf${k}@bench.example.org`,
      `Staf ${k}`,
      role,
      scope,
    ]);
  }
}

/**
 * Fills a migrated, empty database with `reports` reports, their contacts and source messages, and the
 * indicator rollup built from them.
 */
export async function seedTriage(url: string, reports: number, log: (text: string) => void): Promise<void> {
  const end = Date.now();
  const world: SeedWorld = {
    reports,
    contacts: Math.max(SEED_USERS, Math.round(reports / 5)),
    startMs: end - 2 * YEAR,
    spanMs: 2 * YEAR,
    places: await loadSeedPlaces(),
  };
  const client = new pg.Client({ connectionString: url });
  // A dropped database (Ctrl-C) resets the connection: the failing COPY reports it; don't crash twice.
  client.on('error', () => {});
  await client.connect();
  try {
    await insertUsers(client);
    const plan = (i: number) => planReport(world, i);
    const load = async () => {
      await copyRows(client, 'contacts', CONTACT_COLUMNS, world.contacts, (i) => contactLine(world, i), log);
      await copyRows(client, 'messages', MESSAGE_COLUMNS, reports, (i) => messageLine(plan(i)), log);
      await copyRows(client, 'reports', REPORT_COLUMNS, reports, (i) => reportLine(world, plan(i)), log);
    };
    // COPY fires row triggers: the indicators' trigger would append up to five delta rows per report. One
    // rebuild of the rollup from the loaded reports gives the same figures in a fraction of the time.
    await client.query('alter table reports disable trigger reports_indicator_deltas');
    await withBulkLoad(client, ['contacts', 'messages', 'reports'], load, log);
    await client.query('alter table reports enable trigger reports_indicator_deltas');
    let started = performance.now();
    const cells = await rebuildIndicatorRollup(drizzle(client, { schema }));
    log(
      `  indicator rollup rebuilt: ${cells.toLocaleString('en-US')} cells in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    started = performance.now();
    // VACUUM as well as ANALYZE: sets the visibility map as autovacuum would have on a lived-in table,
    // and keeps autovacuum from waking up on the fresh rows in the middle of the measurements.
    await client.query('vacuum (analyze) users, contacts, messages, reports, indicator_rollup');
    log(`  vacuum (analyze): ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}

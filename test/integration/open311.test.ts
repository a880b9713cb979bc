import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPublicProvince } from '../../src/indicators/public-province-repository.js';
import { type FixtureReport, insertFixtureReports } from '../support/report-fixture.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const actor = { userId: null, label: 'test' };

/** Validated, closed, still-new, rejected, other-province, old and simulated reports. */
const fixture = (): Record<string, FixtureReport> => ({
  OPNK01: {
    citizen: 'a',
    receivedAt: daysAgo(10),
    category: 'licensing',
    province: '64',
    regency: '64.02',
    status: 'validated',
    triagedAfter: 2,
    text: 'tambang tanpa izin di kebun kami, hubungi 0812-3456-7890',
  },
  OPNK02: {
    citizen: 'b',
    receivedAt: daysAgo(20),
    category: 'environmental',
    province: '64',
    regency: '64.02',
    status: 'closed',
    outcome: 'resolved',
    triagedAfter: 2,
    followedUpAfter: 24,
    closedAfter: 48,
    text: 'sungai keruh karena limbah',
  },
  OPNK03: { citizen: 'c', receivedAt: daysAgo(5), category: 'revenue', province: '64', status: 'new' },
  OPNK04: {
    citizen: 'c',
    receivedAt: daysAgo(6),
    category: 'other',
    province: '64',
    status: 'rejected',
    triagedAfter: 1,
  },
  OPNA05: {
    citizen: 'd',
    receivedAt: daysAgo(3),
    category: 'licensing',
    province: '11',
    regency: '11.01',
    status: 'validated',
    triagedAfter: 1,
  },
  OPNK06: {
    citizen: 'e',
    receivedAt: daysAgo(200),
    category: 'licensing',
    province: '64',
    regency: '64.02',
    status: 'in_follow_up',
    triagedAfter: 1,
    followedUpAfter: 5,
  },
  OPNK07: {
    citizen: 'f',
    receivedAt: daysAgo(4),
    category: 'licensing',
    province: '64',
    status: 'validated',
    simulated: true,
    triagedAfter: 1,
  },
});

const FIXTURE = fixture();
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
const FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
].sort();

type Request311 = Record<string, unknown> & { service_request_id: string };
const ids = (body: Request311[]) => body.map((r) => r.service_request_id).sort();

describe('Open311 GeoReport v2 for partners (OPEN311_ACCESS=partner)', () => {
  let stack: TestStack;
  let key: string;

  beforeAll(async () => {
    // Centroids for Kutai Kartanegara and Kalimantan Timur only (a district of it has none).
    const coordinates = join(mkdtempSync(join(tmpdir(), 'suara-coordinates-')), 'regions.csv');
    writeFileSync(coordinates, 'code,latitude,longitude\n64,0.5387,116.4194\n64.02,-0.1337,116.6081\n');
    stack = await startTestStack({
      env: {
        OPEN311_ACCESS: 'partner',
        EXPORT_RATE_PER_MINUTE: '1000',
        REGION_COORDINATES_FILE: coordinates,
      },
    });
    await insertFixtureReports(stack.database.db, FIXTURE);
    const partner = await stack.workspace.partners.create(actor, {
      name: 'Koalisi Kaltim',
      provinces: ['64'],
      withText: true,
    });
    if (!partner.ok) throw new Error('partner');
    key = partner.value.key;
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  const get = (url: string, withKey = true) =>
    stack.app.inject({ method: 'GET', url, headers: withKey ? { authorization: `Bearer ${key}` } : {} });

  it('lists the categories as services with the spec’s fields', async () => {
    const response = await get('/open311/v2/services.json');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([
      expect.objectContaining({ service_code: 'licensing', service_name: 'Licensing', metadata: false }),
      expect.objectContaining({ service_code: 'environmental', type: 'realtime' }),
      expect.objectContaining({ service_code: 'revenue' }),
      expect.objectContaining({ service_code: 'other', group: 'mining' }),
    ]);
    expect(Object.keys(response.json()[0]).sort()).toEqual(
      ['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type'].sort(),
    );
  });

  it('refuses a caller without a partner key', async () => {
    expect((await get('/open311/v2/requests.json', false)).statusCode).toBe(401);
    expect((await get('/open311/v2/services.json', false)).statusCode).toBe(401);
  });

  it('serves validated reports of the last 90 days in the partner’s scope, newest first, scrubbed', async () => {
    const response = await get('/open311/v2/requests.json');
    expect(response.statusCode).toBe(200);
    const body = response.json() as Request311[];
    // Not the new, rejected, Aceh, 200-day-old or simulated ones.
    expect(body.map((r) => r.service_request_id)).toEqual(['OPNK01', 'OPNK02']);
    for (const request of body) expect(Object.keys(request).sort()).toEqual(FIELDS);
    const [first, second] = body;
    expect(first).toMatchObject({
      status: 'open',
      service_code: 'licensing',
      service_name: 'Licensing',
      address: 'Kabupaten Kutai Kartanegara, Kalimantan Timur',
      address_id: '64.02',
      description: 'tambang tanpa izin di kebun kami, hubungi [nomor]',
      agency_responsible: 'Multi-stakeholder forum secretariat, Kalimantan Timur',
    });
    expect(second).toMatchObject({ status: 'closed', service_code: 'environmental' });
    // The regency's centroid from REGION_COORDINATES_FILE, never anything finer.
    expect(first).toMatchObject({ lat: -0.1337, long: 116.6081 });
    expect(first?.requested_datetime).toMatch(W3C);
    expect(first?.updated_datetime).toMatch(W3C);
    const created = new Date(String(first?.requested_datetime)).getTime();
    expect(Math.abs(created - new Date(FIXTURE.OPNK01?.receivedAt ?? '').getTime())).toBeLessThan(1000);
  });

  it('filters by status, service code, dates and ids, as the spec names them', async () => {
    const closed = await get('/open311/v2/requests.json?status=closed');
    expect(ids(closed.json())).toEqual(['OPNK02']);
    const licensing = await get('/open311/v2/requests.json?service_code=licensing');
    expect(ids(licensing.json())).toEqual(['OPNK01']);
    const older = await get(`/open311/v2/requests.json?start_date=${encodeURIComponent(daysAgo(300))}`);
    expect(ids(older.json())).toEqual(['OPNK01', 'OPNK02', 'OPNK06']);
    const window = await get(
      `/open311/v2/requests.json?start_date=${daysAgo(15).slice(0, 10)}&end_date=${encodeURIComponent(daysAgo(1))}`,
    );
    expect(ids(window.json())).toEqual(['OPNK01']);
    const byIds = await get('/open311/v2/requests.json?service_request_id=OPNK06,opnk02,OPNA05');
    expect(ids(byIds.json())).toEqual(['OPNK02', 'OPNK06']);
  });

  it('serves one request by its code, and 404 for one outside the scope or not validated', async () => {
    const old = await get('/open311/v2/requests/OPNK06.json');
    expect(old.statusCode).toBe(200);
    expect(old.json()).toEqual([expect.objectContaining({ service_request_id: 'OPNK06', status: 'open' })]);
    for (const code of ['OPNA05', 'OPNK03', 'OPNK04', 'OPNK07', 'NOSUCH']) {
      const missing = await get(`/open311/v2/requests/${code}.json`);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual([{ code: 404, description: `No service request ${code}.` }]);
    }
  });

  it('exports the partner’s reports as GeoJSON points at their region’s centroid', async () => {
    const response = await get('/api/v1/exports/reports?format=geojson');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/geo+json');
    const collection = JSON.parse(response.body);
    expect(collection.type).toBe('FeatureCollection');
    // Validated, in follow-up and closed reports of Kalimantan Timur, whatever their age.
    expect(collection.features.map((f: { id: string }) => f.id).sort()).toEqual([
      'OPNK01',
      'OPNK02',
      'OPNK06',
    ]);
    for (const feature of collection.features) {
      expect(feature.type).toBe('Feature');
      expect(feature.geometry).toEqual({ type: 'Point', coordinates: [116.6081, -0.1337] });
      expect(feature.properties).toMatchObject({ regency_code: '64.02', location_precision: 'regency' });
      expect(feature.properties.reference_code).toBe(feature.id);
    }
    expect(collection.suara).toEqual({ rows: 3, cursor: response.headers['x-export-cursor'] });
    expect(response.trailers['x-export-rows']).toBe('3');
    expect(response.body).not.toContain('0812');
  });

  it('answers bad parameters with a GeoReport error list', async () => {
    const badDate = await get('/open311/v2/requests.json?start_date=last-week');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toEqual([{ code: 400, description: expect.stringContaining('W3C date-times') }]);
    const badCode = await get('/open311/v2/requests.json?service_code=roads');
    expect(badCode.json()).toEqual([{ code: 400, description: 'Unknown service_code: roads.' }]);
    const badStatus = await get('/open311/v2/requests.json?status=pending');
    expect(badStatus.statusCode).toBe(400);
  });
});

describe('Open311 GeoReport v2 in public mode, and off by default', () => {
  let publicStack: TestStack;
  let offStack: TestStack;

  beforeAll(async () => {
    publicStack = await startTestStack({ env: { OPEN311_ACCESS: 'public' } });
    await insertFixtureReports(publicStack.database.db, FIXTURE);
    offStack = await startTestStack();
  }, 60_000);
  afterAll(async () => {
    await publicStack?.close();
    await offStack?.close();
  });

  const get = (stack: TestStack, url: string) => stack.app.inject({ method: 'GET', url });

  it('serves nothing until an admin publishes a province, then only its reports, without words', async () => {
    const before = await get(publicStack, '/open311/v2/requests.json');
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual([]);

    await setPublicProvince(publicStack.database.db, '64', true, null);
    const after = (await get(publicStack, '/open311/v2/requests.json')).json() as Request311[];
    expect(ids(after)).toEqual(['OPNK01', 'OPNK02']);
    for (const request of after) {
      expect(request.description).toBeNull();
      expect(request.media_url).toBeNull();
      expect(request.address).toBe('Kabupaten Kutai Kartanegara, Kalimantan Timur');
    }
    expect((await get(publicStack, '/open311/v2/requests/OPNA05.json')).statusCode).toBe(404);
    expect((await get(publicStack, '/open311/v2/services.json')).statusCode).toBe(200);
  });

  it('is off unless OPEN311_ACCESS is set', async () => {
    expect((await get(offStack, '/open311/v2/services.json')).statusCode).toBe(404);
    expect((await get(offStack, '/open311/v2/requests.json')).statusCode).toBe(404);
  });
});

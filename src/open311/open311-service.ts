import { CATEGORIES, type Category } from '../classifier/classification.js';
import type { CategorySettings } from '../conversation/flows/flow-set.js';
import type { Db } from '../db/database.js';
import type { ReportStatus } from '../db/schema/reports.js';
import type { PartnerCaller } from '../exports/partner-service.js';
import { scrubPersonalData } from '../exports/scrub-personal-data.js';
import type { PlaceDirectory } from '../geo/place-directory.js';
import type { RegionCoordinates } from '../geo/region-coordinates.js';
import { listPublicProvinces } from '../indicators/public-province-repository.js';
import { provinceTimeZone } from '../triage/province-time-zone.js';
import { listOpen311Rows, type Open311Row } from './open311-repository.js';
import { w3cDateTime } from './w3c-date-time.js';

/** Who reads: anyone (only provinces an admin made public), or a partner within its scope. */
export type Open311Reader = { kind: 'public' } | { kind: 'partner'; caller: PartnerCaller };

/** GeoReport v2 `services.json` entry. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

/**
 * GeoReport v2 service request. `lat`/`long`: the centroid of the region shown (never finer), when
 * REGION_COORDINATES_FILE has it; omitted otherwise.
 */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string;
  service_notice: null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: null;
  address: string | null;
  address_id: string | null;
  zipcode: null;
  lat?: number;
  long?: number;
  media_url: null;
}

export interface Open311Query {
  serviceRequestIds: string[];
  serviceCodes: string[];
  statuses: ('open' | 'closed')[];
  start: Date | null;
  end: Date | null;
}

export type Open311Result<T> = { ok: true; value: T } | { ok: false; status: 400 | 404; message: string };

/** Reports that passed validation, by Open311 status; new and rejected reports are never served. */
const OPEN: ReportStatus[] = ['validated', 'in_follow_up'];
const CLOSED: ReportStatus[] = ['closed'];
/** GeoReport v2: without dates, the last 90 days; at most 1,000 requests per response. */
const DEFAULT_DAYS = 90;
const MAX_RESULTS = 1000;

export interface Open311Deps {
  db: Db;
  places: PlaceDirectory;
  coordinates: RegionCoordinates;
  categories: () => CategorySettings;
  clock: () => Date;
}

/** Suara's validated reports as Open311 GeoReport v2 service requests (read-only). */
export function createOpen311Service(deps: Open311Deps) {
  const name = (code: string) => deps.categories().labels[code as Category]?.en ?? code;

  async function scopeOf(reader: Open311Reader) {
    if (reader.kind === 'public') {
      const provinces = await listPublicProvinces(deps.db);
      return { provinces, categories: [] as Category[], statuses: [...OPEN, ...CLOSED], withText: false };
    }
    const { partner } = reader.caller;
    const allowed = (partner.statuses as ReportStatus[]).filter(
      (s) => OPEN.includes(s) || CLOSED.includes(s),
    );
    return {
      provinces: partner.provinces,
      categories: partner.categories as Category[],
      statuses: allowed,
      withText: partner.withText,
    };
  }

  function toRequest(row: Open311Row, reader: Open311Reader): Open311Request {
    // Anyone sees the province and regency; a partner sees the place down to the village.
    const fine = reader.kind === 'partner';
    const names = deps.places.describe({
      provinceCode: row.provinceCode,
      regencyCode: row.regencyCode,
      districtCode: fine ? row.districtCode : null,
      villageCode: fine ? row.villageCode : null,
    });
    const address = [names.village, names.district, names.regency, names.province].filter(Boolean).join(', ');
    const addressId = fine
      ? (row.villageCode ?? row.districtCode ?? row.regencyCode ?? row.provinceCode)
      : (row.regencyCode ?? row.provinceCode);
    const zone = provinceTimeZone(row.provinceCode);
    const point = deps.coordinates.pointOf({
      provinceCode: row.provinceCode,
      regencyCode: row.regencyCode,
      districtCode: fine ? row.districtCode : null,
      villageCode: fine ? row.villageCode : null,
    });
    return {
      service_request_id: row.referenceCode,
      status: CLOSED.includes(row.status) ? 'closed' : 'open',
      status_notes: row.publicNote,
      service_name: name(row.category),
      service_code: row.category,
      description: row.texts ? scrubPersonalData(row.texts.join('\n')) : null,
      agency_responsible: names.province
        ? `Multi-stakeholder forum secretariat, ${names.province}`
        : 'Multi-stakeholder forum secretariat',
      service_notice: null,
      requested_datetime: w3cDateTime(row.createdAt, zone),
      updated_datetime: w3cDateTime(row.updatedAt, zone),
      expected_datetime: null,
      address: address || null,
      address_id: addressId,
      zipcode: null,
      ...(point ? { lat: point.latitude, long: point.longitude } : {}),
      media_url: null,
    };
  }

  return {
    services(): Open311Service[] {
      const labels = deps.categories().labels;
      return CATEGORIES.map((code) => ({
        service_code: code,
        service_name: labels[code]?.en ?? code,
        description: labels[code] ? `${labels[code].en} (${labels[code].id})` : code,
        metadata: false,
        type: 'realtime',
        keywords: code,
        group: 'mining',
      }));
    },

    async requests(reader: Open311Reader, query: Open311Query): Promise<Open311Result<Open311Request[]>> {
      const unknown = query.serviceCodes.filter((code) => !(CATEGORIES as readonly string[]).includes(code));
      if (unknown.length)
        return { ok: false, status: 400, message: `Unknown service_code: ${unknown.join(', ')}.` };
      if (query.start && query.end && query.start >= query.end)
        return { ok: false, status: 400, message: 'start_date must be before end_date.' };
      const scope = await scopeOf(reader);
      if (reader.kind === 'public' && scope.provinces.length === 0) return { ok: true, value: [] };
      const categories = query.serviceCodes.length
        ? (query.serviceCodes as Category[]).filter(
            (c) => !scope.categories.length || scope.categories.includes(c),
          )
        : scope.categories;
      if (query.serviceCodes.length && categories.length === 0) return { ok: true, value: [] };
      const statuses = query.statuses.length
        ? scope.statuses.filter((s) => query.statuses.includes(CLOSED.includes(s) ? 'closed' : 'open'))
        : scope.statuses;
      if (statuses.length === 0) return { ok: true, value: [] };
      // Asked for by id, a request is served whatever its date; otherwise the last 90 days by default.
      const byId = query.serviceRequestIds.length > 0;
      const end = query.end;
      const start =
        query.start ?? (byId ? null : new Date((end ?? deps.clock()).getTime() - DEFAULT_DAYS * 86_400_000));
      const rows = await listOpen311Rows(deps.db, {
        referenceCodes: query.serviceRequestIds.map((id) => id.toUpperCase()),
        provinces: scope.provinces,
        categories,
        statuses,
        from: start,
        to: end,
        withText: scope.withText,
        limit: MAX_RESULTS,
      });
      return { ok: true, value: rows.map((row) => toRequest(row, reader)) };
    },
  };
}

export type Open311ServiceApi = ReturnType<typeof createOpen311Service>;

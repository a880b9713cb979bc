import type { Readable } from 'node:stream';
import { appendAudit } from '../audit/append-audit.js';
import { provinceScope, type Staff } from '../auth/staff.js';
import type { Db } from '../db/database.js';
import type { MediaRef } from '../db/schema/messages.js';
import { findScopedReport } from '../triage/report-detail-repository.js';
import type { MediaStore } from './media-store.js';
import { storedMediaIdOf } from './stored-media-ref.js';
import { findStoredMedia } from './stored-media-repository.js';

export type OpenedMedia =
  | {
      kind: 'stored';
      contentType: string;
      sizeBytes: number;
      /** A name for the download: the report's code and the attachment's place — never the number. */
      fileName: string;
      body: Readable;
    }
  /** An attachment stored before media were downloaded: still a provider link (Twilio), fetched on request. */
  | { kind: 'link' }
  | { kind: 'unavailable'; status: 404 | 409; message: string };

export type StoredMediaService = ReturnType<typeof createStoredMediaService>;

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
};

/** Staff open a report's stored attachment: within their provinces, and every opening audited. */
export function createStoredMediaService(deps: { db: Db; store: MediaStore }) {
  return {
    async open(staff: Staff, code: string, index: number, ip: string | null): Promise<OpenedMedia> {
      const report = await findScopedReport(deps.db, provinceScope(staff), code);
      const ref: MediaRef | undefined = report?.media[index];
      if (!report || !ref) return { kind: 'unavailable', status: 404, message: 'No such media.' };
      const id = storedMediaIdOf(ref.url);
      if (!id) return { kind: 'link' };
      const row = await findStoredMedia(deps.db, id);
      if (!row) return { kind: 'unavailable', status: 404, message: 'No such media.' };
      if (row.status !== 'stored' || !row.sha256 || !row.contentType) {
        const why = {
          pending: 'This media is still being downloaded.',
          refused: 'This media was refused and not stored.',
          failed: 'This media could not be downloaded.',
          stored: 'This media is not available.',
        }[row.status];
        return { kind: 'unavailable', status: row.status === 'pending' ? 409 : 404, message: why };
      }
      const file = await deps.store.get(row.sha256);
      if (!file) return { kind: 'unavailable', status: 404, message: 'This media is no longer stored.' };
      try {
        await deps.db.transaction((tx) =>
          appendAudit(tx, {
            actorUserId: staff.userId,
            actor: staff.email,
            action: 'report.view_media',
            subjectType: 'report',
            subjectId: report.referenceCode,
            after: { media: row.id, index },
            ip,
          }),
        );
      } catch (error) {
        // No audit entry, no bytes.
        file.body.destroy();
        throw error;
      }
      const extension = EXTENSIONS[row.contentType] ?? row.contentType.split('/')[1] ?? 'bin';
      return {
        kind: 'stored',
        contentType: row.contentType,
        sizeBytes: file.sizeBytes,
        fileName: `${report.referenceCode}-${index + 1}.${extension.replace(/[^a-z0-9]/g, '')}`,
        body: file.body,
      };
    },
  };
}

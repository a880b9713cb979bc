import { appendAudit, recordAudit } from '../audit/append-audit.js';
import type { Db } from '../db/database.js';
import { createDeadLetterRepository, type DeadLetterListing } from './dead-letter-repository.js';
import type { InboundProducer } from './inbound-producer.js';

export interface DeadLetterServiceDeps {
  db: Db;
  inbound: Pick<InboundProducer, 'enqueueSealed'>;
  clock?: () => Date;
}

export type ReplayTarget = { id: string } | { all: true };

export type ReplayResult =
  | { ok: true; replayed: { id: string; jobId: string }[]; failed: { id: string; error: string }[] }
  | { ok: false; error: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What an admin does with dead letters: look at them and send them through the pipeline again, each
 * action recorded in the audit log under the actor's name. The letters stay sealed throughout.
 */
export function createDeadLetterService(deps: DeadLetterServiceDeps) {
  const repository = createDeadLetterRepository(deps.db);
  const now = () => deps.clock?.() ?? new Date();

  return {
    async list(actor: string): Promise<DeadLetterListing[]> {
      const letters = await repository.list();
      await recordAudit(deps.db, {
        actorUserId: null,
        actor,
        action: 'dead_letters.list',
        subjectType: 'dead_letter',
        after: { count: letters.length },
      });
      return letters;
    },

    /**
     * Queues each letter again under a fresh job id (its old id may still be taken by the job that
     * completed as a dead letter) and deletes its row once Redis has the job. A letter that fails again
     * comes back as a dead letter.
     */
    async replay(actor: string, target: ReplayTarget): Promise<ReplayResult> {
      if ('id' in target && !UUID.test(target.id))
        return { ok: false, error: `"${target.id}" is not a dead-letter id` };
      const letters = await repository.list('id' in target ? target.id : undefined);
      if ('id' in target && letters.length === 0)
        return { ok: false, error: `no dead letter with id ${target.id}` };
      const replayed: { id: string; jobId: string }[] = [];
      const failed: { id: string; error: string }[] = [];
      for (const letter of letters) {
        const jobId = `${letter.jobId}-replay${now().getTime()}`;
        try {
          await deps.inbound.enqueueSealed(letter.job, jobId);
        } catch (error) {
          failed.push({ id: letter.id, error: error instanceof Error ? error.message : String(error) });
          continue;
        }
        await deps.db.transaction(async (tx) => {
          await createDeadLetterRepository(tx).remove(letter.id, letter.lastFailedAt);
          await appendAudit(tx, {
            actorUserId: null,
            actor,
            action: 'dead_letters.replay',
            subjectType: 'dead_letter',
            subjectId: letter.id,
            after: { provider: letter.provider, providerMessageId: letter.providerMessageId, jobId },
          });
        });
        replayed.push({ id: letter.id, jobId });
      }
      return { ok: true, replayed, failed };
    },
  };
}

export type DeadLetterService = ReturnType<typeof createDeadLetterService>;

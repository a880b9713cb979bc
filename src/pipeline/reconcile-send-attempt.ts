import type { ChannelAdapter, OutboundMessage, Provider } from '../channels/channel-adapter.js';
import type { DbExecutor } from '../db/database.js';
import type { MessageStatus } from '../db/schema/messages.js';
import { scrubNumbers } from '../privacy/scrub-numbers.js';
import { knownProviderIds, type OpenAttempt } from './send-attempt-repository.js';

export type AttemptResolution =
  /** The provider has it: record its id; sending again would duplicate it. */
  | { kind: 'sent'; providerMessageId: string; status: MessageStatus }
  /** The provider certainly does not have it: a new attempt may send it. */
  | { kind: 'not-sent' }
  /** Nobody can tell: not sent again, flagged for staff. */
  | { kind: 'unconfirmed'; reason: string }
  /** The provider could not be asked now: ask again on the job's next attempt. */
  | { kind: 'ask-later'; errorCode: string; errorMessage: string };

/**
 * An attempt was committed and the provider called, but no answer was recorded: the call timed out,
 * the connection dropped, or the process or Postgres went away before the answer was stored. Sending
 * again could reach the citizen twice, so the provider is asked first. A provider that cannot be asked
 * leaves the reply unconfirmed: a missed reply staff can see beats a duplicate SMS the citizen pays for.
 */
export async function reconcileSendAttempt(
  db: DbExecutor,
  provider: Provider,
  adapter: ChannelAdapter | undefined,
  message: OutboundMessage,
  attempt: OpenAttempt,
): Promise<AttemptResolution> {
  if (!adapter?.reconcile) {
    return {
      kind: 'unconfirmed',
      reason: adapter
        ? `${provider} cannot say whether it took the message`
        : `${provider} is not configured`,
    };
  }
  const answer = await adapter.reconcile({
    message,
    attemptedAt: attempt.attemptedAt,
    attemptKey: attempt.attemptKey,
  });
  if (answer.state === 'not-found') return { kind: 'not-sent' };
  if (answer.state === 'unknown') {
    return {
      kind: 'ask-later',
      errorCode: answer.errorCode,
      errorMessage: scrubNumbers(answer.errorMessage),
    };
  }
  // Two replies with the same text to one citizen: the one another message already holds is not this one.
  const known = await knownProviderIds(
    db,
    provider,
    answer.candidates.map((candidate) => candidate.providerMessageId),
  );
  const match = answer.candidates.find((candidate) => !known.has(candidate.providerMessageId));
  return match
    ? { kind: 'sent', providerMessageId: match.providerMessageId, status: match.status }
    : { kind: 'not-sent' };
}

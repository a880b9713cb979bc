/**
 * The latency bench's Twilio stand-in, run in its own process (started with `fork`): the test suite's
 * stand-in of Twilio's Messages API, answering every send at once with a fresh SM… sid, and noting when
 * each message arrived (Date.now(), the clock the load generator reads too). Sends its URL to the
 * parent on start; answers a `{ type: 'arrivals' }` message with everything accepted so far.
 */
import { startTwilioStandIn } from '../test/support/twilio-stand-in.js';

export interface ReplyArrival {
  sid: string;
  to: string;
  body: string;
  at: number;
}

const standIn = await startTwilioStandIn();
const arrivals: ReplyArrival[] = [];
standIn.onAccepted(async (message) => {
  arrivals.push({ sid: message.sid, to: message.to, body: message.body, at: Date.now() });
});
// The suite's stand-in keeps every request for its tests; a bench run only needs the arrivals.
setInterval(() => standIn.requests.splice(0), 1000).unref();

process.on('message', (message: { type?: string }) => {
  if (message.type === 'arrivals') process.send?.({ type: 'arrivals', arrivals });
});
process.send?.({ type: 'url', url: standIn.url });
process.once('SIGTERM', () => process.exit(0));
process.once('disconnect', () => process.exit(0));

import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  form: URLSearchParams;
  /** When the request reached the stand-in (performance.now(), ms), before its body was read. */
  receivedAt: number;
}

/** A message the stand-in accepted (answered 2xx with a sid), as Twilio's message list shows it. */
export interface StandInMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  messagingServiceSid: string | null;
  dateCreated: Date;
}

export interface StandInResponse {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** A valid 1×1 PNG: what the stand-in serves as every message's media. */
export const STAND_IN_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * A local HTTP server speaking the subset of Twilio's REST API that Suara calls: POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json (through the real `twilio` SDK; responses scripted per
 * test), GET on the same path (the messages it accepted, filtered by To and From) and GET
 * …/Messages/{MessageSid}/Media/{MediaSid} (a citizen's photo, always STAND_IN_PNG).
 */
export interface TwilioStandIn {
  url: string;
  requests: StandInRequest[];
  /** Queue responses for the next calls; when empty, calls succeed with a fresh SM… sid. */
  script(...responses: StandInResponse[]): void;
  /** Every message accepted, in order: what GET …/Messages.json lists (To, From, PageSize; newest first). */
  messages: StandInMessage[];
  /**
   * Runs after a message is accepted and before the answer is written: a test can make the sender lose
   * the answer (terminate its database connection, hold a lock) while Twilio has the message.
   */
  onAccepted(hook: ((message: StandInMessage) => Promise<void>) | null): void;
  /** Drops the connection of the next `count` message sends without accepting them (reset before Twilio). */
  dropNextSends(count: number): void;
  close(): Promise<void>;
}

export async function startTwilioStandIn(): Promise<TwilioStandIn> {
  const requests: StandInRequest[] = [];
  const scripted: StandInResponse[] = [];
  const accepted: StandInMessage[] = [];
  let acceptedHook: ((message: StandInMessage) => Promise<void>) | null = null;
  let drops = 0;
  let counter = 0;

  const server: Server = createServer(async (req, res) => {
    const receivedAt = performance.now();
    const form = new URLSearchParams(await readBody(req));
    const path = req.url ?? '';
    const method = req.method ?? 'GET';
    requests.push({ method, path, authorization: req.headers.authorization, form, receivedAt });
    if (method === 'GET' && /^\/2010-04-01\/Accounts\/[^/]+\/Messages\/[^/]+\/Media\/[^/]+$/.test(path)) {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': STAND_IN_PNG.length });
      res.end(STAND_IN_PNG);
      return;
    }
    const [pathname = '', query = ''] = path.split('?', 2);
    const listed = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(pathname);
    if (method === 'GET' && listed) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(listMessages(accepted, listed[1] ?? '', new URLSearchParams(query))));
      return;
    }
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (method === 'POST' && match && drops > 0) {
      drops -= 1;
      req.socket.destroy();
      return;
    }
    if (method !== 'POST' || !match) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 20404, message: 'Not found', status: 404 }));
      return;
    }
    counter += 1;
    const next = scripted.shift() ?? {
      status: 201,
      body: {
        sid: `SM${String(counter).padStart(32, '0')}`,
        account_sid: match[1],
        to: form.get('To'),
        from: form.get('From'),
        body: form.get('Body'),
        status: 'queued',
      },
    };
    const sid = next.body.sid;
    if (next.status < 300 && typeof sid === 'string') {
      const message: StandInMessage = {
        sid,
        to: form.get('To') ?? '',
        from: form.get('From') ?? '',
        body: form.get('Body') ?? '',
        messagingServiceSid: form.get('MessagingServiceSid'),
        dateCreated: new Date(),
      };
      accepted.push(message);
      await acceptedHook?.(message);
    }
    res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
    res.end(JSON.stringify(next.body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...responses) => scripted.push(...responses),
    messages: accepted,
    onAccepted: (hook) => {
      acceptedHook = hook;
    },
    dropNextSends: (count) => {
      drops = count;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** One page of Twilio's message list (newest first), in the JSON shape the SDK's MessagePage reads. */
function listMessages(messages: StandInMessage[], accountSid: string, query: URLSearchParams) {
  const to = query.get('To');
  const from = query.get('From');
  const pageSize = Number(query.get('PageSize') ?? 50);
  const rows = messages
    .filter((message) => (!to || message.to === to) && (!from || message.from === from))
    .reverse()
    .slice(0, pageSize);
  return {
    messages: rows.map((message) => ({
      sid: message.sid,
      account_sid: accountSid,
      to: message.to,
      from: message.from,
      body: message.body,
      messaging_service_sid: message.messagingServiceSid,
      direction: 'outbound-api',
      status: 'queued',
      date_created: message.dateCreated.toUTCString(),
      date_updated: message.dateCreated.toUTCString(),
      date_sent: null,
    })),
    page: 0,
    page_size: pageSize,
    first_page_uri: `/2010-04-01/Accounts/${accountSid}/Messages.json?PageSize=${pageSize}&Page=0`,
    next_page_uri: null,
    previous_page_uri: null,
    uri: `/2010-04-01/Accounts/${accountSid}/Messages.json?PageSize=${pageSize}&Page=0`,
    start: 0,
    end: Math.max(0, rows.length - 1),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function twilioError(status: number, code: number, message: string): StandInResponse {
  return { status, body: { code, message, status, more_info: `https://www.twilio.com/docs/errors/${code}` } };
}

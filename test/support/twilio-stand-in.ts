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
 * test) and GET …/Messages/{MessageSid}/Media/{MediaSid} (a citizen's photo, always STAND_IN_PNG).
 */
export interface TwilioStandIn {
  url: string;
  requests: StandInRequest[];
  /** Queue responses for the next calls; when empty, calls succeed with a fresh SM… sid. */
  script(...responses: StandInResponse[]): void;
  close(): Promise<void>;
}

export async function startTwilioStandIn(): Promise<TwilioStandIn> {
  const requests: StandInRequest[] = [];
  const scripted: StandInResponse[] = [];
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
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
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

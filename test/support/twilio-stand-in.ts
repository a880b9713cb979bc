import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRequest {
  path: string;
  authorization: string | undefined;
  form: URLSearchParams;
}

export interface StandInResponse {
  status: number;
  body: Record<string, unknown>;
}

/**
 * A local HTTP server speaking the subset of Twilio's REST API that the real `twilio` SDK calls to
 * send a message: POST /2010-04-01/Accounts/{AccountSid}/Messages.json. Responses are scripted per test.
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
    const form = new URLSearchParams(await readBody(req));
    const path = req.url ?? '';
    requests.push({ path, authorization: req.headers.authorization, form });
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (req.method !== 'POST' || !match) {
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
    res.writeHead(next.status, { 'content-type': 'application/json' });
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

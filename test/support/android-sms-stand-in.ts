import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AndroidStandInRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  /** When the request arrived (Date.now()): what a rate limit is measured by. */
  receivedAt: number;
  body: {
    id?: string;
    textMessage?: { text?: string };
    phoneNumbers?: string[];
    withDeliveryReport?: boolean;
  };
}

/**
 * A local HTTP server speaking the subset of the SMS Gateway for Android app's API that Suara calls:
 * POST /message (answers 202 with the message's state, as the app's local server does; keeps a
 * client-chosen `id`), GET /message/{id} (that state, 404 for an id it never got) and GET /health.
 * Basic auth is checked like the app checks it; responses can be scripted per test.
 */
export interface AndroidSmsStandIn {
  url: string;
  requests: AndroidStandInRequest[];
  /** The texts sent, in order. */
  texts(): string[];
  script(...responses: { status: number; body: unknown; headers?: Record<string, string> }[]): void;
  /** Ids of the messages the phone accepted (client-chosen or its own); GET /message/{id} reads them. */
  accepted(): string[];
  /** Runs after a message is accepted and before the answer is written (a test can lose the answer). */
  onAccepted(hook: ((id: string) => Promise<void>) | null): void;
  /** Makes /health fail (the phone's API not answering properly) until set back. */
  setHealthy(healthy: boolean): void;
  close(): Promise<void>;
}

export async function startAndroidSmsStandIn(username: string, password: string): Promise<AndroidSmsStandIn> {
  const requests: AndroidStandInRequest[] = [];
  const scripted: { status: number; body: unknown; headers?: Record<string, string> }[] = [];
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  let healthy = true;
  let counter = 0;
  const states = new Map<string, string>();
  let acceptedHook: ((id: string) => Promise<void>) | null = null;

  const server: Server = createServer(async (req, res) => {
    const receivedAt = Date.now();
    const text = await readBody(req);
    const path = req.url ?? '';
    const method = req.method ?? 'GET';
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== expected) return reply(401, { message: 'Unauthorized' });
    if (method === 'GET' && path === '/health') {
      return healthy
        ? reply(200, { status: 'pass', version: '1.0.0', releaseId: 1, checks: {} })
        : reply(500, {});
    }
    const stateOf = /^\/message\/([^/?]+)$/.exec(path);
    if (method === 'GET' && stateOf) {
      const id = decodeURIComponent(stateOf[1] ?? '');
      const state = states.get(id);
      return state ? reply(200, { id, state, recipients: [] }) : reply(404, { message: 'message not found' });
    }
    if (method !== 'POST' || path !== '/message') return reply(404, { message: 'Not found' });
    const body = text ? (JSON.parse(text) as AndroidStandInRequest['body']) : {};
    requests.push({ method, path, authorization: req.headers.authorization, receivedAt, body });
    const next = scripted.shift();
    if (next) return reply(next.status, next.body, next.headers);
    counter += 1;
    if (body.id && states.has(body.id)) return reply(409, { message: 'message with this id already exists' });
    const id = body.id ?? `msg${String(counter).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`;
    states.set(id, 'Pending');
    await acceptedHook?.(id);
    return reply(202, {
      id,
      state: 'Pending',
      isHashed: false,
      isEncrypted: false,
      recipients: (body.phoneNumbers ?? []).map((phoneNumber) => ({ phoneNumber, state: 'Pending' })),
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    texts: () => requests.map((r) => r.body.textMessage?.text ?? ''),
    script: (...responses) => scripted.push(...responses),
    accepted: () => [...states.keys()],
    onAccepted: (hook) => {
      acceptedHook = hook;
    },
    setHealthy: (value) => {
      healthy = value;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

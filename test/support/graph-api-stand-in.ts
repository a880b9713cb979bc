import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphStandInRequest {
  path: string;
  authorization: string | undefined;
  body: {
    messaging_product?: string;
    to?: string;
    type?: string;
    text?: { body?: string };
    interactive?: {
      type?: string;
      body?: { text?: string };
      action?: {
        buttons?: { type: string; reply: { id: string; title: string } }[];
        button?: string;
        sections?: { rows: { id: string; title: string }[] }[];
      };
    };
    template?: {
      name?: string;
      language?: { code?: string };
      components?: { type: string; parameters: { type: string; text: string }[] }[];
    };
  };
}

/** The words a sent message shows the citizen: a text's body or an interactive message's body. */
export function sentText(request: GraphStandInRequest): string | undefined {
  return request.body.text?.body ?? request.body.interactive?.body?.text;
}

/**
 * A local HTTP server speaking the subset of Meta's Graph API that Suara calls:
 * POST /{version}/{phone-number-id}/messages, answering as the Cloud API does (a wamid per message);
 * responses can be scripted per test (Graph errors are { error: { message, code, … } }).
 */
export interface GraphStandIn {
  url: string;
  requests: GraphStandInRequest[];
  script(...responses: { status: number; body: unknown }[]): void;
  close(): Promise<void>;
}

export async function startGraphStandIn(accessToken: string): Promise<GraphStandIn> {
  const requests: GraphStandInRequest[] = [];
  const scripted: { status: number; body: unknown }[] = [];
  let counter = 0;
  const server: Server = createServer(async (req, res) => {
    const text = await readBody(req);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${accessToken}`)
      return reply(401, {
        error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 },
      });
    if (req.method !== 'POST' || !/^\/v\d+\.\d+\/\d+\/messages$/.test(req.url ?? ''))
      return reply(404, { error: { message: 'Unknown path', code: 100 } });
    const body = JSON.parse(text) as GraphStandInRequest['body'];
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
    const next = scripted.shift();
    if (next) return reply(next.status, next.body);
    counter += 1;
    return reply(200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: body.to, wa_id: body.to }],
      messages: [
        { id: `wamid.OUT${String(counter).padStart(8, '0')}${Math.random().toString(36).slice(2, 8)}` },
      ],
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...responses) => scripted.push(...responses),
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

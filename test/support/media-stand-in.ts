import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One attachment as the stand-in serves it. */
export interface StandInMedia {
  bytes: Buffer;
  contentType: string;
  /** Answer 500 this many times before serving the bytes. */
  failTimes?: number;
  /** Send no Content-Length (chunked), so only reading the body reveals the size. */
  chunked?: boolean;
}

export interface MediaStandInRequest {
  method: string;
  path: string;
  authorization: string | undefined;
}

/**
 * A local server speaking the parts of Twilio's REST API and Meta's Graph API that media downloads
 * need, with their authentication checked: Twilio media URLs (…/Messages/MM…/Media/ME…, HTTP basic auth
 * with the account SID and auth token), the Graph API's GET /{version}/{media-id} (answers the
 * download URL) and that URL (bearer token). It also accepts the replies Suara sends (Twilio
 * Messages.json, Graph /{phone-number-id}/messages), so the conversations around the media complete.
 */
export interface MediaStandIn {
  url: string;
  requests: MediaStandInRequest[];
  /** Serves a Twilio media path (starting /2010-04-01/…) or a Graph media id (digits). */
  serve(key: string, media: StandInMedia): void;
  close(): Promise<void>;
}

export async function startMediaStandIn(auth: {
  twilioBasic: string;
  graphBearer: string;
}): Promise<MediaStandIn> {
  const requests: MediaStandInRequest[] = [];
  const media = new Map<string, StandInMedia>();
  let counter = 0;
  let url = '';

  const server: Server = createServer(async (req, res) => {
    await drain(req);
    const method = req.method ?? 'GET';
    const path = req.url ?? '';
    const authorization = req.headers.authorization;
    requests.push({ method, path, authorization });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const sendMedia = (item: StandInMedia | undefined) => {
      if (!item) return json(404, { error: 'no such media' });
      if (item.failTimes && item.failTimes > 0) {
        item.failTimes -= 1;
        return json(500, { error: 'try again' });
      }
      res.writeHead(200, {
        'content-type': item.contentType,
        ...(item.chunked ? {} : { 'content-length': String(item.bytes.length) }),
      });
      if (!item.chunked) return res.end(item.bytes);
      // Chunks of 16 KiB: a reader that stops at its limit closes the connection before the end.
      for (let at = 0; at < item.bytes.length; at += 16_384) res.write(item.bytes.subarray(at, at + 16_384));
      res.end();
    };

    // Twilio
    if (path.startsWith('/2010-04-01/')) {
      if (authorization !== `Basic ${auth.twilioBasic}`) return json(401, { code: 20003, status: 401 });
      if (method === 'GET' && /\/Messages\/[^/]+\/Media\/[^/]+$/.test(path))
        return sendMedia(media.get(path));
      if (method === 'POST' && /\/Messages\.json$/.test(path)) {
        counter += 1;
        return json(201, { sid: `SM${String(counter).padStart(32, '0')}`, status: 'queued' });
      }
      return json(404, { code: 20404, status: 404 });
    }
    // Graph API
    if (authorization !== `Bearer ${auth.graphBearer}`)
      return json(401, { error: { message: 'Invalid OAuth access token.', code: 190 } });
    const download = /^\/media-download\/(\d+)$/.exec(path);
    if (method === 'GET' && download) return sendMedia(media.get(download[1] ?? ''));
    const info = /^\/v\d+\.\d+\/(\d+)\?phone_number_id=\d+$/.exec(path);
    if (method === 'GET' && info) {
      const id = info[1] ?? '';
      const item = media.get(id);
      if (!item) return json(404, { error: { message: 'Unsupported get request.', code: 100 } });
      return json(200, {
        messaging_product: 'whatsapp',
        url: `${url}/media-download/${id}`,
        mime_type: item.contentType,
        sha256: 'unused',
        file_size: item.bytes.length,
        id,
      });
    }
    if (method === 'POST' && /^\/v\d+\.\d+\/\d+\/messages$/.test(path)) {
      counter += 1;
      return json(200, { messaging_product: 'whatsapp', messages: [{ id: `wamid.OUT${counter}` }] });
    }
    return json(404, { error: { message: 'Unknown path', code: 100 } });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    serve: (key, item) => media.set(key, item),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const _ of req) {
    // The body is not needed; reading it lets the request finish.
  }
}

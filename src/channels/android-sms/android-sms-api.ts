import { z } from 'zod';
import type { MessageStatus } from '../../db/schema/messages.js';
import { fetchNeverConnected } from '../fetch-never-connected.js';
import type { AndroidSmsDevice } from './android-sms-config.js';

/** The app's message states (Pending → Processed → Sent → Delivered, or Failed) in Suara's terms. */
const STATES: Record<string, MessageStatus> = {
  Pending: 'queued',
  Processed: 'sending',
  Sent: 'sent',
  Delivered: 'delivered',
  Failed: 'failed',
};

const messageStateSchema = z.looseObject({ id: z.string().min(1).max(128), state: z.string().max(32) });
const healthSchema = z.looseObject({ status: z.string().max(16) });

export type ApiSendResult =
  | { ok: true; id: string; status: MessageStatus }
  | {
      ok: false;
      retry: boolean;
      errorCode: string;
      errorMessage: string;
      uncertain?: boolean;
      /** A 429 (the cloud relay's limit): this phone's sending pauses, `retryAfterMs` when it said. */
      meaning?: 'rate-limited';
      retryAfterMs?: number;
    };

export type ApiMessageState =
  | { state: 'found'; id: string; status: MessageStatus }
  | { state: 'not-found' }
  | { state: 'unknown'; errorCode: string; errorMessage: string };

const TIMEOUT_MS = 10_000;

/**
 * The subset of the app's REST API Suara calls: POST /message and GET /health, the same paths under the
 * phone's local server (http://<phone>:8080) and the cloud relay (https://api.sms-gate.app/3rdparty/v1).
 */
export async function sendThroughDevice(
  device: AndroidSmsDevice,
  to: string,
  text: string,
  /** The app keeps a client-chosen id: the same attempt can then be looked up (readMessageState). */
  id?: string,
): Promise<ApiSendResult> {
  let response: Response;
  try {
    response = await fetch(`${base(device)}/message`, {
      method: 'POST',
      headers: { authorization: basicAuth(device), 'content-type': 'application/json' },
      body: JSON.stringify({
        textMessage: { text },
        phoneNumbers: [to],
        withDeliveryReport: true,
        ...(id ? { id } : {}),
        ...(device.deviceId ? { deviceId: device.deviceId } : {}),
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    // The phone is off, out of Wi-Fi or the relay is unreachable: worth retrying. Unless no connection
    // was ever made, the phone may have taken the message before the answer was lost.
    const message = error instanceof Error ? error.message : String(error);
    const uncertain = !fetchNeverConnected(error);
    return {
      ok: false,
      retry: true,
      errorCode: 'network',
      errorMessage: message,
      ...(uncertain ? { uncertain } : {}),
    };
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const retry = response.status === 429 || response.status >= 500;
    const retryAfterSeconds = Number(response.headers.get('retry-after'));
    return {
      ok: false,
      retry,
      errorCode: `http_${response.status}`,
      errorMessage: errorText(body, response.status),
      ...(response.status === 429 ? { meaning: 'rate-limited' as const } : {}),
      ...(response.status === 429 && retryAfterSeconds > 0 ? { retryAfterMs: retryAfterSeconds * 1000 } : {}),
    };
  }
  const parsed = messageStateSchema.safeParse(body);
  if (!parsed.success) {
    // Accepted but unreadable: retrying might send twice, so it is reported as a permanent failure.
    return {
      ok: false,
      retry: false,
      errorCode: 'bad_response',
      errorMessage: 'unexpected response to POST /message',
    };
  }
  return { ok: true, id: parsed.data.id, status: STATES[parsed.data.state] ?? 'queued' };
}

/** GET /message/{id}: the state of a message sent with that id, or 404 when the phone never got it. */
export async function readMessageState(device: AndroidSmsDevice, id: string): Promise<ApiMessageState> {
  let response: Response;
  try {
    response = await fetch(`${base(device)}/message/${encodeURIComponent(id)}`, {
      headers: { authorization: basicAuth(device) },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { state: 'unknown', errorCode: 'network', errorMessage: message };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 404) return { state: 'not-found' };
  const parsed = messageStateSchema.safeParse(body);
  if (!response.ok || !parsed.success) {
    return {
      state: 'unknown',
      errorCode: `http_${response.status}`,
      errorMessage: errorText(body, response.status),
    };
  }
  return { state: 'found', id: parsed.data.id, status: STATES[parsed.data.state] ?? 'queued' };
}

/** 'ok', or why the phone's API is not answering as it should. */
export async function probeDevice(device: AndroidSmsDevice, timeoutMs = 3000): Promise<'ok' | string> {
  try {
    const response = await fetch(`${base(device)}/health`, {
      headers: { authorization: basicAuth(device) },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status === 401 || response.status === 403)
      return `API refused the credentials (HTTP ${response.status})`;
    const parsed = healthSchema.safeParse(await response.json().catch(() => null));
    if (!response.ok) return `API answered HTTP ${response.status}`;
    if (parsed.success && parsed.data.status === 'fail') return 'API reports status fail';
    return 'ok';
  } catch (error) {
    return `API not answering: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** fetch's network error carries the socket's code as its cause: refused or unresolved means nothing was sent. */
function base(device: AndroidSmsDevice): string {
  return device.apiUrl.replace(/\/+$/, '');
}

function basicAuth(device: AndroidSmsDevice): string {
  return `Basic ${Buffer.from(`${device.username}:${device.password}`).toString('base64')}`;
}

function errorText(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string')
    return body.message.slice(0, 300);
  return `HTTP ${status}`;
}

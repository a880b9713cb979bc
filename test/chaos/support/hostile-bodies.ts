import { parse } from 'node:querystring';
import { seededRandom } from '../../../src/seeded-random.js';
import { CHAOS_ACCOUNT_SID, CHAOS_SMS_FROM } from './chaos-deployment.js';
import { signTwilioForm } from './webhook-load.js';

export interface HostileRequest {
  kind: string;
  body: Buffer;
  headers: Record<string, string>;
  /** The MessageSid the server will read, when the form names exactly one. */
  sid: string | null;
}

type Pairs = [string, string][];

const HOSTILE_TEXTS = [
  'air\u0000keruh',
  '\u0000'.repeat(50),
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  "'; drop table messages; --",
  '\u202eKNAT\u202c tambang',
  '\uD83D tambang \uDE00',
  '🏭🌊'.repeat(200),
  '\r\n\r\nHTTP/1.1 200 OK\r\n',
  '$' + '{jndi:ldap://x/a}',
  '{{7*7}} %s %n',
  '\u0007\u001b[31m\u0008',
  'x'.repeat(65_536),
  '€'.repeat(65_536),
  'x'.repeat(65_537),
  '',
];

/** Percent sequences that decode to no valid UTF-8 or to control characters. */
const RAW_ESCAPES = ['%FF%FE', '%C3%28', '%ED%A0%80', '%F0%9F', '%00', '%0D%0A', '%', '%G1', '%%', '%E2%82'];

/**
 * A few thousand malformed and hostile Twilio webhooks: random bytes, NUL, invalid UTF-8, huge fields,
 * duplicated and missing keys, broken percent-encoding, forged signatures, wrong content types. Most are
 * signed, over the parameters as a form parser reads them, so they get past the signature check and
 * reach the parser and the pipeline; seeded, so a failure can be replayed; made one at a time, since
 * some are a megabyte.
 */
export function* hostileRequests(
  count: number,
  /** The Twilio stand-in: media URLs point there or at nothing, never at a host outside the machine. */
  standInUrl: string,
  seed = 12,
): Generator<HostileRequest> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const randomBytes = (length: number) =>
    Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));

  const base = (i: number): Pairs => [
    ['AccountSid', CHAOS_ACCOUNT_SID],
    ['MessageSid', `SMfa22${String(i).padStart(28, '0')}`],
    ['From', `+62813700${String(i % 10_000).padStart(4, '0')}`],
    ['To', CHAOS_SMS_FROM],
    ['Body', 'sungai keruh'],
    ['NumMedia', '0'],
  ];
  const replace = (pairs: Pairs, key: string, value: string): Pairs =>
    pairs.map(([k, v]) => (k === key ? [k, value] : [k, v]));

  const generators: [string, (i: number) => { raw: string | Buffer; sign?: boolean; type?: string }][] = [
    ['random bytes', () => ({ raw: randomBytes(Math.floor(random() * 2000)) })],
    [
      'random bytes after valid fields',
      (i) => ({ raw: Buffer.concat([Buffer.from(encode(base(i))), Buffer.from('&'), randomBytes(200)]) }),
    ],
    ['hostile Body', (i) => ({ raw: encode(replace(base(i), 'Body', pick(HOSTILE_TEXTS))) })],
    ['hostile From', (i) => ({ raw: encode(replace(base(i), 'From', pick(HOSTILE_TEXTS).slice(0, 100))) })],
    [
      'hostile MessageSid',
      (i) => ({ raw: encode(replace(base(i), 'MessageSid', `SM${pick(HOSTILE_TEXTS).slice(0, 80)}`)) }),
    ],
    [
      'odd NumMedia and media',
      (i) => ({
        raw: encode([
          ...replace(base(i), 'NumMedia', pick(['-1', '11', 'abc', '1e3', '2', '0x1', ''])),
          [
            'MediaUrl0',
            pick([
              `${standInUrl}/2010-04-01/Accounts/${CHAOS_ACCOUNT_SID}/Messages/MM${i}/Media/ME${i}`,
              'javascript:alert(1)',
              'http://127.0.0.1:9/\u0000',
              'x'.repeat(5000),
              '',
            ]),
          ],
          ['MediaContentType0', pick(['image/png\u0000', 'text/html', ''])],
        ]),
      }),
    ],
    [
      'duplicated keys',
      (i) => {
        const key = pick(['MessageSid', 'From', 'Body', 'To', 'NumMedia', 'MediaUrl0']);
        return {
          raw: encode([...base(i), [key, pick(['sungai', '+6281370009999', 'SMdup0000000001', '1'])]]),
        };
      },
    ],
    [
      'missing keys',
      (i) => {
        const drop = pick(['MessageSid', 'From', 'To', 'Body', 'NumMedia', 'AccountSid']);
        return { raw: encode(base(i).filter(([k]) => k !== drop)) };
      },
    ],
    [
      'broken percent-encoding',
      (i) => ({
        raw: `${encode(base(i)).replace('sungai', `sungai${pick(RAW_ESCAPES)}`)}&${pick(RAW_ESCAPES)}=1`,
      }),
    ],
    ['keys without values', () => ({ raw: pick(['&&&', '=', 'MessageSid', 'From=&Body=&=x', '&=&=', ' ']) })],
    [
      'huge field',
      (i) => ({ raw: encode([...base(i), ['Extra', 'z'.repeat(700_000 + Math.floor(random() * 300_000))]]) }),
    ],
    ['forged signature', (i) => ({ raw: encode(base(i)), sign: false })],
    [
      'JSON content type',
      (i) => ({ raw: JSON.stringify(Object.fromEntries(base(i))), type: 'application/json' }),
    ],
    ['no content type', (i) => ({ raw: encode(base(i)), type: '' })],
  ];

  for (let i = 0; i < count; i++) {
    const [kind, generate] = generators[i % generators.length] ?? pick(generators);
    const { raw, sign = true, type = 'application/x-www-form-urlencoded' } = generate(i);
    const body = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    // What a form parser makes of the bytes (repeated keys as arrays): what Twilio would have signed.
    const params = parse(body.toString('utf8')) as Record<string, string | string[]>;
    const headers: Record<string, string> = {
      'x-twilio-signature': sign ? signTwilioForm(params) : 'bm90IGEgc2lnbmF0dXJl',
    };
    if (type) headers['content-type'] = type;
    const sid = typeof params.MessageSid === 'string' ? params.MessageSid : null;
    yield { kind, body, headers, sid };
  }
}

function encode(pairs: Pairs): string {
  return new URLSearchParams(pairs).toString();
}

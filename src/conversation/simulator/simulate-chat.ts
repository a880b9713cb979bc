import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { countSegments } from '../../sms/count-segments.js';
import type { Channel } from '../engine/engine-types.js';
import type { Language } from '../flows/flow-schema.js';
import type { InMemoryGateway } from './in-memory-gateway.js';

export interface SimulateChatOptions {
  gateway: InMemoryGateway;
  channel: Channel;
  language?: Language;
  input: Readable;
  output: Writable;
}

const HELP = `Type as a citizen. Commands:
  /photo [caption]   send a photo (WhatsApp behaviour)
  /wait <minutes>    let time pass (sessions expire after 24 h idle)
  /status <status>   set the status of your last report (try STATUS <kode> after)
  /as <name>         continue as another citizen (another phone number)
  /help              this text;  /quit  leave`;

/**
 * A terminal chat with the real engine in memory. Works with a keyboard or piped stdin, one message
 * per line, so flow authors can try a change and tests can script a conversation.
 */
export async function simulateChat(options: SimulateChatOptions): Promise<void> {
  const { gateway, channel, output } = options;
  const interactive = 'isTTY' in options.input && options.input.isTTY === true;
  const rl = createInterface({ input: options.input, terminal: interactive });
  const write = (line: string) => output.write(`${line}\n`);
  let citizen = 'citizen';
  let counter = 0;
  if (options.language) await gateway.setContactLanguage(citizen, options.language);
  write(`Suara simulator (${channel}). /help for commands.`);
  const prompt = () => {
    if (interactive) output.write(`${citizen}> `);
  };
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (!interactive) write(`${citizen}> ${line}`);
    if (line === '/quit' || line === '/exit') break;
    if (line === '/help') write(HELP);
    else if (line.startsWith('/wait')) {
      const minutes = Number(line.split(/\s+/)[1] ?? '0');
      await gateway.advance(Number.isFinite(minutes) ? minutes : 0);
      write(`  (${minutes} minutes later)`);
    } else if (line.startsWith('/status ')) {
      const last = gateway.reports.filter((r) => r.contact === citizen).at(-1);
      if (last) last.status = line.slice('/status '.length).trim();
      write(last ? `  (report ${last.referenceCode} is now "${last.status}")` : '  (no report yet)');
    } else if (line.startsWith('/as ')) {
      citizen = line.slice(4).trim() || 'citizen';
      if (options.language) await gateway.setContactLanguage(citizen, options.language);
    } else {
      const photo = line.startsWith('/photo');
      counter += 1;
      await gateway.advance(1);
      const turn = await gateway.send(citizen, {
        text: photo ? line.slice('/photo'.length).trim() : line,
        media: photo ? [{ url: `simulator://photo-${counter}.jpg`, contentType: 'image/jpeg' }] : [],
        channel,
        id: `sim-${counter}`,
      });
      for (const text of turn.outbound) {
        const count = countSegments(text);
        const cost =
          channel === 'sms'
            ? `${count.segments} SMS, ${count.encoding}, ${text.length} chars`
            : `${text.length} chars`;
        write(`suara [${cost}]: ${text}`);
      }
      if (turn.outbound.length === 0) write('  (no reply)');
      for (const effect of turn.effects) {
        if (effect.type === 'create_report') {
          const r = effect.report;
          const place =
            r.location.villageCode ?? r.location.districtCode ?? r.location.regencyCode ?? 'no place';
          write(
            `  · report ${r.referenceCode}: ${r.category}, ${place}, ${r.media.length} media, ${r.citizenMessages} messages`,
          );
        } else if (effect.type !== 'status_query') write(`  · ${effect.type}`);
      }
    }
    prompt();
  }
  rl.close();
}

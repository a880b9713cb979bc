import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createInMemoryGateway } from '../../../src/conversation/simulator/in-memory-gateway.js';
import { simulateChat } from '../../../src/conversation/simulator/simulate-chat.js';
import { flowsFrom, PROJECT_LAPOR } from './support/engine-harness.js';
import { standInClassify, standInResolveLocation } from './support/stand-ins.js';

describe('simulateChat', () => {
  it('runs a piped conversation and shows each reply with its SMS segment count', async () => {
    const gateway = createInMemoryGateway({
      flows: flowsFrom({ 'lapor.yaml': PROJECT_LAPOR }),
      classify: standInClassify,
      resolveLocation: standInResolveLocation,
      nextReferenceCode: () => 'K7QM4T',
    });
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
    });
    await simulateChat({
      gateway,
      channel: 'sms',
      input: Readable.from(['sungai tercemar\nKukar\nSTATUS K7QM4T\n']),
      output,
    });
    expect(printed).toContain(
      'suara [1 SMS, GSM-7, 132 chars]: Laporan Anda: LINGKUNGAN. Di mana lokasinya?',
    );
    expect(printed).toContain('· report K7QM4T: environmental, 64.02, 0 media, 2 messages');
    expect(printed).toContain('Laporan K7QM4T: diterima, menunggu pemeriksaan');
  });
});

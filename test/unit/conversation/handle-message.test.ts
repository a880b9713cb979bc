import { describe, expect, it } from 'vitest';
import { renderStatusReply } from '../../../src/conversation/engine/render-status-reply.js';
import { sessionSchema } from '../../../src/conversation/engine/session.js';
import { engineHarness, flowsFrom, PROJECT_LAPOR } from './support/engine-harness.js';

const flows = flowsFrom({ 'lapor.yaml': PROJECT_LAPOR });

describe('handleMessage', () => {
  it('returns plain JSON session state that survives a round trip through storage', () => {
    const chat = engineHarness(flows);
    const { session } = chat.send('sungai tercemar');
    const stored = JSON.parse(JSON.stringify(session));
    expect(sessionSchema.parse(stored)).toEqual(session);
    expect(session.conversation).toMatchObject({ flowId: 'lapor', stepId: 'ask_location', messages: 1 });
  });

  it('gives the code at once when the first message names a confident category and the place', () => {
    const chat = engineHarness(flows);
    const done = chat.send('sungai tercemar di Kukar');
    expect(done.texts).toEqual([
      'Kode K7QM01, LINGKUNGAN. Salah kategori? Balas 2=Perizinan 3=Pendapatan 4=Lainnya. Identitas Anda dirahasiakan. Cek status: STATUS K7QM01',
    ]);
    expect(done.effects).toContainEqual(
      expect.objectContaining({
        type: 'create_report',
        report: expect.objectContaining({
          citizenMessages: 1,
          provenance: expect.objectContaining({ citizenChoice: null }),
        }),
      }),
    );
    const corrected = chat.send('2');
    expect(corrected.effects).toEqual([
      { type: 'update_report', referenceCode: 'K7QM01', citizenChoice: 'licensing' },
    ]);
    expect(corrected.texts[0]).toContain('Kode: K7QM01, kategori PERIZINAN dicatat');
    expect(corrected.session.conversation).toBeNull();
  });

  it('reads a message that is no correction, after the code, as a new one', () => {
    const chat = engineHarness(flows);
    chat.send('sungai tercemar di Kukar');
    const next = chat.send('pajak tambang tidak dibayar di Samarinda');
    expect(next.effects.filter((e) => e.type === 'update_report')).toEqual([]);
    expect(next.effects).toContainEqual(
      expect.objectContaining({
        type: 'create_report',
        report: expect.objectContaining({ category: 'revenue' }),
      }),
    );
  });

  it('shows the menu below the confidence threshold', () => {
    const chat = engineHarness(flows);
    expect(chat.send('sungai agak aneh di Kukar').texts[0]).toBe(
      'Laporan Anda tentang apa? 1=Perizinan 2=Lingkungan 3=Pendapatan 4=Lainnya',
    );
    // Neither category nor place: one SMS asks for both.
    expect(engineHarness(flows).send('sungai agak aneh').texts[0]).toContain(
      'Laporan Anda tentang apa, dan di mana?',
    );
  });

  it('ignores a provider message id it has already answered', () => {
    const chat = engineHarness(flows);
    const first = chat.send('sungai tercemar di Kukar', { id: 'SM1' });
    const again = chat.send('sungai tercemar di Kukar', { id: 'SM1' });
    expect(again.outbound).toEqual([]);
    expect(again.effects).toEqual([]);
    expect(again.session).toEqual(first.session);
  });

  it('starts fresh after the idle timeout, and continues before it', () => {
    const chat = engineHarness(flows, { idleTimeoutMs: 60 * 60_000 });
    chat.send('sungai tercemar');
    chat.advance(30);
    expect(chat.send('Kukar').texts[0]).toContain('Kode K7QM02');
    chat.send('sungai tercemar');
    chat.advance(61);
    const after = chat.send('halo');
    expect(after.texts[0]).toContain('Selamat datang');
    expect(after.effects.some((e) => e.type === 'create_report')).toBe(false);
  });

  it('BATAL abandons the conversation; with none running it says so', () => {
    const chat = engineHarness(flows);
    chat.send('sungai tercemar');
    expect(chat.send('BATAL').texts).toEqual([
      'Laporan dibatalkan. Kirim pesan kapan saja untuk melapor lagi.',
    ]);
    expect(chat.session?.conversation).toBeNull();
    expect(chat.send('cancel').texts[0]).toContain('Tidak ada laporan');
    // After the code the report is filed: BATAL cancels nothing.
    chat.send('sungai tercemar di Kukar');
    expect(chat.send('BATAL').texts[0]).toContain('Tidak ada laporan');
  });

  it('HELP explains the service and the privacy promise without touching the conversation', () => {
    const chat = engineHarness(flows);
    chat.send('sungai tercemar');
    const help = chat.send('HELP');
    expect(help.texts[0]).toContain('dirahasiakan');
    expect(chat.session?.conversation?.stepId).toBe('ask_location');
  });

  it('STATUS asks the runtime to look the code up; renderStatusReply words the answer', () => {
    const chat = engineHarness(flows);
    const status = chat.send('STATUS k7qm-4t');
    expect(status.outbound).toEqual([]);
    expect(status.effects).toContainEqual({ type: 'status_query', code: 'K7QM4T', language: 'id' });
    expect(renderStatusReply(flows, 'id', { found: true, code: 'K7QM4T', status: 'new' })).toBe(
      'Laporan K7QM4T: diterima, menunggu pemeriksaan.',
    );
    // The secretariat's latest public note follows the stage.
    expect(
      renderStatusReply(flows, 'id', {
        found: true,
        code: 'K7QM4T',
        status: 'closed',
        note: 'Izin dicabut.',
      }),
    ).toBe('Laporan K7QM4T: selesai. Izin dicabut.');
    expect(renderStatusReply(flows, 'en', { found: true, code: 'K7QM4T', status: 'archived' })).toContain(
      'K7QM4T: archived',
    );
    expect(renderStatusReply(flows, 'id', { found: false, code: 'K7QM4T' })).toContain('tidak ditemukan');
    expect(chat.send('STATUS').texts[0]).toContain('Kirim STATUS diikuti kode');
  });

  it('STOP confirms once; afterwards only MULAI gets an answer', () => {
    const chat = engineHarness(flows);
    chat.send('sungai tercemar di Kukar');
    const stop = chat.send('Berhenti');
    expect(stop.effects).toContainEqual({ type: 'opt_out' });
    expect(stop.texts).toHaveLength(1);
    expect(stop.session.conversation).toBeNull();
    for (const text of ['1', 'halo', 'HELP', 'STATUS K7QM4T', 'LAPOR sungai']) {
      const quiet = chat.send(text);
      expect(quiet.outbound).toEqual([]);
      expect(quiet.effects).toEqual([]);
    }
    const back = chat.send('MULAI');
    expect(back.effects).toContainEqual({ type: 'opt_in' });
    expect(back.texts[0]).toContain('Selamat datang kembali');
  });

  it('restarts cleanly when the waiting step disappeared from a reloaded flow', () => {
    const chat = engineHarness(flows);
    chat.send('sungai tercemar di Kukar');
    const session = chat.session;
    if (!session?.conversation) throw new Error('expected a conversation');
    session.conversation.stepId = 'removed_step';
    expect(chat.send('halo').texts[0]).toContain('Selamat datang');
  });
});

describe('loop protection', () => {
  it('parks a contact that exceeds the limit, sends nothing while parked, and resumes after the window', () => {
    const chat = engineHarness(flows, { limits: { maxMessages: 3, windowMinutes: 10 } });
    expect(chat.send('halo').texts).toHaveLength(1);
    expect(chat.send('halo').texts).toHaveLength(1);
    expect(chat.send('halo').texts).toHaveLength(1);
    const parked = chat.send('halo');
    expect(parked.outbound).toEqual([]);
    expect(parked.effects).toContainEqual(expect.objectContaining({ type: 'park_contact', sentInWindow: 3 }));
    const silent = chat.send('halo');
    expect(silent.outbound).toEqual([]);
    expect(silent.effects).toEqual([]);
    chat.advance(11);
    expect(chat.send('sungai tercemar di Kukar').texts).toHaveLength(1);
  });

  it('still records an opt-out from a parked contact', () => {
    const chat = engineHarness(flows, { limits: { maxMessages: 1, windowMinutes: 10 } });
    chat.send('halo');
    chat.send('halo');
    const stop = chat.send('STOP');
    expect(stop.outbound).toEqual([]);
    expect(stop.effects).toEqual([{ type: 'opt_out' }]);
  });

  it('keeps a report created by the message that trips the limit', () => {
    const chat = engineHarness(flows, { limits: { maxMessages: 1, windowMinutes: 10 } });
    chat.send('sungai tercemar');
    const done = chat.send('Kukar');
    expect(done.outbound).toEqual([]);
    expect(done.effects.map((e) => e.type)).toEqual(['create_report', 'park_contact']);
  });
});

import type { Staff } from '../../auth/staff.js';
import type { PlaceCandidate } from '../../geo/place-directory.js';
import type { TriageService } from '../../triage/triage-service.js';
import { formatLocalDate, formatLocalTime } from '../format-time.js';
import { html, renderDocument, type SafeHtml } from '../html.js';
import { label, translator } from '../i18n.js';
import { layout } from '../layout.js';
import { reportActions } from './report-actions.js';
import { placeHintList, reportMediaList } from './report-media-list.js';

type Detail = NonNullable<Awaited<ReturnType<TriageService['report']>>>;

export interface ReportPageExtras {
  placeQuery: string;
  placeResults: PlaceCandidate[];
  assignable: { id: string; name: string }[];
  revealed: string | null;
}

export function reportPage(staff: Staff, detail: Detail, extras: ReportPageExtras): string {
  const t = translator(staff.language);
  const lang = staff.language;
  const { report } = detail;
  const when = (time: Date) => formatLocalTime(time, report.provinceCode, lang);
  const row = (name: string, value: SafeHtml | string | null) =>
    html`<div><dt>${name}</dt><dd>${value === null || value === '' ? '—' : value}</dd></div>`;

  const body = html`
<p><a href="/triage">← ${t('inbox')}</a></p>
<h1><span class="ref">${report.referenceCode}</span>
  <span class="badge status-${report.status}">${label(t, report.status)}</span>
  <span class="badge">${label(t, report.category)}</span>
  ${detail.overdue ? html`<span class="badge late">${t('overdue')}</span>` : ''}</h1>
<div class="columns">
<div class="main-column">
<section class="card" aria-labelledby="words"><h2 id="words">${t('citizenWords')}</h2>
  ${report.texts.map((text) => html`<blockquote class="citizen-text">${text}</blockquote>`)}
</section>
<section class="card" aria-labelledby="conv"><h2 id="conv">${t('conversation')}</h2>
  <ol class="thread">
  ${detail.messages.map(
    (m) => html`<li class="msg ${m.direction}">
      <span class="who">${m.direction === 'inbound' ? t('inbound') : t('outbound')}</span>
      <span class="body">${m.body}</span>
      ${m.media.length ? html`<span class="small">📎 ${m.media.length}</span>` : ''}
      <span class="small"><time datetime="${m.createdAt.toISOString()}">${when(m.createdAt)}</time>
      ${m.direction === 'outbound' ? html` · ${m.status === 'held' ? t('waiting') : m.status === 'unconfirmed' ? html`<span class="badge late">${t('msg_unconfirmed')}</span>` : label(t, `msg_${m.status}`)}` : ''}</span>
    </li>`,
  )}
  </ol>
</section>
<section class="card" aria-labelledby="fu"><h2 id="fu">${t('followUps')}</h2>
  ${
    detail.followUps.length
      ? html`<ol class="follow-ups">${detail.followUps.map(
          (
            f,
          ) => html`<li><strong>${f.actionDate}</strong> · ${label(t, f.kind)} ${f.agency ? html`· ${f.agency}` : ''}
            <p>${f.description}</p>${f.outcome ? html`<p class="small">${t('outcome')}: ${f.outcome}</p>` : ''}
            <p class="small">${f.author}</p></li>`,
        )}</ol>`
      : html`<p class="small">—</p>`
  }
</section>
<section class="card" aria-labelledby="hist"><h2 id="hist">${t('history')}</h2>
  <ol class="history">${detail.history.map(
    (
      e,
    ) => html`<li><time datetime="${e.createdAt.toISOString()}">${when(e.createdAt)}</time> · ${e.actor ?? t('inbound')} · <strong>${label(t, `ev_${e.type}`)}</strong>
      <span class="small">${describeEvent(e.data)}</span></li>`,
  )}</ol>
</section>
</div>
<div class="side-column">
<section class="card" aria-labelledby="facts"><h2 id="facts">${t('reference')}</h2><dl>
  ${row(t('received'), when(report.createdAt))}
  ${row(t('channel'), report.channel === 'whatsapp' ? 'WhatsApp' : 'SMS')}
  ${row(t('due'), report.dueAt ? html`<span class="${detail.overdue ? 'late' : ''}">${formatLocalDate(report.dueAt, report.provinceCode, lang)} (${report.dueKind ? label(t, report.dueKind) : ''})</span>` : null)}
  ${row(t('classifier'), report.classifierCategory ? `${label(t, report.classifierCategory)} · ${t('confidence')} ${(report.classifierConfidence ?? 0).toFixed(2)}` : null)}
  ${row(t('evidence'), (report.classifierEvidence ?? []).join(', '))}
  ${row(t('source'), t(`src_${report.categorySource === 'citizen' || report.categorySource === 'both' || report.categorySource === 'staff' ? report.categorySource : 'classifier'}`))}
  ${row(t('province'), detail.place.province)}
  ${row(t('regency'), detail.place.regency)}
  ${row(t('district'), detail.place.district)}
  ${row(t('village'), detail.place.village)}
  ${row(t('rawPlace'), report.locationText)}
  ${row(t('placeHints'), placeHintList(t, detail.placeHints))}
  ${row(t('assignee'), detail.assigneeName)}
  ${row(t('reason'), report.rejectionReason ? label(t, report.rejectionReason) : null)}
  ${row(t('outcome'), report.outcome ? label(t, report.outcome) : null)}
  ${row(t('publicNote').split('(')[0] ?? '', report.publicNote)}
  ${row(t('duplicateOf'), detail.duplicateOf ? html`<a href="/triage/reports/${detail.duplicateOf}">${detail.duplicateOf}</a>` : null)}
  ${row(t('duplicates'), detail.duplicates.length ? html`${detail.duplicates.map((code) => html`<a href="/triage/reports/${code}">${code}</a> `)}` : null)}
  ${row(t('media'), reportMediaList(t, report.referenceCode, detail.media))}
  ${row(t('contact'), html`<code>${detail.contact?.pseudonym ?? ''}</code>${detail.contact?.optedOut ? html` <span class="badge warn">STOP</span>` : ''}`)}
  ${row(t('otherReports'), detail.otherReports.length ? html`${detail.otherReports.map((o) => html`<a href="/triage/reports/${o.referenceCode}">${o.referenceCode}</a> `)}` : null)}
</dl>
${extras.revealed ? html`<p class="revealed" role="alert" data-testid="revealed-number">${extras.revealed}</p>` : ''}
</section>
${reportActions(staff, detail, extras)}
</div>
</div>`;
  return renderDocument(layout({ title: report.referenceCode, staff, language: lang, body }));
}

function describeEvent(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([key, value]) => value !== null && value !== '' && key !== 'messageId' && key !== 'id')
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

import { mayAccess, type Staff } from '../../auth/staff.js';
import { CATEGORIES } from '../../classifier/classification.js';
import { FOLLOW_UP_KINDS } from '../../db/schema/follow-ups.js';
import { CLOSE_OUTCOMES, REJECTION_REASONS, type ReportStatus } from '../../db/schema/reports.js';
import type { TriageService } from '../../triage/triage-service.js';
import { html, type SafeHtml } from '../html.js';
import { label, translator } from '../i18n.js';
import type { ReportPageExtras } from './report-page.js';

type Detail = NonNullable<Awaited<ReturnType<TriageService['report']>>>;

/** The action forms: plain POST forms to the API (they work without scripts), shown to those allowed. */
export function reportActions(staff: Staff, detail: Detail, extras: ReportPageExtras): SafeHtml {
  if (!mayAccess(staff.role, 'triage')) return html``;
  const t = translator(staff.language);
  const { report } = detail;
  const code = report.referenceCode;
  const csrf = html`<input type="hidden" name="_csrf" value="${staff.csrfToken ?? ''}">`;
  const form = (path: string, inner: SafeHtml, name: string) =>
    html`<form method="post" action="/api/v1/reports/${code}/${path}" data-action="${name}">${csrf}${inner}</form>`;
  const statusButton = (status: ReportStatus, text: string, extra: SafeHtml = html``) =>
    form(
      'status',
      html`<input type="hidden" name="status" value="${status}">${extra}<button type="submit">${text}</button>`,
      `status-${status}`,
    );
  const note = (id: string) =>
    html`<label for="${id}">${t('publicNote')}</label><input id="${id}" name="publicNote" maxlength="120">`;
  const select = (name: string, id: string, values: readonly string[], selected: string | null) =>
    html`<select id="${id}" name="${name}">${values.map((v) => html`<option value="${v}" ${v === selected ? 'selected' : ''}>${label(t, v).replaceAll('_', ' ')}</option>`)}</select>`;
  const s = report.status;

  return html`<section class="card actions" aria-labelledby="act"><h2 id="act">${t('actions')}</h2>
  ${s === 'new' || s === 'rejected' ? statusButton('validated', t('validate'), note('note-validate')) : ''}
  ${
    s === 'new' || s === 'validated'
      ? form(
          'status',
          html`<input type="hidden" name="status" value="rejected"><label for="reason">${t('reason')}</label>${select('reason', 'reason', REJECTION_REASONS, null)}<button type="submit">${t('reject')}</button>`,
          'status-rejected',
        )
      : ''
  }
  ${
    s === 'validated' || s === 'in_follow_up'
      ? form(
          'status',
          html`<input type="hidden" name="status" value="closed"><label for="outcome">${t('outcome')}</label>${select('outcome', 'outcome', CLOSE_OUTCOMES, null)}${note('note-close')}<button type="submit">${t('close')}</button>`,
          'status-closed',
        )
      : ''
  }
  ${s === 'closed' ? statusButton(detail.followUps.length ? 'in_follow_up' : 'validated', t('reopen')) : ''}
  ${s === 'rejected' ? statusButton('new', t('reopen')) : ''}
  ${
    s === 'validated' || s === 'in_follow_up'
      ? html`<details ${s === 'validated' ? 'open' : ''}><summary>${t('addFollowUp')}</summary>${form(
          'follow-ups',
          html`<label for="fu-kind">${t('kind')}</label>${select('kind', 'fu-kind', FOLLOW_UP_KINDS, 'meeting')}
          <label for="fu-date">${t('date')}</label><input id="fu-date" name="date" type="date" required>
          <label for="fu-agency">${t('agency')}</label><input id="fu-agency" name="agency" maxlength="200">
          <label for="fu-desc">${t('description')}</label><textarea id="fu-desc" name="description" required maxlength="4000"></textarea>
          <label for="fu-outcome">${t('outcome')}</label><input id="fu-outcome" name="outcome" maxlength="2000">
          <button type="submit">${t('addFollowUp')}</button>`,
          'follow-up',
        )}</details>`
      : ''
  }
  <details><summary>${t('reply')}</summary>
  ${
    detail.contact?.optedOut
      ? html`<p class="small">${t('optedOut')}</p>`
      : form(
          'messages',
          html`<p class="small">${t('replyHelp')}</p><label for="reply-text">${t('reply')}</label>
          <textarea id="reply-text" name="text" required maxlength="480" data-segments="/api/v1/reports/${code}/messages/preview"></textarea>
          <p class="small" aria-live="polite" data-segment-count></p><button type="submit">${t('send')}</button>`,
          'message',
        )
  }</details>
  <details><summary>${t('changeCategory')}</summary>${form(
    'category',
    html`<label for="category">${t('category')}</label>${select('category', 'category', CATEGORIES, report.category)}<button type="submit">${t('changeCategory')}</button>`,
    'category',
  )}</details>
  <details ${extras.placeQuery ? 'open' : ''}><summary>${t('correctPlace')}</summary>
    <form method="get" action="/triage/reports/${code}" role="search"><label for="place-q">${t('placeSearch')}</label>
      <input id="place-q" name="placeQuery" value="${extras.placeQuery}"><button type="submit">${t('search')}</button></form>
    ${extras.placeResults.map((p) =>
      form(
        'place',
        html`<input type="hidden" name="placeCode" value="${p.code}"><button type="submit" class="link">${p.label}</button>`,
        'place',
      ),
    )}
  </details>
  <details><summary>${t('assign')}</summary>${form(
    'assignee',
    html`<label for="assignee">${t('assignee')}</label><select id="assignee" name="assigneeId"><option value="">${t('nobody')}</option>${extras.assignable.map(
      (u) => html`<option value="${u.id}" ${u.id === report.assigneeId ? 'selected' : ''}>${u.name}</option>`,
    )}</select><button type="submit">${t('assign')}</button>`,
    'assign',
  )}</details>
  <details><summary>${t('markDuplicate')}</summary>${form(
    'duplicate-of',
    html`<label for="dup">${t('duplicateOf')}</label><input id="dup" name="originalCode" value="${detail.duplicateOf ?? ''}" maxlength="20"><button type="submit">${t('markDuplicate')}</button>`,
    'duplicate',
  )}</details>
  <details><summary>${t('addNote')}</summary>${form(
    'notes',
    html`<label for="note-text">${t('note')}</label><textarea id="note-text" name="text" required maxlength="4000"></textarea><button type="submit">${t('addNote')}</button>`,
    'note',
  )}</details>
  ${
    staff.role === 'admin'
      ? html`<details><summary>${t('reveal')}</summary><form method="post" action="/triage/reports/${code}/reveal" data-action="reveal">${csrf}
      <label for="reveal-reason">${t('revealReason')}</label><textarea id="reveal-reason" name="reason" required minlength="10"></textarea>
      <button type="submit">${t('reveal')}</button></form></details>`
      : ''
  }
</section>`;
}

import type { AuditPage } from '../../audit/list-audit.js';
import type { Staff } from '../../auth/staff.js';
import { breakableEmail } from '../breakable-email.js';
import { formatLocalTime } from '../format-time.js';
import { html, renderDocument, type SafeHtml } from '../html.js';
import { translator } from '../i18n.js';
import { layout } from '../layout.js';

export const REVEAL_ACTION = 'report.reveal_number';

/** Actions offered as suggestions in the filter (the field takes any action name). */
const KNOWN_ACTIONS = [
  REVEAL_ACTION,
  'report.status',
  'report.category',
  'report.place',
  'report.assignee',
  'report.duplicate',
  'report.note',
  'report.follow_up',
  'report.message',
  'user.create',
  'user.disable',
  'user.enable',
  'user.password_link',
  'user.token_create',
  'user.token_revoke',
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.password_accepted',
  'auth.totp_enrolled',
  'auth.totp_failed',
  'auth.password_set',
  'auth.sign_out',
  'whatsapp_web.link_start',
  'whatsapp_web.link_succeeded',
  'whatsapp_web.link_failed',
  'whatsapp_web.link_cancel',
];

const MAX_DATA_CHARS = 300;

function compactJson(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > MAX_DATA_CHARS ? `${text.slice(0, MAX_DATA_CHARS)}…` : text;
}

export interface AuditPageView {
  page: AuditPage;
  action: string;
  /** The cursor this page was opened with (absent on the newest page). */
  before: number | undefined;
  /** User ids to e-mails, so `user` subjects read as people. */
  userEmails: ReadonlyMap<string, string>;
}

/** The audit log for admins, newest first; reveals of a citizen's number stand out. */
export function auditPage(staff: Staff, view: AuditPageView): string {
  const t = translator(staff.language);
  const { page, action } = view;
  const withQuery = (params: Record<string, string>) => {
    const query = new URLSearchParams({ ...(action ? { action } : {}), ...params }).toString();
    return query ? `/triage/audit?${query}` : '/triage/audit';
  };
  // Some entries name a user by id (the set-password step has no e-mail at hand): show the e-mail.
  const person = (who: string) => {
    const email = view.userEmails.get(who);
    return email ? html`<span title="${who}">${breakableEmail(email)}</span>` : breakableEmail(who);
  };
  const subject = (type: string | null, id: string | null): SafeHtml | string => {
    if (!type) return '—';
    if (type === 'report' && id)
      return html`${type} <a href="/triage/reports/${encodeURIComponent(id)}" class="ref">${id}</a>`;
    if (type === 'user' && id)
      return html`${type} <span title="${id}">${view.userEmails.get(id) ?? id}</span>`;
    return `${type} ${id ?? ''}`;
  };

  const body = html`
<h1>${t('audit')}</h1>
<form class="filters" method="get" action="/triage/audit" role="search">
  <label>${t('actionFilter')}<input name="action" value="${action}" list="audit-actions" maxlength="100" size="28"></label>
  <datalist id="audit-actions">${KNOWN_ACTIONS.map((name) => html`<option value="${name}"></option>`)}</datalist>
  <button type="submit">${t('filter')}</button> <a href="/triage/audit">${t('reset')}</a>
</form>
<p class="small"><span class="reveal-key" aria-hidden="true"></span> ${t('revealsHint')}</p>
${
  page.items.length === 0
    ? html`<p class="empty">${t('noEntries')}</p>`
    : html`<div class="card table-wrap"><table class="data audit">
  <thead><tr>
    <th scope="col">${t('time')}</th><th scope="col">${t('actor')}</th><th scope="col">${t('auditAction')}</th>
    <th scope="col">${t('subject')}</th><th scope="col">${t('auditData')}</th><th scope="col">${t('ip')}</th>
  </tr></thead>
  <tbody>
  ${page.items.map((row) => {
    const reveal = row.action === REVEAL_ACTION;
    return html`<tr class="${reveal ? 'reveal' : ''}" data-action="${row.action}">
    <td class="nowrap"><time datetime="${row.at.toISOString()}">${formatLocalTime(row.at, null, staff.language)}</time></td>
    <td class="wrap">${person(row.actor)}</td>
    <td><code>${row.action}</code>${reveal ? html` <span class="badge warn">${t('revealBadge')}</span>` : ''}</td>
    <td class="wrap">${subject(row.subjectType, row.subjectId)}</td>
    <td class="data-cell"><code class="json">${compactJson(row.after)}</code></td>
    <td class="wrap">${row.ip ?? '—'}</td>
  </tr>`;
  })}
  </tbody>
</table></div>`
}
<p class="pager">
  ${view.before !== undefined ? html`<a class="button secondary" href="${withQuery({})}">↑ ${t('newest')}</a>` : ''}
  ${page.nextCursor !== null ? html`<a class="button" rel="next" href="${withQuery({ before: String(page.nextCursor) })}">${t('older')} →</a>` : ''}
</p>`;
  return renderDocument(layout({ title: t('audit'), staff, language: staff.language, body }));
}

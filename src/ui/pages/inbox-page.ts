import type { Staff } from '../../auth/staff.js';
import { CATEGORIES } from '../../classifier/classification.js';
import { REPORT_STATUSES } from '../../db/schema/reports.js';
import { CATEGORY_SOURCES, type InboxFilters } from '../../triage/inbox-filters.js';
import type { TriageService } from '../../triage/triage-service.js';
import { formatLocalDate, formatLocalTime } from '../format-time.js';
import { html, renderDocument } from '../html.js';
import { label, translator } from '../i18n.js';
import { layout } from '../layout.js';

type Inbox = Awaited<ReturnType<TriageService['inbox']>>;

const PROVINCE_NAMES: Record<string, string> = {
  '11': 'Aceh',
  '64': 'Kalimantan Timur',
  '74': 'Sulawesi Tenggara',
};

/** Query string for the inbox with one filter changed (tabs, next page). */
function linkWith(filters: InboxFilters, changes: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...changes })) {
    if (value === undefined || value === false || value === '' || key === 'limit') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `/triage?${text}` : '/triage';
}

export function inboxPage(staff: Staff, filters: InboxFilters, inbox: Inbox): string {
  const t = translator(staff.language);
  const lang = staff.language;
  const provinces = staff.role === 'admin' ? Object.keys(PROVINCE_NAMES) : staff.provinces;
  const { counts, countLimit } = inbox;
  const shown = (n: number) => (countLimit !== null && n > countLimit ? `${countLimit}+` : String(n));
  const total = counts ? shown(Object.values(counts).reduce((a, b) => a + b, 0)) : null;
  // Under a search the tabs filter the results without counting them (see countInboxByStatus).
  const tab = (status: string | undefined, text: string, count: string | null) =>
    html`<a href="${linkWith(filters, { status, cursor: undefined })}" ${filters.status === status ? html`aria-current="page"` : ''}>${text}${count === null ? '' : html` <span class="count">${count}</span>`}</a>`;
  const option = (value: string, text: string, selected: string | undefined) =>
    html`<option value="${value}" ${selected === value ? 'selected' : ''}>${text}</option>`;
  const check = (name: keyof InboxFilters, text: string) =>
    html`<label class="check"><input type="checkbox" name="${name}" value="true" ${filters[name] ? 'checked' : ''}> ${text}</label>`;

  // The filters beyond the search box fold away (a phone shows reports first), open while any is in use.
  const { q: _q, status: _s, cursor: _c, limit: _l, ...rest } = filters;
  const narrowed = Object.values(rest).some((value) => value !== undefined && value !== false);

  const body = html`
<h1>${t('inbox')}</h1>
<nav class="tabs" aria-label="${t('status')}">
  ${tab(undefined, t('all'), total)}
  ${REPORT_STATUSES.map((status) => tab(status, label(t, status), counts ? shown(counts[status]) : null))}
</nav>
<form class="filters" method="get" action="/triage" role="search">
  ${filters.status ? html`<input type="hidden" name="status" value="${filters.status}">` : ''}
  <div class="search-row">
    <label>${t('search')}<input type="search" name="q" value="${filters.q ?? ''}"></label>
    <button type="submit">${t('filter')}</button> <a href="/triage">${t('reset')}</a>
  </div>
  <details class="more-filters" ${narrowed ? 'open' : ''}><summary>${t('moreFilters')}</summary>
  <div class="filter-fields">
  <label>${t('category')}<select name="category">${option('', t('all'), filters.category)}${CATEGORIES.map((c) => option(c, label(t, c), filters.category))}</select></label>
  <label>${t('source')}<select name="categorySource">${option('', t('all'), filters.categorySource)}${CATEGORY_SOURCES.map((s) => option(s, t(`src_${s}`), filters.categorySource))}</select></label>
  <label>${t('province')}<select name="province">${option('', t('all'), filters.province)}${provinces.map((p) => option(p, PROVINCE_NAMES[p] ?? p, filters.province))}</select></label>
  <label>${t('regency')}<input name="regency" value="${filters.regency ?? ''}" placeholder="64.02" size="6"></label>
  <label>${t('channel')}<select name="channel">${option('', t('all'), filters.channel)}${option('sms', 'SMS', filters.channel)}${option('whatsapp', 'WhatsApp', filters.channel)}</select></label>
  <label>${t('from')}<input type="date" name="from" value="${filters.from ?? ''}"></label>
  <label>${t('to')}<input type="date" name="to" value="${filters.to ?? ''}"></label>
  ${check('lowConfidence', t('lowConfidence'))} ${check('withMedia', t('withMedia'))} ${check('overdue', t('overdue'))}
  ${check('assignedToMe', t('mine'))} ${check('includeSimulated', t('simulated'))}
  </div>
  </details>
</form>
${
  inbox.items.length === 0
    ? html`<p class="empty">${t('noReports')}</p>`
    : html`<ol class="reports">
  ${inbox.items.map(
    (item) => html`<li class="report ${item.overdue ? 'overdue' : ''}">
    <a class="ref" href="/triage/reports/${item.referenceCode}">${item.referenceCode}</a>
    <span class="badge status-${item.status}">${label(t, item.status)}</span>
    <span class="badge">${label(t, item.category)}</span>
    ${item.lowConfidence ? html`<span class="badge warn">${t('lowConfidenceBadge')}</span>` : ''}
    ${item.duplicateOfCode ? html`<span class="badge">= ${item.duplicateOfCode}</span>` : ''}
    ${item.duplicates > 0 ? html`<span class="badge">+${item.duplicates} ${t('duplicates')}</span>` : ''}
    ${item.mediaCount > 0 ? html`<span class="badge">📎 ${item.mediaCount}</span>` : ''}
    ${item.simulated ? html`<span class="badge">sim</span>` : ''}
    <p class="excerpt">${item.firstText}</p>
    <p class="meta"><time datetime="${item.createdAt.toISOString()}">${formatLocalTime(item.createdAt, item.provinceCode, lang)}</time>
      · ${item.place.regency ?? item.place.province ?? '—'} · ${item.channel === 'whatsapp' ? 'WhatsApp' : 'SMS'}
      ${item.dueAt ? html` · <span class="${item.overdue ? 'late' : ''}">${t('due')}: ${formatLocalDate(item.dueAt, item.provinceCode, lang)}</span>` : ''}</p>
  </li>`,
  )}
</ol>`
}
${inbox.nextCursor ? html`<p><a class="button" rel="next" href="${linkWith(filters, { cursor: inbox.nextCursor })}">${t('next')} →</a></p>` : ''}`;
  return renderDocument(layout({ title: t('inbox'), staff, language: lang, body }));
}

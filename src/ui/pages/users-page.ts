import type { Staff } from '../../auth/staff.js';
import type { UserView } from '../../auth/user-admin-by-id.js';
import { breakableEmail } from '../breakable-email.js';
import { html, renderDocument, type SafeHtml } from '../html.js';
import { translator } from '../i18n.js';
import { layout } from '../layout.js';
import { EMPTY_DRAFT, PILOT_PROVINCES, type UserDraft, userCreateForm } from './user-create-form.js';

export interface UsersPageExtras {
  /** A set-password link just made: shown on this one answer only, never put in a URL. */
  oneTimeLink?: { email: string; url: string; created: boolean };
  error?: string;
  draft?: UserDraft;
}

/** The staff accounts (admins): who they are, their state, and the forms that change it. */
export function usersPage(staff: Staff, users: UserView[], extras: UsersPageExtras = {}): string {
  const t = translator(staff.language);
  const csrf = html`<input type="hidden" name="_csrf" value="${staff.csrfToken ?? ''}">`;
  const yesNo = (value: boolean) =>
    html`<span class="badge ${value ? 'ok' : ''}">${value ? t('yes') : t('no')}</span>`;
  const provinces = (user: UserView) =>
    user.role === 'admin'
      ? html`<span class="small">${t('all')}</span>`
      : user.provinces.map(
          (code) => html`<span class="province" title="${PILOT_PROVINCES[code] ?? ''}">${code}</span> `,
        );
  const rowForm = (user: UserView, path: string, inner: SafeHtml, action: string) =>
    html`<form method="post" action="/triage/users/${user.id}/${path}" class="inline" data-action="${action}">${csrf}${inner}</form>`;
  const hiddenEmail = (user: UserView) => html`<span class="visually-hidden"> ${user.email}</span>`;
  const link = extras.oneTimeLink;

  const body = html`
<h1>${t('users')}</h1>
${
  link
    ? html`<section class="card one-time-link" role="status" aria-labelledby="one-time-title">
  <h2 id="one-time-title">${link.created ? t('userCreated').replace('{email}', link.email) : t('newLink')}</h2>
  <p>${t('linkOnce').replace('{email}', link.email)}</p>
  <p><code class="secret" data-testid="one-time-link">${link.url}</code></p>
</section>`
    : ''
}
${extras.error ? html`<p class="error card" role="alert">${extras.error}</p>` : ''}
<section class="card" aria-labelledby="user-list"><h2 id="user-list">${t('users')} <span class="count">${users.length}</span></h2>
<div class="table-wrap">
<table class="data users">
  <thead><tr>
    <th scope="col">${t('email')}</th><th scope="col">${t('name')}</th><th scope="col">${t('role')}</th>
    <th scope="col">${t('provinces')}</th><th scope="col"><abbr title="${t('twoFactor')}">2FA</abbr></th>
    <th scope="col">${t('hasPassword')}</th><th scope="col">${t('status')}</th><th scope="col">${t('actions')}</th>
  </tr></thead>
  <tbody>
  ${users.map(
    (user) => html`<tr class="${user.disabled ? 'disabled' : ''}" data-user="${user.email}">
    <th scope="row">${breakableEmail(user.email)}${user.id === staff.userId ? html` <span class="small">(${t('you')})</span>` : ''}</th>
    <td>${user.name}</td>
    <td>${t(`role_${user.role}`)}</td>
    <td>${provinces(user)}</td>
    <td>${yesNo(user.totpEnabled)}</td>
    <td>${yesNo(user.passwordSet)}</td>
    <td>${user.disabled ? html`<span class="badge late">${t('disabledStatus')}</span>` : html`<span class="badge ok">${t('active')}</span>`}</td>
    <td><div class="row-actions">
      ${
        user.id === staff.userId
          ? ''
          : rowForm(
              user,
              'disabled',
              html`<input type="hidden" name="disabled" value="${user.disabled ? 'false' : 'true'}"><button type="submit" class="${user.disabled ? '' : 'secondary'}">${user.disabled ? t('enableUser') : t('disableUser')}${hiddenEmail(user)}</button>`,
              user.disabled ? 'enable' : 'disable',
            )
      }
      ${rowForm(user, 'password-link', html`<button type="submit" class="secondary">${t('newLink')}${hiddenEmail(user)}</button>`, 'password-link')}
    </div></td>
  </tr>`,
  )}
  </tbody>
</table>
</div>
</section>
${userCreateForm(staff, extras.draft ?? EMPTY_DRAFT)}`;
  return renderDocument(layout({ title: t('users'), staff, language: staff.language, body }));
}

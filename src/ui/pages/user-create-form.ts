import { ROLES, type Role } from '../../auth/roles.js';
import type { Staff } from '../../auth/staff.js';
import { html, type SafeHtml } from '../html.js';
import { translator } from '../i18n.js';

/** The pilot provinces offered as checkboxes; any other two-digit code goes in the free-text field. */
export const PILOT_PROVINCES: Record<string, string> = {
  '11': 'Aceh',
  '64': 'Kalimantan Timur',
  '74': 'Sulawesi Tenggara',
};

/** What the admin typed, kept when the form comes back with an error. */
export interface UserDraft {
  email: string;
  name: string;
  role: Role;
  provinces: string[];
  otherProvinces: string;
}

export const EMPTY_DRAFT: UserDraft = {
  email: '',
  name: '',
  role: 'secretariat',
  provinces: [],
  otherProvinces: '',
};

/** The create-user form: a plain POST that works without scripts. */
export function userCreateForm(staff: Staff, draft: UserDraft): SafeHtml {
  const t = translator(staff.language);
  return html`<section class="card" aria-labelledby="create-user"><h2 id="create-user">${t('createUser')}</h2>
<form method="post" action="/triage/users" class="create-user" data-action="create-user">
  <input type="hidden" name="_csrf" value="${staff.csrfToken ?? ''}">
  <div class="fields">
    <div><label for="new-email">${t('email')}</label>
      <input id="new-email" name="email" type="email" required maxlength="320" autocomplete="off" value="${draft.email}"></div>
    <div><label for="new-name">${t('name')}</label>
      <input id="new-name" name="name" required maxlength="200" autocomplete="off" value="${draft.name}"></div>
    <div><label for="new-role">${t('role')}</label>
      <select id="new-role" name="role">${ROLES.map(
        (role) =>
          html`<option value="${role}" ${role === draft.role ? 'selected' : ''}>${t(`role_${role}`)}</option>`,
      )}</select></div>
  </div>
  <fieldset>
    <legend>${t('provinces')}</legend>
    <p class="small">${t('provincesHelp')}</p>
    ${Object.entries(PILOT_PROVINCES).map(
      ([code, name]) =>
        html`<label class="check"><input type="checkbox" name="provinces" value="${code}" ${draft.provinces.includes(code) ? 'checked' : ''}> ${code} ${name}</label> `,
    )}
    <label for="new-other">${t('otherProvinces')}</label>
    <input id="new-other" name="otherProvinces" maxlength="200" placeholder="12, 72" value="${draft.otherProvinces}">
  </fieldset>
  <button type="submit">${t('createUser')}</button>
</form>
</section>`;
}

import { html, type SafeHtml } from './html.js';

/** An e-mail address that a narrow table cell may wrap after the `@`, not in the middle of a word. */
export function breakableEmail(email: string): SafeHtml {
  const at = email.lastIndexOf('@');
  if (at < 0) return html`${email}`;
  return html`${email.slice(0, at)}@<wbr>${email.slice(at + 1)}`;
}

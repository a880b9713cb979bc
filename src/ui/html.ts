const SAFE = Symbol('safe-html');

/** Markup known to be safe: only `html` templates make it. */
export interface SafeHtml {
  readonly [SAFE]: string;
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

function isSafe(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && SAFE in value;
}

function toMarkup(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (isSafe(value)) return value[SAFE];
  if (Array.isArray(value)) return value.map(toMarkup).join('');
  return escapeHtml(String(value));
}

/**
 * Escape by default: every interpolated value is escaped unless it is itself the output of `html`.
 * Citizen texts are hostile HTML; this is what keeps them text. Attribute values must be quoted.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += toMarkup(value) + (strings[i + 1] ?? '');
  });
  return { [SAFE]: out };
}

export function renderDocument(page: SafeHtml): string {
  return `<!doctype html>${page[SAFE]}`;
}

/** A part of a page as text, for a script that swaps it into the page it already shows. */
export function renderFragment(part: SafeHtml): string {
  return part[SAFE];
}

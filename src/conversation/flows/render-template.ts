const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*(?:\|\s*(upper|lower)\s*)?\}\}/g;

/** Looks a variable up for a template; undefined renders as an empty string. */
export type TemplateLookup = (name: string) => string | undefined;

/** Fills `{{name}}` and `{{name | upper}}` placeholders. */
export function renderTemplate(template: string, lookup: TemplateLookup): string {
  return template
    .replace(PLACEHOLDER, (_match, name: string, filter: string | undefined) => {
      const value = lookup(name) ?? '';
      if (filter === 'upper') return value.toUpperCase();
      if (filter === 'lower') return value.toLowerCase();
      return value;
    })
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** The variable names a template uses, for the linter. */
export function templateVariables(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/** Staff roles: admin (all provinces, manages users), secretariat (triages its provinces), viewer (reads). */
export const ROLES = ['admin', 'secretariat', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** The workspace's languages: Bahasa Indonesia first, English per user. */
export const UI_LANGUAGES = ['id', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

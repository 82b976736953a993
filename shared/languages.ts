/**
 * The languages SIP Live speaks, defined once: the screens' catalogues (client/i18n), the server's
 * field errors (shared/validation.ts) and the minutes (shared/minutes/text.ts, and the `lang` of
 * their address). Swedish is the default and the source of every text; English translates it.
 * No zod here: the client's first download reads this list.
 */
export const LANGUAGES = ['sv', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

export const DEFAULT_LANGUAGE: Language = 'sv'

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value)
}

import type { Language } from './languages'
import type { DeviationCategory } from './schemas/sip'

/**
 * The kinds of deviation (avvikelse, seed 002 section 5) in words, defined once for the screens'
 * catalogues (client/i18n/deviations.*.ts) and the CSV export (server/sips/deviations.ts) – beside
 * the domain's other words in shared/terms.ts. Swedish first, English second.
 */
export const DEVIATION_CATEGORY_TERMS: Record<Language, Record<DeviationCategory, string>> = {
  sv: {
    'actor-absent': 'En kallad aktör kom inte',
    'late-invitation': 'Kallelsen skickades senare än tre veckor före mötet',
    'meeting-late': 'Mötet hölls inte inom tre veckor från att behovet blev känt',
    'not-signed': 'Protokollet skrevs inte under',
    other: 'Annat',
  },
  en: {
    'actor-absent': 'An invited organisation did not come',
    'late-invitation': 'The invitation was sent less than three weeks before the meeting',
    'meeting-late': 'The meeting was not held within three weeks of the need becoming known',
    'not-signed': 'The protocol was not signed',
    other: 'Other',
  },
}

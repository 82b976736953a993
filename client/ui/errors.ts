import type { ApiFailure } from '../api'
import type { TFunction } from '../i18n'

/**
 * One sentence for a failed request that belongs to no single field. Screens that expect a
 * particular code (`no-consent`, `invalid-credentials`) say something more specific first.
 */
export function failureMessage(t: TFunction, failure: ApiFailure): string {
  if (failure.status === 0) return t('errors.network')
  if (failure.status === 429) {
    const minutes = Math.max(1, Math.ceil((failure.retryAfterSeconds ?? 60) / 60))
    return t('errors.tooManyAttempts', { count: minutes })
  }
  if (failure.code === 'validation') return failure.message ?? t('errors.validation')
  if (failure.status === 403) return t('errors.forbidden')
  if (failure.status === 404) return t('errors.notFound')
  if (failure.status === 409) return failure.message ?? t('errors.conflict')
  return t('errors.unknown')
}

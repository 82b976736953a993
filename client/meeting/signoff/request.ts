import { useState } from 'react'
import type { MeetingState } from '../../../shared/schemas/signoff'
import type { ApiFailure, ApiResult } from '../../api'
import { useTranslation } from '../../i18n'
import { failureMessage } from '../../ui/errors'

export type Signature = MeetingState['signatures'][number]

/** Signatures of the active version that still count. */
export function activeSignatures(state: MeetingState): Signature[] {
  const version = state.version
  if (!version) return []
  return state.signatures.filter((s) => !s.void && s.versionNumber === version.number)
}

/**
 * Runs a request, hands on what it answers, and turns a failure into a sentence. `failed` may take
 * a failure it expects (answering true) instead of showing it.
 */
export function useRequest() {
  const { t } = useTranslation()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const run = async <T>(
    request: () => Promise<ApiResult<T>>,
    done: (data: T) => void,
    failed?: (failure: ApiFailure) => boolean,
  ): Promise<void> => {
    if (busy) return
    setBusy(true)
    setError(null)
    const result = await request()
    setBusy(false)
    if (result.ok) done(result.data)
    else if (!failed?.(result.failure))
      setError(t('signoff.error', { message: failureMessage(t, result.failure) }))
  }
  return { error, busy, run }
}

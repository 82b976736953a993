import type { SipSummary } from '../../shared/schemas/sip'
import { useTranslation } from '../i18n'
import { followUpLine } from './labels'

/**
 * Where the next follow-up stands, in words: a due, late or missing follow-up is highlighted, and
 * the sentence itself says which ("Försenad uppföljning – …"), so nothing rests on colour.
 */
export function FollowUpState({
  sip,
}: {
  sip: Pick<SipSummary, 'followUpState' | 'nextFollowUp' | 'status'>
}) {
  const { t } = useTranslation()
  const line = followUpLine(t, sip)
  if (!line.text) return null
  return (
    <p className={`follow-up-state${line.attention ? ` follow-up-state--${line.attention}` : ''}`}>
      {line.attention ? <strong>{line.text}</strong> : line.text}
      {line.detail ? <> {line.detail}</> : null}
    </p>
  )
}

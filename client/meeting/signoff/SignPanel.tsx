import { type FormEvent, useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionResponse } from '../../../shared/schemas/session'
import type { MeetingState } from '../../../shared/schemas/signoff'
import { api } from '../../api'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { ConfirmAndName, focusFirst, SubmitRow, useSigner } from './fields'
import { MinutesLinks } from './MinutesLinks'
import { activeSignatures, useRequest } from './request'
import { Satisfaction } from './Satisfaction'

/**
 * Everyone else's sign panel while the plan is locked (G5, method "own-device"); then, for child
 * and guardian, satisfaction. Once the plan is locked or finalized, the links to the minutes.
 */
export function SignPanel({
  me,
  state,
  apply,
}: {
  me: SessionResponse
  state: MeetingState | null
  apply: (state: MeetingState) => void
}) {
  const { t } = useTranslation()
  const { error, busy, run } = useRequest()
  const signer = useSigner('signoff-sign', me.name)
  const titleId = useId()

  if (!state?.version || state.status === 'open') return null
  const version = state.version
  const mine = activeSignatures(state).find((s) => s.participantId === me.participantId)
  const asksSatisfaction = me.role === 'child' || me.role === 'guardian'

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    const wrong = signer.validate()
    if (wrong.length > 0) {
      focusFirst(wrong)
      return
    }
    void run(
      () =>
        api.signPlan(me.meetingId, me.participantId, {
          versionHash: version.hash,
          confirm: true,
          typedName: signer.name.trim(),
        }),
      apply,
    )
  }

  return (
    <section className="room-panel signoff" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('signoff.title')}</h2>
      {mine ? (
        <>
          <p className="notice" role="status">
            {t('signoff.sign.done', { code: version.code })}
          </p>
          {asksSatisfaction ? <Satisfaction me={me} /> : null}
        </>
      ) : state.status === 'locked' ? (
        <form className="signoff-form" noValidate onSubmit={submit}>
          <fieldset>
            <legend>{t('signoff.sign.legend')}</legend>
            <p>{t('signoff.sign.review', { code: version.code })}</p>
            <ErrorNotice message={error} />
            <ConfirmAndName signer={signer} nameLabel={t('signoff.sign.name')} />
            <SubmitRow busy={busy} label={t('signoff.sign.submit')} />
          </fieldset>
        </form>
      ) : null}
      <MinutesLinks me={me} />
    </section>
  )
}

import { type FormEvent, useId } from 'react'
import type { SessionResponse } from '../../../shared/schemas/session'
import type { MeetingState } from '../../../shared/schemas/signoff'
import { api, minutesPdfUrl } from '../../api'
import { currentLanguage, useTranslation } from '../../i18n'
import { PdfDownloadLink } from '../../minutes/PdfDownloadLink'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { ConfirmAndName, focusFirst, SubmitRow, useSigner } from './fields'
import { MinutesLinks } from './MinutesLinks'
import { activeSignatures, useRequest } from './request'
import { asksSatisfaction, ChildSatisfaction, Satisfaction } from './Satisfaction'

/**
 * Everyone else's sign panel while the plan is locked (G5, method "own-device"). Once the plan is
 * locked or finalized: for guardians "Är du nöjd med mötet?" (G11) whether or not they signed, and
 * the links to the minutes. The child has its own panel in plain words (ChildSignPanel).
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
  const signing = useOwnDeviceSigning('signoff-sign', me, state, apply)
  const titleId = useId()

  if (!signing) return null
  const { version, mine, signer, error, busy, submit } = signing

  return (
    <section className="room-panel signoff" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('signoff.title')}</h2>
      {mine ? (
        <p className="notice" role="status">
          {t('signoff.sign.done', { code: version.code })}
        </p>
      ) : signing.state.status === 'locked' ? (
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
      {asksSatisfaction(me, signing.state) ? <Satisfaction me={me} /> : null}
      <MinutesLinks me={me} />
    </section>
  )
}

/**
 * The child's part of the ending, in plain words: signing on their own phone if they like (the
 * same G5 signature as everyone's; the version is sent, never shown), "Är du nöjd med mötet?" with
 * faces whether or not they signed, and the plan to keep as a PDF. Nothing before the plan is locked.
 */
export function ChildSignPanel({
  me,
  state,
  apply,
}: {
  me: SessionResponse
  state: MeetingState | null
  apply: (state: MeetingState) => void
}) {
  const { t } = useTranslation()
  const signing = useOwnDeviceSigning('child-sign', me, state, apply)
  const titleId = useId()

  if (!signing) return null
  const { mine, signer, error, busy, submit } = signing

  return (
    <section className="room-panel child-end" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('child.sign.title')}</h2>
      {mine ? (
        <p className="notice" role="status">
          {t('child.sign.done')}
        </p>
      ) : signing.state.status === 'locked' ? (
        <form className="signoff-form" noValidate onSubmit={submit}>
          <fieldset>
            <legend>{t('child.sign.legend')}</legend>
            <p>{t('child.sign.hint')}</p>
            <ErrorNotice message={error} />
            <ConfirmAndName
              signer={signer}
              nameLabel={t('child.sign.name')}
              confirmLabel={t('child.sign.confirm')}
            />
            <SubmitRow busy={busy} label={t('child.sign.submit')} />
          </fieldset>
        </form>
      ) : null}
      {asksSatisfaction(me, signing.state) ? <ChildSatisfaction me={me} /> : null}
      <p className="child-end__download">
        <PdfDownloadLink href={minutesPdfUrl(me.meetingId, me.participantId, currentLanguage())}>
          {t('child.download')}
        </PdfDownloadLink>
      </p>
    </section>
  )
}

/**
 * Signing on one's own device (G5, method "own-device"), for the adults' and the child's panel:
 * null while there is nothing to sign (no version, or the plan is open).
 */
function useOwnDeviceSigning(
  prefix: string,
  me: SessionResponse,
  state: MeetingState | null,
  apply: (state: MeetingState) => void,
) {
  const { error, busy, run } = useRequest()
  const signer = useSigner(prefix, me.name)
  if (!state?.version || state.status === 'open') return null
  const version = state.version
  const mine = activeSignatures(state).some((s) => s.participantId === me.participantId)

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
  return { state, version, mine, signer, error, busy, submit }
}

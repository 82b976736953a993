import { useState } from 'react'
import type { FollowUpDraft } from '../../shared/schemas/sip'
import { api } from '../api'
import { SetupFields } from '../convener/MeetingForm'
import { ParticipantForm } from '../convener/ParticipantForm'
import { Link } from '../router/Link'
import { navigate } from '../router/router'
import { routes } from '../router/routes'
import { failureMessage } from '../ui/errors'
import { Fact } from '../ui/Fact'
import { CheckboxField, ErrorSummary, fieldId } from '../ui/fields'
import { PageTitle } from '../ui/PageTitle'
import { useLoad } from '../ui/useLoad'
import { useSchemaForm } from '../ui/useSchemaForm'
import {
  type FollowUpValues,
  followUpInputFrom,
  followUpSchemaAt,
  followUpTargetOf,
  followUpValuesFrom,
  setupErrors,
} from './follow-up'
import { personLabel } from './labels'
import './sips.css'
import { useTranslation } from '../i18n'

const FORM = 'followup'

/** The refusals of P5 the form explains in its own words. */
const REFUSALS = ['last-meeting-not-finalized', 'sip-closed'] as const
type RefusalCode = (typeof REFUSALS)[number]
const isRefusal = (code: string): code is RefusalCode => (REFUSALS as readonly string[]).includes(code)

/**
 * `/sip/<id>/uppfoljning`: booking the next follow-up (docs/process.md P5), prefilled from the
 * follow-up the last plan booked and the last meeting's participants. Once booked, the new
 * meeting's set-up page takes over: that is where the invitations are printed.
 */
export function FollowUpPage({ sipId }: { sipId: string }) {
  const { t } = useTranslation()
  const draft = useLoad(sipId, (signal) => api.followUpDraft(sipId, signal))

  if (!draft.data) {
    const { failure } = draft
    return (
      <main className="page page--narrow" id="main">
        {failure ? (
          <>
            <PageTitle>{t('sips.book.loadFailedTitle')}</PageTitle>
            <p role="alert" className="notice notice--error">
              {failure.status === 404
                ? t('sips.page.notFound')
                : isRefusal(failure.code)
                  ? t(`sips.book.${failure.code}`)
                  : failureMessage(t, failure)}
            </p>
            <p>
              <Link href={routes.sip({ sipId })}>{t('sips.book.cancel')}</Link>
            </p>
          </>
        ) : (
          <p role="status">{t('common.loading')}</p>
        )}
      </main>
    )
  }

  return (
    <main className="page page--narrow" id="main">
      <p>
        <Link href={routes.sip({ sipId })}>{t('sips.book.cancel')}</Link>
      </p>
      <PageTitle>{t('sips.book.title', { child: draft.data.setup.childName })}</PageTitle>
      <p>{t('sips.book.intro')}</p>
      <FollowUpForm sipId={sipId} draft={draft.data} />
    </main>
  )
}

export function FollowUpForm({ sipId, draft }: { sipId: string; draft: FollowUpDraft }) {
  const { t } = useTranslation()
  const [added, setAdded] = useState('')
  const [nextKey, setNextKey] = useState(1)
  const form = useSchemaForm({
    form: FORM,
    schema: followUpSchemaAt(Date.now()),
    initialValues: (): FollowUpValues => followUpValuesFrom(draft),
    toInput: followUpInputFrom,
    send: async (input) => {
      const result = await api.bookFollowUp(sipId, input)
      if (!result.ok) {
        const { code } = result.failure
        return isRefusal(code) ? { message: t(`sips.book.${code}`) } : result.failure
      }
      navigate(routes.meetingSetup({ meetingId: result.data.meeting.id }), {
        state: { flash: 'followup-booked' },
      })
      return null
    },
  })
  const { values, setValues, errors } = form
  const id = (field: string) => fieldId(FORM, field)
  const rowErrors = Object.keys(errors).some(
    (field) => field === 'participants' || field.startsWith('participants.'),
  )

  return (
    <>
      <ErrorSummary {...form.summary} targetOf={followUpTargetOf(id, values.rows)} />
      <dl className="meeting-row__facts sip-booking__facts">
        <Fact term={t('sips.book.calledBy')}>{draft.calledBy || t('sips.book.calledByUnknown')}</Fact>
      </dl>
      <form className="form sip-booking" id={`${FORM}-form`} noValidate onSubmit={form.onSubmit}>
        <h2>{t('sips.book.setupTitle')}</h2>
        <SetupFields
          form={FORM}
          values={values.setup}
          onChange={(patch) =>
            setValues((current) => ({ ...current, setup: { ...current.setup, ...patch } }))
          }
          errors={setupErrors(errors)}
          sentAt={Date.now()}
          showTypeAndChild={false}
        />
        <h2>{t('sips.book.participantsTitle')}</h2>
        <fieldset className={`field field--group${rowErrors ? ' field--error' : ''}`} id={id('participants')}>
          <legend className="field__label">{t('sips.book.participantsLegend')}</legend>
          <p className="field__hint">{t('sips.book.participantsHint')}</p>
          {values.rows.map((row) => (
            <CheckboxField
              key={row.key}
              id={id(`row-${row.key}`)}
              checked={row.include}
              onChange={(include) =>
                setValues((current) => ({
                  ...current,
                  rows: current.rows.map((r) => (r.key === row.key ? { ...r, include } : r)),
                }))
              }
              label={
                <>
                  {personLabel(t, row.participant)} – {t(`roleChoice.${row.participant.role}`)}
                  {row.isNew ? ` ${t('sips.book.newParticipant')}` : null}
                </>
              }
            />
          ))}
        </fieldset>
      </form>

      <section aria-labelledby={`${FORM}-add-title`} className="sip-subform">
        <h3 id={`${FORM}-add-title`}>{t('sips.book.addTitle')}</h3>
        <p role="status" className="form__status">
          {added}
        </p>
        <ParticipantForm
          form={`${FORM}-new`}
          participant={null}
          submitLabel={t('sips.book.add')}
          onSubmit={async (participant) => {
            setValues((current) => ({
              ...current,
              rows: [...current.rows, { key: `new-${nextKey}`, include: true, isNew: true, participant }],
            }))
            setNextKey((key) => key + 1)
            setAdded(t('sips.book.added', { who: personLabel(t, participant) }))
            return null
          }}
        />
      </section>

      <p>{t('sips.book.next')}</p>
      <div className="button-row">
        <button type="submit" form={`${FORM}-form`} className="button--primary" disabled={form.busy}>
          {t('sips.book.submit')}
        </button>
      </div>
    </>
  )
}

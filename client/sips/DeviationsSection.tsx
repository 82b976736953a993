import { type FormEvent, useId, useState } from 'react'
import { stockholmDay } from '../../shared/dates'
import { MAX_DEVIATION_CHARS } from '../../shared/limits'
import { ORGANISATIONS, type Organisation } from '../../shared/schemas/meeting'
import {
  DEVIATION_CATEGORIES,
  type Deviation,
  type DeviationCategory,
  DeviationInputSchema,
  type SipMeeting,
} from '../../shared/schemas/sip'
import { api, deviationsCsvUrl } from '../api'
import { DownloadLink } from '../ui/DownloadLink'
import { ErrorNotice } from '../ui/ErrorNotice'
import { failureMessage } from '../ui/errors'
import { ErrorSummary, RadioGroup, SelectField, TextArea, TextField } from '../ui/fields'
import { useLoad } from '../ui/useLoad'
import { useSchemaForm } from '../ui/useSchemaForm'
import { DeviationList, meetingName, newestFirst } from './DeviationList'
import './deviations.css'
import { useTranslation } from '../i18n'

/** The section's heading: the SIP page's section list links to it. */
export const DEVIATIONS_HEADING = 'sip-deviations'

/** A meeting of the SIP, as the SIP page has it (SipSchema `meetings`). */
export type DeviationMeeting = Pick<SipMeeting, 'id' | 'startsAt' | 'type'>

export interface DeviationsSectionProps {
  sipId: string
  /** The SIP's meetings in order: a deviation may concern one of them. */
  meetings: readonly DeviationMeeting[]
}

/**
 * The SIP page's deviations (avvikelser, docs/process.md P11): those recorded so far, newest
 * first, their CSV export, and the form to record one – on the SIP as a whole or one of its
 * meetings – with a plain warning against personal data. The server checks again who may.
 */
export function DeviationsSection({ sipId, meetings }: DeviationsSectionProps) {
  const { t } = useTranslation()
  const exportHintId = useId()
  const list = useLoad(`deviations:${sipId}`, (signal) => api.deviations(sipId, signal))

  const meetingLabel = ({ meetingId }: Deviation): string => {
    const meeting = meetings.find((m) => m.id === meetingId)
    return meeting ? meetingName(t, meeting) : t('deviations.list.wholeSip')
  }

  return (
    <section className="setup-section deviations" aria-labelledby={DEVIATIONS_HEADING}>
      <h2 id={DEVIATIONS_HEADING} tabIndex={-1}>
        {t('deviations.title')}
      </h2>
      <p>{t('deviations.intro')}</p>

      <h3>{t('deviations.list.title')}</h3>
      {list.data !== undefined ? (
        <>
          <DeviationList deviations={list.data} meetingLabel={meetingLabel} />
          {list.data.length > 0 ? (
            <p className="deviations__export">
              <DownloadLink
                href={deviationsCsvUrl(sipId)}
                fileName="avvikelser.csv"
                failed={t('deviations.exportFailed')}
                describedBy={exportHintId}
              >
                {t('deviations.export')}
              </DownloadLink>{' '}
              <span className="field__hint" id={exportHintId}>
                {t('deviations.exportHint')}
              </span>
            </p>
          ) : null}
        </>
      ) : list.failure ? null : (
        <p role="status">{t('common.loading')}</p>
      )}
      <ErrorNotice message={list.failure ? failureMessage(t, list.failure) : null} />

      <h3>{t('deviations.form.title')}</h3>
      <DeviationForm
        sipId={sipId}
        meetings={meetings}
        onRecorded={(deviation) => list.set((current = []) => [deviation, ...current].sort(newestFirst))}
      />
    </section>
  )
}

interface Draft {
  category: DeviationCategory | ''
  organisation: Organisation | ''
  organisationOther: string
  description: string
  occurredOn: string
  meetingId: string
}

/** Records one deviation (DeviationInputSchema); the server's refusals are shown at their fields. */
export function DeviationForm({
  sipId,
  meetings,
  onRecorded,
}: DeviationsSectionProps & { onRecorded: (deviation: Deviation) => void }) {
  const { t } = useTranslation()
  // The server checks the day in Sweden (inFuture), whatever the browser's time zone.
  const today = stockholmDay(Date.now())
  const [status, setStatus] = useState('')
  const form = useSchemaForm({
    form: 'deviation',
    schema: DeviationInputSchema,
    initialValues: (): Draft => ({
      category: '',
      organisation: '',
      organisationOther: '',
      description: '',
      occurredOn: today,
      meetingId: '',
    }),
    toInput: (draft) => ({
      ...draft,
      category: draft.category || undefined,
      organisation: draft.organisation || undefined,
    }),
    send: async (input) => {
      const result = await api.recordDeviation(sipId, input)
      if (!result.ok) return result.failure
      form.reset()
      onRecorded(result.data)
      setStatus(t('deviations.form.recorded'))
      return null
    },
  })
  const submit = (event: FormEvent): void => {
    setStatus('')
    form.onSubmit(event)
  }

  return (
    <>
      <p role="status" className="form__status">
        {status}
      </p>
      <ErrorSummary {...form.summary} />
      <form className="form deviation-form" noValidate onSubmit={submit}>
        <RadioGroup
          {...form.field('category')}
          label={t('deviations.form.category')}
          required
          options={DEVIATION_CATEGORIES.map((value) => ({
            value,
            label: t(`deviations.categories.${value}`),
          }))}
        />
        <SelectField
          {...form.field('organisation')}
          label={t('deviations.form.organisation')}
          required
          placeholder={t('form.choose')}
          options={ORGANISATIONS.map((value) => ({ value, label: t(`organisations.${value}`) }))}
        />
        <TextField
          {...form.field('organisationOther')}
          label={t('fields.organisationOther')}
          hint={t('fields.organisationOtherHint')}
          required={form.values.organisation === 'annan'}
        />
        <TextArea
          {...form.field('description')}
          label={t('deviations.form.description')}
          required
          rows={4}
          hint={
            <>
              <strong className="deviation-form__warning">{t('deviations.form.personalData')}</strong>{' '}
              {t('deviations.form.descriptionHint', { count: MAX_DEVIATION_CHARS })}
            </>
          }
        />
        <TextField
          {...form.field('occurredOn')}
          label={t('deviations.form.occurredOn')}
          type="date"
          max={today}
          required
        />
        <SelectField
          {...form.field('meetingId')}
          label={t('deviations.form.meeting')}
          hint={t('deviations.form.meetingHint')}
          placeholder={t('deviations.list.wholeSip')}
          options={meetings.map((meeting) => ({ value: meeting.id, label: meetingName(t, meeting) }))}
        />
        <button type="submit" className="button--primary" disabled={form.busy}>
          {t('deviations.form.submit')}
        </button>
      </form>
    </>
  )
}

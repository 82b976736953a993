import { stockholmDay } from '../../shared/dates'
import { CLOSE_REASONS, CloseInputSchema, type CloseReason, type Sip } from '../../shared/schemas/sip'
import { api } from '../api'
import { Link } from '../router/Link'
import { navigate } from '../router/router'
import { routes } from '../router/routes'
import { ErrorSummary, RadioGroup, TextArea, TextField } from '../ui/fields'
import { PageTitle } from '../ui/PageTitle'
import { useLoad } from '../ui/useLoad'
import { useSchemaForm } from '../ui/useSchemaForm'
import { formatDay } from './labels'
import { SipNotLoaded } from './SipPage'
import './sips.css'
import { useTranslation } from '../i18n'

const FORM = 'close'

const isCloseReason = (value: string | null): value is CloseReason =>
  (CLOSE_REASONS as readonly (string | null)[]).includes(value)

/**
 * `/sip/<id>/avsluta`: closing the SIP (docs/process.md P9) with one of the routine's reasons, a
 * date and a note. `orsak=consent-withdrawn` (from the consent on the SIP page) chooses that reason.
 */
export function CloseSipPage({ sipId, reason }: { sipId: string; reason: string | null }) {
  const { t } = useTranslation()
  const loaded = useLoad(sipId, (signal) => api.sip(sipId, signal))
  const sip = loaded.data

  if (!sip) return <SipNotLoaded failure={loaded.failure} />

  return (
    <main className="page page--narrow" id="main">
      <p>
        <Link href={routes.sip({ sipId })}>{t('sips.close.cancel')}</Link>
      </p>
      <PageTitle>{t('sips.close.title', { child: sip.childName })}</PageTitle>
      {sip.status === 'closed' ? (
        <p className="notice">
          {t('sips.close.alreadyClosed')}{' '}
          {sip.closure ? t('sips.list.closedOn', { date: formatDay(sip.closure.closedOn) }) : null}
        </p>
      ) : (
        <>
          <p>{t('sips.close.intro')}</p>
          <CloseSipForm sip={sip} reason={isCloseReason(reason) ? reason : ''} />
        </>
      )}
    </main>
  )
}

export function CloseSipForm({ sip, reason }: { sip: Sip; reason: CloseReason | '' }) {
  const { t } = useTranslation()
  // The server checks the day in Sweden (inFuture), whatever the browser's time zone.
  const today = stockholmDay(Date.now())
  const form = useSchemaForm({
    form: FORM,
    schema: CloseInputSchema,
    initialValues: () => ({ reason, closedOn: today, note: '', withdrawnBy: '' }),
    toInput: (values) => ({
      ...values,
      reason: values.reason || undefined,
      // Who withdrew the consent belongs to that reason only.
      withdrawnBy: values.reason === 'consent-withdrawn' ? values.withdrawnBy : '',
    }),
    send: async (input) => {
      const result = await api.closeSip(sip.id, input)
      if (!result.ok) {
        return result.failure.code === 'sip-closed'
          ? { message: t('sips.close.alreadyClosed') }
          : result.failure
      }
      navigate(routes.sip({ sipId: sip.id }), { replace: true, state: { flash: 'sip-closed' } })
      return null
    },
  })
  const withdrawn = form.values.reason === 'consent-withdrawn'
  const hasPlannedMeetings = sip.meetings.some((m) => m.status === 'planned')

  return (
    <>
      <ErrorSummary {...form.summary} />
      <form className="form sip-form" noValidate onSubmit={form.onSubmit}>
        <RadioGroup
          {...form.field('reason')}
          label={t('sips.close.reason')}
          required
          options={CLOSE_REASONS.map((value) => ({ value, label: t(`sips.closeReason.${value}`) }))}
        />
        {withdrawn ? (
          <TextField
            {...form.field('withdrawnBy')}
            label={t('sips.close.withdrawnBy')}
            hint={t('sips.close.withdrawnByHint')}
            required
          />
        ) : null}
        <TextField
          {...form.field('closedOn')}
          label={t('sips.close.closedOn')}
          hint={t('sips.close.closedOnHint')}
          type="date"
          max={today}
          required
        />
        <TextArea {...form.field('note')} label={t('sips.close.note')} hint={t('sips.close.noteHint')} />
        <section className="notice notice--warning" aria-labelledby={`${FORM}-confirm-title`}>
          <h2 id={`${FORM}-confirm-title`} className="sip-form__confirm-title">
            {t('sips.close.confirmTitle')}
          </h2>
          <p>{t('sips.close.confirm')}</p>
          {hasPlannedMeetings ? <p>{t('sips.close.cancelMeetings')}</p> : null}
        </section>
        <div className="button-row">
          <button type="submit" className="button--danger" disabled={form.busy}>
            {t('sips.close.submit')}
          </button>
          <Link href={routes.sip({ sipId: sip.id })} className="button-link">
            {t('sips.close.cancel')}
          </Link>
        </div>
      </form>
    </>
  )
}

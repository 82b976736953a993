import type { ConsentInput } from '../../shared/schemas/meeting'
import type { ChairBriefing } from '../../shared/schemas/session'
import { formatDate } from '../format/dates'
import { Fact } from '../ui/Fact'
import './lifecycle.css'
import { type TFunction, useTranslation } from '../i18n'

/** A calendar date (YYYY-MM-DD) read at local noon: the same day in every time zone. */
const calendarDate = (date: string): string => formatDate(`${date}T12:00:00`)

/**
 * What the chair reads out in step 1 (Inledning): who gave consent and when, what it covers, what
 * must not be shared, and who called the meeting. Only the chair's session carries the briefing
 * (GET /api/session); without it this shows nothing. Missing consent is said plainly: the meeting
 * cannot start without it.
 */
export function ConsentSummary({
  briefing,
  headingLevel = 3,
}: {
  briefing: ChairBriefing | undefined
  headingLevel?: 2 | 3
}) {
  const { t } = useTranslation()
  if (!briefing) return null
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const { consent, convenerName } = briefing
  const convener = (
    <Fact term={t('lifecycle.consent.convener')}>
      {convenerName || t('lifecycle.consent.convenerUnknown')}
    </Fact>
  )

  return (
    <section className="consent-summary" aria-labelledby="consent-summary-title">
      <Heading id="consent-summary-title">{t('lifecycle.consent.title')}</Heading>
      {consent === null ? (
        <>
          <div className="notice notice--warning">
            <p>{t('lifecycle.consent.missing')}</p>
            <p>{t('lifecycle.consent.missingWhat')}</p>
          </div>
          <dl>{convener}</dl>
        </>
      ) : (
        <>
          <p>{t('lifecycle.consent.intro')}</p>
          <dl>
            <Fact term={t('lifecycle.consent.givenBy')}>{consentGivers(t, consent.givenBy)}</Fact>
            <Fact term={t('lifecycle.consent.givenAt')}>{calendarDate(consent.givenAt)}</Fact>
            <Fact term={t('lifecycle.consent.scope')} className="preserve-lines">
              {consent.scope}
            </Fact>
            <Fact
              term={t('lifecycle.consent.notShared')}
              className={consent.notShared ? 'preserve-lines consent-summary__not-shared' : undefined}
            >
              {consent.notShared || t('lifecycle.consent.nothingExcluded')}
            </Fact>
            {convener}
          </dl>
          <p className="hint">
            {t('lifecycle.consent.recorded', {
              name: consent.recordedBy,
              date: formatDate(consent.recordedAt),
            })}
          </p>
        </>
      )}
    </section>
  )
}

/** Who gave consent, as one line: "Sara Lind (vårdnadshavare), Elsa (barnet)". */
export function consentGivers(t: TFunction, givenBy: ConsentInput['givenBy']): string {
  return givenBy
    .map((giver) =>
      t('lifecycle.consent.givenByValue', {
        name: giver.name,
        relation: t(`lifecycle.consent.relations.${giver.relation}`),
      }),
    )
    .join(', ')
}

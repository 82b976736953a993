import type * as Y from 'yjs'
import { planParts } from '../../shared/plan/layout'
import { MEETING_TYPES } from '../../shared/values'
import { formatDateTime } from '../format/dates'
import { useTranslation } from '../i18n'
import { Fact } from '../ui/Fact'
import { Heading, type HeadingLevel } from './Heading'
import { usePlanMap } from './hooks'

/** The plan's header: the set-up the convener made (server-written, never edited here). */
export function PlanHeader({ doc, level }: { doc: Y.Doc; level: HeadingLevel }) {
  const { t } = useTranslation()
  const setup = usePlanMap(planParts(doc).setup)
  const text = (key: string): string => {
    const value = setup[key]
    return typeof value === 'string' ? value.trim() : ''
  }
  const type = MEETING_TYPES.find((value) => value === setup.type)
  const startsAt = text('startsAt')
  const when = startsAt && !Number.isNaN(Date.parse(startsAt)) ? formatDateTime(startsAt) : ''
  const facts: [string, string, string?][] = [
    [t('plan.about.child'), text('childName')],
    [t('plan.about.type'), type ? t(`meetingType.${type}`) : ''],
    [t('plan.about.when'), when],
    [t('plan.about.place'), text('place')],
    [t('plan.about.purpose'), text('purpose'), 'preserve-lines'],
    [t('plan.about.questions'), text('questions'), 'preserve-lines'],
  ]
  return (
    <section className="plan-about" aria-labelledby="plan-about-title">
      <Heading level={level} id="plan-about-title">
        {t('plan.about.title')}
      </Heading>
      <dl className="plan-facts plan-facts--about">
        {facts
          .filter(([, value]) => value !== '')
          .map(([term, value, className]) => (
            <Fact key={term} term={term} className={className}>
              {value}
            </Fact>
          ))}
      </dl>
    </section>
  )
}

import type { SkippedPart } from '../../../shared/plan/skipped'
import { type TFunction, useTranslation } from '../../i18n'

/** The label of each field a chair may see named, by part (the plan's own words for them). */
const FIELD_LABELS = {
  setup: {
    childName: 'plan.about.child',
    type: 'plan.about.type',
    purpose: 'plan.about.purpose',
    questions: 'plan.about.questions',
    startsAt: 'plan.about.when',
    place: 'plan.about.place',
  },
  goals: {
    what: 'plan.goals.what',
    measure: 'plan.goals.measure',
    byWhen: 'plan.goals.byWhen',
    agreed: 'plan.goals.agreedShort',
  },
  supports: {
    party: 'plan.supports.party',
    what: 'plan.supports.what',
    organisation: 'plan.supports.organisation',
    responsible: 'plan.supports.responsible',
    frequency: 'plan.supports.frequency',
    where: 'plan.supports.where',
    start: 'plan.supports.start',
    end: 'plan.supports.end',
    goalId: 'plan.supports.goal',
  },
  responsible: {
    organisation: 'plan.responsible.organisation',
    function: 'plan.responsible.function',
    name: 'plan.responsible.name',
  },
  followUp: {
    date: 'plan.followUp.date',
    time: 'plan.followUp.time',
    place: 'plan.followUp.place',
    calledBy: 'plan.followUp.calledBy',
  },
} as const

type Labels = typeof FIELD_LABELS
type LabelKey = { [P in keyof Labels]: Labels[P][keyof Labels[P]] }[keyof Labels]

const SECTIONS = {
  setup: 'plan.about.title',
  responsible: 'plan.responsible.title',
  followUp: 'plan.followUp.title',
} as const

const TEXT_TITLES = {
  opening: 'plan.text.opening',
  childWords: 'plan.text.childWords',
  situation: 'plan.text.situation',
  needs: 'plan.text.needs',
  summary: 'plan.text.summary',
  disagreements: 'plan.text.disagreements',
} as const

function has<K extends string>(record: Record<K, unknown>, key: string | undefined): key is K {
  return key !== undefined && Object.hasOwn(record, key)
}

/** Where in the plan a skipped piece was, in the chair's words: "Mål nr 3", "Huvudansvarig". */
function placeOf(s: SkippedPart, t: TFunction): string | undefined {
  const number = (s.index ?? 0) + 1
  if (s.part === 'goals') return t('signoff.skipped.goal', { number })
  if (s.part === 'supports') return t('signoff.skipped.support', { number })
  if (s.part === 'participants') return t('signoff.skipped.participant')
  if (has(SECTIONS, s.part)) return t(SECTIONS[s.part])
  if (has(TEXT_TITLES, s.part)) return t('signoff.skipped.text', { title: t(TEXT_TITLES[s.part]) })
  return undefined
}

/**
 * What a lock left out of a damaged plan (G13), one line per place, in plain words for the chair:
 * "Mål nr 3", "Huvudansvarig: Namn", "En del av texten under ”Behov”". A participant is named by
 * the list only: its entry may not say who it was.
 */
export function skippedLines(skipped: readonly SkippedPart[], t: TFunction): string[] {
  const lines = new Set<string>()
  for (const s of skipped) {
    const where = placeOf(s, t)
    if (where === undefined) continue
    if (s.problem !== 'wrong-type' || s.part === 'participants') {
      lines.add(where)
      continue
    }
    const labels: Partial<Record<string, LabelKey>> = has(FIELD_LABELS, s.part) ? FIELD_LABELS[s.part] : {}
    const key = s.field !== undefined && Object.hasOwn(labels, s.field) ? labels[s.field] : undefined
    const field = key !== undefined ? t(key) : t('signoff.skipped.someField')
    lines.add(t('signoff.skipped.field', { where, field }))
  }
  return [...lines]
}

/**
 * G13: what the lock left out because it had the wrong shape – said in words, as a headed list,
 * so the chair can unlock and enter it again before anyone signs.
 */
export function SkippedParts({ skipped }: { skipped: readonly SkippedPart[] }) {
  const { t } = useTranslation()
  const lines = skippedLines(skipped, t)
  if (lines.length === 0) return null
  return (
    <section className="notice notice--warning" aria-labelledby="signoff-skipped-title">
      <h3 id="signoff-skipped-title">{t('signoff.skipped.title')}</h3>
      <ul className="signoff-list">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>{t('signoff.skipped.hint')}</p>
    </section>
  )
}

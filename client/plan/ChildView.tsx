import type { ReactNode } from 'react'
import type * as Y from 'yjs'
import { planParts } from '../../shared/plan/layout'
import { currentLanguage, type TFunction, useTranslation } from '../i18n'
import { clause, goalMark, helpLine, helpSpeech } from './child-lines'
import { formatDay } from './format'
import { Heading, type HeadingLevel } from './Heading'
import { type TextBlock, useCurrentStep, useGoals, useMeetingType, useSupports, useTextBlocks } from './hooks'
import { stepTexts } from './labels'
import type { Goal } from './model'
import { type ReadAloud, useReadAloud } from './speech'
import './plan.css'
import './child.css'
import './follow-up.css'

export interface ChildViewProps {
  doc: Y.Doc
  /** The level of the view's section headings. */
  headingLevel?: HeadingLevel | undefined
  /** Whether the chair has started the meeting; before that, "Nu i mötet" says it has not begun. */
  started?: boolean | undefined
  /** The plan is finalized: "Nu i mötet" says the meeting is over, not what step 5 asks. */
  ended?: boolean | undefined
}

type T = TFunction

function goalSentence(t: T, goal: Goal): string {
  const what = clause(goal.what)
  const date = goal.byWhen ? formatDay(goal.byWhen) : ''
  if (goal.kind === 'long')
    return date ? t('plan.child.longGoalBy', { what, date }) : t('plan.child.longGoal', { what })
  return date ? t('plan.child.goalBy', { what, date }) : t('plan.child.goal', { what })
}

function blocksText(blocks: readonly TextBlock[]): string {
  return blocks.map((block) => (block.kind === 'paragraph' ? block.text : block.items.join('. '))).join('. ')
}

/**
 * Barnvy: the plan for the child, in plain words and larger text – where the meeting is now, what
 * the child said matters, the goals as sentences, and what will help and who helps (by name). Each
 * part can be read aloud when the device has a voice for the language.
 */
export function ChildView({ doc, headingLevel = 3, started = true, ended = false }: ChildViewProps) {
  const { t } = useTranslation()
  const language = currentLanguage()
  const reader = useReadAloud(language)
  const words = useTextBlocks(planParts(doc).text('childWords'))
  const goals = useGoals(doc).filter((goal) => goal.what.trim() !== '')
  const supports = useSupports(doc).filter((support) => support.what.trim() !== '')
  const step = useCurrentStep(doc)
  const texts = stepTexts(step, useMeetingType(doc))

  // The big goal first, then the steps on the way.
  const goalLines = [
    ...goals.filter((g) => g.kind === 'long'),
    ...goals.filter((g) => g.kind === 'short'),
  ].map((goal) => ({ id: goal.id, text: goalSentence(t, goal), mark: goalMark(t, goal) }))
  const helpLines = supports.map((support) => helpLine(t, support))
  const nowLines = ended
    ? [t('child.ended')]
    : started
      ? [t('plan.child.now', { number: step, title: texts.title }), texts.child]
      : [t('child.notStarted')]

  return (
    <div className="child-view">
      {reader.available ? null : <p className="child-view__note">{t('plan.readAloud.unavailable')}</p>}
      <ChildSection
        id="child-now"
        title={t('plan.child.nowTitle')}
        level={headingLevel}
        reader={reader}
        speech={nowLines.join(' ')}
      >
        <p>{nowLines[0]}</p>
        {nowLines[1] ? <p className="child-view__step">{nowLines[1]}</p> : null}
      </ChildSection>
      <ChildSection
        id="child-words"
        title={t('plan.child.wordsTitle')}
        level={headingLevel}
        reader={reader}
        speech={words.length > 0 ? blocksText(words) : t('plan.child.wordsEmpty')}
      >
        {words.length === 0 ? <p>{t('plan.child.wordsEmpty')}</p> : null}
        {words.map((block, index) =>
          block.kind === 'paragraph' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no identity but their place
            <p key={index} className="preserve-lines">
              {block.text}
            </p>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <ul key={index}>
              {block.items.map((item, itemIndex) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: as above
                <li key={itemIndex}>{item}</li>
              ))}
            </ul>
          ),
        )}
      </ChildSection>
      <ChildLines
        id="child-goals"
        title={t('plan.child.goalsTitle')}
        level={headingLevel}
        reader={reader}
        lines={goalLines}
        empty={t('plan.child.goalsEmpty')}
      />
      <ChildSection
        id="child-help"
        title={t('plan.child.helpTitle')}
        level={headingLevel}
        reader={reader}
        speech={helpLines.length > 0 ? helpLines.map(helpSpeech).join(' ') : t('plan.child.helpEmpty')}
      >
        {helpLines.length === 0 ? (
          <p>{t('plan.child.helpEmpty')}</p>
        ) : (
          <ul className="child-help">
            {helpLines.map((line) => (
              <li key={line.id} className="child-help__item">
                <p className="child-help__what">{line.what}</p>
                <p>{line.who}</p>
                {line.when ? <p>{line.when}</p> : null}
                {line.status ? <p className="child-view__mark">{line.status}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </ChildSection>
    </div>
  )
}

/**
 * A part of the child view that is a list of sentences (the goals), read aloud one after another;
 * at a follow-up a goal carried over says how it went ("Delvis klart") after its sentence.
 */
function ChildLines({
  id,
  title,
  level,
  reader,
  lines,
  empty,
}: {
  id: string
  title: string
  level: HeadingLevel
  reader: ReadAloud
  lines: readonly { id: string; text: string; mark: string }[]
  /** Shown and said while there are no lines. */
  empty: string
}) {
  return (
    <ChildSection
      id={id}
      title={title}
      level={level}
      reader={reader}
      speech={
        lines.length > 0
          ? lines.map((line) => (line.mark ? `${line.text} ${line.mark}` : line.text)).join(' ')
          : empty
      }
    >
      {lines.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="child-view__list">
          {lines.map((line) => (
            <li key={line.id}>
              {line.text}
              {line.mark ? <strong className="child-view__mark"> {line.mark}</strong> : null}
            </li>
          ))}
        </ul>
      )}
    </ChildSection>
  )
}

function ChildSection({
  id,
  title,
  level,
  reader,
  speech,
  children,
}: {
  id: string
  title: string
  level: HeadingLevel
  reader: ReadAloud
  /** What "Läs upp" says after the title. */
  speech: string
  children: ReactNode
}) {
  const { t } = useTranslation()
  const speaking = reader.speaking === id
  return (
    <section className="child-view__section" aria-labelledby={`${id}-title`}>
      <div className="child-view__head">
        <Heading level={level} id={`${id}-title`}>
          {title}
        </Heading>
        {reader.available ? (
          <button
            type="button"
            className="child-view__read"
            onClick={() => (speaking ? reader.stop() : reader.speak(id, `${title}. ${speech}`))}
          >
            {speaking ? t('plan.readAloud.stop') : t('plan.readAloud.start')}
            <span className="visually-hidden"> – {title}</span>
          </button>
        ) : null}
      </div>
      {children}
    </section>
  )
}

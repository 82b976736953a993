import { useId } from 'react'
import type * as Y from 'yjs'
import type { Step } from '../../shared/plan/layout'
import type { SessionResponse } from '../../shared/schemas/session'
import { useTranslation } from '../i18n'
import { connectedParticipantIds, type PresentUser } from '../sync/presence'
import { useRoster } from './hooks'
import { expectedToSpeak, hasSpoken, setSpoken, speakingCount } from './meeting-state'

/**
 * Everyone invited, with whether they are connected now, their attendance and – for the current
 * step – whether they have spoken. The chair ticks the speaking round here (`canMark`); the
 * note-taker sees the same list read-only. Every state is a word, the dot beside it only repeats it.
 * `compact` (the wall): one line a person – name, connected, spoken – without the attendance,
 * which the plan's step 1 shows.
 */
export function RosterPanel({
  doc,
  me,
  step,
  present,
  online,
  canMark,
  compact = false,
  headingLevel = 2,
  className,
}: {
  doc: Y.Doc
  me: SessionResponse
  step: Step
  present: readonly PresentUser[]
  /** Our own connection is live (offline, we know nobody's presence – our own included). */
  online: boolean
  canMark: boolean
  compact?: boolean
  /** h2 on its own; h3 inside a section of the screen. */
  headingLevel?: 2 | 3
  className?: string
}) {
  const { t } = useTranslation()
  const titleId = useId()
  const roster = useRoster(doc)
  const connected = connectedParticipantIds(present, me.participantId, online)
  const { spoken, total } = speakingCount(doc, step, roster)
  const Heading = `h${headingLevel}` as const

  return (
    <section
      className={`roster${compact ? ' roster--compact' : ''} ${className ?? ''}`}
      aria-labelledby={titleId}
    >
      <Heading id={titleId}>{t('room.roster.title')}</Heading>
      <p className="roster__count">{t('room.roster.round', { step, spoken, total })}</p>
      {roster.length === 0 ? <p className="notice">{t('room.roster.none')}</p> : null}
      <ul className="roster__list">
        {roster.map((entry) => {
          const isMe = entry.participantId === me.participantId
          const isConnected = connected.has(entry.participantId)
          const done = hasSpoken(doc, step, entry.participantId)
          const person = t('room.roster.person', {
            name: entry.name,
            role: entry.role ? t(`roles.${entry.role}`) : t('presence.unknownRole'),
          })
          return (
            <li key={entry.participantId} className="roster__person">
              <p className="roster__name">
                {person}
                {isMe ? ` ${t('room.roster.you')}` : null}
              </p>
              <p className="roster__facts">
                <span className={`roster__presence roster__presence--${isConnected ? 'on' : 'off'}`}>
                  <span className="roster__dot" aria-hidden="true" />
                  {isConnected ? t('room.roster.connected') : t('room.roster.notConnected')}
                </span>
                {compact ? null : (
                  <span className="roster__attendance">
                    {t('room.roster.attendance', {
                      value: t(`room.attendance.${entry.attendance ?? 'none'}`),
                    })}
                  </span>
                )}
              </p>
              {!expectedToSpeak(entry) ? (
                <p className="roster__spoken">{t('room.roster.absent')}</p>
              ) : canMark ? (
                <label className="roster__spoken roster__check">
                  <input
                    type="checkbox"
                    checked={done}
                    onChange={(event) => setSpoken(doc, step, entry.participantId, event.target.checked)}
                  />
                  {t('room.roster.hasSpoken')}
                  <span className="visually-hidden">{t('room.roster.whose', { name: entry.name })}</span>
                </label>
              ) : (
                <p className={`roster__spoken roster__spoken--${done ? 'yes' : 'no'}`}>
                  <span aria-hidden="true">{done ? '✓ ' : '– '}</span>
                  {done ? t('room.roster.hasSpoken') : t('room.roster.notSpoken')}
                </p>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

import { useId, useState } from 'react'
import { ChildView } from '../plan/ChildView'
import type { ConnectionState } from '../sync/connection'
import { PageTitle } from '../ui/PageTitle'
import { useMeetingProgress } from './hooks'
import { PendingInvitation } from './InvitationPanel'
import { PlanSlot } from './PlanSlot'
import type { RoomProps } from './room'
import { StepStatus } from './StepStatus'
import { ChildSignoffStatus } from './signoff/SignoffStatus'
import { ChildSignPanelOnceLocked } from './signoff/SignPanelOnceLocked'
import { ToggleButton } from './ToggleButton'
import './child-room.css'
import { useTranslation } from '../i18n'

/**
 * The child's own screen, made for a phone and a child of about eleven: where the meeting is now,
 * what the child said matters, the goals and what will help, in plain words, read aloud on request.
 * No system words (role names, "sparat", version codes, void signatures): the sign-off shows as
 * "Planen är klar. 3 av 5 har skrivit under." The whole plan, as the adults see it, is one button
 * away.
 */
export function ChildRoomView({ connection, me, onSessionChange, signoff, applySignoff }: RoomProps) {
  const { t } = useTranslation()
  const progress = useMeetingProgress(connection.doc)
  const [fullPlan, setFullPlan] = useState(false)
  const fullPlanTitle = useId()
  const started = progress.startedAt !== undefined

  return (
    <main className="page page--narrow room room--child child-room" id="main">
      <PageTitle>{me.meeting.title}</PageTitle>
      <p className="child-room__intro">{t('child.intro')}</p>
      <PendingInvitation session={me} started={started} onAnswered={onSessionChange} />
      <ChildSignoffStatus state={signoff} />
      {/* Once the plan is locked: signing, "Är du nöjd med mötet?" and the plan to keep, first. */}
      <ChildSignPanelOnceLocked me={me} state={signoff} apply={applySignoff} />
      {/* The child view says where the meeting is; this tells a screen reader when it moves on. */}
      <StepStatus progress={progress} hidden />
      <ChildView
        doc={connection.doc}
        headingLevel={2}
        started={started}
        ended={signoff?.status === 'finalized'}
      />
      <section className="child-room__full" aria-labelledby={fullPlanTitle}>
        <h2 id={fullPlanTitle}>{t('child.fullPlan.title')}</h2>
        <p>{t('child.fullPlan.hint')}</p>
        <ToggleButton pressed={fullPlan} onToggle={() => setFullPlan((on) => !on)}>
          {t('child.fullPlan.show')}
        </ToggleButton>
        {fullPlan ? (
          <PlanSlot connection={connection} editable={false} focusStep={progress.step} me={me} />
        ) : null}
      </section>
    </main>
  )
}

/**
 * The connection in the child's words, in the page header: "Du är med", or that there is no
 * connection just now and we try again – never "sparat" or "offline".
 */
export function ChildConnectionStatus({ state }: { state: ConnectionState }) {
  const { t } = useTranslation()
  const key = state.status === 'saved' ? 'connected' : state.status
  return (
    <p role="status" aria-live="polite" className={`sync-status sync-status--${state.status}`}>
      <span className="sync-status__label">{t(`child.connection.${key}`)}</span>
    </p>
  )
}

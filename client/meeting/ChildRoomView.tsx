import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PageTitle } from '../ui/PageTitle'
import { useMeetingProgress } from './hooks'
import { PendingInvitation } from './InvitationPanel'
import { ChildSlot, PlanSlot } from './PlanSlot'
import type { RoomProps } from './room'
import { StepStatus } from './StepStatus'
import { SignoffStatus } from './signoff/SignoffStatus'
import { SignPanel } from './signoff/SignPanel'
import { ToggleButton } from './ToggleButton'

/**
 * The child's own screen: the child view of the plan (plain language, read aloud, with where the
 * meeting is now). The whole plan is one button away, read-only.
 */
export function ChildRoomView({ connection, me, onSessionChange, signoff, applySignoff }: RoomProps) {
  const { t } = useTranslation()
  const progress = useMeetingProgress(connection.doc)
  const [fullPlan, setFullPlan] = useState(false)
  const started = progress.startedAt !== undefined

  return (
    <main className="page page--narrow room room--child" id="main">
      <PageTitle>{me.meeting.title}</PageTitle>
      <PendingInvitation session={me} started={started} onAnswered={onSessionChange} />
      <SignoffStatus state={signoff} />
      {/* The child view says where the meeting is; this tells a screen reader when it moves on. */}
      <StepStatus progress={progress} hidden />
      <section className="room-plan" aria-labelledby="plan-title">
        <div className="room-plan__bar">
          <h2 id="plan-title">{fullPlan ? t('room.plan.title') : t('room.plan.childView')}</h2>
          <ToggleButton pressed={fullPlan} onToggle={() => setFullPlan((on) => !on)}>
            {t('room.plan.fullPlan')}
          </ToggleButton>
        </div>
        {fullPlan ? (
          <PlanSlot connection={connection} editable={false} focusStep={progress.step} me={me} />
        ) : (
          <ChildSlot connection={connection} />
        )}
      </section>
      <SignPanel me={me} state={signoff} apply={applySignoff} />
    </main>
  )
}

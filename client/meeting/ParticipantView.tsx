import { useState } from 'react'
import { useTranslation } from '../i18n'
import { PageTitle } from '../ui/PageTitle'
import { useMeetingProgress, useStepGuide } from './hooks'
import { PendingInvitation } from './InvitationPanel'
import { ChildSlot, PlanSlot } from './PlanSlot'
import { PresenceList } from './PresenceList'
import { PreviousProtocolLink } from './PreviousProtocol'
import type { RoomProps } from './room'
import { StepStatus } from './StepStatus'
import { SignoffStatus } from './signoff/SignoffStatus'
import { SignPanelOnceLocked } from './signoff/SignPanelOnceLocked'
import { ToggleButton } from './ToggleButton'
import { VideoLinkPanel } from './VideoLink'

/**
 * A participant's or guardian's screen, phones first: where the meeting is and what to think about,
 * who is here, and the plan as it is written (read-only). "Barnvy" swaps the plan for the child's
 * version, so a guardian can show it to the child on their phone.
 */
export function ParticipantView({ connection, me, onSessionChange, signoff, applySignoff }: RoomProps) {
  const { t } = useTranslation()
  const progress = useMeetingProgress(connection.doc)
  const guide = useStepGuide(progress.step, me.role, me.meeting.type)
  const [childView, setChildView] = useState(false)
  const started = progress.startedAt !== undefined

  return (
    <main className="page meeting room room--participant" id="main">
      <div className="meeting__main">
        <PageTitle>{me.meeting.title}</PageTitle>
        <PendingInvitation session={me} started={started} onAnswered={onSessionChange} />
        {started ? <VideoLinkPanel url={me.meeting.videoUrl} /> : null}
        <SignoffStatus state={signoff} />
        <section className="step-card" aria-labelledby="step-now">
          <h2 id="step-now" className="step-card__now">
            <StepStatus progress={progress} className="step-card__status" inline />
          </h2>
          <p className="step-card__label">{t('room.step.forParticipant')}</p>
          <p className="step-card__text">{guide}</p>
          {progress.step === 1 ? <PreviousProtocolLink me={me} /> : null}
        </section>
        <section className="room-plan" aria-labelledby="plan-title">
          <div className="room-plan__bar">
            <h2 id="plan-title">{t('room.plan.title')}</h2>
            <ToggleButton pressed={childView} onToggle={() => setChildView((on) => !on)}>
              {t('room.plan.childView')}
            </ToggleButton>
          </div>
          {childView ? (
            <ChildSlot connection={connection} />
          ) : (
            <PlanSlot connection={connection} editable={false} focusStep={progress.step} me={me} />
          )}
        </section>
        <SignPanelOnceLocked me={me} state={signoff} apply={applySignoff} />
      </div>
      <aside className="meeting__side">
        <PresenceList awareness={connection.provider.awareness} me={me} />
      </aside>
    </main>
  )
}

import { useFollowStep } from '../plan/follow-step'
import { PlanView } from '../plan/PlanView'
import { usePresence } from '../sync/presence'
import { PageTitle } from '../ui/PageTitle'
import { useMeetingProgress } from './hooks'
import './notetaker.css'
import { useTranslation } from '../i18n'
import { PendingInvitation } from './InvitationPanel'
import { NotetakerStatus } from './NotetakerStatus'
import { PreviousProtocolLink } from './PreviousProtocol'
import { RosterPanel } from './RosterPanel'
import type { RoomProps } from './room'
import { StepCircle } from './StepCircle'
import { StepStatus } from './StepStatus'
import { StepTimer } from './StepTimer'
import { SignoffStatus } from './signoff/SignoffStatus'
import { SignPanel } from './signoff/SignPanel'
import { VideoLinkPanel } from './VideoLink'

/**
 * The note-taker's laptop: the plan to write in, brought to the part of the chair's current step,
 * with the step, the speaking round and who is connected beside it (read-only: the chair steers).
 */
export function NotetakerView({
  connection,
  me,
  state,
  editable,
  onSessionChange,
  signoff,
  applySignoff,
}: RoomProps) {
  const { t } = useTranslation()
  const { doc } = connection
  const progress = useMeetingProgress(doc)
  const present = usePresence(connection.provider.awareness)
  const started = progress.startedAt !== undefined
  // The plan follows the chair's step here, and the "moved on" notice is shown in the strip.
  const pending = useFollowStep(progress.step)

  return (
    <main className="page page--wide room room--notetaker" id="main">
      <PageTitle>{me.meeting.title}</PageTitle>
      <PendingInvitation session={me} started={started} onAnswered={onSessionChange} />
      <SignoffStatus state={signoff} />
      <div className="room-notetaker">
        <div className="room-notetaker__plan">
          <div className="step-bar">
            <StepStatus progress={progress} className="step-bar__now" />
            <StepTimer since={progress.stepStartedAt} />
          </div>
          {progress.step === 1 ? <PreviousProtocolLink me={me} /> : null}
          <section aria-labelledby="plan-title">
            <h2 id="plan-title">{t('room.plan.title')}</h2>
            {state.writeDenied ? <p className="notice notice--warning">{t('meeting.writeDenied')}</p> : null}
            <PlanView
              doc={doc}
              provider={connection.provider}
              editable={editable}
              focusStep={progress.step}
              me={me}
              headingLevel={3}
              followsStep={false}
            />
          </section>
          <SignPanel me={me} state={signoff} apply={applySignoff} />
        </div>
        {/* Beside the plan on a laptop (sticky, never over it); on a narrow screen the strip goes above. */}
        <div className="room-notetaker__rail">
          <NotetakerStatus state={state} pending={pending} editable={editable} />
          {/* On a wide screen this column scrolls on its own; a keyboard must be able to scroll it too. */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region without focusable content (WCAG 2.1.1) */}
          <aside className="room-notetaker__side" aria-labelledby="notetaker-circle-title" tabIndex={0}>
            <h2 id="notetaker-circle-title" className="visually-hidden">
              {t('room.circle.title')}
            </h2>
            <StepCircle
              current={progress.step}
              started={started}
              labelledBy="notetaker-circle-title"
              compact
            />
            <RosterPanel
              doc={doc}
              me={me}
              step={progress.step}
              present={present}
              online={state.status === 'saved'}
              canMark={false}
            />
            {started ? <VideoLinkPanel url={me.meeting.videoUrl} /> : null}
          </aside>
        </div>
      </div>
    </main>
  )
}

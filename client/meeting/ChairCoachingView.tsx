import { STEPS } from '../../shared/plan/layout'
import { usePresence } from '../sync/presence'
import { PageTitle } from '../ui/PageTitle'
import { ConsentSummary } from './ConsentSummary'
import { useMeetingProgress, useStepTexts } from './hooks'
import { PreviousProtocolLink } from './PreviousProtocol'
import { RosterPanel } from './RosterPanel'
import type { RoomProps } from './room'
import { StepCircle } from './StepCircle'
import { ChairCoaching, StepControls } from './StepControls'
import { StepStatus } from './StepStatus'
import { StepTimer } from './StepTimer'
import { SignoffStatus } from './signoff/SignoffStatus'
import './wall.css'
import { useTranslation } from '../i18n'

/**
 * The chair's coaching window ("Öppna ledarstöd i eget fönster"), on the chair's own laptop while
 * the wall shows the circle and the plan: the same chair session over a socket of its own – what to
 * do in the step, the timer, the controls (the shortcuts work here too) and the whole roster with
 * the speaking round. Whatever is done here shows on the wall within one round trip.
 */
export function ChairCoachingView({ connection, me, state, editable, signoff }: RoomProps) {
  const { t } = useTranslation()
  const { doc } = connection
  const progress = useMeetingProgress(doc)
  const texts = useStepTexts(progress.step)
  const present = usePresence(connection.provider.awareness)
  const started = progress.startedAt !== undefined

  return (
    <main className="page room room--coaching" id="main">
      <PageTitle>{t('wall.coaching.title', { title: me.meeting.title })}</PageTitle>
      <StepStatus progress={progress} hidden />
      <p className="hint">{t('wall.coaching.intro')}</p>
      <SignoffStatus state={signoff} showSignatures={false} />
      <section className="room-panel coaching__step" aria-labelledby="coaching-step-title">
        <h2 id="coaching-step-title" className="step-heading">
          {t('room.step.heading', { step: progress.step, count: STEPS.length, title: texts.title })}
        </h2>
        {started ? null : <p className="notice">{t('wall.coaching.notStarted')}</p>}
        <StepTimer since={progress.stepStartedAt} />
        <StepControls doc={doc} progress={progress} editable={editable} writeDenied={state.writeDenied} />
        <ChairCoaching progress={progress} type={me.meeting.type} />
        {progress.step === 1 ? <PreviousProtocolLink me={me} chair /> : null}
      </section>
      {progress.step === 1 ? <ConsentSummary briefing={me.chairBriefing} headingLevel={2} /> : null}
      <section className="coaching__circle" aria-labelledby="coaching-circle-title">
        <h2 id="coaching-circle-title">{t('room.circle.title')}</h2>
        <StepCircle current={progress.step} started={started} labelledBy="coaching-circle-title" compact />
      </section>
      <RosterPanel
        doc={doc}
        me={me}
        step={progress.step}
        present={present}
        online={state.status === 'saved'}
        canMark={editable}
        className="room-panel"
      />
    </main>
  )
}

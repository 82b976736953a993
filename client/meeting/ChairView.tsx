import { type MouseEvent, type ReactNode, useState } from 'react'
import { STEPS } from '../../shared/plan/layout'
import { routes } from '../router/routes'
import { usePresence } from '../sync/presence'
import { PageTitle } from '../ui/PageTitle'
import { ConsentSummary } from './ConsentSummary'
import { useMeetingProgress, useStepTexts } from './hooks'
import { PlanSlot } from './PlanSlot'
import { PreviousProtocolLink } from './PreviousProtocol'
import { RosterPanel } from './RosterPanel'
import type { RoomProps } from './room'
import { StartMeeting } from './StartMeeting'
import { StepCircle } from './StepCircle'
import { ChairCoaching, StepControls } from './StepControls'
import { StepStatus } from './StepStatus'
import { StepTimer } from './StepTimer'
import { ChairSignoff } from './signoff/ChairSignoff'
import { SignoffStatus } from './signoff/SignoffStatus'
import { ToggleButton } from './ToggleButton'
import './wall.css'
import { useTranslation } from '../i18n'

/** The coaching window's name: a second click brings the same window forward instead of a new one. */
const COACHING_WINDOW = 'sip-ledarstod'

/**
 * The chair's screen is the wall – made for the projector, read from the back of the room. On a
 * wide screen it is one screenful that never scrolls as a page: the circle across the top; beside
 * it, always in view, the current step, its timer, the chair's controls and the speaking round;
 * and the current step's part of the plan in large type ("Hela planen" shows every step). In step 5
 * the sign-off panel stands beside the closing part, so the chair locks without scrolling.
 *
 * The chair's own coaching ("Att göra i steget") is not on the wall: it is in the coaching window
 * on the chair's laptop (routes.coaching), or beside the controls while "Visa ledarstöd" is on.
 * In a small meeting the chair also writes: "Skriv i planen" makes the part on the wall editable.
 */
export function ChairView({
  connection,
  me,
  state,
  editable,
  signoff,
  applySignoff,
  onSessionChange,
}: RoomProps) {
  const { t } = useTranslation()
  const { doc } = connection
  const progress = useMeetingProgress(doc)
  const texts = useStepTexts(progress.step)
  const present = usePresence(connection.provider.awareness)
  const [writing, setWriting] = useState(false)
  const [wholePlan, setWholePlan] = useState(false)
  const [coaching, setCoaching] = useState(false)
  const started = progress.startedAt !== undefined
  const { step } = progress

  const coachingUrl = routes.coaching({ meetingId: me.meetingId, as: me.participantId })
  // A window of its own, placed on the chair's laptop screen; the link's target is the fallback
  // when pop-ups are blocked (and for a middle click, a tab).
  const openCoaching = (event: MouseEvent<HTMLAnchorElement>): void => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    const opened = window.open(coachingUrl, COACHING_WINDOW, 'popup,width=720,height=900')
    if (!opened) return
    event.preventDefault()
    opened.focus()
  }

  // Sign-off belongs to step 5; once the plan is locked or final it stays beside the plan whatever
  // the step, so the chair can always unlock or finalize.
  const signing = step === 5 || (signoff !== null && signoff.status !== 'open')
  // Step 1: the consent the chair reads out (who gave it, its scope, what must not be shared)
  // stands beside the opening part of the plan, as the sign-off panel does in step 5; at a
  // follow-up, with the previous protocol the chair reads out first (P8).
  const consentSlot: ReactNode = (
    <>
      <PreviousProtocolLink me={me} chair />
      <ConsentSummary briefing={me.chairBriefing} headingLevel={2} />
    </>
  )
  const beside: ReactNode = signing ? (
    <ChairSignoff doc={doc} me={me} state={signoff} apply={applySignoff} />
  ) : step === 1 ? (
    consentSlot
  ) : null

  return (
    <main className="page page--wide room room--chair wall" id="main">
      <StepStatus progress={progress} hidden />
      <div className="wall__bar">
        <PageTitle>{me.meeting.title}</PageTitle>
        <div className="wall__tools">
          <ToggleButton pressed={coaching} onToggle={() => setCoaching((on) => !on)}>
            {t('wall.coaching.show')}
          </ToggleButton>
          <a className="button-link" href={coachingUrl} target={COACHING_WINDOW} onClick={openCoaching}>
            {t('wall.coaching.open')}
            <span className="visually-hidden">{t('wall.coaching.opensWindow')}</span>
            <span aria-hidden="true"> ↗</span>
          </a>
        </div>
      </div>
      <SignoffStatus state={signoff} showSignatures={false} />

      <section className="wall__circle" aria-labelledby="circle-title">
        <h2 id="circle-title" className="visually-hidden">
          {t('room.circle.title')}
        </h2>
        <StepCircle
          current={step}
          started={started}
          labelledBy="circle-title"
          finished={signoff?.status === 'finalized'}
        />
      </section>

      <div className="wall__stage">
        {/* On the wall each column scrolls on its own if it must (its buttons take the keyboard there). */}
        <section className="wall__side" aria-labelledby="step-title">
          {/* The step, its time and the controls stay at the top of the column while the roster scrolls. */}
          <div className="wall__steer">
            <h2 id="step-title" className="step-heading">
              {t('room.step.heading', { step, count: STEPS.length, title: texts.title })}
            </h2>
            {started ? null : <p className="notice">{t('room.step.notStartedChair')}</p>}
            <StepTimer since={progress.stepStartedAt} />
            <StepControls doc={doc} progress={progress} editable={editable} writeDenied={state.writeDenied} />
            {editable && !started ? (
              <StartMeeting doc={doc} me={me} onSessionChange={onSessionChange} />
            ) : null}
          </div>
          {coaching ? <ChairCoaching progress={progress} type={me.meeting.type} /> : null}
          <RosterPanel
            doc={doc}
            me={me}
            step={step}
            present={present}
            online={state.status === 'saved'}
            canMark={editable}
            compact
            headingLevel={3}
            className="wall__roster"
          />
        </section>

        <div className={`wall__main${beside ? ' wall__main--beside' : ''}`}>
          <section className="wall__plan" aria-labelledby="plan-title">
            <div className="room-plan__bar">
              <h2 id="plan-title">{t('room.plan.title')}</h2>
              <div className="wall__plan-tools">
                <ToggleButton pressed={wholePlan} onToggle={() => setWholePlan((on) => !on)}>
                  {t('room.plan.fullPlan')}
                </ToggleButton>
                {editable ? (
                  <ToggleButton pressed={writing} onToggle={() => setWriting((on) => !on)}>
                    {t('room.plan.write')}
                  </ToggleButton>
                ) : null}
              </div>
            </div>
            <PlanSlot
              connection={connection}
              editable={editable && writing}
              focusStep={wholePlan ? step : undefined}
              only={wholePlan ? undefined : step}
              me={me}
            />
          </section>
          {beside ? <div className="wall__beside">{beside}</div> : null}
        </div>
      </div>
    </main>
  )
}

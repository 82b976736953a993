import { lazy, Suspense } from 'react'
import type { SessionResponse } from '../../../shared/schemas/session'
import type { MeetingState } from '../../../shared/schemas/signoff'

/*
 * The sign panels show nothing while the plan is open, which is most of a meeting: their code (the
 * signing form, "Är du nöjd med mötet?", the minutes' links) is downloaded once the plan is locked,
 * and stays out of a participant's first download (issue 15).
 */
const SignPanel = lazy(() => import('./SignPanel').then((module) => ({ default: module.SignPanel })))
const ChildSignPanel = lazy(() =>
  import('./SignPanel').then((module) => ({ default: module.ChildSignPanel })),
)

interface SignPanelProps {
  me: SessionResponse
  state: MeetingState | null
  apply: (state: MeetingState) => void
}

const locked = (state: MeetingState | null) => Boolean(state?.version) && state?.status !== 'open'

/** SignPanel, from the moment the plan is locked. */
export function SignPanelOnceLocked(props: SignPanelProps) {
  if (!locked(props.state)) return null
  return (
    <Suspense fallback={null}>
      <SignPanel {...props} />
    </Suspense>
  )
}

/** The child's ChildSignPanel, from the moment the plan is locked. */
export function ChildSignPanelOnceLocked(props: SignPanelProps) {
  if (!locked(props.state)) return null
  return (
    <Suspense fallback={null}>
      <ChildSignPanel {...props} />
    </Suspense>
  )
}

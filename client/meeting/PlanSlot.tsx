import type { Step } from '../../shared/plan/layout'
import type { SessionResponse } from '../../shared/schemas/session'
import { ChildView } from '../plan/ChildView'
import { PlanView } from '../plan/PlanView'
import type { Connection } from '../sync/connection'

/**
 * The plan on a meeting screen, under the screen's "Planen" heading (h2), so the plan's own
 * headings start at h3. The chair's wall passes `only`: that step's part alone.
 */
export function PlanSlot({
  connection,
  editable,
  focusStep,
  me,
  only,
}: {
  connection: Connection
  editable: boolean
  focusStep: Step | undefined
  me: SessionResponse
  only?: Step | undefined
}) {
  return (
    <PlanView
      doc={connection.doc}
      provider={connection.provider}
      editable={editable}
      focusStep={focusStep}
      me={me}
      headingLevel={3}
      only={only}
    />
  )
}

/** Barnvy: the plan in the child's words, read aloud on request, under the screen's h2. */
export function ChildSlot({ connection }: { connection: Connection }) {
  return <ChildView doc={connection.doc} headingLevel={3} />
}

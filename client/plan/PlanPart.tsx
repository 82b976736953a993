import type { ReactNode } from 'react'
import type * as Y from 'yjs'
import { Heading, type HeadingLevel } from './Heading'

/** What PlanView gives every structured part: the document, whether this person writes, its heading level. */
export interface PlanPartProps {
  doc: Y.Doc
  editable: boolean
  level: HeadingLevel
}

/** A part of the plan under its heading; the heading (`<id>-title`) names the section. */
export function PlanPart({
  id,
  title,
  level,
  children,
}: {
  id: string
  title: string
  level: HeadingLevel
  children: ReactNode
}) {
  return (
    <section className="plan-part" aria-labelledby={`${id}-title`}>
      <Heading level={level} id={`${id}-title`} className="plan-part__title">
        {title}
      </Heading>
      {children}
    </section>
  )
}

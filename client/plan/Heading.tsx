import type { ReactNode } from 'react'

export type HeadingLevel = 2 | 3 | 4 | 5 | 6

/** A heading whose level follows where the plan is mounted (headings in order, WCAG 1.3.1). */
export function Heading({
  level,
  id,
  className,
  tabIndex,
  children,
}: {
  level: HeadingLevel
  id?: string | undefined
  className?: string | undefined
  tabIndex?: number | undefined
  children: ReactNode
}) {
  const Tag = `h${level}` as const
  return (
    <Tag id={id} className={className} tabIndex={tabIndex}>
      {children}
    </Tag>
  )
}

/** One level below, never past h6. */
export function below(level: HeadingLevel): HeadingLevel {
  return Math.min(level + 1, 6) as HeadingLevel
}

import { useTranslation } from 'react-i18next'
import { PageHeader } from '../ui/PageHeader'

export type LinkProblem = 'missing' | 'invalid-link' | 'unavailable'

/** A meeting address that cannot be opened: say why and what to do instead of an empty meeting. */
export function LinkProblemPage({ reason }: { reason: LinkProblem }) {
  const { t } = useTranslation()
  const key = reason === 'missing' ? 'missing' : reason === 'invalid-link' ? 'invalid' : 'unavailable'
  return (
    <>
      <PageHeader />
      <main className="page page--narrow">
        <h1>{t(`link.${key}Title`)}</h1>
        <p>{t(`link.${key}Text`)}</p>
      </main>
    </>
  )
}

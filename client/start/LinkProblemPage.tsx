import { useTranslation } from '../i18n'
import { PageHeader } from '../ui/PageHeader'
import { PageTitle } from '../ui/PageTitle'

export type LinkProblem = 'missing' | 'invalid-link' | 'unavailable'

/** A meeting address that cannot be opened: say why and what to do instead of an empty meeting. */
export function LinkProblemPage({ reason }: { reason: LinkProblem }) {
  const { t } = useTranslation()
  const key = reason === 'missing' ? 'missing' : reason === 'invalid-link' ? 'invalid' : 'unavailable'
  return (
    <>
      <PageHeader />
      <main className="page page--narrow" id="main">
        <PageTitle>{t(`link.${key}Title`)}</PageTitle>
        <p>{t(`link.${key}Text`)}</p>
      </main>
    </>
  )
}

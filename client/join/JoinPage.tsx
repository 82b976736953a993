import { useEffect, useState } from 'react'
import { useTranslation } from '../i18n'
import { navigate } from '../router/router'
import { routes } from '../router/routes'
import { PageHeader } from '../ui/PageHeader'
import { PageTitle } from '../ui/PageTitle'
import { joinWithLink } from './joining'
import { takeLinkToken } from './token'

type JoinProblem = 'invalid' | 'missing' | 'tooMany' | 'unavailable'

/** `/j#t=<token>`: exchanges the link's token for a cookie, then opens the meeting. */
export function JoinPage() {
  const { t } = useTranslation()
  const [link] = useState(() => takeLinkToken())
  const [problem, setProblem] = useState<JoinProblem | null>(
    link.ok ? null : link.reason === 'missing' ? 'missing' : 'invalid',
  )

  useEffect(() => {
    // One request per page load (main.tsx has usually sent it already, before this first render).
    const joining = joinWithLink()
    if (!joining) return
    let current = true
    joining.then((result) => {
      if (!current) return
      if (result.ok) {
        const { meetingId, participantId } = result.data
        // replace: the back button should not return to a used join page. In the same document:
        // a second page load would fetch and run the page's scripts again, a second or more on a
        // slow phone before the plan shows (issue 15).
        navigate(routes.meeting({ meetingId, as: participantId }), { replace: true })
        return
      }
      const { status } = result.failure
      setProblem(status === 429 ? 'tooMany' : status === 0 || status >= 500 ? 'unavailable' : 'invalid')
    })
    return () => {
      current = false
    }
  }, [])

  return (
    <>
      <PageHeader />
      <main className="page page--narrow" id="main">
        {problem ? (
          <>
            <PageTitle>{t(`join.${problem}Title`)}</PageTitle>
            <p role="alert">{t(`join.${problem}Text`)}</p>
          </>
        ) : (
          <>
            <PageTitle>{t('join.openingTitle')}</PageTitle>
            <p role="status">{t('join.opening')}</p>
          </>
        )}
      </main>
    </>
  )
}

import { useId } from 'react'
import { allDeviationsCsvUrl, api } from '../api'
import { useTranslation } from '../i18n'
import { DeviationList, meetingName } from '../sips/DeviationList'
import { DownloadLink } from '../ui/DownloadLink'
import { ErrorNotice } from '../ui/ErrorNotice'
import { failureMessage } from '../ui/errors'
import { PageTitle } from '../ui/PageTitle'
import { useLoad } from '../ui/useLoad'

/**
 * `/admin/avvikelser`: every deviation of the installation, newest first, and their CSV export
 * (docs/process.md P11) – the deviations only, never the SIP's child or plan.
 */
export function DeviationsPage() {
  const { t } = useTranslation()
  const exportHintId = useId()
  const list = useLoad('all-deviations', (signal) => api.allDeviations(signal))

  return (
    <main className="page page--narrow" id="main">
      <PageTitle>{t('deviations.admin.title')}</PageTitle>
      <p>{t('deviations.admin.intro')}</p>
      {list.status === 'failed' ? (
        <ErrorNotice message={failureMessage(t, list.failure)} />
      ) : list.status === 'loading' ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <p>{t('deviations.admin.count', { count: list.data.length })}</p>
          {list.data.length > 0 ? (
            <p className="deviations__export">
              <DownloadLink
                href={allDeviationsCsvUrl()}
                fileName="avvikelser.csv"
                failed={t('deviations.exportFailed')}
                describedBy={exportHintId}
              >
                {t('deviations.export')}
              </DownloadLink>{' '}
              <span className="field__hint" id={exportHintId}>
                {t('deviations.exportHint')}
              </span>
            </p>
          ) : null}
          <DeviationList
            deviations={list.data}
            meetingLabel={({ meeting }) =>
              meeting ? meetingName(t, meeting) : t('deviations.list.wholeSip')
            }
          />
        </>
      )}
    </main>
  )
}

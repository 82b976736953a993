import { SIGNATURE_BOX } from '../../shared/limits'
import type { MinutesBlock, MinutesDocument } from '../../shared/schemas/minutes'
import { type ApiFailure, api, minutesPdfUrl } from '../api'
import { currentLanguage, useTranslation } from '../i18n'
import { Link } from '../router/Link'
import { routes } from '../router/routes'
import { failureMessage } from '../ui/errors'
import { PageHeader } from '../ui/PageHeader'
import { PageTitle } from '../ui/PageTitle'
import { useLoad } from '../ui/useLoad'
import { drawablePath, titleLevels } from './blocks'
import { PdfDownloadLink } from './PdfDownloadLink'
import './minutes.css'

/**
 * `/m/<meetingId>/protokoll?as=<participantId>`: the minutes of the locked or finalized version
 * as the server wrote it (the same blocks as the PDF), to read, print (print CSS) or download.
 * The minutes' own texts come from the server in the language the screen shows.
 */

export function MinutesPage({
  meetingId,
  participantId,
}: {
  meetingId: string
  participantId: string | null
}) {
  // useTranslation renders the page again when the language changes.
  const { t } = useTranslation()
  const lang = currentLanguage()
  const minutes = useLoad(`${meetingId}/${participantId}/${lang}`, (signal) =>
    api.minutes(meetingId, participantId, lang, signal),
  )

  // A personal link goes back to its meeting room; staff (no `as`) to the meeting's set-up.
  const back = participantId
    ? routes.meeting({ meetingId, as: participantId })
    : routes.meetingSetup({ meetingId })

  return (
    <>
      <PageHeader />
      <main className="page protocol-page" id="main">
        <nav className="protocol-page__actions" aria-label={t('signoff.minutes.actions')}>
          <Link href={back}>{t('signoff.minutes.back')}</Link>
          {minutes.status === 'ok' ? (
            <>
              <button type="button" className="button--primary" onClick={() => window.print()}>
                {t('signoff.minutes.print')}
              </button>
              <PdfDownloadLink className="button-link" href={minutesPdfUrl(meetingId, participantId, lang)}>
                {t('signoff.minutes.download')}
              </PdfDownloadLink>
            </>
          ) : null}
        </nav>
        {minutes.status === 'ok' ? (
          <MinutesView doc={minutes.data} />
        ) : (
          <>
            <PageTitle>{t('signoff.minutes.title')}</PageTitle>
            {minutes.status === 'loading' ? (
              <p role="status">{t('signoff.minutes.loading')}</p>
            ) : (
              <Failure failure={minutes.failure} onRetry={() => void minutes.reload()} />
            )}
          </>
        )}
      </main>
    </>
  )
}

/** Why there are no minutes to show, in words, never an empty page. */
function Failure({ failure, onRetry }: { failure: ApiFailure; onRetry: () => void }) {
  const { t } = useTranslation()
  if (failure.status === 409 && failure.code === 'not-locked') {
    return (
      <p className="notice" role="status">
        {t('signoff.minutes.notLocked')}
      </p>
    )
  }
  if (failure.status === 401 || failure.status === 403 || failure.status === 404) {
    return (
      <p className="notice notice--error" role="alert">
        {t('signoff.minutes.noAccess')}
      </p>
    )
  }
  return (
    <>
      <p className="notice notice--error" role="alert">
        {t('signoff.minutes.failed', { message: failureMessage(t, failure) })}
      </p>
      <div className="button-row">
        <button type="button" onClick={onRetry}>
          {t('signoff.minutes.retry')}
        </button>
      </div>
    </>
  )
}

/** The minutes' blocks as HTML: h1 title, h2 sections, h3 parts, lists, fields, tables, signatures. */
export function MinutesView({ doc }: { doc: MinutesDocument }) {
  const levels = titleLevels(doc.blocks)
  return (
    <article className="protocol-doc" lang={doc.lang}>
      <PageTitle>{doc.title}</PageTitle>
      <p className="protocol-doc__subtitle">{doc.subtitle}</p>
      {doc.blocks.map((block, index) => {
        const level = Math.min(levels[index] ?? 2, 6)
        // Blocks have no ids; their order is fixed for a version, so the index is a stable key.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        return <Block key={index} block={block} level={level} drawnLabel={doc.drawnSignatureLabel} />
      })}
    </article>
  )
}

type HeadingTag = 'h2' | 'h3' | 'h4' | 'h5' | 'h6'

function Block({ block, level, drawnLabel }: { block: MinutesBlock; level: number; drawnLabel: string }) {
  switch (block.kind) {
    case 'heading':
      return <h2>{block.text}</h2>
    case 'subheading':
      return <h3>{block.text}</h3>
    case 'paragraph':
      return <p className="protocol-doc__text">{block.text}</p>
    case 'list': {
      const items = block.items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: items may repeat and have no ids
        <li key={index}>{item}</li>
      ))
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>
    }
    case 'fields': {
      const Title = `h${level}` as HeadingTag
      return (
        <div className="protocol-fields">
          {block.title ? <Title className="protocol-fields__title">{block.title}</Title> : null}
          <dl>
            {block.rows.map((row, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: labels may repeat
              <div key={index} className="protocol-fields__row">
                <dt>{row.label}</dt>
                <dd>{row.value}</dd>
              </div>
            ))}
          </dl>
        </div>
      )
    }
    case 'table':
      return <Table block={block} />
    case 'signature': {
      const drawing = drawablePath(block.drawing)
      return (
        <div className="protocol-signature">
          <div className="protocol-signature__text">
            <p className="protocol-signature__name">{block.name}</p>
            <p className="protocol-signature__detail">{block.detail}</p>
            <p className="protocol-signature__detail">{block.how}</p>
          </div>
          {drawing ? (
            <svg
              className="protocol-signature__drawing"
              viewBox={`0 0 ${SIGNATURE_BOX.width} ${SIGNATURE_BOX.height}`}
              role="img"
              aria-label={`${drawnLabel}: ${block.name}`}
              focusable="false"
            >
              <path d={drawing} />
            </svg>
          ) : null}
        </div>
      )
    }
  }
}

/**
 * A table (attendance, supports) as a table on a wide screen and on paper, and on a phone as one
 * short list per row with each cell under its column's name – a four- or five-column table at
 * 390 px breaks words in the middle. Only one of the two is displayed (CSS), so a screen reader
 * meets each row once.
 */
function Table({ block }: { block: Extract<MinutesBlock, { kind: 'table' }> }) {
  return (
    <>
      <table className="protocol-table">
        <thead>
          <tr>
            {block.columns.map((column, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
              <th key={index} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {block.rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
            <tr key={index}>
              {row.map((cell, column) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                <td key={column}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="protocol-rows">
        {block.rows.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
          <li key={index}>
            <dl>
              {row.map((cell, column) =>
                cell === '' ? null : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <div key={column} className="protocol-rows__cell">
                    <dt>{block.columns[column]}</dt>
                    <dd>{cell}</dd>
                  </div>
                ),
              )}
            </dl>
          </li>
        ))}
      </ul>
    </>
  )
}

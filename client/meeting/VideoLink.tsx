import './lifecycle.css'
import { useTranslation } from '../i18n'

/**
 * The link to the organisation's own video meeting, for those taking part remotely. SIP Live shows
 * no video: the link opens the organisation's tool in a new window. Nothing when there is no link.
 * `showAddress`: the address itself is the link text – for the invitation, which is also printed
 * and typed in from paper; in the room a plain "Öppna videomötet" reads better.
 */
export function VideoLink({ url, showAddress = false }: { url: string; showAddress?: boolean }) {
  const { t } = useTranslation()
  if (url === '') return null
  return (
    <span className="video-link">
      <a href={url} target="_blank" rel="noopener noreferrer">
        {showAddress ? url : t('lifecycle.video.open')}{' '}
        <span className="video-link__new-window">{t('lifecycle.video.newWindow')}</span>
      </a>
      <br />
      <span className="hint">{t('lifecycle.video.note')}</span>
    </span>
  )
}

/** VideoLink as a section of its own, for a room screen (the lead places it). */
export function VideoLinkPanel({ url }: { url: string }) {
  const { t } = useTranslation()
  if (url === '') return null
  return (
    <section className="room-panel video-link-panel" aria-labelledby="video-link-title">
      <h2 id="video-link-title">{t('lifecycle.video.title')}</h2>
      <p>
        <VideoLink url={url} />
      </p>
    </section>
  )
}

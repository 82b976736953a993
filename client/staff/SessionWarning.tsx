import { useEffect, useRef, useState } from 'react'
import type { StaffSession } from '../../shared/schemas/staff'
import { api } from '../api'
import { formatTime } from '../format/dates'
import { useTranslation } from '../i18n'
import { endStaffSession, setStaffSession } from './session'

/**
 * "Du loggas snart ut" from the session's `warnAt`, with a button that extends it (WCAG 2.2.1).
 * Other requests may have extended the session on the server, so each deadline is checked with
 * GET /api/auth/me (which does not extend it) before warning or signing out.
 */
export function SessionWarning({ session }: { session: StaffSession }) {
  const { t } = useTranslation()
  const [warning, setWarning] = useState(false)
  const [failed, setFailed] = useState(false)
  const stayButton = useRef<HTMLButtonElement>(null)
  const returnFocus = useRef<Element | null>(null)

  useEffect(() => {
    const warnIn = Date.parse(session.warnAt) - Date.now()
    const endIn = Date.parse(session.expiresAt) - Date.now()
    let cancelled = false

    const recheck = async (deadline: 'warn' | 'end'): Promise<void> => {
      const result = await api.me()
      if (cancelled) return
      if (!result.ok) {
        if (result.failure.status === 401) endStaffSession('expired')
        else if (deadline === 'warn') setWarning(true)
        return
      }
      const fresh = result.data
      if (fresh.warnAt !== session.warnAt || fresh.expiresAt !== session.expiresAt) {
        // Re-runs this effect with the new deadlines.
        setStaffSession(fresh)
        return
      }
      if (deadline === 'warn') setWarning(true)
    }

    setWarning(warnIn <= 0 && endIn > 0)
    const timers = [
      warnIn > 0 ? window.setTimeout(() => void recheck('warn'), warnIn) : undefined,
      window.setTimeout(() => void recheck('end'), Math.max(endIn, 0) + 1000),
    ]
    return () => {
      cancelled = true
      for (const timer of timers) if (timer !== undefined) window.clearTimeout(timer)
    }
  }, [session])

  useEffect(() => {
    if (!warning) return
    returnFocus.current = document.activeElement
    stayButton.current?.focus()
  }, [warning])

  if (!warning) return null

  const stay = async (): Promise<void> => {
    const result = await api.refresh()
    if (!result.ok) {
      setFailed(true)
      return
    }
    setFailed(false)
    setWarning(false)
    setStaffSession(result.data)
    const previous = returnFocus.current
    if (previous instanceof HTMLElement && previous.isConnected) previous.focus()
  }

  return (
    <div
      className="session-warning"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="session-warning-title"
      aria-describedby="session-warning-text"
    >
      <h2 id="session-warning-title">{t('session.warningTitle')}</h2>
      <p id="session-warning-text">
        {t('session.warningText', { time: formatTime(session.expiresAt) })}
        {failed ? ` ${t('session.refreshFailed')}` : ''}
      </p>
      <div className="button-row">
        <button type="button" className="button--primary" ref={stayButton} onClick={() => void stay()}>
          {t('session.stay')}
        </button>
        <button type="button" onClick={() => void api.logout().then(() => endStaffSession('signed-out'))}>
          {t('staff.signOut')}
        </button>
      </div>
    </div>
  )
}

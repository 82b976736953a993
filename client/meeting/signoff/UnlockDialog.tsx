import { useState } from 'react'
import { useTranslation } from '../../i18n'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { FieldError, invalid } from './fields'

const REASON_ID = 'signoff-unlock-reason'

/** "Lås upp planen?" (G6): the reason is required; the dialog answers it trimmed. */
export function UnlockDialog({
  open,
  onUnlock,
  onCancel,
}: {
  open: boolean
  onUnlock: (reason: string) => void
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)

  const confirm = (): void => {
    if (!reason.trim()) {
      setError(t('signoff.unlock.reasonMissing'))
      document.getElementById(REASON_ID)?.focus()
      return
    }
    onUnlock(reason.trim())
    setReason('')
  }

  return (
    <ConfirmDialog
      open={open}
      title={t('signoff.unlock.title')}
      confirmLabel={t('signoff.unlock.confirm')}
      onConfirm={confirm}
      onCancel={onCancel}
      danger
    >
      <p>{t('signoff.unlock.text')}</p>
      <div className={`field${error ? ' field--error' : ''}`}>
        <label className="field__label" htmlFor={REASON_ID}>
          {t('signoff.unlock.reason')}
        </label>
        {/* Announced at once: the dialog's button is where focus was when it appeared. */}
        <div role="alert">
          <FieldError id={REASON_ID} message={error} />
        </div>
        <input
          id={REASON_ID}
          className="field__input"
          value={reason}
          onChange={(event) => {
            setReason(event.target.value)
            setError(null)
          }}
          {...invalid(REASON_ID, error)}
        />
      </div>
    </ConfirmDialog>
  )
}

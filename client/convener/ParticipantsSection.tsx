import { useRef, useState } from 'react'
import type { IssuedLink, Meeting, Participant } from '../../shared/schemas/meeting'
import { api } from '../api'
import { formatDate } from '../format/dates'
import { useTranslation } from '../i18n'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { ErrorNotice } from '../ui/ErrorNotice'
import { failureMessage } from '../ui/errors'
import { Fact } from '../ui/Fact'
import { LinkPanel } from './LinkPanel'
import { participantLabel } from './labels'
import { ParticipantForm } from './ParticipantForm'
import { PrintAllInvitations } from './PrintAllInvitations'

type Pending = { kind: 'remove' | 'new-link' | 'revoke'; participant: Participant } | null

/**
 * Who is invited: organisation, function and (if known) name, role, whether they answered, and
 * the state of their personal link. Adding someone, or issuing a new link, shows the link once;
 * "Skriv ut alla kallelser" issues everyone's at once and prints them.
 */
export function ParticipantsSection({
  meeting,
  onChanged,
}: {
  meeting: Meeting
  /** Something changed on the server: load the meeting again (warnings and counts follow). */
  onChanged: () => Promise<void>
}) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState<string | null>(null)
  const [issued, setIssued] = useState<{ participantId: string; link: IssuedLink } | null>(null)
  const [pending, setPending] = useState<Pending>(null)
  const [printed, setPrinted] = useState<IssuedLink[] | null>(null)
  const [confirmPrintAll, setConfirmPrintAll] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  const listHeading = useRef<HTMLHeadingElement>(null)
  const finalized = meeting.status === 'finalized'

  const issuedFor = issued ? meeting.participants.find((p) => p.id === issued.participantId) : undefined
  // The convener's own seat opens the meeting from the list: it gets no printed invitation.
  const invitees = meeting.participants.filter((p) => !p.isMe)
  const replaced = invitees.filter((p) => p.link.status === 'active')

  const printAll = async (): Promise<void> => {
    setConfirmPrintAll(false)
    setError(null)
    const result = await api.newLinks(meeting.id)
    if (!result.ok) return setError(failureMessage(t, result.failure))
    setIssued(null)
    await onChanged()
    setPrinted(result.data)
  }

  const confirm = async (): Promise<void> => {
    if (!pending) return
    const { kind, participant } = pending
    setPending(null)
    setError(null)
    const who = participantLabel(t, participant)
    if (kind === 'new-link') {
      const result = await api.newLink(meeting.id, participant.id)
      if (!result.ok) return setError(failureMessage(t, result.failure))
      await onChanged()
      setPrinted(null)
      setIssued({ participantId: participant.id, link: result.data })
      return
    }
    const result =
      kind === 'remove'
        ? await api.removeParticipant(meeting.id, participant.id)
        : await api.revokeLink(meeting.id, participant.id)
    if (!result.ok) return setError(failureMessage(t, result.failure))
    if (issued?.participantId === participant.id) setIssued(null)
    await onChanged()
    setStatus(kind === 'remove' ? t('participants.removed', { who }) : t('participants.revoked', { who }))
    listHeading.current?.focus()
  }

  return (
    <>
      <ErrorNotice message={error} />
      <p role="status" className="form__status">
        {status}
      </p>
      {issued && issuedFor ? (
        <LinkPanel
          key={issued.link.url}
          meeting={meeting}
          participant={issuedFor}
          link={issued.link}
          onClose={() => {
            setIssued(null)
            listHeading.current?.focus()
          }}
        />
      ) : null}

      {printed ? (
        <PrintAllInvitations
          meeting={meeting}
          links={printed}
          onClose={() => {
            setPrinted(null)
            listHeading.current?.focus()
          }}
        />
      ) : null}
      {finalized || printed ? null : (
        <div className="print-all">
          {invitees.length > 0 ? (
            <>
              <p>{t('convener.printAll.hint')}</p>
              <button
                type="button"
                onClick={() => (replaced.length > 0 ? setConfirmPrintAll(true) : void printAll())}
              >
                {t('convener.printAll.button')}
              </button>
            </>
          ) : (
            <p className="notice">{t('convener.printAll.nobody')}</p>
          )}
        </div>
      )}

      <h3 ref={listHeading} tabIndex={-1} id="participants-list-title">
        {t('participants.listTitle', { count: meeting.participants.length })}
      </h3>
      {meeting.participants.length === 0 ? (
        <p className="notice">{t('participants.none')}</p>
      ) : (
        <ul className="participant-list" aria-labelledby="participants-list-title">
          {meeting.participants.map((participant) => (
            <li key={participant.id} className="participant">
              {editing === participant.id ? (
                <>
                  <h4>{t('participants.editTitle', { who: participantLabel(t, participant) })}</h4>
                  <ParticipantForm
                    form={`participant-${participant.id}`}
                    participant={participant}
                    submitLabel={t('participants.saveChanges')}
                    onCancel={() => setEditing(null)}
                    onSubmit={async (input) => {
                      const result = await api.updateParticipant(meeting.id, participant.id, input)
                      if (!result.ok) return result.failure
                      setEditing(null)
                      await onChanged()
                      setStatus(t('participants.updated', { who: participantLabel(t, result.data) }))
                      return null
                    }}
                  />
                </>
              ) : (
                <ParticipantRow
                  participant={participant}
                  disabled={finalized}
                  onEdit={() => setEditing(participant.id)}
                  onAction={(kind) => setPending({ kind, participant })}
                />
              )}
            </li>
          ))}
        </ul>
      )}

      {finalized ? null : (
        <section className="participant-add" aria-labelledby="participant-add-title">
          <h3 id="participant-add-title">{t('participants.addTitle')}</h3>
          <ParticipantForm
            form="participant-new"
            participant={null}
            submitLabel={t('participants.add')}
            onSubmit={async (input) => {
              setError(null)
              const result = await api.addParticipant(meeting.id, input)
              if (!result.ok) return result.failure
              await onChanged()
              setPrinted(null)
              setIssued({ participantId: result.data.participant.id, link: result.data.link })
              return null
            }}
          />
        </section>
      )}

      <ConfirmDialog
        open={confirmPrintAll}
        title={t('convener.printAll.confirmTitle')}
        confirmLabel={t('convener.printAll.confirmAction')}
        danger
        onConfirm={() => void printAll()}
        onCancel={() => setConfirmPrintAll(false)}
      >
        <p>
          {t('convener.printAll.confirmText', {
            count: replaced.length,
            names: replaced.map((p) => participantLabel(t, p)).join('; '),
          })}
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={pending !== null}
        title={pending ? t(`participants.confirm.${pending.kind}.title`) : ''}
        confirmLabel={pending ? t(`participants.confirm.${pending.kind}.action`) : ''}
        danger={pending?.kind !== 'new-link'}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      >
        {pending ? (
          <p>
            {t(`participants.confirm.${pending.kind}.text`, {
              who: participantLabel(t, pending.participant),
            })}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  )
}

function ParticipantRow({
  participant,
  disabled,
  onEdit,
  onAction,
}: {
  participant: Participant
  disabled: boolean
  onEdit: () => void
  onAction: (kind: 'remove' | 'new-link' | 'revoke') => void
}) {
  const { t } = useTranslation()
  const who = participantLabel(t, participant)
  const { link } = participant
  const rsvp = participant.rsvp ?? 'none'
  return (
    <>
      <h4 className="participant__name">
        {who}
        {participant.isMe ? <span className="tag"> {t('participants.me')}</span> : null}
      </h4>
      <dl className="participant__facts">
        <Fact term={t('fields.role')}>{t(`roleChoice.${participant.role}`)}</Fact>
        {/* Their own seat: they called the meeting (or chair it), nobody asks them to answer. */}
        {participant.isMe ? null : (
          <Fact term={t('participants.answer')} className={`rsvp rsvp--${rsvp}`}>
            {t(`rsvp.${rsvp}`)}
          </Fact>
        )}
        <Fact term={t('participants.link')}>
          {t(`linkStatus.${link.status}`)}
          {link.status === 'active' && link.expiresAt
            ? `, ${t('linkStatus.until', { date: formatDate(link.expiresAt) })}`
            : ''}
          {link.status === 'active'
            ? `, ${link.lastOpenedAt ? t('linkStatus.opened', { date: formatDate(link.lastOpenedAt) }) : t('linkStatus.notOpened')}`
            : ''}
        </Fact>
      </dl>
      {disabled ? null : (
        <div className="button-row">
          <button type="button" onClick={onEdit}>
            {t('participants.edit')}
            <span className="visually-hidden">: {who}</span>
          </button>
          <button type="button" onClick={() => onAction('new-link')}>
            {t('participants.newLink')}
            <span className="visually-hidden">: {who}</span>
          </button>
          {link.status === 'active' ? (
            <button type="button" onClick={() => onAction('revoke')}>
              {t('participants.revoke')}
              <span className="visually-hidden">: {who}</span>
            </button>
          ) : null}
          <button type="button" className="button--danger" onClick={() => onAction('remove')}>
            {t('participants.remove')}
            <span className="visually-hidden">: {who}</span>
          </button>
        </div>
      )}
    </>
  )
}

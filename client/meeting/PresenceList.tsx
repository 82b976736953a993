import type { Awareness } from 'y-protocols/awareness'
import type { Role } from '../../shared/roles'
import type { SessionResponse } from '../../shared/schemas/session'
import { useTranslation } from '../i18n'
import { usePresence } from '../sync/presence'

/** "Här nu": everyone connected to the meeting, by name and role in text (colour is extra). */
export function PresenceList({ awareness, me }: { awareness: Awareness; me: SessionResponse }) {
  const { t } = useTranslation()
  const users = usePresence(awareness)
  const roleName = (role: Role | null): string => (role ? t(`roles.${role}`) : t('presence.unknownRole'))
  return (
    <section className="presence" aria-labelledby="presence-title">
      <h2 id="presence-title" className="presence__title">
        {t('presence.title')}
      </h2>
      <ul className="presence__list">
        {users.map((user) => (
          <li key={user.clientId} className="presence__person">
            <span
              className="presence__swatch"
              aria-hidden="true"
              style={user.color ? { backgroundColor: user.color } : undefined}
            />
            {user.self
              ? t('presence.person', { name: `${me.name} – ${t('presence.you')}`, role: roleName(me.role) })
              : t('presence.person', { name: user.name, role: roleName(user.role) })}
          </li>
        ))}
      </ul>
    </section>
  )
}

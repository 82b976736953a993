import type { Role } from '../../shared/roles'

/** The fictional people of a test meeting, one of each role, for the integration and service tests alike. */
export const TEST_PEOPLE: Record<Role, { name: string; organisation: string; function: string }> = {
  chair: { name: 'Maja Lind', organisation: 'skola', function: 'biträdande rektor' },
  notetaker: { name: 'Amir Haddad', organisation: 'elevhalsa', function: 'kurator' },
  participant: { name: 'Lena Berg', organisation: 'socialtjanst', function: 'socialsekreterare' },
  guardian: { name: 'Sara', organisation: 'familj', function: 'vårdnadshavare' },
  child: { name: 'Elsa', organisation: 'familj', function: 'huvudperson' },
}

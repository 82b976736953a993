import type { Organisation } from '../schemas/meeting'
import { TERMS } from '../terms'

/**
 * "Participants recorded without a function" (issue 14, seed 000: 45 region participants written
 * only as "HAB" or "BUP"): a professional whose function says nothing about their profession. The
 * report's `without-function` table counts them (docs/statistics.md).
 */

/**
 * Bare names people write where a function belongs, for any organisation: a place or a service,
 * never a profession. Lower case; compared after trim, case-insensitively.
 */
export const GENERIC_FUNCTIONS: readonly string[] = [
  'skolan',
  'hab',
  'bup',
  'soc',
  'socialtjänsten',
  'elevhälsan',
  'regionen',
  'vården',
  'primärvården',
]

const normalise = (text: string): string => text.trim().toLowerCase()

/** Per organisation, what counts as no function: its key, its Swedish and English names, the bare names. */
const GENERIC_BY_ORGANISATION = new Map<string, ReadonlySet<string>>(
  (Object.keys(TERMS.sv.organisations) as Organisation[]).map((organisation) => [
    organisation,
    new Set([
      organisation,
      normalise(TERMS.sv.organisations[organisation]),
      normalise(TERMS.en.organisations[organisation]),
      ...GENERIC_FUNCTIONS,
    ]),
  ]),
)
const GENERIC_ANYWHERE = new Set(GENERIC_FUNCTIONS)

/**
 * True when `fn` is no function: empty, or (after trim, case-insensitively) the organisation's key
 * ("bup"), its Swedish or English name ("Habilitering", "School") or one of GENERIC_FUNCTIONS.
 */
export function isWithoutFunction(organisation: string, fn: string): boolean {
  const value = normalise(fn)
  if (value === '') return true
  return (GENERIC_BY_ORGANISATION.get(organisation) ?? GENERIC_ANYWHERE).has(value)
}

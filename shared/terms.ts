import type { Language } from './languages'
import type { ATTENDANCE, GoalOutcome, SupportStatus, TextPart } from './plan/layout'
import type { Role } from './roles'
import type { ORGANISATIONS } from './schemas/meeting'

/**
 * The domain's words, defined once for every place that names them: the screens' catalogues
 * (client/i18n), the minutes (shared/minutes/text.ts) and the server's own names
 * (server/meetings/names.ts). Swedish first, English second.
 */
export interface Terms {
  roles: Record<Role, string>
  organisations: Record<(typeof ORGANISATIONS)[number], string>
  attendance: Record<(typeof ATTENDANCE)[number], string>
  textParts: Record<TextPart, string>
  /** The meeting's set-up as the plan's header names it. */
  setup: { child: string; type: string; when: string; place: string; purpose: string; questions: string }
  /** P7: how far a carried goal was reached, and where a carried support stands, at a follow-up. */
  goalOutcomes: Record<GoalOutcome, string>
  supportStatuses: Record<SupportStatus, string>
}

export const TERMS: Record<Language, Terms> = {
  sv: {
    roles: {
      chair: 'Mötesledare',
      notetaker: 'Sekreterare',
      participant: 'Deltagare',
      guardian: 'Vårdnadshavare',
      child: 'Huvudperson',
    },
    organisations: {
      skola: 'Skola',
      elevhalsa: 'Elevhälsa',
      socialtjanst: 'Socialtjänst',
      bup: 'BUP',
      habilitering: 'Habilitering',
      primarvard: 'Primärvård',
      ungdomsmottagning: 'Ungdomsmottagning',
      familj: 'Familj',
      annan: 'Annan verksamhet',
    },
    attendance: {
      present: 'Närvarande',
      remote: 'Digitalt',
      cancelled: 'Förhinder',
      'no-show': 'Uteblev',
    },
    textParts: {
      opening: 'Anteckningar från inledningen',
      childWords: 'Barnets egna ord: Vad är viktigt för dig?',
      situation: 'Så ser situationen ut nu',
      needs: 'Behov',
      summary: 'Vem gör vad',
      disagreements: 'Det vi inte är överens om',
    },
    setup: {
      child: 'Barnet',
      type: 'Mötestyp',
      when: 'Tid',
      place: 'Plats',
      purpose: 'Syfte',
      questions: 'Frågeställningar',
    },
    goalOutcomes: { achieved: 'Uppnått', partly: 'Delvis uppnått', 'not-achieved': 'Inte uppnått' },
    supportStatuses: {
      done: 'Genomförd',
      ongoing: 'Pågår',
      'not-started': 'Inte påbörjad',
      ended: 'Avslutad',
    },
  },
  en: {
    roles: {
      chair: 'Chair',
      notetaker: 'Note-taker',
      participant: 'Participant',
      guardian: 'Guardian',
      child: 'The child',
    },
    organisations: {
      skola: 'School',
      elevhalsa: 'Student health',
      socialtjanst: 'Social services',
      bup: 'BUP (child and adolescent psychiatry)',
      habilitering: 'Habilitation',
      primarvard: 'Primary care',
      ungdomsmottagning: 'Youth clinic',
      familj: 'Family',
      annan: 'Other organisation',
    },
    attendance: {
      present: 'Present',
      remote: 'Remote',
      cancelled: 'Cancelled',
      'no-show': 'Did not show up',
    },
    textParts: {
      opening: 'Notes from the opening',
      childWords: 'The child’s own words: What matters to you?',
      situation: 'The situation now',
      needs: 'Needs',
      summary: 'Who does what',
      disagreements: 'What we do not agree on',
    },
    setup: {
      child: 'The child',
      type: 'Meeting type',
      when: 'Time',
      place: 'Place',
      purpose: 'Purpose',
      questions: 'Questions',
    },
    goalOutcomes: { achieved: 'Achieved', partly: 'Partly achieved', 'not-achieved': 'Not achieved' },
    supportStatuses: { done: 'Done', ongoing: 'Ongoing', 'not-started': 'Not started', ended: 'Ended' },
  },
}

import { TERMS } from '../../shared/terms'

/**
 * A follow-up meeting in the room (docs/process.md P7, P8): how each goal and support carried over
 * from the previous plan went, in staff's words and in the child's, and the previous meeting's
 * protocol that the chair reads out in step 1. The circle's follow-up questions are in
 * shared/circle.ts. Included in the main catalogue as `followup`.
 */
export const followupSv = {
  /** The tag on a goal or support carried over from the previous plan. */
  fromLastPlan: 'Från förra planen',
  /** The group of a carried entry's follow-up fields. */
  group: 'Uppföljning',
  goal: {
    question: 'Hur gick det?',
    outcomes: TERMS.sv.goalOutcomes,
    unset: 'Inte bedömt än',
    comment: 'Kommentar',
  },
  support: {
    question: 'Hur gick insatsen?',
    statuses: TERMS.sv.supportStatuses,
    unset: 'Inte bedömt än',
    effect: 'Effekt – vad blev resultatet?',
    /** The effect's name where it is read, not asked for. */
    effectShort: 'Effekt',
  },
  /** The child view: how it went, in plain words. */
  child: {
    outcomes: {
      achieved: 'Klart!',
      partly: 'Delvis klart',
      'not-achieved': 'Inte än',
    },
    statuses: {
      done: 'Har hänt',
      ongoing: 'Pågår',
      'not-started': 'Har inte börjat',
      ended: 'Slut nu',
    },
  },
  /** P8: the previous meeting's protocol, from step 1. */
  previous: {
    chair: 'Läs upp tidigare protokoll (mötet {{date}})',
    participant: 'Förra mötets protokoll (mötet {{date}})',
    hint: 'Planen ni kom överens om förra gången, som den skrevs under.',
    opensTab: ' (PDF, öppnas i en ny flik)',
  },
}

export type FollowupCatalogue = typeof followupSv

import { TERMS } from '../../shared/terms'
import type { FollowupCatalogue } from './followup.sv'

/** A follow-up meeting in the room, in English, typed against the Swedish catalogue. */
export const followupEn: FollowupCatalogue = {
  fromLastPlan: 'From the last plan',
  group: 'Follow-up',
  goal: {
    question: 'How did it go?',
    outcomes: TERMS.en.goalOutcomes,
    unset: 'Not assessed yet',
    comment: 'Comment',
  },
  support: {
    question: 'How did the support go?',
    statuses: TERMS.en.supportStatuses,
    unset: 'Not assessed yet',
    effect: 'Effect – what was the result?',
    effectShort: 'Effect',
  },
  child: {
    outcomes: {
      achieved: 'Done!',
      partly: 'Partly done',
      'not-achieved': 'Not yet',
    },
    statuses: {
      done: 'Has happened',
      ongoing: 'Going on',
      'not-started': 'Not started yet',
      ended: 'Over now',
    },
  },
  previous: {
    chair: 'Read out the previous protocol (meeting of {{date}})',
    participant: 'Last meeting’s protocol (meeting of {{date}})',
    hint: 'The plan you agreed on last time, as it was signed.',
    opensTab: ' (PDF, opens in a new tab)',
  },
}

import type { Language } from '../../shared/languages'

/**
 * The refusals of the SIP's routes in words (docs/process.md): what went wrong and what to do,
 * Swedish first. Codes without a sentence here are answered without one.
 */
const MESSAGES: Record<Language, Record<string, string>> = {
  sv: {
    'not-found': 'SIP:en finns inte, eller så har du inte tillgång till den.',
    'sip-closed': 'SIP:en är avslutad. Inget mer kan ändras i den.',
    'last-meeting-not-finalized':
      'Det senaste mötet är inte avslutat. Ett uppföljningsmöte kan bokas när planen från det är undertecknad och avslutad.',
    'meeting-in-progress':
      'Ett möte i SIP:en pågår. Mötesledaren låser och avslutar planen i mötet först; sedan kan SIP:en avslutas.',
    'too-many-participants': 'Mötet har för många deltagare.',
    'already-me': 'Bara en av deltagarna kan vara du.',
  },
  en: {
    'not-found': 'The SIP does not exist, or you do not have access to it.',
    'sip-closed': 'The SIP is closed. Nothing more can be changed in it.',
    'last-meeting-not-finalized':
      'The last meeting is not finished. A follow-up can be booked once its plan is signed and finalized.',
    'meeting-in-progress':
      'A meeting of the SIP is in progress. The chair locks and finalizes its plan first; then the SIP can be closed.',
    'too-many-participants': 'The meeting has too many participants.',
    'already-me': 'Only one of the participants can be you.',
  },
}

export function refusalMessage(error: string, language: Language): string | undefined {
  return MESSAGES[language][error]
}

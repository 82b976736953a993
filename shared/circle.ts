import type { Language } from './languages'
import type { Step } from './plan/layout'
import type { Role } from './roles'

/**
 * The meeting circle (mötescirkeln): five steps, the same for everyone, with the guiding texts
 * for the chair, for the professionals taking part, for the guardians and for the child
 * (domain.md §4: the same circle in versions for staff, parents and young people). Swedish and
 * English, like every catalogue; screens pick by their language and by the person's role
 * (`stepGuide`).
 */
export interface StepTexts {
  title: string
  chair: string
  /** Staff from the organisations taking part ("din verksamhet"). */
  participant: string
  /** A parent or other guardian: the family's own part, never addressed as an organisation. */
  guardian: string
  /** The child, in plain words. */
  child: string
  /**
   * Everyone in the room at once: the chair's wall, read by the family and the professionals
   * alike – so neither "din verksamhet" nor the chair's own coaching.
   */
  room: string
}

/** Which of a step's guiding texts a person reads. The note-taker follows as a participant. */
export function stepGuide(texts: StepTexts, role: Role): string {
  switch (role) {
    case 'chair':
      return texts.chair
    case 'guardian':
      return texts.guardian
    case 'child':
      return texts.child
    default:
      return texts.participant
  }
}

export const CIRCLE: Record<Language, Record<Step, StepTexts>> = {
  sv: {
    1: {
      title: 'Inledning',
      chair:
        'Hälsa välkommen. Presentera dig och den som skriver. Kan alla stanna hela mötet? Presentationsrunda – barnet först. Påminn om samtycke och sekretess. Läs syfte, frågeställningar och hur lång tid vi har.',
      participant: 'Säg ditt namn, din verksamhet och hur du känner barnet.',
      guardian: 'Säg ditt namn och vem du är för barnet. Ni i familjen får gärna börja.',
      child: 'Nu säger alla vem de är. Du får börja om du vill.',
      room: 'Vi presenterar oss – barnet börjar om hen vill. Vi läser syftet och det vi ska prata om.',
    },
    2: {
      title: 'Aktuell situation',
      chair:
        'Låt var och en kort berätta hur situationen ser ut: vad fungerar, vad fungerar inte? Barnet eller familjen får börja. Se till att det som fungerar också sägs.',
      participant: 'Hur ser du på situationen just nu? Vad fungerar bra?',
      guardian:
        'Berätta hur du ser på situationen just nu. Vad fungerar bra hemma och i skolan, och vad är svårt?',
      child: 'Hur har du det just nu? Vad är viktigt för dig?',
      room: 'Var och en berättar hur det är just nu: vad fungerar, och vad är svårt?',
    },
    3: {
      title: 'Behov',
      chair:
        'Här får mötet ta mest tid. Mål på lång och kort sikt. Vad kan barnet och familjen göra själva? Vilka insatser behövs – vad, vem, hur ofta, när och var? Be om förklaring när någon använder fackord.',
      participant: 'Vad kan din verksamhet bidra med?',
      guardian: 'Vad kan ni i familjen göra, och vad behöver ni hjälp med? Säg till om något är oklart.',
      child: 'Vad vill du ska bli bättre? Vem ska hjälpa dig med vad?',
      room: 'Vad behövs? Vi sätter mål och bestämmer vem som gör vad – också det familjen gör själv.',
    },
    4: {
      title: 'Sammanfattning',
      chair:
        'Sammanfatta vem som gör vad. Skriv in det ni inte är överens om. Fråga barnet vem hen vill ha som huvudansvarig.',
      participant: 'Stämmer sammanfattningen med det vi kommit överens om?',
      guardian:
        'Stämmer det som sägs med det ni har kommit överens om? Säg till om något saknas eller om du inte håller med.',
      child: 'Nu säger vi tillsammans vem som gör vad. Vem vill du ska hålla ihop planen?',
      room: 'Vi sammanfattar vem som gör vad och skriver in det vi inte är överens om.',
    },
    5: {
      title: 'Avslutning',
      chair:
        'Boka uppföljningsmöte. Läs upp planen. Alla skriver under. Alla får planen. Fråga: Är du nöjd med mötet?',
      participant: 'Läs planen och skriv under.',
      guardian: 'Läs planen och skriv under om du håller med. Du får en egen kopia. Är du nöjd med mötet?',
      child: 'Nu läser vi planen tillsammans och skriver under. Är du nöjd med mötet?',
      room: 'Vi bokar uppföljning, läser planen tillsammans och skriver under.',
    },
  },
  en: {
    1: {
      title: 'Opening',
      chair:
        'Welcome everyone. Introduce yourself and the note-taker. Can everyone stay for the whole meeting? Round of introductions – the child first. Remind about consent and secrecy. Read the purpose, the questions and how much time there is.',
      participant: 'Say your name, your organisation and how you know the child.',
      guardian: 'Say your name and who you are to the child. You in the family are welcome to start.',
      child: 'Now everyone says who they are. You may start if you like.',
      room: 'We introduce ourselves – the child starts if they like. We read the purpose and what we will talk about.',
    },
    2: {
      title: 'Current situation',
      chair:
        'Let each person briefly describe the situation: what works, what does not? The child or family may start. Make sure what works is said too.',
      participant: 'How do you see the situation right now? What works well?',
      guardian:
        'Tell us how you see the situation right now. What works well at home and at school, and what is hard?',
      child: 'How are things for you right now? What matters to you?',
      room: 'Each of us tells how things are right now: what works, and what is hard?',
    },
    3: {
      title: 'Needs',
      chair:
        'This is where the meeting takes most time. Long- and short-term goals. What can the child and family do themselves? Which supports are needed – what, who, how often, when and where? Ask for an explanation when someone uses jargon.',
      participant: 'What can your organisation contribute?',
      guardian:
        'What can you in the family do, and what do you need help with? Say so if anything is unclear.',
      child: 'What do you want to get better? Who will help you with what?',
      room: 'What is needed? We set goals and decide who does what – including what the family does itself.',
    },
    4: {
      title: 'Summary',
      chair:
        'Sum up who does what. Write down what you do not agree on. Ask the child whom they want as overall responsible.',
      participant: 'Does the summary match what we agreed?',
      guardian:
        'Does what is said match what you agreed? Say so if something is missing or you do not agree.',
      child: 'Now we say together who does what. Who do you want to hold the plan together?',
      room: 'We sum up who does what and write down what we do not agree on.',
    },
    5: {
      title: 'Closing',
      chair:
        'Book the follow-up meeting. Read the plan aloud. Everyone signs. Everyone gets the plan. Ask: Are you satisfied with the meeting?',
      participant: 'Read the plan and sign it.',
      guardian:
        'Read the plan and sign it if you agree. You get your own copy. Are you satisfied with the meeting?',
      child: 'Now we read the plan together and sign it. Are you satisfied with the meeting?',
      room: 'We book the follow-up, read the plan together and sign it.',
    },
  },
}

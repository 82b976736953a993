import type { Language } from './languages'
import type { Step } from './plan/layout'

/**
 * The meeting circle (mötescirkeln): five steps, the same for everyone, with the guiding texts
 * for the chair, for participants and for the child (domain.md §4). Swedish and English, like every
 * catalogue; screens pick by their language.
 */
export interface StepTexts {
  title: string
  chair: string
  participant: string
  child: string
}

export const CIRCLE: Record<Language, Record<Step, StepTexts>> = {
  sv: {
    1: {
      title: 'Inledning',
      chair:
        'Hälsa välkommen. Presentera dig och den som skriver. Kan alla stanna hela mötet? Presentationsrunda – barnet först. Påminn om samtycke och sekretess. Läs syfte, frågeställningar och hur lång tid vi har.',
      participant: 'Säg ditt namn, din verksamhet och hur du känner barnet.',
      child: 'Nu säger alla vem de är. Du får börja om du vill.',
    },
    2: {
      title: 'Aktuell situation',
      chair:
        'Låt var och en kort berätta hur situationen ser ut: vad fungerar, vad fungerar inte? Barnet eller familjen får börja. Se till att det som fungerar också sägs.',
      participant: 'Hur ser du på situationen just nu? Vad fungerar bra?',
      child: 'Hur har du det just nu? Vad är viktigt för dig?',
    },
    3: {
      title: 'Behov',
      chair:
        'Här får mötet ta mest tid. Mål på lång och kort sikt. Vad kan barnet och familjen göra själva? Vilka insatser behövs – vad, vem, hur ofta, när och var? Be om förklaring när någon använder fackord.',
      participant: 'Vad kan din verksamhet bidra med?',
      child: 'Vad vill du ska bli bättre? Vem ska hjälpa dig med vad?',
    },
    4: {
      title: 'Sammanfattning',
      chair:
        'Sammanfatta vem som gör vad. Skriv in det ni inte är överens om. Fråga barnet vem hen vill ha som huvudansvarig.',
      participant: 'Stämmer sammanfattningen med det vi kommit överens om?',
      child: 'Nu säger vi tillsammans vem som gör vad. Vem vill du ska hålla ihop planen?',
    },
    5: {
      title: 'Avslutning',
      chair:
        'Boka uppföljningsmöte. Läs upp planen. Alla skriver under. Alla får planen. Fråga: Är du nöjd med mötet?',
      participant: 'Läs planen och skriv under.',
      child: 'Planen är klar. Är du nöjd med mötet?',
    },
  },
  en: {
    1: {
      title: 'Opening',
      chair:
        'Welcome everyone. Introduce yourself and the note-taker. Can everyone stay for the whole meeting? Round of introductions – the child first. Remind about consent and secrecy. Read the purpose, the questions and how much time there is.',
      participant: 'Say your name, your organisation and how you know the child.',
      child: 'Now everyone says who they are. You may start if you like.',
    },
    2: {
      title: 'Current situation',
      chair:
        'Let each person briefly describe the situation: what works, what does not? The child or family may start. Make sure what works is said too.',
      participant: 'How do you see the situation right now? What works well?',
      child: 'How are things for you right now? What matters to you?',
    },
    3: {
      title: 'Needs',
      chair:
        'This is where the meeting takes most time. Long- and short-term goals. What can the child and family do themselves? Which supports are needed – what, who, how often, when and where? Ask for an explanation when someone uses jargon.',
      participant: 'What can your organisation contribute?',
      child: 'What do you want to get better? Who will help you with what?',
    },
    4: {
      title: 'Summary',
      chair:
        'Sum up who does what. Write down what you do not agree on. Ask the child whom they want as overall responsible.',
      participant: 'Does the summary match what we agreed?',
      child: 'Now we say together who does what. Who do you want to hold the plan together?',
    },
    5: {
      title: 'Closing',
      chair:
        'Book the follow-up meeting. Read the plan aloud. Everyone signs. Everyone gets the plan. Ask: Are you satisfied with the meeting?',
      participant: 'Read the plan and sign it.',
      child: 'The plan is ready. Are you satisfied with the meeting?',
    },
  },
}

import type { Language } from './languages'
import type { Step } from './plan/layout'
import type { Role } from './roles'
import type { MEETING_TYPES } from './schemas/meeting'

/** A first meeting or a follow-up: the session's `meeting.type`, the plan's `setup.type`. */
export type MeetingType = (typeof MEETING_TYPES)[number]

/**
 * The meeting circle (mötescirkeln): five steps, the same for everyone, with the guiding texts
 * for the chair, for the professionals taking part, for the guardians and for the child
 * (domain.md §4: the same circle in versions for staff, parents and young people). Swedish and
 * English, like every catalogue; screens pick by their language and the meeting's type
 * (`circleTexts`: a follow-up asks its own questions) and by the person's role (`stepGuide`).
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

/** A step's guiding texts without its title: a follow-up keeps the circle's titles. */
export type StepGuides = Omit<StepTexts, 'title'>

/**
 * A follow-up meeting's own texts (docs/process.md P8), for the steps where the routine puts its
 * questions (seed 002, 4.5.2): step 1 reads out the previous protocol; step 2 asks how it went –
 * are the wishes and goals met, were the supports given as planned, in the right way and order,
 * with the intended effect, is there new information or have circumstances changed (a new school,
 * a new address); step 3 asks whether the needs have changed, how each goal and support turned out,
 * and whether another support or a new plan is needed. Steps 4 and 5 are a first meeting's.
 */
export const CIRCLE_FOLLOW_UP: Record<Language, Partial<Record<Step, StepGuides>>> = {
  sv: {
    1: {
      chair:
        'Hälsa välkommen. Presentera dig och den som skriver. Kan alla stanna hela mötet? Presentationsrunda – barnet först. Påminn om samtycke och sekretess. Läs upp tidigare protokoll: målen och insatserna ni kom överens om förra gången. Läs syfte, frågeställningar och hur lång tid vi har.',
      participant:
        'Säg ditt namn, din verksamhet och hur du känner barnet. Lyssna när protokollet från förra mötet läses upp.',
      guardian:
        'Säg ditt namn och vem du är för barnet. Sedan läses protokollet från förra mötet upp – säg till om något inte stämmer.',
      child: 'Nu säger alla vem de är. Sedan läser vi upp vad vi bestämde förra gången.',
      room: 'Vi presenterar oss – barnet börjar om hen vill. Vi läser upp protokollet från förra mötet: vad vi bestämde då.',
    },
    2: {
      chair:
        'Gå igenom förra planen. Uppfylls barnets önskningar och mål? Har barnet fått de insatser som planerades? Hur fungerar de – sker de på rätt sätt och i rätt ordning? Vilka resultat har de gett, fick de avsedd effekt? Finns det ny information eller ändrade omständigheter, till exempel skolbyte eller ny adress? Barnet eller familjen får börja.',
      participant:
        'Hur har det gått med din verksamhets insatser? Gavs de som det var planerat, i rätt ordning, och vilket resultat gav de? Vet du något nytt sedan förra mötet?',
      guardian:
        'Hur har det gått sedan förra mötet? Har barnet fått den hjälp ni kom överens om, och har den hjälpt? Har något ändrats, till exempel ny skola eller ny adress?',
      child: 'Hur har det gått sedan sist? Har du fått den hjälp vi bestämde? Har något blivit annorlunda?',
      room: 'Hur har det gått sedan förra mötet? Vi går igenom målen och hjälpen vi bestämde, och det som har ändrats – till exempel ny skola eller ny adress.',
    },
    3: {
      chair:
        'Har barnets behov eller önskemål förändrats? Be om verksamheternas bedömning av planens utfall. Bestäm för varje mål om det är uppnått, delvis uppnått eller inte uppnått, och för varje insats om den är genomförd, pågår, inte påbörjad eller avslutad. Behövs en annan insats – eller en ny SIP-plan? Nya insatser: vad, vem, hur ofta, när och var.',
      participant:
        'Vad är din verksamhets bedömning av planens utfall? Ska er insats fortsätta, ändras eller avslutas – eller behövs en annan?',
      guardian:
        'Har barnets eller familjens behov förändrats? Vad ska fortsätta, vad kan avslutas, och behöver ni annan hjälp nu?',
      child:
        'Vad vill du ska bli bättre nu? Är det någon hjälp du vill ha kvar, eller behöver du annan hjälp?',
      room: 'Vad behövs nu? Vi bestämmer hur det gick med varje mål och insats, vad som ska fortsätta eller avslutas, och om något nytt behövs – eller en ny plan.',
    },
  },
  en: {
    1: {
      chair:
        'Welcome everyone. Introduce yourself and the note-taker. Can everyone stay for the whole meeting? Round of introductions – the child first. Remind about consent and secrecy. Read out the previous protocol: the goals and supports you agreed on last time. Read the purpose, the questions and how much time there is.',
      participant:
        'Say your name, your organisation and how you know the child. Listen as the protocol of the last meeting is read out.',
      guardian:
        'Say your name and who you are to the child. Then the protocol of the last meeting is read out – say so if something is not right.',
      child: 'Now everyone says who they are. Then we read out what we decided last time.',
      room: 'We introduce ourselves – the child starts if they like. We read out the protocol of the last meeting: what we decided then.',
    },
    2: {
      chair:
        'Go through the last plan. Are the child’s wishes and goals being met? Has the child received the supports that were planned? How do they work – in the right way and in the right order? What results have they given, did they have the intended effect? Is there new information or have circumstances changed, for example a new school or a new address? The child or family may start.',
      participant:
        'How have your organisation’s supports gone? Were they given as planned, in the right order, and what result did they give? Do you know of anything new since the last meeting?',
      guardian:
        'How have things gone since the last meeting? Has the child received the help you agreed on, and has it helped? Has anything changed, for example a new school or a new address?',
      child:
        'How have things been since last time? Have you had the help we decided on? Has anything changed?',
      room: 'How have things gone since the last meeting? We go through the goals and the help we decided on, and what has changed – for example a new school or a new address.',
    },
    3: {
      chair:
        'Have the child’s needs or wishes changed? Ask for the organisations’ assessment of how the plan turned out. Decide for each goal whether it is achieved, partly achieved or not achieved, and for each support whether it is done, ongoing, not started or ended. Is another support needed – or a new SIP? New supports: what, who, how often, when and where.',
      participant:
        'What is your organisation’s assessment of how the plan turned out? Should your support continue, change or end – or is another one needed?',
      guardian:
        'Have the child’s or the family’s needs changed? What should continue, what can end, and do you need other help now?',
      child:
        'What do you want to get better now? Is there help you want to keep, or do you need different help?',
      room: 'What is needed now? We decide how each goal and support went, what continues or ends, and whether something new is needed – or a new plan.',
    },
  },
}

/**
 * A step's texts for a meeting of this type: a follow-up's own questions where it has them, the
 * circle's everywhere else. Pass the result to `stepGuide` for one person's text.
 */
export function circleTexts(language: Language, step: Step, type: MeetingType = 'first'): StepTexts {
  const base = CIRCLE[language][step]
  const followUp = type === 'followup' ? CIRCLE_FOLLOW_UP[language][step] : undefined
  return followUp ? { ...base, ...followUp } : base
}

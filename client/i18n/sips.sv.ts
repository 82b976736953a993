/**
 * The SIP over time for staff (docs/process.md): "Mina SIP:ar", the SIP page, booking a
 * follow-up, changing huvudansvarig and closing the SIP. Plain Swedish; the routine's words
 * (huvudansvarig, uppföljning, avslut) as the staff use them.
 */
export const sipsSv = {
  /** The staff menu's link. */
  nav: 'Mina SIP:ar',
  list: {
    title: 'Mina SIP:ar',
    intro:
      'SIP:ar där du har kallat till ett möte eller är huvudansvarig. Det som behöver göras först står överst.',
    active: 'Pågående SIP:ar',
    closed: 'Avslutade SIP:ar',
    noneActive: 'Inga pågående SIP:ar.',
    noneClosed: 'Inga avslutade SIP:ar.',
    rowTitle: 'SIP för {{child}}',
    responsible: 'Huvudansvarig',
    noResponsible: 'Ingen utsedd',
    lastMeeting: 'Senaste mötet',
    noMeeting: 'Inget möte än',
    lastMeetingValue: '{{type}}, {{date}} ({{status}})',
    nextFollowUp: 'Nästa uppföljning',
    myRoles: 'Min roll',
    closedOn: 'Avslutad {{date}}',
  },
  /** Where the next follow-up stands (P4), in words – never colour alone. */
  followUp: {
    booked: 'Uppföljning bokad – {{date}}',
    due: 'Uppföljning snart – {{date}}',
    overdue: 'Försenad uppföljning – skulle ha hållits {{date}}',
    'not-booked': 'Ingen uppföljning bokad',
    /** The last plan named a date, but no meeting is booked for it. */
    notBookedYet: 'Inget möte är bokat än.',
    /** The date the last plan set, when no meeting is booked. */
    plannedFor: 'Planen säger {{date}}.',
  },
  myRole: {
    convener: 'Sammankallande',
    responsible: 'Huvudansvarig',
  },
  status: {
    active: 'Pågår',
    closed: 'Avslutad',
  },
  page: {
    title: 'SIP för {{child}}',
    back: 'Tillbaka till Mina SIP:ar',
    loadFailedTitle: 'SIP:en kunde inte visas',
    notFound: 'SIP:en finns inte, eller så har du inte tillgång till den.',
    status: 'Status',
    started: 'Startad',
    myRoles: 'Min roll',
    sectionsNav: 'Delar av sidan',
    actionsTitle: 'Vad vill du göra?',
    closedNoActions: 'SIP:en är avslutad. Ingen kan skriva i den längre.',
    /** After closing it. */
    closed: 'SIP:en är avslutad.',
  },
  consent: {
    title: 'Samtycke',
    missing: 'Inget samtycke är registrerat än. Det registreras på mötets sida.',
    givenBy: 'Givet av',
    givenAt: 'Datum',
    scope: 'Gäller',
    notShared: 'Får inte delas',
    nothingExcluded: 'Inget undantaget',
    withdrawn: 'Samtycke återkallat {{date}} av {{name}}',
    withdraw: 'Samtycket har återkallats…',
    withdrawHint: 'När samtycket återkallas avslutas SIP:en.',
  },
  responsible: {
    title: 'Huvudansvarig',
    none: 'Ingen huvudansvarig är utsedd.',
    since: 'från {{date}}',
    history: 'Tidigare huvudansvariga',
    fromMeeting: 'enligt planen från mötet',
    recordedBy: 'registrerat av {{name}}',
    hasAccount: 'har konto i SIP Live',
    change: 'Byt huvudansvarig',
    formTitle: 'Ny huvudansvarig',
    formIntro: 'Den tidigare huvudansvariga finns kvar i historiken.',
    functionHint: 'T.ex. kurator, skolsköterska, psykolog, socialsekreterare.',
    name: 'Namn',
    fromDate: 'Från och med',
    email: 'E-postadress till personens konto i SIP Live',
    emailHint: 'Om personen har ett konto ser hen då SIP:en under Mina SIP:ar. Lämna tomt annars.',
    save: 'Spara ny huvudansvarig',
    saved: '{{name}} är huvudansvarig från {{date}}.',
  },
  meetings: {
    title: 'Möten',
    none: 'Inga möten än.',
    first: 'Första mötet',
    followUp: 'Uppföljning {{number}}',
    when: '{{date}}, kl. {{time}}',
    setup: 'Mötets sida',
    protocolPdf: 'Protokoll (PDF)',
    protocol: 'Läs protokollet',
  },
  meetingStatus: {
    planned: 'Planerat',
    started: 'Pågår',
    finalized: 'Hållet, planen är klar',
    cancelled: 'Inställt',
  },
  /** The routine's reasons (seed 002, 4.6), in plain Swedish. */
  closeReason: {
    'new-sip-needed': 'Det långsiktiga målet har ändrats så mycket att en ny SIP behövs',
    'no-joint-support': 'Stöd från båda huvudmännen behövs inte längre',
    'no-new-needs': 'Inga nya behov väntas inom den närmaste tiden',
    'consent-withdrawn': 'Samtycket har återkallats',
  },
  closure: {
    title: 'Avslut',
    closedOn: 'Avslutad',
    reason: 'Skäl',
    note: 'Kommentar',
    closedBy: 'Avslutad av',
    notice: 'Besked till familjen',
    noticeSv: 'Besked till familjen (PDF, svenska)',
    noticeEn: 'Besked till familjen (PDF, engelska)',
  },
  /** On a meeting's set-up page. */
  setup: {
    toSip: 'Visa hela SIP:en',
    followUpBooked:
      'Uppföljningsmötet är bokat. Skriv ut kallelserna under Deltagare – alla får en ny personlig länk.',
  },
  book: {
    action: 'Boka uppföljningsmöte',
    title: 'Boka uppföljningsmöte för {{child}}',
    intro:
      'Uppgifterna är ifyllda från den uppföljning som bokades i förra planen och förra mötets deltagare. Ändra det som behövs.',
    calledBy: 'Kallas av',
    calledByUnknown: 'Förra planen säger inte vem som kallar.',
    setupTitle: 'Mötet',
    participantsTitle: 'Deltagare',
    participantsHint:
      'Alla från förra mötet är med. Ta bort bocken för den som inte ska kallas. Alla som kallas får en ny personlig länk.',
    participantsLegend: 'Vilka ska kallas?',
    newParticipant: '(ny)',
    addTitle: 'Lägg till deltagare',
    add: 'Lägg till deltagaren',
    added: '{{who}} är tillagd i listan.',
    submit: 'Boka uppföljningsmötet',
    'last-meeting-not-finalized':
      'Det går inte att boka en uppföljning förrän planen från förra mötet är klar och underskriven.',
    'sip-closed': 'SIP:en är avslutad. Det går inte att boka fler möten.',
    next: 'När mötet är bokat kommer du till mötets sida. Där skriver du ut kallelserna.',
    loadFailedTitle: 'Uppföljningen kan inte bokas',
    cancel: 'Tillbaka till SIP:en',
  },
  close: {
    action: 'Avsluta SIP',
    title: 'Avsluta SIP för {{child}}',
    intro: 'En SIP avslutas när samordningen inte längre behövs, eller när samtycket återkallas.',
    reason: 'Varför avslutas SIP:en?',
    closedOn: 'Datum för avslut',
    closedOnHint: 'Från och med det här datumet gäller inte SIP:en längre.',
    note: 'Kommentar',
    noteHint: 'T.ex. vad som har hänt och vart familjen kan vända sig. Skriv inga personnummer.',
    withdrawnBy: 'Vem återkallade samtycket?',
    withdrawnByHint: 'T.ex. Sara Lind, vårdnadshavare.',
    confirmTitle: 'Innan du avslutar',
    confirm: 'Efter avslut kan ingen skriva i SIP:en. Alla länkar visar bara protokollen och beskedet.',
    cancelMeetings: 'Möten som inte har hållits ställs in.',
    submit: 'Avsluta SIP:en',
    cancel: 'Tillbaka till SIP:en',
    alreadyClosed: 'SIP:en är redan avslutad.',
  },
}

export type SipsCatalogue = typeof sipsSv

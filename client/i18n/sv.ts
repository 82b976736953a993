import type { CloseCodeName } from '../../shared/protocol'

/**
 * The Swedish catalogue: the source of every text the user sees. Swedish is the default; other
 * languages are typed against this object, so a missing or extra key is a type error.
 */
export const sv = {
  app: {
    name: 'SIP Live',
  },
  language: {
    /** The label of the switch names the language it switches *to*, in that language. */
    switchTo: 'English',
    switchToLabel: 'Change language to English',
  },
  start: {
    title: 'Välkommen till SIP Live',
    intro:
      'SIP Live är ett gemensamt dokument för SIP-möten. Alla som är med i mötet ser samma plan medan den skrivs.',
    howToOpen: 'Du öppnar mötet med din personliga länk. Du har fått den av den som har kallat till mötet.',
    noAccount: 'Du behöver inget konto och inget lösenord.',
  },
  link: {
    missingTitle: 'Länken fungerar inte',
    missingText:
      'Länken saknas eller är ofullständig. Öppna mötet med hela den personliga länk du har fått. Om det inte hjälper, be den som kallade till mötet om en ny länk.',
    invalidTitle: 'Länken gäller inte',
    invalidText:
      'Länken är ogiltig, har gått ut eller har dragits tillbaka. Be den som kallade till mötet om en ny länk.',
    unavailableTitle: 'Mötet kan inte öppnas just nu',
    unavailableText: 'Servern svarar inte. Vänta en stund och ladda sedan om sidan.',
  },
  roles: {
    chair: 'Mötesledare',
    notetaker: 'Sekreterare',
    participant: 'Deltagare',
    guardian: 'Vårdnadshavare',
    child: 'Huvudperson',
  },
  meeting: {
    youAre: 'Du är med som: {{role}}',
    youAreNamed: '{{name}}, {{role}}',
    readOnly: 'Du kan följa anteckningarna men inte skriva i dem.',
    writeDenied:
      'Du har inte behörighet att ändra anteckningarna. Ladda om sidan för att se det som är sparat.',
  },
  presence: {
    title: 'Här nu',
    you: 'Du',
    person: '{{name}} ({{role}})',
    unknownRole: 'okänd roll',
  },
  editor: {
    label: 'Anteckningar',
  },
  status: {
    connecting: 'Ansluter…',
    saved: 'Sparat',
    offlineUnsaved: 'Offline – inte sparat',
    offline: 'Offline – ansluter igen…',
    closed: 'Anslutningen är stängd',
    cannotConnect:
      'Det går inte att ansluta just nu. Om det inte hjälper att vänta kan länken vara ogiltig eller ha gått ut.',
    leaveWarning: 'Dina senaste ändringar är inte sparade.',
  },
  /** One sentence for every close code in shared/protocol.ts, plus one for codes we do not know. */
  close: {
    goingAway: 'Servern startar om. Vi ansluter igen om en stund.',
    transportTooBig: 'Ändringen var för stor för att skickas. Ladda om sidan.',
    malformed: 'Servern kunde inte läsa ett meddelande. Ladda om sidan.',
    unauthorized: 'Din länk gäller inte längre. Be den som kallade till mötet om en ny länk.',
    forbidden: 'Du har inte behörighet att göra det här. Ladda om sidan.',
    messageTooLarge: 'Ändringen var för stor för att skickas. Ladda om sidan.',
    documentTooLarge: 'Dokumentet har nått sin största tillåtna storlek. Det går inte att lägga till mer.',
    protocolOutdated: 'Det finns en ny version av SIP Live. Ladda om sidan.',
    rateLimited: 'För många ändringar på kort tid. Ladda om sidan.',
    loadFailed: 'Mötet kunde inte hämtas just nu. Vi försöker igen.',
    notSaved: 'Den senaste ändringen kunde inte sparas. Vi försöker igen.',
    unknown: 'Anslutningen bröts. Ladda om sidan.',
  } satisfies Record<CloseCodeName | 'unknown', string>,
}

export type Catalogue = typeof sv

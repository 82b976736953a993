import type { Catalogue } from './sv'

/** English, second language. Typed against the Swedish catalogue: same keys, no more, no fewer. */
export const en: Catalogue = {
  app: {
    name: 'SIP Live',
  },
  language: {
    switchTo: 'Svenska',
    switchToLabel: 'Byt språk till svenska',
  },
  start: {
    title: 'Welcome to SIP Live',
    intro:
      'SIP Live is a shared document for SIP meetings. Everyone in the meeting sees the same plan while it is written.',
    howToOpen:
      'You open the meeting with your personal link. You got it from the person who called the meeting.',
    noAccount: 'You need no account and no password.',
  },
  link: {
    missingTitle: 'The link does not work',
    missingText:
      'The link is missing or incomplete. Open the meeting with the whole personal link you received. If that does not help, ask the person who called the meeting for a new link.',
    invalidTitle: 'The link is not valid',
    invalidText:
      'The link is invalid, has expired or has been withdrawn. Ask the person who called the meeting for a new link.',
    unavailableTitle: 'The meeting cannot be opened right now',
    unavailableText: 'The server does not answer. Wait a moment and then reload the page.',
  },
  roles: {
    chair: 'Chair',
    notetaker: 'Note-taker',
    participant: 'Participant',
    guardian: 'Guardian',
    child: 'The child',
  },
  meeting: {
    youAre: 'You take part as: {{role}}',
    youAreNamed: '{{name}}, {{role}}',
    readOnly: 'You can follow the notes but not write in them.',
    writeDenied: 'You are not allowed to change the notes. Reload the page to see what is saved.',
  },
  presence: {
    title: 'Here now',
    you: 'You',
    person: '{{name}} ({{role}})',
    unknownRole: 'unknown role',
  },
  editor: {
    label: 'Notes',
  },
  status: {
    connecting: 'Connecting…',
    saved: 'Saved',
    offlineUnsaved: 'Offline – not saved',
    offline: 'Offline – reconnecting…',
    closed: 'The connection is closed',
    cannotConnect: 'Cannot connect right now. If waiting does not help, the link may be invalid or expired.',
    leaveWarning: 'Your latest changes are not saved.',
  },
  close: {
    goingAway: 'The server is restarting. We will reconnect shortly.',
    transportTooBig: 'The change was too large to send. Reload the page.',
    malformed: 'The server could not read a message. Reload the page.',
    unauthorized: 'Your link is no longer valid. Ask the person who called the meeting for a new link.',
    forbidden: 'You are not allowed to do this. Reload the page.',
    messageTooLarge: 'The change was too large to send. Reload the page.',
    documentTooLarge: 'The document has reached its largest allowed size. Nothing more can be added.',
    protocolOutdated: 'There is a new version of SIP Live. Reload the page.',
    rateLimited: 'Too many changes in a short time. Reload the page.',
    loadFailed: 'The meeting could not be loaded right now. We will try again.',
    notSaved: 'The latest change could not be saved. We will try again.',
    unknown: 'The connection was lost. Reload the page.',
  },
}

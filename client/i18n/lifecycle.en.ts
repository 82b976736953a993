import type { LifecycleCatalogue } from './lifecycle.sv'

/** The meeting's life around the room in English, typed against the Swedish catalogue. */
export const lifecycleEn: LifecycleCatalogue = {
  start: {
    button: 'Start the meeting',
    starting: 'Starting the meeting…',
    started: 'The meeting has started. Participants can no longer answer the invitation.',
    noConsentTitle: 'The meeting cannot start: no consent',
    noConsentWho: 'Ask {{convener}}, who called the meeting, to record the consent.',
    noConsentWhoUnknown: 'Ask the person who called the meeting to record the consent.',
    noConsentWhere:
      'Consent is recorded on the meeting’s page in SIP Live, under “Consent”: who gave it, when, what it covers and what must not be shared. Then press “Start the meeting” again.',
    finalized: 'The meeting has already ended and cannot be started again.',
    forbidden: 'Only the chair can start the meeting.',
  },
  consent: {
    title: 'Consent',
    intro: 'Read out to everyone in step 1:',
    givenBy: 'Given by',
    givenByValue: '{{name}} ({{relation}})',
    givenAt: 'Date',
    scope: 'Covers',
    notShared: 'Must not be shared',
    nothingExcluded: 'The family has not asked for anything to be kept out.',
    convener: 'Called the meeting',
    convenerUnknown: 'Not given',
    recorded: 'Recorded by {{name}}, {{date}}.',
    missing:
      'No consent is recorded. Without consent the meeting must not start and nothing may be shared between the organisations.',
    missingWhat:
      'Ask the person who called the meeting to record consent on the meeting’s page in SIP Live before you begin.',
    relations: {
      guardian: 'guardian',
      child: 'the child',
      other: 'other',
    },
  },
  video: {
    title: 'Taking part remotely',
    open: 'Open the video meeting',
    newWindow: '(opens in a new window)',
    note: 'The video meeting is held in the organisation’s own video tool, not in SIP Live.',
  },
  form: {
    videoUrl: 'Link to the video meeting',
    videoUrlHint:
      'Optional. The link to the organisation’s own video meeting for those taking part remotely, e.g. https://… Shown in the invitation and in the meeting room.',
  },
}

import type { ClosureCatalogue } from './closure.sv'

/** The closed SIP's screen and the administrators' notice text in English, typed against Swedish. */
export const closureEn: ClosureCatalogue = {
  view: {
    title: 'The SIP has ended',
    loading: 'Fetching the notice …',
    failed: 'The notice could not be fetched. {{message}}',
    retry: 'Try again',
    actions: 'The notice',
    print: 'Print',
    download: 'Download the notice (PDF)',
    readOnly:
      'Nothing more can be written in the SIP. Here you can read the notice and the minutes of the meeting.',
    protocolTitle: 'The minutes of the meeting',
    protocolView: 'Read the minutes',
    protocolDownload: 'Download the minutes (PDF)',
    noProtocol: 'The meeting was not held before the SIP ended, so there are no minutes of it.',
    previousDownload: 'The minutes of the meeting before (PDF)',
  },
  admin: {
    title: 'Text in the closure notice',
    intro:
      'When a SIP ends, the family receives a notice. Under the heading “If the need comes back” it shows the text here: write where the family can turn if the need for coordinated support comes back. Write plainly, so that both guardians and children understand.',
    hint: 'A blank line starts a new paragraph.',
    sv: 'Svenska',
    en: 'English',
    save: 'Save the text',
    saved: 'The text is saved. Notices fetched from now on use it.',
    loading: 'Fetching the text …',
  },
}

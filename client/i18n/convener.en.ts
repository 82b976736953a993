import type { ConvenerCatalogue } from './convener.sv'

/** English texts of the convener's set-up (issue 12). Typed against the Swedish ones: same keys. */
export const convenerEn: ConvenerCatalogue = {
  printAll: {
    button: 'Print all invitations',
    hint: 'Every participant gets a new personal link, each on a page of their own with a QR code. The links are shown only in the printout.',
    nobody: 'Add participants first; you open the meeting from your own list and need no invitation.',
    confirmTitle: 'Replace earlier links?',
    confirmText_one:
      '{{count}} participant already has a valid link: {{names}}. When you print all invitations everyone gets a new link, and the earlier links stop working at once.',
    confirmText_other:
      '{{count}} participants already have valid links: {{names}}. When you print all invitations everyone gets a new link, and the earlier links stop working at once.',
    confirmAction: 'Create new links and print',
    panelTitle_one: 'Invitation for {{count}} participant',
    panelTitle_other: 'Invitations for {{count}} participants',
    onlyNow:
      'The links exist only in this printout and are not shown again. Print before you close. Each invitation is on a page of its own.',
    preparing: 'Preparing the invitations…',
    ready: 'The invitations are ready to print.',
    print: 'Print the invitations',
    close: 'Close',
    listLabel: 'Invitations in the printout',
  },
  audit: {
    titleFor: 'Log for {{title}}, {{date}}',
    participant: '{{name}} ({{role}})',
    staff: '{{name}} (staff)',
    removed: 'A removed participant',
    removedNamed: '{{name}} (removed participant)',
    anonymous: 'Unknown – with a link that is not valid',
    unknownStaff: 'Unknown user',
  },
}

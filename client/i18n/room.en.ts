import type { RoomCatalogue } from './room.sv'

/** The meeting room in English, typed against the Swedish catalogue. */
export const roomEn: RoomCatalogue = {
  circle: {
    title: 'The meeting circle',
    current: 'Now',
    next: 'Starts here',
    finished: 'Done',
  },
  step: {
    heading: 'Step {{step}} of {{count}}: {{title}}',
    now: 'Now: step {{step}} of {{count}} – {{title}}',
    announce: 'The meeting is now at step {{step}} of {{count}}: {{title}}.',
    notStarted: 'The meeting has not started yet.',
    notStartedChair: 'The meeting has not started. Start when everyone who is coming is here.',
    start: 'Start the meeting',
    previous: 'Previous step',
    next: 'Next step',
    first: 'This is the first step.',
    last: 'This is the last step.',
    timeInStep: 'Time in this step:',
    shortcuts:
      'Keyboard shortcuts: Alt+Page Down for the next step, Alt+Page Up for the previous one. They do not work while you type in a field.',
    forChair: 'In this step',
    forParticipant: 'Think about',
    cannotSteer: 'You cannot change the step because you may not change the plan. Reload the page.',
  },
  roster: {
    title: 'Participants',
    round: 'Speaking round in step {{step}}: {{spoken}} of {{total}} have spoken',
    person: '{{name}} ({{role}})',
    you: '– you',
    connected: 'Connected',
    notConnected: 'Not connected',
    attendance: 'Attendance: {{value}}',
    hasSpoken: 'Has spoken',
    notSpoken: 'Has not spoken',
    whose: ' – {{name}}',
    absent: 'Not in the speaking round',
    none: 'Nobody is invited yet.',
  },
  attendance: {
    present: 'Present',
    remote: 'Remote',
    cancelled: 'Sent apologies',
    'no-show': 'Did not attend',
    none: 'Not marked',
  },
  plan: {
    title: 'The plan',
    write: 'Write in the plan',
    writeHint: 'You can write in the plan here, beside the meeting circle.',
    childView: 'Child view',
    fullPlan: 'Whole plan',
    loading: 'Loading the plan…',
  },
}

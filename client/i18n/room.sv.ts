/**
 * The meeting room's texts (chair, note-taker, participant and child screens). The circle's own
 * step texts are in shared/circle.ts; these are the words around them.
 */
export const roomSv = {
  circle: {
    title: 'Mötescirkeln',
    current: 'Pågår',
    next: 'Börjar här',
    finished: 'Klart',
  },
  step: {
    heading: 'Steg {{step}} av {{count}}: {{title}}',
    now: 'Nu: steg {{step}} av {{count}} – {{title}}',
    announce: 'Mötet är nu i steg {{step}} av {{count}}: {{title}}.',
    notStarted: 'Mötet har inte startat än.',
    notStartedChair: 'Mötet har inte startat. Starta när alla som ska vara med har kommit.',
    start: 'Starta mötet',
    previous: 'Föregående steg',
    next: 'Nästa steg',
    first: 'Det här är första steget.',
    last: 'Det här är sista steget.',
    timeInStep: 'Tid i steget:',
    shortcuts:
      'Kortkommandon: Alt+Page Down för nästa steg, Alt+Page Up för föregående. De fungerar inte medan du skriver i ett fält.',
    forChair: 'Att göra i steget',
    forParticipant: 'Att tänka på',
    cannotSteer: 'Du kan inte byta steg eftersom du inte har behörighet att ändra planen. Ladda om sidan.',
  },
  roster: {
    title: 'Deltagare',
    round: 'Talarrunda i steg {{step}}: {{spoken}} av {{total}} har talat',
    person: '{{name}} ({{role}})',
    you: '– du',
    connected: 'Ansluten',
    notConnected: 'Inte ansluten',
    attendance: 'Närvaro: {{value}}',
    hasSpoken: 'Har talat',
    notSpoken: 'Har inte talat',
    /** After "Har talat", for screen readers: whose checkbox it is. */
    whose: ' – {{name}}',
    absent: 'Ingår inte i talarrundan',
    none: 'Ingen är inbjuden än.',
  },
  attendance: {
    present: 'Närvarande',
    remote: 'Digitalt',
    cancelled: 'Förhinder',
    'no-show': 'Uteblev',
    none: 'Inte markerad',
  },
  plan: {
    title: 'Planen',
    write: 'Skriv i planen',
    writeHint: 'Planen går att skriva i här, bredvid mötescirkeln.',
    childView: 'Barnvy',
    fullPlan: 'Hela planen',
    loading: 'Planen hämtas…',
  },
}

export type RoomCatalogue = typeof roomSv

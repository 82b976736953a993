/**
 * The chair's wall view (the projector) and the chair's own coaching window ("ledarstöd"). The
 * circle's step texts are in shared/circle.ts; the room's shared words are in room.sv.ts.
 */
export const wallSv = {
  coaching: {
    /** The toggle on the wall: the chair's coaching beside the circle, off by default. */
    show: 'Visa ledarstöd',
    /** Opens the coaching window; the hidden part says so to a screen reader (WCAG 3.2.5). */
    open: 'Öppna ledarstöd i eget fönster',
    opensWindow: ' (öppnas i ett nytt fönster)',
    /** The coaching window's page title. */
    title: 'Ledarstöd: {{title}}',
    intro:
      'Det här fönstret är bara för dig som leder mötet. Ha det på din egen skärm – väggen visar cirkeln och planen.',
    notStarted: 'Mötet har inte startat. Starta det från vyn på väggen.',
  },
}

export type WallCatalogue = typeof wallSv

import type { WallCatalogue } from './wall.sv'

/** The chair's wall view and coaching window in English, typed against the Swedish catalogue. */
export const wallEn: WallCatalogue = {
  coaching: {
    show: 'Show chair guidance',
    open: 'Open chair guidance in its own window',
    opensWindow: ' (opens in a new window)',
    title: 'Chair guidance: {{title}}',
    intro:
      'This window is only for you, the chair. Keep it on your own screen – the wall shows the circle and the plan.',
    notStarted: 'The meeting has not started. Start it from the view on the wall.',
  },
}

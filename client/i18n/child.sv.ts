/**
 * The child's own screen, in plain words for a child of about eleven: no system words (no role
 * names, no "sparat", no version codes, no "ogiltig"). The circle's step texts for the child are in
 * shared/circle.ts; the plan read aloud is in plan.sv.ts (plan.child).
 */
export const childSv = {
  hello: 'Hej {{name}}!',
  intro: 'Här ser du vad ni pratar om och vad ni bestämmer på mötet.',
  connection: {
    connected: 'Du är med',
    connecting: 'Vi kopplar upp dig…',
    offline: 'Ingen anslutning just nu – vi försöker igen',
    closed: 'Ingen anslutning just nu. Fråga en vuxen i mötet.',
  },
  notStarted: 'Mötet har inte börjat än. Snart börjar vi!',
  ended: 'Mötet är slut. Tack för att du var med!',
  fullPlan: {
    title: 'Allt som skrivs',
    hint: 'Här kan du se hela planen så som de vuxna ser den.',
    show: 'Visa hela planen',
  },
  signoff: {
    locked: 'Planen är klar. Nu skriver alla under.',
    finalized: 'Planen är klar.',
    changing: 'De vuxna ändrar lite i planen. Sedan får alla skriva under igen.',
    count: '{{signed}} av {{required}} har skrivit under.',
    signedList: 'Har skrivit under',
  },
  sign: {
    title: 'Slutet på mötet',
    legend: 'Vill du skriva under planen?',
    hint: 'Läs planen först. Fråga om något är svårt att förstå.',
    confirm: 'Jag vet vad som står i planen och säger ja till den',
    name: 'Ditt namn',
    submit: 'Skriv under',
    done: 'Du har skrivit under. Tack!',
  },
  download: 'Spara planen (PDF)',
  satisfaction: {
    legend: 'Är du nöjd med mötet?',
    options: {
      '1': 'Inte alls nöjd',
      '2': 'Lite nöjd',
      '3': 'Sådär',
      '4': 'Nöjd',
      '5': 'Jättenöjd',
    },
    missing: 'Välj hur nöjd du är.',
    comment: 'Vill du säga något mer? Det får du om du vill.',
    submit: 'Skicka',
    done: 'Tack för att du svarade!',
  },
  help: {
    who: 'Vem hjälper dig: {{who}}',
    family: 'Det gör ni själva hemma.',
    when: 'När: {{when}}',
    someone: 'En vuxen från mötet',
  },
}

export type ChildCatalogue = typeof childSv

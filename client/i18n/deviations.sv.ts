import { DEVIATION_CATEGORY_TERMS } from '../../shared/deviation-terms'

/**
 * Deviations (avvikelser, seed 002 section 5; docs/process.md P11): the SIP page's section
 * (client/sips/DeviationsSection.tsx) and the administrators' page (client/admin/DeviationsPage.tsx).
 */
export const deviationsSv = {
  title: 'Avvikelser',
  intro:
    'Registrera det som inte gick enligt rutinen, till exempel att en kallad aktör inte kom. Avvikelserna kan exporteras och lämnas in i kommunens avvikelsesystem.',
  categories: DEVIATION_CATEGORY_TERMS.sv,
  list: {
    title: 'Registrerade avvikelser',
    none: 'Inga avvikelser är registrerade.',
    date: 'Datum',
    organisation: 'Verksamhet',
    description: 'Beskrivning',
    meeting: 'Gäller',
    wholeSip: 'Hela SIP:en',
    recorded: 'Registrerad',
    recordedBy: '{{name}}, {{when}}',
  },
  form: {
    title: 'Registrera en avvikelse',
    category: 'Kategori',
    organisation: 'Verksamhet som avvikelsen gäller',
    description: 'Beskrivning',
    descriptionHint: 'Kort, högst {{count}} tecken.',
    personalData: 'Skriv inga personuppgifter – inga namn, personnummer eller detaljer om barnet.',
    occurredOn: 'Datum',
    meeting: 'Möte',
    meetingHint: 'Välj mötet som avvikelsen gäller, eller hela SIP:en.',
    meetingOption: '{{type}} {{date}}',
    submit: 'Registrera avvikelse',
    recorded: 'Avvikelsen är registrerad.',
  },
  export: 'Exportera som CSV',
  exportHint: 'En fil för Excel eller kommunens avvikelsesystem.',
  exportFailed: 'Det gick inte att exportera avvikelserna. Försök igen.',
  admin: {
    nav: 'Avvikelser',
    title: 'Avvikelser',
    intro:
      'Alla avvikelser som har registrerats i SIP Live, nyast först. Här syns bara avvikelserna – inte barnet eller planen.',
    count_one: '{{count}} avvikelse',
    count_other: '{{count}} avvikelser',
  },
}

export type DeviationsCatalogue = typeof deviationsSv

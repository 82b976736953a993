/**
 * The statistics page's own words (client/statistics, issue 14): the filters, downloads and states
 * of the page. Every word of the report itself – titles, descriptions, rows, columns, "< 5" – is in
 * shared/statistics/text.ts, so the page, the CSV and the PDF say the same. Also the accounts'
 * organisation, function, municipality and permission on the administrators' users page.
 */
export const statisticsSv = {
  nav: 'Statistik',
  intro:
    'Uppföljning av SIP-möten ur det som registrerats i SIP Live. Allt räknas på mötesdagen. Statistiken innehåller inga namn och ingen fritext utom den kallandes funktion.',
  filters: {
    title: 'Urval',
    from: 'Från och med',
    to: 'Till och med',
    organisation: 'Verksamhet',
    principal: 'Huvudman',
    municipality: 'Kommun',
    municipalityHint: 'Den kallandes kommun enligt användarkontot.',
    all: 'Alla',
    publication: 'För publicering (antal under {{threshold}} visas som ”< {{threshold}}”)',
    publicationHint: 'Välj detta för statistik som ska lämnas ut eller publiceras.',
    submit: 'Visa statistik',
    presets: 'Snabbval',
    thisYear: 'I år',
    lastQuarter: 'Förra kvartalet',
    lastYear: 'Förra året',
  },
  errors: {
    date: '{{label}} måste vara ett datum (ÅÅÅÅ-MM-DD).',
    toBeforeFrom: 'Till och med kan inte vara före Från och med.',
    periodTooLong: 'Perioden kan vara högst tre år.',
    choice: '{{label}} har ett värde som inte finns i listan.',
    tooLong: '{{label}} är för lång.',
    failed: 'Statistiken kunde inte hämtas. {{message}}',
  },
  loading: 'Statistiken räknas fram…',
  ready: 'Statistiken är klar: {{period}}.',
  contents: 'Innehåll',
  forbiddenTitle: 'Ingen behörighet',
  forbidden: 'Du har inte behörighet till statistiken. En administratör kan ge dig behörighet.',
  chart: 'Stapeldiagram: {{title}}. Siffrorna finns i diagrammets tabell.',
  chartLegend: 'Förklaring',
  tableRegion: '{{title}}, tabell',
  noRows: 'Inget att räkna i urvalet.',
  csv: 'Ladda ned CSV',
  csvFailed: 'Tabellen kunde inte laddas ned. Försök igen.',
  pdf: 'Ladda ned PDF',
  pdfFailed: 'PDF:en kunde inte laddas ned. Försök igen.',
  print: 'Skriv ut',
  exportsHint: 'Filerna har samma period och urval som sidan.',
  /** The accounts' organisation, function, municipality and permission (client/admin). */
  account: {
    edit: 'Ändra uppgifter',
    organisation: 'Verksamhet',
    notSet: 'Inte angiven',
    function: 'Funktion',
    functionHint: 'T.ex. biträdande rektor, kurator, psykolog. Statistiken räknar vem som kallade med den.',
    municipality: 'Kommun',
    municipalityHint: 'Skriv kommunens namn likadant för alla konton, t.ex. ”Lund”.',
    statistics: 'Får se statistik',
    statisticsHint:
      'Kan se och ladda ned statistiken. Den innehåller inga namn och ingen fritext utom den kallandes funktion.',
    save: 'Spara',
    saved: 'Uppgifterna för {{name}} är sparade.',
    unchanged: 'Inget är ändrat för {{name}}.',
    summary: '{{organisation}} – {{function}}',
    municipalityLine: 'Kommun: {{municipality}}',
    mayReadStatistics: 'Får se statistik',
  },
}

export type StatisticsCatalogue = typeof statisticsSv

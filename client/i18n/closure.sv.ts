/**
 * What a participant's link shows once the SIP is closed (docs/process.md P9), and the
 * administrators' text for the closure notice (P10). The notice's own words are in
 * shared/closure/notice.ts: the screen shows what the server wrote, the same as the PDF.
 */
export const closureSv = {
  view: {
    /** The page title while the notice loads. */
    title: 'SIP:en är avslutad',
    loading: 'Hämtar beskedet …',
    failed: 'Beskedet kunde inte hämtas. {{message}}',
    retry: 'Försök igen',
    actions: 'Beskedet',
    print: 'Skriv ut',
    download: 'Ladda ner beskedet (PDF)',
    readOnly:
      'Det går inte längre att skriva något i SIP:en. Här kan du läsa beskedet och protokollet från mötet.',
    protocolTitle: 'Protokollet från mötet',
    protocolView: 'Läs protokollet',
    protocolDownload: 'Ladda ner protokollet (PDF)',
    noProtocol: 'Mötet hölls inte innan SIP:en avslutades, så det finns inget protokoll från det.',
    previousDownload: 'Protokollet från förra mötet (PDF)',
  },
  admin: {
    title: 'Text i beskedet om avslut',
    intro:
      'När en SIP avslutas får familjen ett besked om det. Under rubriken ”Om behovet kommer tillbaka” står texten här: skriv vart familjen kan vända sig om behovet av samordnat stöd kommer tillbaka. Skriv enkelt, så att både vårdnadshavare och barn förstår.',
    hint: 'En tom rad börjar ett nytt stycke.',
    sv: 'Svenska',
    en: 'English',
    save: 'Spara texten',
    saved: 'Texten är sparad. Beskeden som hämtas från och med nu använder den.',
    loading: 'Hämtar texten …',
  },
}

export type ClosureCatalogue = typeof closureSv

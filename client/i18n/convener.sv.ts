/**
 * Texts of the convener's set-up that came with issue 12: every invitation printed at once, and
 * the audit log read with names and roles. Included in the main catalogue as `convener`.
 */
export const convenerSv = {
  printAll: {
    button: 'Skriv ut alla kallelser',
    hint: 'Alla deltagare får en ny personlig länk, var och en på en egen sida med QR-kod. Länkarna visas bara i utskriften.',
    nobody: 'Lägg till deltagare först; du själv öppnar mötet från din lista och behöver ingen kallelse.',
    confirmTitle: 'Ersätta tidigare länkar?',
    confirmText_one:
      '{{count}} deltagare har redan en länk som gäller: {{names}}. När du skriver ut alla kallelser får alla nya länkar, och de tidigare länkarna slutar fungera direkt.',
    confirmText_other:
      '{{count}} deltagare har redan länkar som gäller: {{names}}. När du skriver ut alla kallelser får alla nya länkar, och de tidigare länkarna slutar fungera direkt.',
    confirmAction: 'Skapa nya länkar och skriv ut',
    panelTitle_one: 'Kallelse till {{count}} deltagare',
    panelTitle_other: 'Kallelser till {{count}} deltagare',
    onlyNow:
      'Länkarna finns bara i den här utskriften och visas inte igen. Skriv ut innan du stänger. Varje kallelse hamnar på en egen sida.',
    preparing: 'Förbereder kallelserna…',
    ready: 'Kallelserna är klara att skriva ut.',
    print: 'Skriv ut kallelserna',
    close: 'Stäng',
    listLabel: 'Kallelser i utskriften',
  },
  audit: {
    titleFor: 'Logg för {{title}}, {{date}}',
    participant: '{{name}} ({{role}})',
    staff: '{{name}} (personal)',
    removed: 'En borttagen deltagare',
    removedNamed: '{{name}} (borttagen deltagare)',
    anonymous: 'Okänd – med en länk som inte gäller',
    unknownStaff: 'Okänd användare',
  },
}

export type ConvenerCatalogue = typeof convenerSv

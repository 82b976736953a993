/**
 * The meeting's life around the room: the chair's start, the consent the chair reads out in step 1,
 * and the link to the organisation's own video meeting (client/meeting/StartMeeting.tsx,
 * ConsentSummary.tsx, VideoLink.tsx; the set-up form's video field).
 */
export const lifecycleSv = {
  start: {
    button: 'Starta mötet',
    starting: 'Startar mötet…',
    started: 'Mötet har startat. Deltagarna kan inte längre svara på kallelsen.',
    noConsentTitle: 'Mötet kan inte starta: samtycke saknas',
    noConsentWho: 'Be {{convener}}, som kallade till mötet, att registrera samtycket.',
    noConsentWhoUnknown: 'Be den som kallade till mötet att registrera samtycket.',
    noConsentWhere:
      'Samtycket registreras på mötets sida i SIP Live, under ”Samtycke”: vem som gav det, när, vad det gäller och vad som inte får delas. Tryck sedan på ”Starta mötet” igen.',
    finalized: 'Mötet är redan avslutat och kan inte startas igen.',
    forbidden: 'Bara mötesledaren kan starta mötet.',
  },
  consent: {
    title: 'Samtycke',
    intro: 'Läs upp för alla i steg 1:',
    givenBy: 'Gavs av',
    givenByValue: '{{name}} ({{relation}})',
    givenAt: 'Datum',
    scope: 'Gäller',
    notShared: 'Får inte delas',
    nothingExcluded: 'Familjen har inte sagt att något ska hållas utanför.',
    convener: 'Kallade till mötet',
    convenerUnknown: 'Inte angivet',
    recorded: 'Registrerat av {{name}}, {{date}}.',
    missing:
      'Inget samtycke är registrerat. Utan samtycke får mötet inte starta och inget får delas mellan verksamheterna.',
    missingWhat:
      'Be den som kallade till mötet att registrera samtycket på mötets sida i SIP Live innan ni börjar.',
    relations: {
      guardian: 'vårdnadshavare',
      child: 'barnet',
      other: 'annan',
    },
  },
  video: {
    title: 'Delta digitalt',
    open: 'Öppna videomötet',
    newWindow: '(öppnas i ett nytt fönster)',
    note: 'Videomötet hålls i organisationens eget videoverktyg, inte i SIP Live.',
  },
  form: {
    videoUrl: 'Länk till videomötet',
    videoUrlHint:
      'Valfritt. Länken till organisationens eget videomöte för den som deltar digitalt, t.ex. https://… Visas i kallelsen och i mötesrummet.',
  },
}

export type LifecycleCatalogue = typeof lifecycleSv

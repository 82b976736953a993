import type { Language } from '../languages'
import type { StatisticsRow } from '../schemas/statistics'
import { TERMS } from '../terms'
import type { ColumnKey, SectionId, TableId } from './tables'

/**
 * The statistics report's words, Swedish first and English second: the page, the print view, the
 * PDF and the CSV headers all take them from here (like shared/minutes/text.ts), in the style of
 * the region's own follow-up (seed 000): a heading, a sentence on what is counted, a table.
 */

interface TableText {
  title: string
  /** One or two sentences: what is counted, and what the per cents are of. */
  description: string
}

const organisationsSv = TERMS.sv.organisations as Record<string, string>
const organisationsEn = TERMS.en.organisations as Record<string, string>

const sv = {
  title: 'SIP-statistik',
  subtitle: 'Möten {{from}} – {{to}}',
  filters: {
    organisation: 'Verksamhet: {{value}}',
    principal: 'Huvudman: {{value}}',
    municipality: 'Kommun: {{value}}',
    none: 'Alla verksamheter och kommuner',
  },
  exact:
    'Exakta antal för intern uppföljning. Innehåller inga namn, ingen fritext och inga uppgifter om barnet utöver hur barnet deltog.',
  publication:
    'Sammanställd för publicering: antal under {{threshold}} visas som ”< {{threshold}}”, och procent av dem visas inte.',
  suppressed: '< {{threshold}}',
  notApplicable: '–',
  generated: 'Framtagen {{at}} ur SIP Live.',
  basis: 'Underlag: {{count}}',
  sections: {
    meetings: 'Genomförda möten',
    convening: 'Vem kallade',
    participation: 'Huvudmännens deltagande',
    attendance: 'Närvaro',
    child: 'Barnets och vårdnadshavarnas delaktighet',
    timeliness: 'Tider',
    'follow-up': 'Uppföljning',
    signatures: 'Underskrifter',
    satisfaction: 'Nöjdhet',
    closure: 'Avslut och avvikelser',
  } satisfies Record<SectionId, string>,
  columns: {
    count: 'Antal',
    percent: 'Procent',
    without: 'Utan funktion',
    total: 'Totalt',
    present: TERMS.sv.attendance.present,
    remote: TERMS.sv.attendance.remote,
    cancelled: TERMS.sv.attendance.cancelled,
    'no-show': TERMS.sv.attendance['no-show'],
    unmarked: 'Inte markerad',
  } satisfies Record<ColumnKey, string>,
  /** The header of each table's first column: what its rows are. */
  labels: {
    meetings: 'Möten',
    'convener-principal': 'Huvudman',
    'convener-organisation': 'Verksamhet',
    'convener-function': 'Verksamhet och funktion',
    'participation-principal': 'Huvudman',
    'participation-organisation': 'Verksamhet',
    'principal-combinations': 'Huvudmän',
    'principal-count': 'Huvudmän',
    'attendance-principal': 'Huvudman',
    'attendance-organisation': 'Verksamhet',
    'without-function': 'Verksamhet',
    'child-participation': 'Barnet deltog',
    'guardian-attendance': 'Närvaro',
    'consent-to-first': 'Första mötet',
    'invitation-notice': 'Kallelsen',
    'follow-up-booked': 'Uppföljning',
    'follow-up-outcome': 'Uppföljningen',
    signatures: 'Underskrifter',
    'missing-signature-reasons': 'Skäl',
    satisfaction: 'Svar',
    'sips-closed': 'Skäl',
    'deviations-category': 'Slag',
    'deviations-organisation': 'Verksamhet',
  } satisfies Record<TableId, string>,
  tables: {
    meetings: {
      title: 'Möten under perioden',
      description:
        'Slutförda möten med mötesdag i perioden, varav första möten och uppföljningsmöten. Inställda möten räknas för sig. Procent av genomförda möten.',
    },
    'convener-principal': {
      title: 'Kallande huvudman',
      description: 'Vilken huvudman den som kallade till mötet tillhör. Procent av genomförda möten.',
    },
    'convener-organisation': {
      title: 'Kallande verksamhet',
      description: 'Den kallandes verksamhet enligt användarkontot. Procent av genomförda möten.',
    },
    'convener-function': {
      title: 'Kallande funktion',
      description: 'Verksamhet och funktion hos den som kallade. Procent av genomförda möten.',
    },
    'participation-principal': {
      title: 'Deltagande per huvudman',
      description:
        'Möten där minst en person från huvudmannen var närvarande eller deltog digitalt. Procent av genomförda möten.',
    },
    'participation-organisation': {
      title: 'Deltagande per verksamhet',
      description:
        'Möten där minst en person från verksamheten var närvarande eller deltog digitalt. Procent av genomförda möten.',
    },
    'principal-combinations': {
      title: 'Vilka huvudmän deltog',
      description:
        'Skola, socialtjänst och region: vilka av dem som deltog i samma möte. Procent av genomförda möten.',
    },
    'principal-count': {
      title: 'Antal huvudmän per möte',
      description: 'Hur många av de tre huvudmännen som deltog. Procent av genomförda möten.',
    },
    'attendance-principal': {
      title: 'Närvaro per huvudman',
      description:
        'Varje inbjuden person: närvarande, digitalt, förhinder (avbokat i förväg) eller uteblev (kom inte utan att meddela).',
    },
    'attendance-organisation': {
      title: 'Närvaro per verksamhet',
      description: 'Som ovan, per verksamhet.',
    },
    'without-function': {
      title: 'Deltagare utan angiven funktion',
      description:
        'Inbjudna yrkespersoner utan funktion, eller med bara verksamhetens namn som funktion (till exempel ”BUP” eller ”HAB”).',
    },
    'child-participation': {
      title: 'Barnets delaktighet',
      description: 'Hur barnet deltog i mötet. Procent av genomförda möten.',
    },
    'guardian-attendance': {
      title: 'Vårdnadshavarnas närvaro',
      description: 'Varje inbjuden vårdnadshavare. Procent av inbjudna vårdnadshavare.',
    },
    'consent-to-first': {
      title: 'Från samtycke till första möte',
      description:
        'Första möten: hölls mötet inom tre veckor (21 dagar) från samtycket? Procent av första möten.',
    },
    'invitation-notice': {
      title: 'Kallelse i god tid',
      description: 'Skickades kallelsen minst tre veckor före mötet? Procent av genomförda möten.',
    },
    'follow-up-booked': {
      title: 'Uppföljning bokad på mötet',
      description: 'Möten vars signerade plan bokade en uppföljning. Procent av genomförda möten.',
    },
    'follow-up-outcome': {
      title: 'Blev uppföljningen av?',
      description:
        'Möten med bokad uppföljning: hölls den senast det bokade datumet, senare, är den försenad, inte ännu aktuell, eller avslutades SIP:en? Procent av möten med bokad uppföljning.',
    },
    signatures: {
      title: 'Underskrifter',
      description:
        'Planer som alla närvarande och digitalt deltagande skrev under, och planer där någon underskrift saknas. Procent av genomförda möten.',
    },
    'missing-signature-reasons': {
      title: 'Skäl till saknade underskrifter',
      description:
        'Varje saknad underskrift och skälet mötesledaren angav. Procent av saknade underskrifter.',
    },
    satisfaction: {
      title: 'Nöjdhet hos barn och vårdnadshavare',
      description:
        '”Är du nöjd med mötet?” från 5 (mycket nöjd) till 1. Svaren sparas utan namn och kan inte kopplas till någon. Procent av svaren.',
    },
    'sips-closed': {
      title: 'Avslutade SIP:ar',
      description: 'SIP:ar avslutade under perioden, per skäl. Procent av avslutade.',
    },
    'deviations-category': {
      title: 'Avvikelser per slag',
      description: 'Avvikelser som inträffade under perioden. Procent av avvikelserna.',
    },
    'deviations-organisation': {
      title: 'Avvikelser per verksamhet',
      description:
        'Avvikelser som inträffade under perioden, per berörd verksamhet. Procent av avvikelserna.',
    },
  } satisfies Record<TableId, TableText>,
  rows: {
    held: 'Genomförda möten',
    first: 'Första möten',
    followup: 'Uppföljningsmöten',
    cancelled: 'Inställda möten',
    school: 'Skola',
    social: 'Socialtjänst',
    region: 'Region',
    family: 'Barn och familj',
    other: 'Annan',
    unknown: 'Inte angiven',
    'all-three': 'Skola, socialtjänst och region',
    'school-social': 'Skola och socialtjänst',
    'school-region': 'Skola och region',
    'social-region': 'Socialtjänst och region',
    'school-only': 'Bara skola',
    'social-only': 'Bara socialtjänst',
    'region-only': 'Bara region',
    none: 'Ingen av dem',
    three: 'Alla tre',
    two: 'Två',
    one: 'En',
    whole: 'Hela mötet',
    part: 'Del av mötet',
    'trusted-person': 'Genom en förtroendeperson',
    'not-at-all': 'Deltog inte',
    present: TERMS.sv.attendance.present,
    'no-show': TERMS.sv.attendance['no-show'],
    unmarked: 'Inte markerad',
    'within-three-weeks': 'Inom tre veckor',
    later: 'Senare än tre veckor',
    'no-consent': 'Inget samtycke registrerat',
    'three-weeks-or-more': 'Minst tre veckor före',
    'less-than-three-weeks': 'Mindre än tre veckor före',
    'no-invitation': 'Ingen kallelse via SIP Live',
    booked: 'Bokad',
    'not-booked': 'Inte bokad',
    'on-time': 'Hölls i tid',
    late: 'Hölls senare',
    overdue: 'Försenad',
    'not-yet-due': 'Inte ännu aktuell',
    'sip-closed': 'SIP:en avslutades',
    'signed-by-all': 'Alla skrev under',
    missing: 'Någon underskrift saknas',
    'left-early': 'Gick innan underskriften',
    technical: 'Tekniskt hinder',
    declined: 'Ville inte skriva under',
    'score-5': '5 – mycket nöjd',
    'score-4': '4',
    'score-3': '3',
    'score-2': '2',
    'score-1': '1 – inte alls nöjd',
    'new-sip-needed': 'Behov av ny SIP',
    'no-joint-support': 'Inga gemensamma insatser behövs',
    'no-new-needs': 'Inga nya behov',
    'consent-withdrawn': 'Samtycket återkallat',
    'actor-absent': 'Aktör uteblev',
    'late-invitation': 'Sen kallelse',
    'meeting-late': 'Mötet hölls för sent',
    'not-signed': 'Planen skrevs inte under',
  } as Record<string, string>,
  /** Rows whose key means something else in one table than the shared word above. */
  tableRows: {
    'meetings:cancelled': 'Inställda möten',
    'child-participation:remote': 'Digitalt',
    'guardian-attendance:cancelled': TERMS.sv.attendance.cancelled,
    'guardian-attendance:remote': TERMS.sv.attendance.remote,
    'missing-signature-reasons:other': 'Annat skäl',
    'deviations-category:other': 'Annat',
    'principal-combinations:none': 'Ingen av de tre',
    'principal-count:none': 'Ingen',
  } as Record<string, string>,
  organisations: organisationsSv,
  noFunction: 'ingen funktion angiven',
}

export type StatisticsText = typeof sv

const en: StatisticsText = {
  title: 'SIP statistics',
  subtitle: 'Meetings {{from}} – {{to}}',
  filters: {
    organisation: 'Organisation: {{value}}',
    principal: 'Principal: {{value}}',
    municipality: 'Municipality: {{value}}',
    none: 'All organisations and municipalities',
  },
  exact:
    'Exact counts for internal follow-up. No names, no free text and nothing about the child beyond how the child took part.',
  publication:
    'Prepared for publication: counts under {{threshold}} are shown as “< {{threshold}}”, and their per cents are not shown.',
  suppressed: '< {{threshold}}',
  notApplicable: '–',
  generated: 'Produced {{at}} by SIP Live.',
  basis: 'Base: {{count}}',
  sections: {
    meetings: 'Meetings held',
    convening: 'Who convened',
    participation: 'The principals taking part',
    attendance: 'Attendance',
    child: 'The child and the guardians',
    timeliness: 'Timeliness',
    'follow-up': 'Follow-up',
    signatures: 'Signatures',
    satisfaction: 'Satisfaction',
    closure: 'Closure and deviations',
  },
  columns: {
    count: 'Count',
    percent: 'Per cent',
    without: 'Without function',
    total: 'Total',
    present: TERMS.en.attendance.present,
    remote: TERMS.en.attendance.remote,
    cancelled: TERMS.en.attendance.cancelled,
    'no-show': TERMS.en.attendance['no-show'],
    unmarked: 'Not marked',
  },
  /** The header of each table's first column: what its rows are. */
  labels: {
    meetings: 'Meetings',
    'convener-principal': 'Principal',
    'convener-organisation': 'Organisation',
    'convener-function': 'Organisation and function',
    'participation-principal': 'Principal',
    'participation-organisation': 'Organisation',
    'principal-combinations': 'Principals',
    'principal-count': 'Principals',
    'attendance-principal': 'Principal',
    'attendance-organisation': 'Organisation',
    'without-function': 'Organisation',
    'child-participation': 'The child took part',
    'guardian-attendance': 'Attendance',
    'consent-to-first': 'First meeting',
    'invitation-notice': 'Invitation',
    'follow-up-booked': 'Follow-up',
    'follow-up-outcome': 'The follow-up',
    signatures: 'Signatures',
    'missing-signature-reasons': 'Reason',
    satisfaction: 'Answer',
    'sips-closed': 'Reason',
    'deviations-category': 'Kind',
    'deviations-organisation': 'Organisation',
  },
  tables: {
    meetings: {
      title: 'Meetings in the period',
      description:
        'Finalized meetings whose day is in the period, first meetings and follow-ups among them. Cancelled meetings are counted apart. Per cent of meetings held.',
    },
    'convener-principal': {
      title: 'Convening principal',
      description: 'The principal of the person who convened the meeting. Per cent of meetings held.',
    },
    'convener-organisation': {
      title: 'Convening organisation',
      description: 'The convener’s organisation as their account records it. Per cent of meetings held.',
    },
    'convener-function': {
      title: 'Convening function',
      description: 'The convener’s organisation and function. Per cent of meetings held.',
    },
    'participation-principal': {
      title: 'Participation by principal',
      description:
        'Meetings where at least one person of the principal was present or remote. Per cent of meetings held.',
    },
    'participation-organisation': {
      title: 'Participation by organisation',
      description:
        'Meetings where at least one person of the organisation was present or remote. Per cent of meetings held.',
    },
    'principal-combinations': {
      title: 'Which principals took part',
      description:
        'School, social services and region: which of them took part in the same meeting. Per cent of meetings held.',
    },
    'principal-count': {
      title: 'Principals per meeting',
      description: 'How many of the three principals took part. Per cent of meetings held.',
    },
    'attendance-principal': {
      title: 'Attendance by principal',
      description:
        'Every invited person: present, remote, cancelled in advance, or did not show up (without notice).',
    },
    'attendance-organisation': {
      title: 'Attendance by organisation',
      description: 'As above, by organisation.',
    },
    'without-function': {
      title: 'Participants without a function',
      description:
        'Invited professionals without a function, or with only the organisation’s name as function (such as “BUP” or “HAB”).',
    },
    'child-participation': {
      title: 'How the child took part',
      description: 'How the child took part in the meeting. Per cent of meetings held.',
    },
    'guardian-attendance': {
      title: 'Guardians’ attendance',
      description: 'Every invited guardian. Per cent of invited guardians.',
    },
    'consent-to-first': {
      title: 'From consent to first meeting',
      description:
        'First meetings: was the meeting held within three weeks (21 days) of consent? Per cent of first meetings.',
    },
    'invitation-notice': {
      title: 'Invitations in good time',
      description:
        'Was the invitation sent at least three weeks before the meeting? Per cent of meetings held.',
    },
    'follow-up-booked': {
      title: 'Follow-up booked at the meeting',
      description: 'Meetings whose signed plan booked a follow-up. Per cent of meetings held.',
    },
    'follow-up-outcome': {
      title: 'Did the follow-up happen?',
      description:
        'Meetings with a follow-up booked: held by the date booked, later, overdue, not due yet, or the SIP was closed? Per cent of meetings with a follow-up booked.',
    },
    signatures: {
      title: 'Signatures',
      description:
        'Plans signed by everyone present or remote, and plans with a signature missing. Per cent of meetings held.',
    },
    'missing-signature-reasons': {
      title: 'Why signatures are missing',
      description: 'Every missing signature and the reason the chair gave. Per cent of missing signatures.',
    },
    satisfaction: {
      title: 'Satisfaction of children and guardians',
      description:
        '“Are you happy with the meeting?” from 5 (very happy) to 1. Answers are stored without names and cannot be linked to anyone. Per cent of answers.',
    },
    'sips-closed': {
      title: 'SIPs closed',
      description: 'SIPs closed in the period, by reason. Per cent of those closed.',
    },
    'deviations-category': {
      title: 'Deviations by kind',
      description: 'Deviations that occurred in the period. Per cent of deviations.',
    },
    'deviations-organisation': {
      title: 'Deviations by organisation',
      description:
        'Deviations that occurred in the period, by the organisation concerned. Per cent of deviations.',
    },
  },
  rows: {
    held: 'Meetings held',
    first: 'First meetings',
    followup: 'Follow-up meetings',
    cancelled: 'Cancelled meetings',
    school: 'School',
    social: 'Social services',
    region: 'Region',
    family: 'Child and family',
    other: 'Other',
    unknown: 'Not recorded',
    'all-three': 'School, social services and region',
    'school-social': 'School and social services',
    'school-region': 'School and region',
    'social-region': 'Social services and region',
    'school-only': 'School only',
    'social-only': 'Social services only',
    'region-only': 'Region only',
    none: 'None of them',
    three: 'All three',
    two: 'Two',
    one: 'One',
    whole: 'The whole meeting',
    part: 'Part of the meeting',
    'trusted-person': 'Through a trusted person',
    'not-at-all': 'Did not take part',
    present: TERMS.en.attendance.present,
    'no-show': TERMS.en.attendance['no-show'],
    unmarked: 'Not marked',
    'within-three-weeks': 'Within three weeks',
    later: 'Later than three weeks',
    'no-consent': 'No consent recorded',
    'three-weeks-or-more': 'Three weeks or more before',
    'less-than-three-weeks': 'Less than three weeks before',
    'no-invitation': 'No invitation through SIP Live',
    booked: 'Booked',
    'not-booked': 'Not booked',
    'on-time': 'Held on time',
    late: 'Held later',
    overdue: 'Overdue',
    'not-yet-due': 'Not due yet',
    'sip-closed': 'The SIP was closed',
    'signed-by-all': 'Everyone signed',
    missing: 'A signature is missing',
    'left-early': 'Left before signing',
    technical: 'Technical obstacle',
    declined: 'Did not want to sign',
    'score-5': '5 – very happy',
    'score-4': '4',
    'score-3': '3',
    'score-2': '2',
    'score-1': '1 – not happy at all',
    'new-sip-needed': 'A new SIP is needed',
    'no-joint-support': 'No joint support needed',
    'no-new-needs': 'No new needs',
    'consent-withdrawn': 'Consent withdrawn',
    'actor-absent': 'A party was absent',
    'late-invitation': 'Late invitation',
    'meeting-late': 'Meeting held too late',
    'not-signed': 'The plan was not signed',
  },
  tableRows: {
    'meetings:cancelled': 'Cancelled meetings',
    'child-participation:remote': 'Remote',
    'guardian-attendance:cancelled': TERMS.en.attendance.cancelled,
    'guardian-attendance:remote': TERMS.en.attendance.remote,
    'missing-signature-reasons:other': 'Another reason',
    'deviations-category:other': 'Other',
    'principal-combinations:none': 'None of the three',
    'principal-count:none': 'None',
  },
  organisations: organisationsEn,
  noFunction: 'no function recorded',
}

export const STATISTICS_TEXT: Record<Language, StatisticsText> = { sv, en }

/**
 * A row's label in a table: the function for a 'dynamic' row ("Skola – biträdande rektor"), a
 * table's own word, an organisation, else the shared word for the key.
 */
export function rowLabel(
  text: StatisticsText,
  table: TableId,
  row: Pick<StatisticsRow, 'key' | 'label'>,
): string {
  if (row.label !== undefined) {
    const organisation = row.key.split(':')[0] ?? ''
    const name = text.organisations[organisation] ?? text.rows.unknown
    return `${name} – ${row.label === '' ? text.noFunction : row.label}`
  }
  return text.tableRows[`${table}:${row.key}`] ?? text.organisations[row.key] ?? text.rows[row.key] ?? row.key
}

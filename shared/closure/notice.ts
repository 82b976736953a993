import type { Language } from '../languages'
import type { ClosureNotice, ClosureNoticeBlock } from '../schemas/closure-notice'
import type { CloseReason, ClosureHelp } from '../schemas/sip'

/**
 * The closure notice's words (docs/process.md P10), Swedish first and English second: a letter a
 * guardian and an eleven-year-old both understand – the SIP no longer applies, from which date,
 * why, and where to turn if the need comes back. The participant's screen and the PDF both show
 * what `closureNotice` builds, so the wording lives here rather than in the client's catalogue.
 * Never version codes or ids; the free-text note of the closure stays with staff.
 */

export interface ClosureNoticeInput {
  /** The child's first name or initials, as the SIP records it. */
  childName: string
  /** YYYY-MM-DD: the date the SIP no longer applies from. */
  closedOn: string
  reason: CloseReason
  /** The installation's text: where a family turns if the need returns (closureHelp). */
  helpText: string
  /** Huvudansvarig when the SIP was closed, if one was named. */
  responsible?: { name: string; function: string; organisationLabel: string } | null
  lang: Language
}

/** Used until an administrator writes the installation's own text (PUT /api/settings/closure-help). */
export const DEFAULT_CLOSURE_HELP: ClosureHelp = {
  sv: 'Om ni behöver samordnat stöd igen kan ni vända er till skolans elevhälsa, socialtjänsten eller vården. Alla kan ta initiativ till en ny SIP.',
  en: "If you need coordinated support again, you can turn to the school's student health team, social services or health care. Anyone can take the initiative for a new SIP.",
}

const TEXT: Record<
  Language,
  {
    title: string
    fileName: string
    from: string
    whyHeading: string
    reasons: Record<CloseReason, string>
    meaning: string
    helpHeading: string
    responsibleHeading: string
    responsible: string
  }
> = {
  sv: {
    title: 'SIP:en för {{child}} är avslutad',
    fileName: 'SIP-avslut-{{date}}',
    from: 'Från och med {{date}} gäller inte längre den samordnade individuella planen (SIP) för {{child}}.',
    whyHeading: 'Varför SIP:en avslutas',
    reasons: {
      'new-sip-needed': 'Målen för {{child}} har ändrats så mycket att det behövs en ny SIP i stället.',
      'no-joint-support': '{{child}} behöver inte längre stöd från både kommunen och regionen samtidigt.',
      'no-new-needs':
        'Vi som har arbetat med SIP:en tror inte att {{child}} kommer att behöva nytt stöd från både kommunen och regionen den närmaste tiden.',
      'consent-withdrawn': 'Ni har tagit tillbaka ert samtycke till samordningen.',
    },
    meaning:
      'Det betyder att kommunen och regionen inte längre planerar stödet till {{child}} tillsammans. Varje verksamhet antecknar hos sig att SIP:en är avslutad.',
    helpHeading: 'Om behovet kommer tillbaka',
    responsibleHeading: 'Huvudansvarig',
    responsible: 'Den som hade huvudansvaret för SIP:en var {{name}} ({{function}}, {{organisation}}).',
  },
  en: {
    title: 'The SIP for {{child}} has ended',
    fileName: 'SIP-closure-{{date}}',
    from: 'From {{date}}, the coordinated individual plan (SIP) for {{child}} no longer applies.',
    whyHeading: 'Why the SIP is ending',
    reasons: {
      'new-sip-needed': 'The goals for {{child}} have changed so much that a new SIP is needed instead.',
      'no-joint-support':
        '{{child}} no longer needs support from both the municipality and the region at the same time.',
      'no-new-needs':
        'Those of us who worked on the SIP do not think {{child}} will need new support from both the municipality and the region in the near future.',
      'consent-withdrawn': 'You have withdrawn your consent to the coordination.',
    },
    meaning:
      'This means that the municipality and the region no longer plan the support for {{child}} together. Each organisation notes in its own records that the SIP has ended.',
    helpHeading: 'If the need comes back',
    responsibleHeading: 'Lead coordinator',
    responsible: 'The lead coordinator of the SIP was {{name}} ({{function}}, {{organisation}}).',
  },
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (match, key: string) => values[key] ?? match)
}

/** "12 maj 2027", "12 May 2027": a calendar date in words, the same wherever it is read. */
export function dateInWords(date: string, lang: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return date
  const [, year, month, day] = match.map(Number) as [number, number, number, number]
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    // A date, not a moment: read in UTC so no time zone moves it to the day before.
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, day)))
}

/** The installation's text as paragraphs: a blank line starts a new one. */
function helpParagraphs(helpText: string): string[] {
  return helpText
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

/** The closure notice of one SIP, in one language. */
export function closureNotice(input: ClosureNoticeInput): ClosureNotice {
  const text = TEXT[input.lang]
  const values = { child: input.childName, date: dateInWords(input.closedOn, input.lang) }
  const blocks: ClosureNoticeBlock[] = [
    { kind: 'paragraph', text: fill(text.from, values) },
    { kind: 'heading', text: text.whyHeading },
    { kind: 'paragraph', text: fill(text.reasons[input.reason], values) },
    { kind: 'paragraph', text: fill(text.meaning, values) },
    { kind: 'heading', text: text.helpHeading },
    ...helpParagraphs(input.helpText).map((part): ClosureNoticeBlock => ({ kind: 'paragraph', text: part })),
  ]
  const responsible = input.responsible
  if (responsible) {
    const details = {
      name: responsible.name,
      function: responsible.function,
      organisation: responsible.organisationLabel,
    }
    blocks.push(
      { kind: 'heading', text: text.responsibleHeading },
      { kind: 'paragraph', text: fill(text.responsible, details) },
    )
  }
  return {
    lang: input.lang,
    title: fill(text.title, values),
    fileName: fill(text.fileName, { date: input.closedOn }),
    blocks,
  }
}

import type { Language } from '../languages'
import type { RichNode } from '../plan/canonical'
import { versionCode } from '../plan/version-code'
import type { MinutesBlock, MinutesDocument } from '../schemas/minutes'
import { fill, MINUTES_TEXT, type MinutesText } from './text'

/**
 * The minutes ("protokoll") of one plan version, built from what was signed – the version's stored canonical
 * JSON – and the sign-off records in SQL. Pure: the server calls it for both the print view's JSON
 * and the PDF (docs/protocol.md G12).
 */

export interface MinutesSignature {
  participantId: string
  typedName: string
  method: string
  signedAt: number
  /** The chair who witnessed an in-room signature. */
  witnessedBy: string | null
  drawing: string | null
}

export interface MinutesInput {
  lang: Language
  /** The version's canonical JSON, parsed. */
  plan: unknown
  version: { number: number; hash: string; lockedAt: number }
  finalizedAt: number | null
  /** Signatures of this version (none of a voided one). */
  signatures: readonly MinutesSignature[]
  /** Recorded at finalization. */
  missing: readonly { participantId: string; reason: string }[]
  /** Who must sign this version. */
  required: readonly string[]
  /** Where the verification answer can be fetched (the verify endpoint). */
  verifyUrl: string
}

type Obj = Record<string, unknown>

const obj = (value: unknown): Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {}
const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

/** The order people are listed in: who leads, who writes, the family, then everyone else. */
const ROLE_ORDER = ['chair', 'notetaker', 'child', 'guardian', 'participant']

const TIME_ZONE = 'Europe/Stockholm'

function formatTime(lang: Language, ms: number): string {
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(ms))
}

/** A rich-text node's text, with hard breaks as new lines. */
function inlineText(node: RichNode): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hardBreak') return '\n'
  return (node.content ?? []).map(inlineText).join('')
}

/** A list item's own text, then its nested lists' items indented with a dash. */
function listItems(list: RichNode, depth = 0): string[] {
  const items: string[] = []
  for (const item of list.content ?? []) {
    const own = (item.content ?? []).filter((c) => c.type !== 'bulletList' && c.type !== 'orderedList')
    const text = own.map(inlineText).join('\n').trim()
    if (text !== '') items.push(depth > 0 ? `${'  '.repeat(depth - 1)}– ${text}` : text)
    for (const nested of item.content ?? []) {
      if (nested.type === 'bulletList' || nested.type === 'orderedList')
        items.push(...listItems(nested, depth + 1))
    }
  }
  return items
}

/** A rich-text part as blocks: paragraphs, headings and lists, without formatting marks. */
export function richTextBlocks(nodes: readonly RichNode[]): MinutesBlock[] {
  const blocks: MinutesBlock[] = []
  for (const node of nodes) {
    if (node.type === 'bulletList' || node.type === 'orderedList') {
      const items = listItems(node)
      if (items.length > 0) blocks.push({ kind: 'list', ordered: node.type === 'orderedList', items })
    } else if (node.type === 'heading') {
      const text = inlineText(node).trim()
      if (text !== '') blocks.push({ kind: 'subheading', text })
    } else if (node.type === 'blockquote') {
      blocks.push(...richTextBlocks(node.content ?? []))
    } else {
      const text = inlineText(node).trim()
      if (text !== '') blocks.push({ kind: 'paragraph', text })
    }
  }
  return blocks
}

interface Person {
  id: string
  name: string
  role: string
  organisation: string
  function: string
}

function people(plan: Obj, text: MinutesText): Person[] {
  return Object.entries(obj(plan.participants))
    .map(([id, raw]) => {
      const p = obj(raw)
      const organisation = str(p.organisation)
      return {
        id,
        name: str(p.name),
        role: str(p.role),
        organisation: text.organisations[organisation] ?? organisation,
        function: str(p.function),
      }
    })
    .sort(
      (a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name, 'sv'),
    )
}

/** "Vårdnadshavare" or "Kurator, Elevhälsa": how a person took part, beside their name. */
function capacity(person: Person | undefined, text: MinutesText): string {
  if (!person) return ''
  const role = text.roles[person.role] ?? person.role
  if (person.role !== 'participant' || (person.function === '' && person.organisation === '')) return role
  return [person.function, person.organisation].filter((s) => s !== '').join(', ')
}

const fields = (
  title: string | null,
  rows: { label: string; value: string }[],
  notSet: string,
): MinutesBlock => ({
  kind: 'fields',
  title,
  rows: rows.map((row) => ({ label: row.label, value: row.value === '' ? notSet : row.value })),
})

function aboutBlocks(plan: Obj, t: MinutesText, lang: Language): MinutesBlock[] {
  const setup = obj(plan.setup)
  const startsAt = Date.parse(str(setup.startsAt))
  return [
    { kind: 'heading', text: t.about.heading },
    fields(
      null,
      [
        { label: t.about.child, value: str(setup.childName) },
        { label: t.about.type, value: t.about.types[str(setup.type)] ?? str(setup.type) },
        { label: t.about.when, value: Number.isFinite(startsAt) ? formatTime(lang, startsAt) : '' },
        { label: t.about.place, value: str(setup.place) },
        { label: t.about.purpose, value: str(setup.purpose) },
        { label: t.about.questions, value: str(setup.questions) },
      ],
      t.notSet,
    ),
  ]
}

function attendanceBlocks(plan: Obj, persons: Person[], t: MinutesText): MinutesBlock[] {
  const attendance = obj(plan.attendance)
  if (persons.length === 0)
    return [
      { kind: 'heading', text: t.attendance.heading },
      { kind: 'paragraph', text: t.attendance.none },
    ]
  return [
    { kind: 'heading', text: t.attendance.heading },
    {
      kind: 'table',
      columns: t.attendance.columns,
      rows: persons.map((p) => [
        p.name,
        t.roles[p.role] ?? p.role,
        p.organisation,
        p.function,
        t.attendance.status[str(attendance[p.id])] ?? t.attendance.notMarked,
      ]),
    },
  ]
}

function textPartBlocks(plan: Obj, t: MinutesText): MinutesBlock[] {
  const parts = obj(plan.text)
  const blocks: MinutesBlock[] = []
  for (const [part, title] of Object.entries(t.text)) {
    blocks.push({ kind: 'heading', text: title })
    const content = richTextBlocks(arr(parts[part]) as RichNode[])
    blocks.push(...(content.length > 0 ? content : [{ kind: 'paragraph' as const, text: t.empty }]))
  }
  return blocks
}

function goalAndSupportBlocks(plan: Obj, t: MinutesText): MinutesBlock[] {
  const goals = arr(plan.goals).map(obj)
  const blocks: MinutesBlock[] = [{ kind: 'heading', text: t.goals.heading }]
  /** Each goal's name in the minutes – "Mål på kort sikt 2" – for the supports that refer to it. */
  const goalNames = new Map<string, string>()
  for (const kind of ['long', 'short'] as const) {
    const ofKind = goals.filter((g) => (str(g.kind) === 'long' ? 'long' : 'short') === kind)
    if (ofKind.length === 0) continue
    blocks.push({ kind: 'subheading', text: t.goals[kind] })
    ofKind.forEach((goal, index) => {
      goalNames.set(str(goal.id), `${t.goals[kind]} ${index + 1}: ${str(goal.what)}`)
      blocks.push(
        fields(
          fill(t.goals.item, { number: index + 1 }),
          [
            { label: t.goals.what, value: str(goal.what) },
            { label: t.goals.measure, value: str(goal.measure) },
            { label: t.goals.byWhen, value: str(goal.byWhen) },
            { label: t.goals.agreed, value: goal.agreed === true ? t.goals.yes : t.goals.no },
          ],
          t.notSet,
        ),
      )
    })
  }
  if (goals.length === 0) blocks.push({ kind: 'paragraph', text: t.goals.none })

  blocks.push({ kind: 'heading', text: t.supports.heading })
  const supports = arr(plan.supports).map(obj)
  if (supports.length === 0) blocks.push({ kind: 'paragraph', text: t.supports.none })
  supports.forEach((support, index) => {
    const s = t.supports
    blocks.push(
      fields(
        fill(s.item, { number: index + 1 }),
        [
          { label: s.party, value: s.parties[str(support.party)] ?? s.parties.agency ?? '' },
          { label: s.what, value: str(support.what) },
          {
            label: s.organisation,
            value: t.organisations[str(support.organisation)] ?? str(support.organisation),
          },
          { label: s.responsible, value: str(support.responsible) },
          { label: s.frequency, value: str(support.frequency) },
          { label: s.where, value: str(support.where) },
          { label: s.start, value: str(support.start) },
          { label: s.end, value: str(support.end) },
          { label: s.goal, value: goalNames.get(str(support.goalId)) ?? '' },
        ],
        t.notSet,
      ),
    )
  })
  return blocks
}

function responsibleAndFollowUpBlocks(plan: Obj, t: MinutesText): MinutesBlock[] {
  const responsible = obj(plan.responsible)
  const followUp = obj(plan.followUp)
  const r = t.responsible
  const f = t.followUp
  return [
    { kind: 'heading', text: r.heading },
    fields(
      null,
      [
        { label: r.name, value: str(responsible.name) },
        { label: r.function, value: str(responsible.function) },
        {
          label: r.organisation,
          value: t.organisations[str(responsible.organisation)] ?? str(responsible.organisation),
        },
      ],
      t.notSet,
    ),
    { kind: 'heading', text: f.heading },
    fields(
      null,
      [
        { label: f.date, value: str(followUp.date) },
        { label: f.time, value: str(followUp.time) },
        { label: f.place, value: str(followUp.place) },
        { label: f.calledBy, value: str(followUp.calledBy) },
      ],
      t.notSet,
    ),
  ]
}

function signatureBlocks(input: MinutesInput, persons: Person[], t: MinutesText): MinutesBlock[] {
  const byId = new Map(persons.map((p) => [p.id, p]))
  const nameOf = (id: string) => byId.get(id)?.name || capacity(byId.get(id), t) || id
  const blocks: MinutesBlock[] = [{ kind: 'heading', text: t.signatures.heading }]
  if (input.signatures.length === 0) blocks.push({ kind: 'paragraph', text: t.signatures.none })
  for (const s of input.signatures) {
    blocks.push({
      kind: 'signature',
      name: s.typedName,
      detail: fill(t.signatures.detail, {
        who: capacity(byId.get(s.participantId), t),
        time: formatTime(input.lang, s.signedAt),
        method: t.signatures.method[s.method] ?? s.method,
      }),
      witness: s.witnessedBy === null ? null : fill(t.signatures.witness, { name: nameOf(s.witnessedBy) }),
      drawing: s.drawing,
    })
  }

  const signed = new Set(input.signatures.map((s) => s.participantId))
  const missing =
    input.finalizedAt !== null
      ? input.missing.map((m) => fill(t.missing.entry, { who: nameOf(m.participantId), reason: m.reason }))
      : input.required
          .filter((id) => !signed.has(id))
          .map((id) => fill(t.missing.pending, { who: nameOf(id) }))
  if (missing.length > 0)
    blocks.push(
      { kind: 'heading', text: t.missing.heading },
      { kind: 'list', ordered: false, items: missing },
    )
  return blocks
}

export function minutesDocument(input: MinutesInput): MinutesDocument {
  const { lang, version } = input
  const t = MINUTES_TEXT[lang]
  const plan = obj(input.plan)
  const persons = people(plan, t)
  const code = versionCode(version.hash)
  const status = input.finalizedAt !== null ? t.version.finalized : t.version.locked
  const versionRows = [
    { label: t.version.number, value: String(version.number) },
    { label: t.version.code, value: code },
    { label: t.version.lockedAt, value: formatTime(lang, version.lockedAt) },
    ...(input.finalizedAt !== null
      ? [{ label: t.version.finalizedAt, value: formatTime(lang, input.finalizedAt) }]
      : []),
  ]
  return {
    lang,
    title: t.title,
    subtitle: `${t.version.number} ${code}. ${status}`,
    versionCode: code,
    footer: fill(t.footer, { code }),
    fileName: fill(t.fileName, { code }),
    drawnSignatureLabel: t.signatures.drawn,
    blocks: [
      ...aboutBlocks(plan, t, lang),
      ...attendanceBlocks(plan, persons, t),
      ...textPartBlocks(plan, t),
      ...goalAndSupportBlocks(plan, t),
      ...responsibleAndFollowUpBlocks(plan, t),
      ...signatureBlocks(input, persons, t),
      { kind: 'heading', text: t.version.heading },
      fields(null, versionRows, t.notSet),
      { kind: 'heading', text: t.verify.heading },
      {
        kind: 'paragraph',
        text: fill(t.verify.text, { number: version.number, url: input.verifyUrl, code }),
      },
      fields(null, [{ label: t.version.hash, value: version.hash }], t.notSet),
    ],
  }
}

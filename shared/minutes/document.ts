import type { Language } from '../languages'
import type { RichNode } from '../plan/canonical'
import { type PlanChange, planChanges } from '../plan/changes'
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

/** The consent recorded for the meeting (server/db/meetings.ts), as the protocol shows it. */
export interface MinutesConsent {
  givenBy: readonly { name: string; relation: string }[]
  givenAt: string
  scope: string
  notShared: string
}

/**
 * Who the minutes are for. A family's copy (everyone who opens them through a participant link)
 * explains the check code in plain words; the staff's copy (the convener or chair signed in)
 * adds the technical check – the full hash, the verify address and the CLI command.
 */
export type MinutesAudience = { kind: 'family' } | { kind: 'staff'; verifyUrl: string; verifyCommand: string }

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
  /** The meeting's convener's name ('' if not known) and its recorded consent, from the meeting's store. */
  convener: string
  consent: MinutesConsent | null
  audience: MinutesAudience
  /**
   * P13: at a follow-up, the version it is compared with – the previous meeting's active one: its
   * plan (parsed canonical JSON) and check code. Absent for a first meeting.
   */
  previous?: { plan: unknown; versionCode: string }
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

/** Label–value rows; a row without a value is left out – the minutes never say "not filled in". */
const fields = (title: string | null, rows: { label: string; value: string }[]): MinutesBlock => ({
  kind: 'fields',
  title,
  rows: rows.filter((row) => row.value !== ''),
})

/** A section's fields, or its one short line when nothing in it was filled in. */
function section(heading: string, rows: { label: string; value: string }[], none: string): MinutesBlock[] {
  const block = fields(null, rows)
  return [
    { kind: 'heading', text: heading },
    block.kind === 'fields' && block.rows.length > 0 ? block : { kind: 'paragraph', text: none },
  ]
}

/** The names of the people in a role, in the roster's order ("Maja Lind"; a function if unnamed). */
function namesIn(persons: Person[], role: string, t: MinutesText): string {
  return persons
    .filter((p) => p.role === role)
    .map((p) => p.name || capacity(p, t))
    .join(', ')
}

function aboutBlocks(plan: Obj, persons: Person[], input: MinutesInput, t: MinutesText): MinutesBlock[] {
  const setup = obj(plan.setup)
  const startsAt = Date.parse(str(setup.startsAt))
  const a = t.about
  return [
    { kind: 'heading', text: a.heading },
    fields(null, [
      { label: a.child, value: str(setup.childName) },
      { label: a.when, value: Number.isFinite(startsAt) ? formatTime(input.lang, startsAt) : '' },
      { label: a.place, value: str(setup.place) },
      { label: a.type, value: a.types[str(setup.type)] ?? str(setup.type) },
      { label: a.convener, value: input.convener.trim() },
      { label: a.chair, value: namesIn(persons, 'chair', t) },
      { label: a.notetaker, value: namesIn(persons, 'notetaker', t) },
      { label: a.purpose, value: str(setup.purpose) },
      { label: a.questions, value: str(setup.questions) },
    ]),
  ]
}

function consentBlocks(consent: MinutesConsent | null, t: MinutesText): MinutesBlock[] {
  const c = t.consent
  if (consent === null)
    return [
      { kind: 'heading', text: c.heading },
      { kind: 'paragraph', text: c.none },
    ]
  const givers = consent.givenBy
    .map((g) => fill(c.giver, { name: g.name.trim(), relation: c.relations[g.relation] ?? g.relation }))
    .join(', ')
  return section(
    c.heading,
    [
      { label: c.givenBy, value: givers },
      { label: c.givenAt, value: consent.givenAt.trim() },
      { label: c.scope, value: consent.scope.trim() },
      { label: c.notShared, value: consent.notShared.trim() },
    ],
    c.none,
  )
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
        roleAndFunction(p, t),
        p.organisation,
        t.attendance.status[str(attendance[p.id])] ?? t.attendance.notMarked,
      ]),
    },
  ]
}

/** "Mötesledare, rektor"; a professional participant by their function alone ("psykolog"). */
function roleAndFunction(person: Person, t: MinutesText): string {
  const role = t.roles[person.role] ?? person.role
  if (person.role === 'participant' && person.function !== '') return person.function
  if (person.role === 'guardian' || person.role === 'child' || person.function === '') return role
  return `${role}, ${person.function}`
}

/**
 * A rich-text part under its heading; an empty one is one short line (`empty`), or left out when
 * it has none (the opening's notes).
 */
function textPart(plan: Obj, part: string, heading: string, t: MinutesText): MinutesBlock[] {
  const content = richTextBlocks(arr(obj(plan.text)[part]) as RichNode[])
  const empty = t.empty[part]
  if (content.length === 0 && empty === undefined) return []
  return [
    { kind: 'heading', text: heading },
    ...(content.length > 0 ? content : [{ kind: 'paragraph' as const, text: empty ?? '' }]),
  ]
}

function agreement(value: unknown, t: MinutesText): string {
  if (value === true) return t.goals.yes
  if (value === false) return t.goals.no
  return t.goals.unset
}

function goalBlocks(plan: Obj, t: MinutesText): { blocks: MinutesBlock[]; names: Map<string, string> } {
  const goals = arr(plan.goals).map(obj)
  const blocks: MinutesBlock[] = [{ kind: 'heading', text: t.goals.heading }]
  /** Each goal's short name – "Kort sikt 2" – for the supports that refer to it. */
  const names = new Map<string, string>()
  for (const kind of ['long', 'short'] as const) {
    const ofKind = goals.filter((g) => (str(g.kind) === 'long' ? 'long' : 'short') === kind)
    if (ofKind.length === 0) continue
    blocks.push({ kind: 'subheading', text: t.goals[kind] })
    ofKind.forEach((goal, index) => {
      names.set(str(goal.id), fill(t.goals.ref[kind], { number: index + 1 }))
      const outcome = str(goal.outcome)
      blocks.push(
        fields(fill(t.goals.item, { number: index + 1 }), [
          { label: t.goals.what, value: str(goal.what) },
          { label: t.goals.measure, value: str(goal.measure) },
          { label: t.goals.byWhen, value: str(goal.byWhen) },
          { label: t.goals.agreed, value: agreement(goal.agreed, t) },
          // P7: a carried goal's assessment at this follow-up (an entry without it has none).
          { label: t.goals.outcome, value: t.goals.outcomes[outcome] ?? outcome },
          { label: t.goals.outcomeComment, value: str(goal.outcomeComment) },
        ]),
      )
    })
  }
  if (goals.length === 0) blocks.push({ kind: 'paragraph', text: t.goals.none })
  return { blocks, names }
}

/** "2026-12-03–2027-06-01", "från 2026-12-03", "till 2027-06-01" or nothing. */
function period(start: string, end: string, t: MinutesText): string {
  if (start !== '' && end !== '') return `${start}–${end}`
  if (start !== '') return fill(t.supports.from, { date: start })
  if (end !== '') return fill(t.supports.until, { date: end })
  return ''
}

/** Supports as the forms' table: what, who (person and organisation), how often and where, from–to, goal. */
function supportTable(
  supports: Obj[],
  goalNames: Map<string, string>,
  t: MinutesText,
): Extract<MinutesBlock, { kind: 'table' }> {
  return {
    kind: 'table',
    columns: t.supports.columns,
    rows: supports.map((s) => {
      const organisation = str(s.organisation)
      const who = [str(s.responsible), t.organisations[organisation] ?? organisation]
        .filter((v) => v !== '')
        .join(', ')
      const often = [str(s.frequency), str(s.where)].filter((v) => v !== '').join(', ')
      return [
        str(s.what),
        who,
        often,
        period(str(s.start), str(s.end), t),
        goalNames.get(str(s.goalId)) ?? '',
      ]
    }),
  }
}

/**
 * P7: how the carried supports have gone – each one's status and effect as set at this follow-up,
 * under the table; nothing when none of them has either.
 */
function supportFollowUps(supports: Obj[], t: MinutesText): MinutesBlock[] {
  const blocks = supports
    .map((s) => {
      const status = str(s.status)
      return fields(str(s.what) || t.changes.untitled, [
        { label: t.supports.status, value: t.supports.statuses[status] ?? status },
        { label: t.supports.effect, value: str(s.effect) },
      ])
    })
    .filter((block) => block.kind === 'fields' && block.rows.length > 0)
  return blocks.length > 0 ? [{ kind: 'subheading', text: t.supports.followUp }, ...blocks] : []
}

function supportBlocks(plan: Obj, goalNames: Map<string, string>, t: MinutesText): MinutesBlock[] {
  const supports = arr(plan.supports).map(obj)
  const agency = supports.filter((s) => str(s.party) !== 'family')
  const family = supports.filter((s) => str(s.party) === 'family')
  return [
    { kind: 'heading', text: t.supports.heading },
    agency.length > 0 ? supportTable(agency, goalNames, t) : { kind: 'paragraph', text: t.supports.none },
    ...supportFollowUps(agency, t),
    { kind: 'heading', text: t.supports.family },
    family.length > 0
      ? supportTable(family, goalNames, t)
      : { kind: 'paragraph', text: t.supports.familyNone },
    ...supportFollowUps(family, t),
  ]
}

/** One change as a sentence a guardian understands at a glance (P13). */
function changeSentence(change: PlanChange, t: MinutesText): string {
  const c = t.changes
  const what = change.what || c.untitled
  switch (change.kind) {
    case 'goal-added':
      return fill(c.goalAdded, { what })
    case 'goal-removed':
      return fill(c.goalRemoved, { what })
    case 'goal-outcome': {
      const known = c.goalOutcome[change.outcome]
      return known !== undefined
        ? fill(known, { what })
        : fill(c.goalOutcomeOther, { what, value: change.outcome })
    }
    case 'support-added':
      return fill(c.supportAdded, { what })
    case 'support-removed':
      return fill(c.supportRemoved, { what })
    case 'support-ended':
      return fill(c.supportEnded, { what })
    case 'support-status': {
      const known = c.supportStatus[change.status]
      return known !== undefined
        ? fill(known, { what })
        : fill(c.supportStatusOther, { what, value: change.status })
    }
  }
}

/** P13: at a follow-up, what changed since the previous meeting's version, near the top. */
function changeBlocks(plan: Obj, input: MinutesInput, t: MinutesText): MinutesBlock[] {
  if (input.previous === undefined) return []
  const changes = planChanges(input.previous.plan, plan)
  return [
    { kind: 'heading', text: t.changes.heading },
    { kind: 'paragraph', text: fill(t.changes.compared, { code: input.previous.versionCode }) },
    changes.length > 0
      ? { kind: 'list', ordered: false, items: changes.map((change) => changeSentence(change, t)) }
      : { kind: 'paragraph', text: t.changes.none },
  ]
}

function responsibleBlocks(plan: Obj, t: MinutesText): MinutesBlock[] {
  const responsible = obj(plan.responsible)
  const r = t.responsible
  const organisation = str(responsible.organisation)
  return section(
    r.heading,
    [
      { label: r.name, value: str(responsible.name) },
      { label: r.function, value: str(responsible.function) },
      { label: r.organisation, value: t.organisations[organisation] ?? organisation },
    ],
    r.none,
  )
}

function followUpBlocks(plan: Obj, t: MinutesText): MinutesBlock[] {
  const followUp = obj(plan.followUp)
  const f = t.followUp
  return section(
    f.heading,
    [
      { label: f.date, value: str(followUp.date) },
      { label: f.time, value: str(followUp.time) },
      { label: f.place, value: str(followUp.place) },
      { label: f.calledBy, value: str(followUp.calledBy) },
    ],
    f.none,
  )
}

function signatureBlocks(input: MinutesInput, persons: Person[], t: MinutesText): MinutesBlock[] {
  const byId = new Map(persons.map((p) => [p.id, p]))
  const nameOf = (id: string) => byId.get(id)?.name || capacity(byId.get(id), t) || id
  const blocks: MinutesBlock[] = [{ kind: 'heading', text: t.signatures.heading }]
  if (input.signatures.length === 0) blocks.push({ kind: 'paragraph', text: t.signatures.none })
  for (const s of input.signatures) {
    // The chair signing on her own device in the room is not her own witness.
    const witness = s.witnessedBy !== null && s.witnessedBy !== s.participantId ? s.witnessedBy : null
    blocks.push({
      kind: 'signature',
      name: s.typedName,
      detail: fill(t.signatures.detail, {
        who: capacity(byId.get(s.participantId), t),
        time: formatTime(input.lang, s.signedAt),
      }),
      how:
        witness !== null
          ? fill(t.signatures.witnessed, { name: nameOf(witness) })
          : (t.signatures.how[s.method] ?? s.method),
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

function verifyBlocks(input: MinutesInput, code: string, t: MinutesText): MinutesBlock[] {
  const { lang, version, audience } = input
  const convener = input.convener.trim()
  const blocks: MinutesBlock[] = [
    { kind: 'heading', text: t.verify.heading },
    {
      kind: 'paragraph',
      text: fill(t.verify.text, {
        code,
        convener: convener === '' ? '' : fill(t.verify.convener, { name: convener }),
      }),
    },
    fields(null, [
      { label: t.version.number, value: String(version.number) },
      { label: t.version.lockedAt, value: formatTime(lang, version.lockedAt) },
      {
        label: t.version.finalizedAt,
        value: input.finalizedAt !== null ? formatTime(lang, input.finalizedAt) : '',
      },
    ]),
  ]
  if (audience.kind === 'staff')
    blocks.push(
      { kind: 'heading', text: t.staff.heading },
      { kind: 'paragraph', text: fill(t.staff.text, { number: version.number, code }) },
      fields(null, [
        { label: t.staff.hash, value: version.hash },
        { label: t.staff.url, value: audience.verifyUrl },
        { label: t.staff.command, value: audience.verifyCommand },
      ]),
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
  const goals = goalBlocks(plan, t)
  const text = t.text
  return {
    lang,
    title: t.title,
    subtitle: fill(t.subtitle, { number: version.number, code, status }),
    versionCode: code,
    footer: fill(t.footer, { code }),
    fileName: fill(t.fileName, { code }),
    drawnSignatureLabel: t.signatures.drawn,
    blocks: [
      ...aboutBlocks(plan, persons, input, t),
      ...changeBlocks(plan, input, t),
      ...consentBlocks(input.consent, t),
      ...attendanceBlocks(plan, persons, t),
      ...textPart(plan, 'opening', text.opening ?? '', t),
      ...textPart(plan, 'childWords', text.childWords ?? '', t),
      ...textPart(plan, 'situation', text.situation ?? '', t),
      ...textPart(plan, 'needs', text.needs ?? '', t),
      ...goals.blocks,
      ...supportBlocks(plan, goals.names, t),
      ...responsibleBlocks(plan, t),
      ...followUpBlocks(plan, t),
      ...textPart(plan, 'disagreements', text.disagreements ?? '', t),
      ...textPart(plan, 'summary', t.summaryHeading, t),
      ...signatureBlocks(input, persons, t),
      ...verifyBlocks(input, code, t),
    ],
  }
}

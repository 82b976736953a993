import { useMemo } from 'react'
import * as Y from 'yjs'
import type { MeetingType } from '../../shared/circle'
import { currentStep, planParts, type Step } from '../../shared/plan/layout'
import { type ReadableStore, useStore } from '../ui/store'
import { type Goal, type ListEntry, type Person, type Support, toGoal, toPeople, toSupport } from './model'

/**
 * Hooks that read the plan's shared types and re-render when they change – for any reason: a
 * local edit, a remote one, or the first sync. Each keeps one snapshot, replaced only when
 * something inside its type changed (observeDeep), so React compares snapshots by identity.
 */

/** What every shared type offers for observing it and everything inside it. */
interface Observable {
  observeDeep(f: () => void): void
  unobserveDeep(f: () => void): void
}

/**
 * A store over one shared type, observed only while a screen subscribes (the document is the
 * value; ui/store.ts's createStore holds values of its own). Exported for tests.
 */
export function createTypeStore<T>(type: Observable, read: () => T): ReadableStore<T> {
  let snapshot = read()
  return {
    subscribe(onChange: () => void): () => void {
      const handler = (): void => {
        snapshot = read()
        onChange()
      }
      type.observeDeep(handler)
      // A change between the first read and this subscription would otherwise be missed; React
      // reads the snapshot again after subscribing and re-renders if it differs.
      snapshot = read()
      return () => type.unobserveDeep(handler)
    },
    getSnapshot: (): T => snapshot,
  }
}

function useTypeSnapshot<T>(type: Observable, read: () => T): T {
  // `read` depends only on `type` at every call site, so the store lives as long as the type.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  const store = useMemo(() => createTypeStore(type, read), [type])
  return useStore(store)
}

/** A Y.Map's value as plain JSON: nested Y types become plain objects and arrays. */
type Plain<V> =
  V extends Y.Map<infer U> ? Record<string, Plain<U>> : V extends Y.Array<infer U> ? Plain<U>[] : V

export function readMap<V>(map: Y.Map<V>): Readonly<Record<string, Plain<V>>> {
  return map.toJSON() as Record<string, Plain<V>>
}

export function readList<V>(array: Y.Array<Y.Map<V>>): ListEntry[] {
  const entries: ListEntry[] = []
  array.toArray().forEach((map: unknown, index) => {
    // Any writer can put something other than a map in a list; it is left out here, as in the
    // signed version (G13), instead of breaking every screen.
    if (!(map instanceof Y.Map)) return
    const fields = map.toJSON() as Record<string, unknown>
    // Entries written by actions.ts always have an id; a foreign one still gets a stable key.
    const id = typeof fields.id === 'string' && fields.id !== '' ? fields.id : `#${index}`
    entries.push({ id, fields })
  })
  return entries
}

/** A Y.Map (setup, attendance, responsible, followUp, …) as a plain object snapshot. */
export function usePlanMap<V>(map: Y.Map<V>): Readonly<Record<string, Plain<V>>> {
  return useTypeSnapshot(map, () => readMap(map))
}

/** A Y.Array of Y.Maps (goals, supports) as a list of {id, fields}, in document order. */
export function usePlanList<V>(array: Y.Array<Y.Map<V>>): ListEntry[] {
  return useTypeSnapshot(array, () => readList(array))
}

/** The step of the meeting circle the chair has moved to (1 before the meeting starts). */
export function useCurrentStep(doc: Y.Doc): Step {
  return useTypeSnapshot(planParts(doc).meeting, () => currentStep(doc))
}

/**
 * The meeting's type from the set-up the server wrote: a follow-up's circle asks its own questions
 * (P8). A plan without one (not synced yet) reads as a first meeting.
 */
export function useMeetingType(doc: Y.Doc): MeetingType {
  const setup = planParts(doc).setup
  return useTypeSnapshot(setup, () => (setup.get('type') === 'followup' ? 'followup' : 'first'))
}

/** Everyone invited, from the server-written `participants` map, child first. */
export function useParticipants(doc: Y.Doc): Person[] {
  const participants = planParts(doc).participants
  return useTypeSnapshot(participants, () => toPeople(readMap(participants)))
}

/** Whether a rich-text part has anything in it yet. */
export function useTextIsEmpty(fragment: Y.XmlFragment): boolean {
  return useTypeSnapshot(fragment, () => fragmentText(fragment).trim() === '')
}

/** A rich-text part as plain text blocks: paragraphs and list items, for reading and speaking. */
export function useTextBlocks(fragment: Y.XmlFragment): TextBlock[] {
  return useTypeSnapshot(fragment, () => fragmentBlocks(fragment))
}

export type TextBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }

/** The text of a node and everything in it; a hard break is a line break, blocks are lines. */
function nodeText(node: unknown): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert: unknown }[])
      .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
      .join('')
  }
  if (node instanceof Y.XmlElement && node.nodeName === 'hardBreak') return '\n'
  if (!(node instanceof Y.XmlElement || node instanceof Y.XmlFragment)) return ''
  const children = node.toArray()
  const inline = children.every(
    (child) =>
      child instanceof Y.XmlText || (child instanceof Y.XmlElement && child.nodeName === 'hardBreak'),
  )
  return children.map(nodeText).join(inline ? '' : '\n')
}

export function fragmentText(fragment: Y.XmlFragment): string {
  return nodeText(fragment)
}

export function fragmentBlocks(fragment: Y.XmlFragment): TextBlock[] {
  const blocks: TextBlock[] = []
  for (const node of fragment.toArray()) {
    if (node instanceof Y.XmlElement && (node.nodeName === 'bulletList' || node.nodeName === 'orderedList')) {
      const items = node
        .toArray()
        .map((item) => nodeText(item).trim())
        .filter((text) => text)
      if (items.length > 0) blocks.push({ kind: 'list', ordered: node.nodeName === 'orderedList', items })
      continue
    }
    const text = nodeText(node).trim()
    if (text) blocks.push({ kind: 'paragraph', text })
  }
  return blocks
}

/** The goals, typed, in document order. */
export function useGoals(doc: Y.Doc): Goal[] {
  const list = usePlanList(planParts(doc).goals)
  return useMemo(() => list.map(toGoal), [list])
}

/** The supports (insatser), typed, in document order. */
export function useSupports(doc: Y.Doc): Support[] {
  const list = usePlanList(planParts(doc).supports)
  return useMemo(() => list.map(toSupport), [list])
}

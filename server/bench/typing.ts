/**
 * A note-taker's keystrokes shaped as Tiptap writes them into a plan part (its y-prosemirror
 * binding, @tiptap/y-tiptap): every keystroke is one Yjs transaction, one update.
 *
 * - a character: inserted at the end of the last paragraph's Y.XmlText; the first character of a
 *   new paragraph creates that Y.XmlText in the same transaction (an empty paragraph has none);
 * - Enter at the end of a sentence (now and then): a new, empty Y.XmlElement('paragraph');
 * - bold on a word (now and then, after a word is finished): the word before the last one is
 *   selected and made bold – a format over its range with the attribute `bold: {}`, as the
 *   binding writes a mark without attributes;
 * - Backspace at the end (only if asked for, as the cold-load history does): a deletion.
 *
 * The text comes from note-like sample sentences; each typist starts at its own seeded place, so
 * the meetings of a level do not type in step. The same typist drives every contestant.
 */
import * as Y from 'yjs'

export type Keystroke = 'char' | 'paragraph' | 'bold' | 'backspace'

const SAMPLE =
  'Eleven trivs bättre i skolan. Mentor följer upp varje vecka. ' +
  'BUP fortsätter samtalen i vår. Vårdnadshavarna vill ha kontakt med socialtjänsten. ' +
  'Skolan ordnar en lugn plats på rasterna. Nästa möte i maj. ' +
  'Elevhälsan kallar till läkarbesök. Fritidsgården erbjuder en kontaktperson. '
/** Enter instead of the space after a sentence, this often. */
const PARAGRAPH_CHANCE = 0.5
/** A word made bold after a finished word, this often. */
const BOLD_CHANCE = 0.12

/** A small seeded PRNG (mulberry32): the same keystrokes every run. */
export function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class Typist {
  private readonly fragment: Y.XmlFragment
  private readonly next: () => number
  private at: number
  /** Whether a word was just finished (a bold keystroke may follow, once per word). */
  private wordDone = false
  readonly counts: Record<Keystroke, number> = { char: 0, paragraph: 0, bold: 0, backspace: 0 }

  constructor(
    private readonly doc: Y.Doc,
    part: string,
    seed: number,
    /** Share of keystrokes that are Backspace (default none: every keystroke then adds). */
    private readonly backspaceChance = 0,
  ) {
    this.fragment = doc.getXmlFragment(part)
    this.next = random(seed)
    this.at = Math.floor(this.next() * SAMPLE.length)
  }

  /**
   * One keystroke: one transaction, one Yjs update. Every kind but Backspace advances the
   * document's clock for this client (the meeting scenario measures delivery by it).
   */
  type(): Keystroke {
    const last = this.fragment.length > 0 ? this.fragment.get(this.fragment.length - 1) : undefined
    if (!(last instanceof Y.XmlElement)) return this.newParagraph()
    const char = SAMPLE[this.at % SAMPLE.length]!
    const previous = SAMPLE[(this.at + SAMPLE.length - 1) % SAMPLE.length]
    // Enter replaces the space after a full stop.
    if (char === ' ' && previous === '.' && this.next() < PARAGRAPH_CHANCE) {
      this.at++
      return this.newParagraph()
    }
    const text = last.get(0)
    if (this.backspaceChance > 0 && text instanceof Y.XmlText && text.length > 0) {
      if (this.next() < this.backspaceChance) {
        this.doc.transact(() => text.delete(text.length - 1, 1))
        this.counts.backspace++
        return 'backspace'
      }
    }
    if (this.wordDone && text instanceof Y.XmlText && this.next() < BOLD_CHANCE) {
      this.wordDone = false
      const word = previousPlainWord(text)
      if (word) {
        this.doc.transact(() => text.format(word.at, word.length, { bold: {} }))
        this.counts.bold++
        return 'bold'
      }
    }
    this.at++
    this.wordDone = char === ' '
    this.doc.transact(() => {
      if (text instanceof Y.XmlText) text.insert(text.length, char)
      else last.insert(0, [new Y.XmlText(char)])
    })
    this.counts.char++
    return 'char'
  }

  private newParagraph(): Keystroke {
    this.doc.transact(() => this.fragment.push([new Y.XmlElement('paragraph')]))
    this.wordDone = false
    this.counts.paragraph++
    return 'paragraph'
  }
}

/** The word before the last one of a paragraph's text, if it is there and not bold yet. */
function previousPlainWord(text: Y.XmlText): { at: number; length: number } | undefined {
  const runs = text.toDelta() as { insert: string; attributes?: { bold?: object } }[]
  const plain = runs.map((r) => r.insert).join('')
  const words = [...plain.matchAll(/[^\s.]+/g)]
  const word = words[words.length - 2]
  if (word?.index === undefined) return undefined
  let offset = 0
  for (const run of runs) {
    const end = offset + run.insert.length
    if (run.attributes?.bold && offset < word.index + word[0].length && end > word.index) return undefined
    offset = end
  }
  return { at: word.index, length: word[0].length }
}

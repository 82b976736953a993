/**
 * Names of the shared Y.XmlFragments in a meeting's Y.Doc. A name is part of the stored document:
 * renaming one orphans what was written under the old name.
 */
export const Fragments = {
  /** Free-form meeting notes (this stage's single editor). */
  notes: 'notes',
} as const

export type FragmentName = (typeof Fragments)[keyof typeof Fragments]

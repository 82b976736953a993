import { useEffect, useReducer } from 'react'

/** Any Yjs shared type: Y.Map, Y.Array, Y.XmlFragment. */
interface Observable {
  observeDeep(listener: () => void): void
  unobserveDeep(listener: () => void): void
}

/**
 * Re-renders the component whenever `type` or anything nested in it changes. The component reads
 * the values straight from the shared type while rendering: the document is the only state, so
 * a change from anyone – the chair on the projector or this screen – renders the same way.
 */
export function useYChanges(...types: Observable[]): void {
  const [, bump] = useReducer((version: number) => version + 1, 0)
  useEffect(() => {
    for (const type of types) type.observeDeep(bump)
    // A change between the first render and this effect would otherwise go unseen.
    bump()
    return () => {
      for (const type of types) type.unobserveDeep(bump)
    }
    // The shared types are stable for a document; spreading them keeps the call site simple.
    // biome-ignore lint/correctness/useExhaustiveDependencies: the list of types is the dependency
  }, types)
}

import { useSyncExternalStore } from 'react'

/**
 * One value that changes outside React – the address, the staff session, the sync connection –
 * read by screens while they render (useStore). The methods need no `this`, so they can be handed
 * to useSyncExternalStore as they are.
 */
export interface ReadableStore<T> {
  getSnapshot(): T
  subscribe(listener: () => void): () => void
}

export interface Store<T> extends ReadableStore<T> {
  /** Replaces the value; listeners hear of it only if it differs (`equal`). */
  set(next: T): void
}

/**
 * A store for useSyncExternalStore. React compares snapshots by identity, so a value is replaced
 * whole, never changed in place; `equal` (by default Object.is) keeps an equal value from
 * re-rendering every screen that reads it.
 */
export function createStore<T>(initial: T, equal: (a: T, b: T) => boolean = Object.is): Store<T> {
  let value = initial
  const listeners = new Set<() => void>()
  return {
    getSnapshot: () => value,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    set(next) {
      if (equal(value, next)) return
      value = next
      for (const listener of listeners) listener()
    },
  }
}

/**
 * The store's value; the component renders again when it changes. A screen rendered to a string
 * (the component tests) reads the same value.
 */
export function useStore<T>(store: ReadableStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
}

import type { Stores } from './contract'

/** A promise that knows whether anyone took its result (then, await, catch, Promise.all). */
class Watched<T> extends Promise<T> {
  static override get [Symbol.species]() {
    return Promise
  }
  observed = false
  // biome-ignore lint/suspicious/noThenProperty: a Promise's own then, overridden to note who takes the result.
  override then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.observed = true
    return super.then(onFulfilled, onRejected)
  }
}

/**
 * In tests (strict): a store call whose promise nobody awaits by the end of the event-loop turn
 * is a defect – on PostgreSQL its write would race the answer and its error would go unheard – so
 * it fails the run, naming the call. SQLite ran it already; the check is what keeps both engines
 * honest.
 */
export function watched<T>(promise: Promise<T>, name: string): Promise<T> {
  const result = new Watched<T>((resolve, reject) => promise.then(resolve, reject))
  setImmediate(() => {
    if (!result.observed) throw new Error(`store call ${name} was not awaited`)
  })
  return result
}

/** Every store's calls watched (tests, either engine): see `watched`. */
export function watchedStores(stores: Stores): Stores {
  const out: Record<string, Record<string, unknown>> = {}
  for (const [storeName, store] of Object.entries(stores)) {
    const methods: Record<string, unknown> = {}
    for (const [name, method] of Object.entries(
      store as Record<string, (...args: unknown[]) => Promise<unknown>>,
    )) {
      methods[name] = (...args: unknown[]) => watched(method.apply(store, args), `${storeName}.${name}`)
    }
    out[storeName] = methods
  }
  return out as unknown as Stores
}

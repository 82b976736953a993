import { describe, expect, it } from 'vitest'
import { createStore } from './store'

describe('createStore', () => {
  it('tells its listeners of a new value, and keeps it as the snapshot', () => {
    const store = createStore({ count: 0 })
    const seen: number[] = []
    const unsubscribe = store.subscribe(() => seen.push(store.getSnapshot().count))
    const first = store.getSnapshot()
    expect(store.getSnapshot()).toBe(first)
    store.set({ count: 1 })
    store.set({ count: 2 })
    expect(seen).toEqual([1, 2])
    unsubscribe()
    store.set({ count: 3 })
    expect(seen).toEqual([1, 2])
    expect(store.getSnapshot()).toEqual({ count: 3 })
  })

  it('stays silent for an equal value: the same object by default, or by its own `equal`', () => {
    const value = { status: 'saved' }
    const byIdentity = createStore(value)
    const byStatus = createStore(value, (a, b) => a.status === b.status)
    let identityCalls = 0
    let statusCalls = 0
    byIdentity.subscribe(() => identityCalls++)
    byStatus.subscribe(() => statusCalls++)
    for (const store of [byIdentity, byStatus]) {
      store.set(value)
      store.set({ status: 'saved' })
    }
    expect(identityCalls).toBe(1)
    expect(statusCalls).toBe(0)
    expect(byStatus.getSnapshot()).toBe(value)
  })

  it('hands out methods that work unbound, as useSyncExternalStore calls them', () => {
    const { getSnapshot, subscribe, set } = createStore('a')
    let calls = 0
    subscribe(() => calls++)
    set('b')
    expect(getSnapshot()).toBe('b')
    expect(calls).toBe(1)
  })
})

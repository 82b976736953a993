import { describe, expect, it } from 'vitest'
import { RenewalBatch } from './presence'

const present = () => true

describe('A4a: renewals wait for the batch, changes do not', () => {
  it('A4a: an id updated without a change just before is a renewal, and waits', () => {
    const batch = new RenewalBatch()
    expect(batch.updated([7])).toBe(true)
    expect(batch.take(present)).toEqual([7])
    // The batch is empty after it is taken.
    expect(batch.updated([])).toBe(false)
    expect(batch.take(present)).toEqual([])
  })

  it('A4a: an id that changed is passed on with the change, not again as a renewal', () => {
    const batch = new RenewalBatch()
    // y-protocols: 'change' for the real change, then 'update' for the same message.
    batch.changed([7])
    expect(batch.updated([7])).toBe(false)
    expect(batch.take(present)).toEqual([])
  })

  it('A4a: a change covers a renewal of the same id still waiting; the others keep waiting', () => {
    const batch = new RenewalBatch()
    batch.updated([7, 8])
    batch.changed([7])
    expect(batch.updated([7])).toBe(true)
    expect(batch.take(present)).toEqual([8])
  })

  it('A4a: renewals of ids that left before the batch was due are not passed on', () => {
    const batch = new RenewalBatch()
    batch.updated([7, 8])
    expect(batch.take((id) => id !== 7)).toEqual([8])
  })

  it('A4a: a change only marks the update that follows it', () => {
    const batch = new RenewalBatch()
    batch.changed([7])
    batch.updated([7])
    // The next message from 7 is a renewal again.
    expect(batch.updated([7])).toBe(true)
    expect(batch.take(present)).toEqual([7])
  })
})

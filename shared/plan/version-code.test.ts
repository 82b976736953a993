import { describe, expect, it } from 'vitest'
import { versionCode } from './version-code'

describe('versionCode', () => {
  it('groups the first ten hex digits of the hash, upper case', () => {
    expect(versionCode('3fa2c91b0e77d0c1aa')).toBe('3FA2C-91B0E')
  })

  it('differs when the hash differs in its first ten digits', () => {
    expect(versionCode('0000000000ff')).not.toBe(versionCode('0000000001ff'))
  })

  it('refuses what is not a hex hash', () => {
    expect(() => versionCode('xyz')).toThrow()
    expect(() => versionCode('abc')).toThrow()
  })
})

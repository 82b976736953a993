import { describe, expect, it } from 'vitest'
import { pickVoice } from './speech'

function voice(lang: string, { local = true, isDefault = false, name = lang } = {}): SpeechSynthesisVoice {
  return { lang, localService: local, default: isDefault, name, voiceURI: name }
}

describe('choosing a voice to read aloud', () => {
  it('takes a local Swedish voice, Sweden first', () => {
    const voices = [voice('en-GB'), voice('sv-FI', { name: 'fi' }), voice('sv-SE', { name: 'Alva' })]
    expect(pickVoice(voices, 'sv')?.name).toBe('Alva')
    expect(pickVoice([voice('sv_SE', { name: 'android' })], 'sv')?.name).toBe('android')
    expect(pickVoice([voice('sv-FI', { name: 'fi' })], 'sv')?.name).toBe('fi')
  })

  it('never a network voice, which would send the text to a third party', () => {
    expect(pickVoice([voice('sv-SE', { local: false, name: 'Google svenska' })], 'sv')).toBeNull()
  })

  it('finds none when the device has no voice for the language', () => {
    expect(pickVoice([], 'sv')).toBeNull()
    expect(pickVoice([voice('en-US'), voice('nb-NO')], 'sv')).toBeNull()
  })
})

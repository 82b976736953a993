import { describe, expect, it } from 'vitest'
import { en } from '../i18n/en'
import { sv } from '../i18n/sv'
import { Translator } from '../i18n/translator'
import { EMPTY_SUPPORT } from './actions'
import { helpLine, helpSpeech } from './child-lines'
import type { Support } from './model'

const i18n = new Translator({ sv, en }, 'sv')
const t = i18n.t.bind(i18n)

function support(fields: Partial<Support>): Support {
  return { id: 's1', party: 'agency', ...EMPTY_SUPPORT, carried: null, ...fields }
}

describe('the child view: what will help and who helps, in plain words', () => {
  it('names the person who helps, not the organisation', () => {
    const line = helpLine(
      t,
      support({ what: 'Samtal om oro.', organisation: 'bup', responsible: 'Anna', frequency: 'varje vecka' }),
    )
    expect(line).toEqual({
      id: 's1',
      what: 'Samtal om oro',
      who: 'Vem hjälper dig: Anna',
      when: 'När: varje vecka',
      status: '',
    })
    expect(helpSpeech(line)).toBe('Samtal om oro. Vem hjälper dig: Anna. När: varje vecka.')
  })

  it('without a name, the organisation in words – never its code – and without either, a grown-up', () => {
    expect(helpLine(t, support({ what: 'Samtal', organisation: 'bup' })).who).toBe('Vem hjälper dig: BUP')
    expect(helpLine(t, support({ what: 'Läxhjälp', organisation: 'Fritidsgården Nord' })).who).toBe(
      'Vem hjälper dig: Fritidsgården Nord',
    )
    expect(helpLine(t, support({ what: 'Läxhjälp' })).who).toBe('Vem hjälper dig: En vuxen från mötet')
  })

  it('what the family does itself says so, and a support without a time says no time', () => {
    const line = helpLine(t, support({ party: 'family', what: 'Läsa tillsammans', responsible: 'Sara' }))
    expect(line.who).toBe('Det gör ni själva hemma.')
    expect(line.when).toBe('')
    expect(helpSpeech(line)).toBe('Läsa tillsammans. Det gör ni själva hemma.')
  })
})

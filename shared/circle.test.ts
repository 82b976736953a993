import { describe, expect, it } from 'vitest'
import { CIRCLE, stepGuide } from './circle'
import { LANGUAGES } from './languages'
import { STEPS } from './plan/layout'
import { ROLES } from './roles'

describe('the meeting circle, one text per person', () => {
  it('every step has a title and a text for the chair, participants, guardians and the child, in every language', () => {
    for (const language of LANGUAGES) {
      for (const step of STEPS) {
        const texts = CIRCLE[language][step]
        for (const text of [
          texts.title,
          texts.chair,
          texts.participant,
          texts.guardian,
          texts.child,
          texts.room,
        ]) {
          expect(text.trim()).not.toBe('')
        }
        // Each person gets their own words, not a copy of someone else's.
        expect(new Set([texts.chair, texts.participant, texts.guardian, texts.child, texts.room]).size).toBe(
          5,
        )
      }
    }
  })

  it('a guardian, and the room on the wall, are addressed as family, never as an organisation', () => {
    for (const step of STEPS) {
      expect(CIRCLE.sv[step].guardian).not.toMatch(/verksamhet/i)
      expect(CIRCLE.en[step].guardian).not.toMatch(/organisation/i)
      // The wall is read by the family too.
      expect(CIRCLE.sv[step].room).not.toMatch(/verksamhet/i)
      expect(CIRCLE.en[step].room).not.toMatch(/organisation/i)
    }
  })

  it('stepGuide chooses the text by role; the note-taker reads the participants\u2019 text', () => {
    const texts = CIRCLE.sv[3]
    const chosen = Object.fromEntries(ROLES.map((role) => [role, stepGuide(texts, role)]))
    expect(chosen).toEqual({
      chair: texts.chair,
      notetaker: texts.participant,
      participant: texts.participant,
      guardian: 'Vad kan ni i familjen göra, och vad behöver ni hjälp med? Säg till om något är oklart.',
      child: 'Vad vill du ska bli bättre? Vem ska hjälpa dig med vad?',
    })
  })
})

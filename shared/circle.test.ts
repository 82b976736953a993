import { describe, expect, it } from 'vitest'
import { CIRCLE, CIRCLE_FOLLOW_UP, circleTexts, stepGuide } from './circle'
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

describe('P8: the circle at a follow-up meeting carries seed 002’s questions', () => {
  const AUDIENCES = ['chair', 'participant', 'guardian', 'child', 'room'] as const

  it('P8: steps 1 to 3 have a follow-up text for every person, in every language; 4 and 5 are the first meeting’s', () => {
    for (const language of LANGUAGES) {
      for (const step of STEPS) {
        const followUp = circleTexts(language, step, 'followup')
        const first = CIRCLE[language][step]
        expect(followUp.title).toBe(first.title)
        if (step >= 4) {
          expect(followUp).toEqual(first)
          continue
        }
        for (const audience of AUDIENCES) {
          expect(followUp[audience].trim()).not.toBe('')
          // A follow-up asks its own questions: no person reads the first meeting's text there.
          expect(followUp[audience]).not.toBe(first[audience])
        }
        expect(new Set(AUDIENCES.map((audience) => followUp[audience])).size).toBe(AUDIENCES.length)
      }
    }
  })

  it('P8: a first meeting – and a meeting of no stated type – reads the circle as before', () => {
    for (const language of LANGUAGES) {
      for (const step of STEPS) {
        expect(circleTexts(language, step, 'first')).toBe(CIRCLE[language][step])
        expect(circleTexts(language, step)).toBe(CIRCLE[language][step])
      }
    }
  })

  it('P8: in step 1 the chair reads the previous protocol aloud, and everyone is told it will be read', () => {
    expect(circleTexts('sv', 1, 'followup').chair).toContain('Läs upp tidigare protokoll')
    expect(circleTexts('en', 1, 'followup').chair).toContain('Read out the previous protocol')
    for (const audience of ['participant', 'guardian', 'room'] as const) {
      expect(circleTexts('sv', 1, 'followup')[audience]).toMatch(/protokollet från förra mötet/)
    }
    // The child hears it as what we decided, not as a "protokoll".
    expect(circleTexts('sv', 1, 'followup').child).toBe(
      'Nu säger alla vem de är. Sedan läser vi upp vad vi bestämde förra gången.',
    )
  })

  it('P8: steps 2 and 3 ask the routine’s questions (seed 002, 4.5.2) of the chair', () => {
    const chair = `${circleTexts('sv', 2, 'followup').chair} ${circleTexts('sv', 3, 'followup').chair}`
    for (const question of [
      'Uppfylls barnets önskningar och mål?',
      'Har barnet fått de insatser som planerades?',
      'i rätt ordning',
      'avsedd effekt',
      'Har barnets behov eller önskemål förändrats?',
      'bedömning av planens utfall',
      'skolbyte eller ny adress',
      'Behövs en annan insats – eller en ny SIP-plan?',
    ]) {
      expect(chair).toContain(question)
    }
    const chairEn = `${circleTexts('en', 2, 'followup').chair} ${circleTexts('en', 3, 'followup').chair}`
    for (const question of [
      'wishes and goals',
      'in the right order',
      'intended effect',
      'a new address',
      'a new SIP',
    ]) {
      expect(chairEn).toContain(question)
    }
    // Step 3 names the outcomes and statuses the note-taker sets, in the words of the room's form.
    expect(circleTexts('sv', 3, 'followup').chair).toContain('uppnått, delvis uppnått eller inte uppnått')
    expect(circleTexts('sv', 3, 'followup').chair).toContain('genomförd, pågår, inte påbörjad eller avslutad')
  })

  it('P8: the family, the wall and the child are asked the same things in their own words', () => {
    for (const step of [1, 2, 3] as const) {
      const sv = circleTexts('sv', step, 'followup')
      const en = circleTexts('en', step, 'followup')
      expect(sv.guardian).not.toMatch(/verksamhet/i)
      expect(sv.room).not.toMatch(/verksamhet/i)
      expect(en.guardian).not.toMatch(/organisation/i)
      expect(en.room).not.toMatch(/organisation/i)
      // Plain words for the child: no system or office words.
      expect(sv.child).not.toMatch(/insats|protokoll|SIP|verksamhet|utfall/i)
      expect(en.child).not.toMatch(/support|protocol|SIP|organisation|outcome/i)
    }
    expect(circleTexts('sv', 2, 'followup').guardian).toContain('ny skola eller ny adress')
    expect(circleTexts('sv', 2, 'followup').child).toBe(
      'Hur har det gått sedan sist? Har du fått den hjälp vi bestämde? Har något blivit annorlunda?',
    )
  })

  it('P8: stepGuide chooses among the follow-up texts by role, as at a first meeting', () => {
    const texts = circleTexts('sv', 2, 'followup')
    expect(stepGuide(texts, 'guardian')).toBe(CIRCLE_FOLLOW_UP.sv[2]?.guardian)
    expect(stepGuide(texts, 'notetaker')).toBe(CIRCLE_FOLLOW_UP.sv[2]?.participant)
    expect(stepGuide(texts, 'chair')).toBe(CIRCLE_FOLLOW_UP.sv[2]?.chair)
    expect(stepGuide(texts, 'child')).toBe(CIRCLE_FOLLOW_UP.sv[2]?.child)
  })
})

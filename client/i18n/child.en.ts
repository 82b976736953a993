import type { ChildCatalogue } from './child.sv'

/** The child's own screen in English, typed against the Swedish catalogue. */
export const childEn: ChildCatalogue = {
  hello: 'Hi {{name}}!',
  intro: 'Here you can see what you talk about and what you decide at the meeting.',
  connection: {
    connected: 'You are in',
    connecting: 'Connecting you…',
    offline: 'No connection right now – we are trying again',
    closed: 'No connection right now. Ask a grown-up in the meeting.',
  },
  notStarted: 'The meeting has not started yet. We start soon!',
  ended: 'The meeting is over. Thank you for taking part!',
  fullPlan: {
    title: 'Everything that is written',
    hint: 'Here you can see the whole plan the way the grown-ups see it.',
    show: 'Show the whole plan',
  },
  signoff: {
    locked: 'The plan is ready. Now everyone signs.',
    finalized: 'The plan is ready.',
    changing: 'The grown-ups are changing the plan a little. Then everyone can sign again.',
    count: '{{signed}} of {{required}} have signed.',
    signedList: 'Have signed',
  },
  sign: {
    title: 'The end of the meeting',
    legend: 'Do you want to sign the plan?',
    hint: 'Read the plan first. Ask if something is hard to understand.',
    confirm: 'I know what the plan says and I say yes to it',
    name: 'Your name',
    submit: 'Sign',
    done: 'You have signed. Thank you!',
  },
  download: 'Save the plan (PDF)',
  satisfaction: {
    legend: 'Are you happy with the meeting?',
    options: {
      '1': 'Not happy at all',
      '2': 'A little happy',
      '3': 'So-so',
      '4': 'Happy',
      '5': 'Very happy',
    },
    missing: 'Choose how happy you are.',
    comment: 'Do you want to say anything else? You can if you like.',
    submit: 'Send',
    done: 'Thank you for answering!',
  },
  help: {
    who: 'Who helps you: {{who}}',
    family: 'You do this yourselves at home.',
    when: 'When: {{when}}',
    someone: 'A grown-up from the meeting',
  },
}

import { DEVIATION_CATEGORY_TERMS } from '../../shared/deviation-terms'
import type { DeviationsCatalogue } from './deviations.sv'

/** Deviations in English, typed against the Swedish catalogue. */
export const deviationsEn: DeviationsCatalogue = {
  title: 'Deviations',
  intro:
    'Record what did not go as the routine says, for example that an invited organisation did not come. Deviations can be exported and filed in the municipality’s deviation system.',
  categories: DEVIATION_CATEGORY_TERMS.en,
  list: {
    title: 'Recorded deviations',
    none: 'No deviations are recorded.',
    date: 'Date',
    organisation: 'Organisation',
    description: 'Description',
    meeting: 'Concerns',
    wholeSip: 'The whole SIP',
    recorded: 'Recorded',
    recordedBy: '{{name}}, {{when}}',
  },
  form: {
    title: 'Record a deviation',
    category: 'Category',
    organisation: 'Organisation concerned',
    description: 'Description',
    descriptionHint: 'Short, at most {{count}} characters.',
    personalData:
      'Do not write personal data – no names, personal identity numbers or details about the child.',
    occurredOn: 'Date',
    meeting: 'Meeting',
    meetingHint: 'Choose the meeting the deviation concerns, or the whole SIP.',
    meetingOption: '{{type}} {{date}}',
    submit: 'Record deviation',
    recorded: 'The deviation is recorded.',
  },
  export: 'Export as CSV',
  exportHint: 'A file for Excel or the municipality’s deviation system.',
  exportFailed: 'The deviations could not be exported. Try again.',
  admin: {
    nav: 'Deviations',
    title: 'Deviations',
    intro:
      'Every deviation recorded in SIP Live, newest first. Only the deviations are shown here – not the child or the plan.',
    count_one: '{{count}} deviation',
    count_other: '{{count}} deviations',
  },
}

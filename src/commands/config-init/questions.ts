import { cloudQuestions, postgresQuestions } from './environment-questions.js';
import { VM_QUESTIONS } from './vm-questions.js';
import { is, type Question } from './question-types.js';

export { ANY_ANSWER, type Choice, type Question, type QuestionKind } from './question-types.js';

const advanced = is('_advanced', true);

/** Settings with a single possible value: set without asking (and filled in when an answers file omits them). */
export const FIXED_SETTINGS: ReadonlyArray<readonly [string, string]> = [
  ['environments.cloudEmergency.kind', 'cloud'],
  ['environments.localEmergency.kind', 'postgres'],
];

/** Every question, in the order the wizard asks them. */
export const QUESTIONS: readonly Question[] = [
  {
    id: 'language',
    kind: 'choice',
    messageKey: 'config.q.language',
    default: (lang) => lang,
    choices: [
      { value: 'ja', labelKey: 'config.choice.ja' },
      { value: 'en', labelKey: 'config.choice.en' },
    ],
  },
  {
    id: 'clinic.institutionCode',
    kind: 'text',
    messageKey: 'config.q.institutionCode',
    pattern: { regex: /^\d{10}$/, problemKey: 'config.check.institutionCode' },
  },
  { id: 'clinic.name', kind: 'text', messageKey: 'config.q.clinicName' },
  {
    id: 'environments.operating.kind',
    kind: 'choice',
    messageKey: 'config.q.operatingKind',
    default: 'cloud',
    choices: [
      { value: 'cloud', labelKey: 'config.choice.cloud' },
      { value: 'postgres', labelKey: 'config.choice.postgres' },
    ],
  },
  ...cloudQuestions('environments.operating', 'operating', is('environments.operating.kind', 'cloud')),
  ...postgresQuestions('environments.operating', 'operating', is('environments.operating.kind', 'postgres')),
  ...cloudQuestions('environments.cloudEmergency', 'cloudEmergency'),
  ...postgresQuestions('environments.localEmergency', 'localEmergency'),
  ...VM_QUESTIONS,
  { id: 'backup.folder', kind: 'folder', messageKey: 'config.q.backupFolder' },
  { id: 'backup.retention', kind: 'number', messageKey: 'config.q.retention', default: 7, min: 1, max: 365 },
  { id: '_advanced', kind: 'confirm', messageKey: 'config.q.advanced', default: false },
  {
    id: 'sync.requestTimeoutSeconds',
    kind: 'number',
    messageKey: 'config.q.requestTimeout',
    default: 30,
    min: 1,
    max: 600,
    when: advanced,
  },
  {
    id: 'sync.deadlineMinutes',
    kind: 'number',
    messageKey: 'config.q.deadline',
    default: 45,
    min: 1,
    max: 1440,
    when: advanced,
  },
  {
    id: 'sequences.margin',
    kind: 'number',
    messageKey: 'config.q.margin',
    default: 0,
    min: 0,
    max: 1_000_000,
    when: advanced,
  },
  {
    id: 'sequences.lastKnownMargin',
    kind: 'number',
    messageKey: 'config.q.lastKnownMargin',
    default: 100,
    min: 0,
    max: 1_000_000,
    when: advanced,
  },
  {
    id: 'status.timeoutSeconds',
    kind: 'number',
    messageKey: 'config.q.statusTimeout',
    default: 5,
    min: 0.5,
    max: 120,
    fraction: true,
    when: advanced,
  },
  { id: 'stateDir', kind: 'folder', messageKey: 'config.q.stateDir', optional: true, when: advanced },
];

import type { Language } from '../../ui/i18n.js';

/**
 * The `config init` questions, declared once and used twice: the interactive wizard asks them in order,
 * and `--from-json` checks the answers file against the same rules. `id` is the dotted config path, or
 * `_name` for a wizard-only choice that only decides which questions follow.
 */
export type QuestionKind = 'text' | 'secret' | 'number' | 'choice' | 'confirm' | 'file' | 'folder' | 'url' | 'httpsUrl';

export interface Choice {
  value: string;
  /** Catalog key of the label; the value itself is shown when absent. */
  labelKey?: string;
}

export interface Question {
  id: string;
  kind: QuestionKind;
  /** Catalog key of the question text. */
  messageKey: string;
  /** Params whose value is a catalog key (the environment's name), translated when asked. */
  terms?: Record<string, string>;
  choices?: readonly Choice[];
  default?: string | number | boolean | ((lang: Language) => string);
  /** An empty answer leaves the setting out (secrets: given later through the environment). */
  optional?: boolean;
  min?: number;
  max?: number;
  /** Numbers may have a fraction (the status timeout); otherwise whole numbers only. */
  fraction?: boolean;
  /** Extra rule for text answers: returns the catalog key of the problem. */
  pattern?: { regex: RegExp; problemKey: string };
  when?: (get: (id: string) => unknown) => boolean;
}

/**
 * What a wizard-only question "answered" when checking an answers file, where nobody chose: every
 * condition on it holds, so each present setting is still checked.
 */
export const ANY_ANSWER = Symbol('any answer');

const is = (id: string, value: unknown) => (get: (id: string) => unknown) => {
  const answer = get(id);
  return answer === ANY_ANSWER || answer === value;
};
const both = (a: Question['when'], b: Question['when']) => (get: (id: string) => unknown) =>
  (a ? a(get) : true) && (b ? b(get) : true);

function cloudQuestions(prefix: string, env: string, when?: Question['when']): Question[] {
  const terms = { env: `env.${env}` };
  const cert = `_${env}Cert`;
  const list: Question[] = [
    { id: `${prefix}.url`, kind: 'httpsUrl', messageKey: 'config.q.cloudUrl', terms },
    { id: `${prefix}.orcaApiUrl`, kind: 'httpsUrl', messageKey: 'config.q.orcaApiUrl', terms },
    { id: `${prefix}.credentials.user`, kind: 'text', messageKey: 'config.q.apiUser', terms },
    { id: `${prefix}.credentials.apiKey`, kind: 'secret', messageKey: 'config.q.apiKey', terms, optional: true },
    {
      id: cert,
      kind: 'choice',
      messageKey: 'config.q.certKind',
      terms,
      default: 'p12',
      choices: [
        { value: 'p12', labelKey: 'config.choice.p12' },
        { value: 'pem', labelKey: 'config.choice.pem' },
        { value: 'none', labelKey: 'config.choice.noCert' },
      ],
    },
    {
      id: `${prefix}.credentials.clientCertificate.p12File`,
      kind: 'file',
      messageKey: 'config.q.p12File',
      terms,
      when: is(cert, 'p12'),
    },
    {
      id: `${prefix}.credentials.clientCertificate.passphrase`,
      kind: 'secret',
      messageKey: 'config.q.passphrase',
      terms,
      optional: true,
      when: is(cert, 'p12'),
    },
    {
      id: `${prefix}.credentials.clientCertificate.certFile`,
      kind: 'file',
      messageKey: 'config.q.certFile',
      terms,
      when: is(cert, 'pem'),
    },
    {
      id: `${prefix}.credentials.clientCertificate.keyFile`,
      kind: 'file',
      messageKey: 'config.q.keyFile',
      terms,
      when: is(cert, 'pem'),
    },
    { id: `${prefix}.credentials.caFile`, kind: 'file', messageKey: 'config.q.caFile', terms, optional: true },
  ];
  return list.map((q) => ({ ...q, when: both(when, q.when) }));
}

function postgresQuestions(prefix: string, env: string, when?: Question['when']): Question[] {
  const terms = { env: `env.${env}` };
  const auth = `_${env}ApiAuth`;
  const list: Question[] = [
    { id: `${prefix}.database.host`, kind: 'text', messageKey: 'config.q.dbHost', terms, default: '127.0.0.1' },
    {
      id: `${prefix}.database.port`,
      kind: 'number',
      messageKey: 'config.q.dbPort',
      terms,
      default: 5432,
      min: 1,
      max: 65535,
    },
    { id: `${prefix}.database.database`, kind: 'text', messageKey: 'config.q.dbName', terms, default: 'orca' },
    { id: `${prefix}.database.user`, kind: 'text', messageKey: 'config.q.dbUser', terms, default: 'orca' },
    { id: `${prefix}.database.password`, kind: 'secret', messageKey: 'config.q.dbPassword', terms, optional: true },
    {
      id: `${prefix}.database.sslmode`,
      kind: 'choice',
      messageKey: 'config.q.sslmode',
      terms,
      default: 'disable',
      choices: [{ value: 'disable' }, { value: 'require' }, { value: 'verify-full' }],
    },
    {
      id: `${prefix}.database.caFile`,
      kind: 'file',
      messageKey: 'config.q.caFile',
      terms,
      when: is(`${prefix}.database.sslmode`, 'verify-full'),
    },
    { id: `${prefix}.orcaApiUrl`, kind: 'url', messageKey: 'config.q.orcaApiUrl', terms },
    { id: auth, kind: 'confirm', messageKey: 'config.q.apiAuth', terms, default: true },
    { id: `${prefix}.credentials.user`, kind: 'text', messageKey: 'config.q.apiUser', terms, when: is(auth, true) },
    {
      id: `${prefix}.credentials.apiKey`,
      kind: 'secret',
      messageKey: 'config.q.apiPassword',
      terms,
      optional: true,
      when: is(auth, true),
    },
  ];
  return list.map((q) => ({ ...q, when: both(when, q.when) }));
}

const vmWanted = is('_vm', true);
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
  { id: '_vm', kind: 'confirm', messageKey: 'config.q.vm', default: false },
  {
    id: 'environments.localEmergency.vm.provider',
    kind: 'choice',
    messageKey: 'config.q.vmProvider',
    default: 'virtualbox',
    when: vmWanted,
    choices: [
      { value: 'virtualbox', labelKey: 'config.choice.virtualbox' },
      { value: 'hyperv', labelKey: 'config.choice.hyperv' },
      { value: 'lab', labelKey: 'config.choice.lab' },
    ],
  },
  { id: 'environments.localEmergency.vm.name', kind: 'text', messageKey: 'config.q.vmName', when: vmWanted },
  {
    id: 'environments.localEmergency.vm.labDir',
    kind: 'folder',
    messageKey: 'config.q.labDir',
    optional: true,
    when: both(vmWanted, is('environments.localEmergency.vm.provider', 'lab')),
  },
  {
    id: 'environments.localEmergency.vm.snapshot',
    kind: 'text',
    messageKey: 'config.q.vmSnapshot',
    default: 'clean',
    when: vmWanted,
  },
  {
    id: 'environments.localEmergency.vm.startTimeoutSeconds',
    kind: 'number',
    messageKey: 'config.q.vmStartTimeout',
    default: 180,
    min: 10,
    max: 3600,
    when: vmWanted,
  },
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

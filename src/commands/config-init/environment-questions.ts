/** The questions of one environment, by how it is reached: a cloud environment, or a database. */
import { both, is, type Question } from './question-types.js';

export function cloudQuestions(prefix: string, env: string, when?: Question['when']): Question[] {
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

export function postgresQuestions(prefix: string, env: string, when?: Question['when']): Question[] {
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

/**
 * What PostgreSQL's programs (pg_dump, pg_restore into a database) get to connect: TLS mode and CA, connect
 * timeout, application name, and the password through a password file (PGPASSFILE) — never argv, and not
 * PGPASSWORD either: an environment is copied into every process the program starts and shown by `ps e`
 * to the account, where a 0600 file exists only while the program runs. The file is
 * created 0600 and exclusive in the private state folder (a fresh private temporary folder when the caller
 * has none), named after this process, and removed when the program ends, fails or is cancelled; a second
 * Ctrl-C removes it on exit, and a file left by a killed run is removed by the next one.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '../../core/config-schema.js';
import { ConfigError } from '../../core/errors.js';
import { isPidAlive } from '../fs/lock-holder.js';
import { createOwnFile } from '../fs/no-follow.js';
import { ensurePrivateDir } from '../fs/private-files.js';

const PREFIX = '.pgpass-';
/** The default trust store handed to libpq, beside the password file and removed with it. */
const ROOT_PREFIX = '.pgroot-';

/** Runs `use` with the environment for a libpq program connecting to `db`; the password file is gone after. */
export async function withLibpqEnv<T>(
  db: DatabaseConfig,
  privateDir: string | undefined,
  use: (env: Record<string, string>) => Promise<T>,
): Promise<T> {
  const env: Record<string, string> = {
    PGSSLMODE: db.sslmode,
    PGCONNECT_TIMEOUT: '10',
    PGAPPNAME: 'orca-hybrid',
    ...englishMessages(process.env),
  };
  if (db.caFile !== undefined) env.PGSSLROOTCERT = db.caFile;
  const needsRoots = db.caFile === undefined && db.sslmode === 'verify-full';
  if (db.password === undefined && !needsRoots) return use(env);
  const dir = privateDir ?? (await mkdtemp(join(tmpdir(), 'orca-hybrid-')));
  const files: string[] = [];
  const onExit = (): void => {
    for (const file of files)
      try {
        unlinkSync(file);
      } catch {
        /* already removed */
      }
  };
  process.on('exit', onExit);
  try {
    await ensurePrivateDir(dir);
    await removeLeftovers(dir);
    if (db.password !== undefined) env.PGPASSFILE = await writePrivate(dir, PREFIX, passFileText(db.password), files);
    // Without database.caFile the tool's own connections trust Node's default store; libpq would read
    // ~/.postgresql/root.crt instead (and fail when it is missing). It gets the same store as a file.
    if (needsRoots) env.PGSSLROOTCERT = await writePrivate(dir, ROOT_PREFIX, defaultTrustStore(), files);
    return await use(env);
  } finally {
    process.removeListener('exit', onExit);
    if (privateDir === undefined) await rm(dir, { recursive: true, force: true });
    else await Promise.all(files.map((file) => rm(file, { force: true })));
  }
}

/**
 * PostgreSQL's programs speak the locale's language (Debian and the Windows installers ship Japanese), but
 * their failures are told apart by their English text (refused password, certificate, network: exit 4, 6,
 * 3). Messages in English (`LC_MESSAGES=C`, which also makes gettext ignore `LANGUAGE`); an `LC_ALL`, which
 * would override it, is cleared and its value kept for the character type, so file names and text are read
 * as before.
 */
export function englishMessages(inherited: NodeJS.ProcessEnv): Record<string, string> {
  const all = inherited.LC_ALL;
  if (all === undefined || all === '') return { LC_MESSAGES: 'C' };
  return { LC_ALL: '', LC_CTYPE: all, LC_MESSAGES: 'C' };
}

function passFileText(password: string): string {
  // libpq reads the file line by line: a password with a line break cannot be written into it.
  if (/[\r\n]/.test(password)) throw new ConfigError({ key: 'postgres.passwordLineBreak' });
  // One entry for whatever host, port, database and user the program connects with: only this program
  // reads the file, and this is its password. `\` and `:` are escaped as libpq's format wants.
  return `*:*:*:*:${password.replace(/[\\:]/g, (c) => `\\${c}`)}\n`;
}

/** Node's default trust store as PEM: its bundled CAs and, as Node adds them, those of NODE_EXTRA_CA_CERTS. */
export function defaultTrustStore(env: NodeJS.ProcessEnv = process.env): string {
  let extra = '';
  if (env.NODE_EXTRA_CA_CERTS)
    try {
      extra = readFileSync(env.NODE_EXTRA_CA_CERTS, 'utf8');
    } catch {
      // Node itself only warns about an unreadable file and goes on with its own CAs.
    }
  return `${[...rootCertificates, extra.trim()].filter((pem) => pem !== '').join('\n')}\n`;
}

/** A 0600 file created exclusively in `dir`, named after this process; remembered in `files` for removal. */
async function writePrivate(dir: string, prefix: string, text: string, files: string[]): Promise<string> {
  const file = join(dir, `${prefix}${process.pid}-${randomBytes(6).toString('hex')}`);
  const handle = await createOwnFile(file);
  files.push(file);
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
  return file;
}

/** Password and trust-store files of runs that were killed (their pid is gone). */
async function removeLeftovers(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = Number(/^\.pg(?:pass|root)-(\d+)-/.exec(name)?.[1] ?? NaN);
    if (Number.isInteger(pid) && pid !== process.pid && !isPidAlive(pid)) await rm(join(dir, name), { force: true });
  }
}

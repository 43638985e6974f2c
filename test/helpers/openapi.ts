/**
 * Checks requests and responses against `docs/openapi.yaml` (the cloud control contract), so the client
 * adapter and the lab server are tested against the same file. Each check returns a list of problems;
 * an empty list means valid: `expect(validateResponse('GET', '/hybrid/v1/health', 200, body, headers)).toEqual([])`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

type Json = Record<string, unknown>;
export type HeaderBag = Record<string, string | string[] | number | undefined>;

const BASE_PATH = '/hybrid/v1';
const SCHEMA_BASE = 'https://orca-hybrid.invalid/openapi/schemas/';
const DOC_PATH = fileURLToPath(new URL('../../docs/openapi.yaml', import.meta.url));

let loaded: { doc: Json; ajv: Ajv2020; cache: Map<unknown, ValidateFunction> } | undefined;

/** The parsed OpenAPI document. */
export function loadOpenApi(): Json {
  return state().doc;
}

function state(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const doc = parse(readFileSync(DOC_PATH, 'utf8')) as Json;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (v: string) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)),
  });
  const schemas = ((doc.components as Json).schemas ?? {}) as Json;
  for (const [name, schema] of Object.entries(schemas)) {
    ajv.addSchema({ ...(rewriteRefs(schema) as Json), $id: SCHEMA_BASE + name });
  }
  loaded = { doc, ajv, cache: new Map() };
  return loaded;
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')
        ? SCHEMA_BASE + value.slice('#/components/schemas/'.length)
        : rewriteRefs(value);
  }
  return out;
}

/** Follows a `$ref` to `#/components/...` in the document. */
function deref(node: unknown): Json {
  let current = node as Json;
  while (current && typeof current.$ref === 'string' && current.$ref.startsWith('#/')) {
    let target: unknown = state().doc;
    for (const part of current.$ref.slice(2).split('/')) target = (target as Json)[part];
    current = target as Json;
  }
  return current;
}

function check(schema: unknown, value: unknown, where: string): string[] {
  const { ajv, cache } = state();
  let validate = cache.get(schema);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(schema) as Json);
    cache.set(schema, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (e) => `${where}${e.instancePath} ${e.message ?? 'invalid'}${e.params ? ' ' + JSON.stringify(e.params) : ''}`,
  );
}

/** Finds the path template and its path parameters for a concrete path (with or without `/hybrid/v1`). */
export function matchPath(path: string): { template: string; params: Record<string, string> } | null {
  const bare = path.split('?')[0]!;
  const relative = bare.startsWith(BASE_PATH + '/') ? bare.slice(BASE_PATH.length) : bare;
  const paths = state().doc.paths as Json;
  if (relative in paths) return { template: relative, params: {} };
  const parts = relative.split('/');
  for (const template of Object.keys(paths)) {
    const tparts = template.split('/');
    if (tparts.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const fits = tparts.every((t, i) => {
      const m = /^\{(.+)\}$/.exec(t);
      if (m) {
        params[m[1]!] = decodeURIComponent(parts[i]!);
        return parts[i] !== '';
      }
      return t === parts[i];
    });
    if (fits) return { template, params };
  }
  return null;
}

function operation(
  method: string,
  path: string,
): { op: Json; pathItem: Json; params: Record<string, string> } | string {
  const match = matchPath(path);
  if (!match) return `path ${path} is not in the contract`;
  const pathItem = (state().doc.paths as Json)[match.template] as Json;
  const op = pathItem[method.toLowerCase()] as Json | undefined;
  if (!op) return `${method.toUpperCase()} ${match.template} is not in the contract`;
  return { op, pathItem, params: match.params };
}

function headerValue(headers: HeaderBag | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value.join(', ') : value === undefined ? undefined : String(value);
}

function checkHeader(name: string, spec: Json, headers: HeaderBag, where: string): string[] {
  const raw = headerValue(headers, name);
  if (raw === undefined) return spec.required ? [`${where} header ${name} is missing`] : [];
  const schema = deref(spec.schema);
  const value = schema.type === 'integer' && /^\d+$/.test(raw) ? Number(raw) : raw;
  return check(spec.schema, value, `${where} header ${name}`);
}

/**
 * Problems of a response: undocumented status, body not matching the JSON schema, and (when `headers` is
 * given) documented headers missing or malformed. Binary bodies (dump bytes) are not inspected.
 */
export function validateResponse(
  method: string,
  path: string,
  status: number,
  body: unknown,
  headers?: HeaderBag,
): string[] {
  const found = operation(method, path);
  if (typeof found === 'string') return [found];
  const responses = found.op.responses as Json;
  if (!(String(status) in responses)) return [`status ${status} is not documented for ${method.toUpperCase()} ${path}`];
  const response = deref(responses[String(status)]);
  const where = `${method.toUpperCase()} ${path} ${status}`;
  const problems: string[] = [];
  if (headers) {
    for (const [name, spec] of Object.entries((response.headers ?? {}) as Json)) {
      problems.push(...checkHeader(name, deref(spec), headers, where));
    }
  }
  const content = response.content as Json | undefined;
  const json = content?.['application/json'] as Json | undefined;
  if (json) {
    const type = headerValue(headers, 'content-type');
    if (headers && !type?.startsWith('application/json'))
      problems.push(`${where} content-type is ${type ?? 'missing'}`);
    problems.push(...check(json.schema, body, `${where} body`));
  } else if (
    !content &&
    method.toUpperCase() !== 'HEAD' &&
    body !== undefined &&
    body !== '' &&
    !(Buffer.isBuffer(body) && body.length === 0)
  ) {
    problems.push(`${where} has a body but the contract documents none`);
  }
  return problems;
}

/** Problems of a request: path parameters, documented headers (when given) and the JSON body. */
export function validateRequest(method: string, path: string, body?: unknown, headers?: HeaderBag): string[] {
  const found = operation(method, path);
  if (typeof found === 'string') return [found];
  const where = `${method.toUpperCase()} ${path} request`;
  const problems: string[] = [];
  const parameters = [
    ...((found.pathItem.parameters ?? []) as unknown[]),
    ...((found.op.parameters ?? []) as unknown[]),
  ].map(deref);
  for (const p of parameters) {
    if (p.in === 'path')
      problems.push(...check(p.schema, found.params[p.name as string], `${where} path ${String(p.name)}`));
    if (p.in === 'header' && headers) problems.push(...checkHeader(p.name as string, p, headers, where));
  }
  const requestBody = found.op.requestBody ? deref(found.op.requestBody) : undefined;
  const json = (requestBody?.content as Json | undefined)?.['application/json'] as Json | undefined;
  if (json) problems.push(...check(json.schema, body, `${where} body`));
  else if (!requestBody && body !== undefined) problems.push(`${where} has a body but the contract documents none`);
  return problems;
}

/** The JSON schema of a component, for tests that check one shape (e.g. `Backup`). */
export function validateComponent(name: string, value: unknown): string[] {
  return check({ $ref: `#/components/schemas/${name}` }, value, name);
}

/**
 * WebORCA's answer shapes (ORCA-API.md): one top-level key, `Information_Date`/`Information_Time`,
 * `Api_Result` and `Api_Result_Message` first, arrays padded to their fixed length with `{}`; XML ("xml2")
 * when the client did not ask for `format=json`.
 */

type OrcaValue = string | OrcaRecord | OrcaValue[];
export interface OrcaRecord {
  [key: string]: OrcaValue;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function orcaDate(at: Date): string {
  return `${at.getFullYear()}-${pad2(at.getMonth() + 1)}-${pad2(at.getDate())}`;
}

export function orcaTime(at: Date): string {
  return `${pad2(at.getHours())}:${pad2(at.getMinutes())}:${pad2(at.getSeconds())}`;
}

/** The fields every answer starts with. */
export function resultHeader(at: Date, result: string, message: string): OrcaRecord {
  return {
    Information_Date: orcaDate(at),
    Information_Time: orcaTime(at),
    Api_Result: result,
    Api_Result_Message: message,
  };
}

/** Pads `items` with empty objects to ORCA's fixed repeat count. */
export function padArray(items: OrcaRecord[], length: number): OrcaRecord[] {
  return [...items, ...Array.from({ length: Math.max(0, length - items.length) }, () => ({}))];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmlNode(name: string, value: OrcaValue): string {
  if (Array.isArray(value)) {
    const children = value.filter((v) => typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length > 0);
    return `<${name} type="array">${children.map((v) => xmlNode(`${name}_child`, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name} type="record">${Object.entries(value)
      .map(([k, v]) => xmlNode(k, v))
      .join('')}</${name}>`;
  }
  return `<${name} type="string">${escapeXml(value)}</${name}>`;
}

/** The xml2 rendering WebORCA sends without `format=json`: `<xmlio2><key type="record">…</key></xmlio2>`. */
export function toOrcaXml(body: Record<string, OrcaRecord>): string {
  const [key, value] = Object.entries(body)[0]!;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xmlio2>${xmlNode(key, value)}</xmlio2>\n`;
}

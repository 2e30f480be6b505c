// A compose file as a deployment reads it: its services, the OpenMetadata server among them, what that service's
// `environment:` passes (as written, before interpolation) and which `env_file:`s it loads.
import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node, Scalar, YAMLMap } from 'yaml';
import type { Span } from '../model';

/** One variable a service's `environment:` passes, as written. */
export interface ServiceVariable {
  name: string;
  nameSpan: Span;
  /** The value's string as YAML reads it, before compose interpolates it; undefined for `NAME` alone (taken from the environment compose runs in). */
  value: string | undefined;
  valueSpan: Span;
  /** Where the value's characters start inside the file (past an opening quote), for positions inside it. */
  textStart: number;
  /** The value's characters map one to one onto the file (plain, or quoted without escapes). */
  direct: boolean;
}

export interface ComposeService {
  name: string;
  nameSpan: Span;
  image?: string;
  /** In order; a later one of the same name wins, as compose merges. */
  environment: ServiceVariable[];
  /** The `environment:` block itself, for adding a variable to it; undefined when the service has none. */
  environmentBlock?: { form: 'map' | 'list'; keySpan: Span; insertAt: number; indent: number; flow: boolean };
  /** `env_file:` paths as written, relative to the compose file. */
  envFiles: { path: string; span: Span; required: boolean }[];
}

export interface ComposeFile {
  services: ComposeService[];
}

const lineEnd = (text: string, offset: number) => {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
};
const columnOf = (text: string, offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);

function variableFrom(text: string, name: string, nameSpan: Span, node: Scalar | undefined, fallbackEnd: number): ServiceVariable {
  if (!node?.range || node.value === null || node.value === undefined) {
    return { name, nameSpan, value: undefined, valueSpan: { start: fallbackEnd, end: fallbackEnd }, textStart: fallbackEnd, direct: true };
  }
  const [start, end] = node.range;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const value = String(node.value);
  const inner = quoted ? text.slice(start + 1, end - 1) : text.slice(start, end);
  return { name, nameSpan, value, valueSpan: { start, end }, textStart: start + (quoted ? 1 : 0), direct: inner === value };
}

function readEnvironment(text: string, node: unknown, service: ComposeService): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
      const key = pair.key;
      const value = isScalar(pair.value) ? pair.value : undefined;
      service.environment.push(variableFrom(text, String(key.value), { start: key.range![0], end: key.range![1] }, value, key.range![1] + 1));
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (!isScalar(item) || !item.range || typeof item.value !== 'string') continue;
      const s = item.value;
      const eq = s.indexOf('=');
      const quoted = item.type === 'QUOTE_DOUBLE' || item.type === 'QUOTE_SINGLE';
      const textStart = item.range[0] + (quoted ? 1 : 0);
      const direct = text.slice(textStart, textStart + s.length) === s;
      const name = eq === -1 ? s : s.slice(0, eq);
      const nameSpan = { start: textStart, end: textStart + name.length };
      if (eq === -1)
        service.environment.push({ name, nameSpan, value: undefined, valueSpan: { start: nameSpan.end, end: nameSpan.end }, textStart: nameSpan.end, direct });
      else {
        const valueStart = textStart + eq + 1;
        const valueEnd = direct ? textStart + s.length : valueStart;
        service.environment.push({ name, nameSpan, value: s.slice(eq + 1), valueSpan: { start: valueStart, end: valueEnd }, textStart: valueStart, direct });
      }
    }
  }
}

function readEnvFiles(node: unknown, service: ComposeService): void {
  const add = (item: unknown, required: boolean) => {
    if (isScalar(item) && typeof item.value === 'string' && item.range)
      service.envFiles.push({ path: item.value, span: { start: item.range[0], end: item.range[1] }, required });
  };
  if (isSeq(node)) {
    for (const item of node.items) {
      if (isMap(item)) {
        const required = item.get('required');
        add(item.get('path', true), required !== false);
      } else add(item, true);
    }
  } else add(node, true);
}

/** The services of a compose file; none when it is not YAML with a `services:` mapping. */
export function readCompose(text: string): ComposeFile {
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: false, strict: false });
  } catch {
    return { services: [] };
  }
  const services = isMap(doc.contents) ? doc.contents.get('services', true) : undefined;
  if (!isMap(services)) return { services: [] };
  const out: ComposeService[] = [];
  for (const pair of services.items) {
    if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range || !isMap(pair.value)) continue;
    const body = pair.value as YAMLMap;
    const image = body.get('image');
    const service: ComposeService = {
      name: String(pair.key.value),
      nameSpan: { start: pair.key.range[0], end: pair.key.range[1] },
      image: typeof image === 'string' ? image : undefined,
      environment: [],
      envFiles: [],
    };
    const envPair = body.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'environment');
    if (envPair && isScalar(envPair.key) && envPair.key.range) {
      const envNode = envPair.value as Node | null;
      readEnvironment(text, envNode, service);
      const keyStart = envPair.key.range[0];
      const flow = Boolean(envNode && (isMap(envNode) || isSeq(envNode)) && envNode.flow);
      const last = service.environment.at(-1);
      const indent = last ? columnOf(text, isSeq(envNode) ? text.lastIndexOf('-', last.nameSpan.start) : last.nameSpan.start) : columnOf(text, keyStart) + 2;
      service.environmentBlock = {
        form: isSeq(envNode) ? 'list' : 'map',
        keySpan: { start: keyStart, end: envPair.key.range[1] },
        insertAt: lineEnd(text, envNode?.range?.[1] ? Math.max(envNode.range[1] - 1, keyStart) : keyStart),
        indent,
        flow,
      };
    }
    readEnvFiles(body.get('env_file', true), service);
    out.push(service);
  }
  return { services: out };
}

const SERVER_IMAGE = 'openmetadata/server';

/**
 * The service that runs the OpenMetadata server: by its image, else by its name. The quickstarts run the same image
 * twice (a one-off migration service beside the server), so a name that says migration loses to one that does not.
 */
export function serverService(file: ComposeFile): ComposeService | undefined {
  const byImage = file.services.filter((s) => s.image?.includes(SERVER_IMAGE));
  const candidates = byImage.length ? byImage : file.services.filter((s) => /^openmetadata[-_]?server$/i.test(s.name));
  return candidates.find((s) => !/migrat/i.test(s.name)) ?? candidates[0];
}

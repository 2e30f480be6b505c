// Kubernetes Secrets in the workspace, and the Helm `secretRef`s and `secretKeyRef`s that name them: a reference to a
// key the Secret lacks only shows when the pod fails to start. Values are never read: only the keys and names.
import { isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { ConfigModel, Issue, Span } from '../model';
import { didYouMean } from '../text';
import { Paths } from '../../../../common/protocol';

/** A Secret as the workspace declares it: a `Secret`, or what a `SealedSecret` or `ExternalSecret` makes. */
export interface SecretManifest {
  name: string;
  kind: 'Secret' | 'SealedSecret' | 'ExternalSecret';
  /** Undefined when the keys are not known here (an ExternalSecret's `dataFrom`). */
  keys: Set<string> | undefined;
  uri: string;
  label: string;
  nameSpan: Span;
  /** 0-based line of the name, for messages. */
  line: number;
}

/** Whether a text may hold one (a cheap look before parsing every YAML file of a workspace). */
export const mayHoldSecrets = (text: string) => /kind:\s*["']?(Secret|SealedSecret|ExternalSecret)\b/.test(text);

const keysOf = (node: unknown): string[] => (isMap(node) ? node.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : [])) : []);

/** The Secrets a manifest file declares. */
export function readSecrets(text: string, uri: string, label: string): SecretManifest[] {
  if (!mayHoldSecrets(text)) return [];
  const out: SecretManifest[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false, strict: false });
  } catch {
    return [];
  }
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    const kindNode = root.get('kind', true);
    const kind: unknown = isScalar(kindNode) ? kindNode.value : undefined;
    if (kind !== 'Secret' && kind !== 'SealedSecret' && kind !== 'ExternalSecret') continue;
    const metadata = root.get('metadata', true);
    const spec = root.get('spec', true);
    let nameNode = isMap(metadata) ? metadata.get('name', true) : undefined;
    let keys: Set<string> | undefined;
    if (kind === 'Secret') keys = new Set([...keysOf(root.get('data', true)), ...keysOf(root.get('stringData', true))]);
    else if (kind === 'SealedSecret') {
      keys = new Set(isMap(spec) ? keysOf(spec.get('encryptedData', true)) : []);
      const template = isMap(spec) ? spec.get('template', true) : undefined;
      const templated = isMap(template) ? template.get('metadata', true) : undefined;
      if (isMap(templated) && isScalar(templated.get('name', true))) nameNode = templated.get('name', true);
    } else {
      const target = isMap(spec) ? spec.get('target', true) : undefined;
      if (isMap(target) && isScalar(target.get('name', true))) nameNode = target.get('name', true);
      const data = isMap(spec) ? spec.get('data', true) : undefined;
      const fromAll = isMap(spec) && spec.get('dataFrom', true);
      keys = fromAll
        ? undefined
        : new Set(isSeq(data) ? data.items.flatMap((i) => (isMap(i) && typeof i.get('secretKey') === 'string' ? [String(i.get('secretKey'))] : [])) : []);
    }
    if (!isScalar(nameNode) || typeof nameNode.value !== 'string' || !nameNode.range) continue;
    const nameSpan = { start: nameNode.range[0], end: nameNode.range[1] };
    out.push({ name: nameNode.value, kind, keys, uri, label, nameSpan, line: text.slice(0, nameSpan.start).split('\n').length - 1 });
  }
  return out;
}

/** A finding about a Secret reference, with the Secret manifest it concerns. */
export interface SecretIssue extends Issue {
  related: { place: { uri: string; span: Span }; message: string }[];
}

/**
 * `secret-key-missing`: a reference to a Secret of the workspace that lacks the key, or to a Secret the workspace does
 * not have while it has one of a near name. With no Secret in the workspace nothing is said: it is made elsewhere.
 */
export function secretReferenceIssues(model: ConfigModel, secrets: SecretManifest[]): SecretIssue[] {
  if (!secrets.length) return [];
  const out: SecretIssue[] = [];
  // The chart renders its OIDC references only for a confidential client with `oidcConfiguration.enabled`: otherwise
  // no pod reads them, and a missing key breaks nothing.
  const switchOn = !model.profile.oidcSwitch || model.entries.get(model.profile.oidcSwitch)?.value === true;
  const oidcRendered = switchOn && (model.entries.get(Paths.clientType)?.value ?? 'public') === 'confidential';
  for (const entry of model.entries.values()) {
    const ref = entry.secretKeyRef;
    if (!ref || (model.shape === 'helm' && entry.path.startsWith(`${Paths.oidc}.`) && !oidcRendered)) continue;
    const found = secrets.filter((s) => s.name === ref.name);
    if (!found.length) {
      const near = didYouMean(
        ref.name,
        secrets.map((s) => s.name),
      );
      const secret = near && secrets.find((s) => s.name === near);
      if (secret)
        out.push({
          code: 'secret-key-missing',
          severity: 'warning',
          span: ref.nameSpan,
          message: `No Secret \`${ref.name}\` is in the workspace, but \`${secret.name}\` is (${secret.label}:${secret.line + 1}): the pod cannot start while the Secret it names is missing. Did you mean \`${secret.name}\`?`,
          data: { secret: ref.name, suggestion: secret.name },
          related: [{ place: { uri: secret.uri, span: secret.nameSpan }, message: `the ${secret.kind} \`${secret.name}\`` }],
        });
      continue;
    }
    if (found.some((s) => !s.keys || s.keys.has(ref.key))) continue;
    const secret = found[0];
    const known = [...(secret.keys ?? [])];
    const near = didYouMean(ref.key, known);
    out.push({
      code: 'secret-key-missing',
      severity: 'warning',
      span: ref.keySpan,
      message: `The ${secret.kind} \`${secret.name}\` (${secret.label}:${secret.line + 1}) has no key \`${ref.key}\`${known.length ? ` (its keys: ${known.map((k) => `\`${k}\``).join(', ')})` : ''}: Kubernetes refuses to start the pod ("couldn't find key ${ref.key} in Secret").${near ? ` Did you mean \`${near}\`?` : ''}`,
      data: { secret: secret.name, key: ref.key, suggestion: near },
      related: [{ place: { uri: secret.uri, span: secret.nameSpan }, message: `the ${secret.kind} \`${secret.name}\`, without \`${ref.key}\`` }],
    });
  }
  return out;
}

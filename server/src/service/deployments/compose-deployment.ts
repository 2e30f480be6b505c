// A compose deployment: the compose files, the env files compose interpolates them with (`.env` beside them, or the
// `--env-file`s a deployment declares) and the `env_file:`s of the OpenMetadata server service. What the server
// container gets is computed here, with the place each value is written, and the checks that need more than one of
// these files run on it. Pure: texts in, findings with their places out.
import { checkText } from '../check';
import type { NeighbourText } from '../check';
import type { Issue, ServiceSettings, Span, TextChange } from '../model';
import { schemaIndex } from '../schema';
import { emptyModel } from '../shapes/index';
import { dotenvValue, isAuthVariable, readDotenv } from '../shapes/env/read';
import { readCompose, serverService } from './compose';
import type { ComposeFile } from './compose';
import type { ComposeService, ServiceVariable } from './compose';
import { interpolate } from './interpolate';
import type { VariableUse } from './interpolate';

/** A file of the deployment: its URI for positions and its name as a message shows it (relative to the project). */
export interface DeploymentFile {
  uri: string;
  label: string;
  text: string;
}

export interface ComposeDeploymentInput {
  name: string;
  /** In the order compose merges them (`docker-compose.yml`, then `docker-compose.override.yml`). */
  compose: DeploymentFile[];
  /** What compose interpolates with: the `.env` beside the first compose file, or the declared `--env-file`s. */
  envFiles: DeploymentFile[];
  /** The server service's `env_file:`s, read, in order; a later file wins. */
  serviceEnvFiles: DeploymentFile[];
}

/** A place in one of the deployment's files. */
export interface Place {
  uri: string;
  label: string;
  span: Span;
  /** 0-based line, for messages ("`.env:12`"). */
  line: number;
}

/** A finding of the deployment, in the file where the responsible value is written, with the other files involved. */
export interface DeploymentIssue extends Issue {
  uri: string;
  related: { place: Place; message: string }[];
  /** A fix that edits another file of the deployment (the compose file, for a variable it does not pass). */
  fix?: { title: string; uri: string; changes: TextChange[] };
}

/** A variable the server container gets, its value and where that value is written. */
export interface EffectiveVariable {
  name: string;
  /** The canonical setting it is, when OpenMetadata reads it. */
  path?: string;
  value: string;
  secret: boolean;
  origin: Place;
  /** The compose file's line that passes it, when the value itself is written elsewhere. */
  passedBy?: Place;
  /** Where the name the server reads is written: the compose key, or the `env_file:`'s line. */
  named: Place;
}

export interface ComposeDeploymentResult {
  name: string;
  /** Undefined when no compose file of the deployment runs the OpenMetadata server. */
  service?: string;
  variables: EffectiveVariable[];
  issues: DeploymentIssue[];
}

const lineOf = (text: string, offset: number) => {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
};
const place = (file: DeploymentFile, span: Span): Place => ({ uri: file.uri, label: file.label, span, line: lineOf(file.text, span.start) });
export const where = (p: Place) => `${p.label}:${p.line + 1}`;

/** An env file's assignments, the last of a name winning, with their values as the loader gives them. */
function readEnvFile(file: DeploymentFile): Map<string, { value: string; nameSpan: Span; valueSpan: Span; file: DeploymentFile }> {
  const model = emptyModel('env');
  readDotenv(file.text, model);
  const out = new Map<string, { value: string; nameSpan: Span; valueSpan: Span; file: DeploymentFile }>();
  for (const a of model.env) if (!a.malformed) out.set(a.name, { value: dotenvValue(a.raw), nameSpan: a.nameSpan, valueSpan: a.valueSpan, file });
  return out;
}

/** Where an env file writes the values of secret settings (the client secret), for a report that must not show them. */
export function envSecretSpans(text: string): Span[] {
  const model = emptyModel('env');
  readDotenv(text, model);
  return model.env.filter((a) => a.path && isSecret(a.path) && a.valueSpan.end > a.valueSpan.start).map((a) => a.valueSpan);
}

/** Codes a deployment does not repeat: they are about how one file is written, which its own check says. */
const FILE_ONLY = new Set<Issue['code']>([
  'yaml-syntax',
  'duplicate-key',
  'unknown-key',
  'unknown-env-var',
  'file-skipped',
  'env-default-brace',
  'plaintext-secret',
  'placeholder-left',
  'malformed-value',
  'legacy-setting',
  'db-config-overrides-yaml',
]);

interface ServerSide {
  service: ComposeService;
  file: DeploymentFile;
  /** Each variable with the compose file that writes it (an override file may replace the base's). */
  variables: Map<string, { variable: ServiceVariable; file: DeploymentFile }>;
  envFilePaths: string[];
  /** Where a new variable goes: the last file that writes the service's `environment:`. */
  target?: { service: ComposeService; file: DeploymentFile };
}

/**
 * The last compose texts read, by their whole text (so a reading is never used for another text). Finding which
 * deployments a file is in reads each compose file of its folder, and the CLI asks that for every env file beside it:
 * parsed again each time, 53 compose projects among 2,000 files cost more than checking every other file.
 */
const composeReadings = new Map<string, ComposeFile>();
const MAX_COMPOSE_READINGS = 16;

function composeOf(text: string): ComposeFile {
  let compose = composeReadings.get(text);
  if (!compose) {
    compose = readCompose(text);
    if (composeReadings.size >= MAX_COMPOSE_READINGS) composeReadings.delete(composeReadings.keys().next().value!);
  } else composeReadings.delete(text);
  composeReadings.set(text, compose);
  return compose;
}

/** The server service as the compose files merge it, by name: an override may leave out `image:`. */
function mergedServer(files: DeploymentFile[]): ServerSide | undefined {
  const read = files.map((file) => ({ file, compose: composeOf(file.text) }));
  let base: { service: ComposeService; file: DeploymentFile } | undefined;
  for (const r of read) {
    const s = serverService(r.compose);
    if (s) {
      base = { service: s, file: r.file };
      break;
    }
  }
  if (!base) return undefined;
  const side: ServerSide = { service: base.service, file: base.file, variables: new Map(), envFilePaths: [] };
  for (const r of read) {
    const s = r.compose.services.find((x) => x.name === base!.service.name);
    if (!s) continue;
    for (const variable of s.environment) side.variables.set(variable.name, { variable, file: r.file });
    for (const e of s.envFiles) if (!side.envFilePaths.includes(e.path)) side.envFilePaths.push(e.path);
    if (s.environmentBlock) side.target = { service: s, file: r.file };
  }
  return side;
}

/** The `env_file:` paths of the server service (relative to the first compose file), for reading them from disk. */
export function serverEnvFilePaths(compose: DeploymentFile[]): string[] {
  return mergedServer(compose)?.envFilePaths ?? [];
}

/** The place of a variable use inside a compose value (the whole value when its characters do not map one to one). */
function useSpan(variable: ServiceVariable, use: VariableUse): Span {
  return variable.direct ? { start: variable.textStart + use.start, end: variable.textStart + use.end } : variable.valueSpan;
}

/** `NAME: ${NAME}` as the service's `environment:` block writes its entries. */
function passChange(target: NonNullable<ServerSide['target']>, name: string): TextChange | undefined {
  const block = target.service.environmentBlock;
  if (!block || block.flow) return undefined;
  const pad = ' '.repeat(block.indent);
  const entry = block.form === 'list' ? `${pad}- ${name}=\${${name}}` : `${pad}${name}: \${${name}}`;
  const eol = target.file.text.includes('\r\n') ? '\r\n' : '\n';
  return { start: block.insertAt, end: block.insertAt, newText: `${eol}${entry}` };
}

/** What the server container of a compose deployment gets, and what is wrong with it that no file alone shows. */
export function checkComposeDeployment(input: ComposeDeploymentInput, settings: ServiceSettings, neighbours: NeighbourText[] = []): ComposeDeploymentResult {
  const server = mergedServer(input.compose);
  if (!server) return { name: input.name, variables: [], issues: [] };
  const issues: DeploymentIssue[] = [];
  const interpolation = new Map<string, { value: string; nameSpan: Span; valueSpan: Span; file: DeploymentFile }>();
  for (const file of input.envFiles) for (const [k, v] of readEnvFile(file)) interpolation.set(k, v);
  const lookup = (name: string) => interpolation.get(name)?.value;
  const servicePlace = place(server.file, server.service.nameSpan);

  const variables = new Map<string, EffectiveVariable>();
  /** Values written in the compose file as they reach the server (no reference, no escape): where their text starts. */
  const literalStarts = new Map<string, number>();
  const referenced = new Set<string>();
  for (const { variable, file } of server.variables.values()) {
    const path = schemaIndex.envToPath.get(variable.name);
    const written = place(file, variable.valueSpan);
    if (variable.value === undefined) {
      // `NAME` alone: compose passes the variable from its own environment (the env files included), or nothing.
      referenced.add(variable.name);
      const from = interpolation.get(variable.name);
      if (from)
        variables.set(variable.name, {
          name: variable.name,
          path,
          value: from.value,
          secret: isSecret(path),
          origin: place(from.file, from.valueSpan),
          passedBy: place(file, variable.nameSpan),
          named: place(file, variable.nameSpan),
        });
      continue;
    }
    const result = interpolate(variable.value, lookup);
    for (const use of result.uses) referenced.add(use.name);
    const auth = Boolean(path) || result.uses.some((u) => isAuthVariable(u.name));
    if (auth && input.envFiles.length) issues.push(...unsetIssues(variable, file, result.uses, input.envFiles));
    if (result.uses.some((u) => u.value === undefined && !u.nested && (u.op === '' || u.failure))) continue;
    const whole = result.uses.length === 1 && result.uses[0].start === 0 && result.uses[0].end === variable.value.length ? result.uses[0] : undefined;
    const from = whole && interpolation.get(whole.name);
    const fromEnvFile = from && from.value === result.value;
    if (!result.uses.length && variable.direct && !result.value.includes('$')) literalStarts.set(variable.name, variable.textStart);
    variables.set(variable.name, {
      name: variable.name,
      path,
      value: result.value,
      secret: isSecret(path),
      origin: fromEnvFile ? place(from.file, from.valueSpan) : written,
      passedBy: fromEnvFile ? place(file, variable.nameSpan) : undefined,
      named: place(file, variable.nameSpan),
    });
  }
  // `env_file:` values reach the container as they are; `environment:` wins over them.
  const received = new Set(server.variables.keys());
  for (const file of input.serviceEnvFiles) {
    for (const [name, v] of readEnvFile(file)) {
      received.add(name);
      if (server.variables.has(name)) continue;
      const path = schemaIndex.envToPath.get(name);
      variables.set(name, { name, path, value: v.value, secret: isSecret(path), origin: place(file, v.valueSpan), named: place(file, v.nameSpan) });
    }
  }

  for (const [name, v] of interpolation) {
    if (received.has(name) || referenced.has(name) || !schemaIndex.envToPath.has(name)) continue;
    const change = server.target && passChange(server.target, name);
    const target = server.target ? place(server.target.file, server.target.service.environmentBlock!.keySpan) : servicePlace;
    issues.push({
      code: 'env-not-passed',
      severity: 'warning',
      uri: v.file.uri,
      span: v.nameSpan,
      message: `\`${name}\` is set here, but ${server.file.label} never passes it to the \`${server.service.name}\` service: compose only uses this file to fill in \`\${…}\` references, so the server never sees this value and uses its default instead.`,
      data: { name, service: server.service.name },
      related: [{ place: target, message: `the \`${server.service.name}\` service's environment, which does not pass \`${name}\`` }],
      fix:
        change && server.target
          ? { title: `Pass \`${name}\` to the \`${server.service.name}\` service`, uri: server.target.file.uri, changes: [change] }
          : undefined,
    });
  }

  issues.push(...effectiveIssues(input, server, [...variables.values()], literalStarts, settings, neighbours, servicePlace));
  return { name: input.name, service: server.service.name, variables: [...variables.values()], issues };
}

const isSecret = (path: string | undefined) => Boolean(path && schemaIndex.byPath.get(path)?.secret);

/** `${VAR}` that no env file of the deployment sets: empty in the container, or (`?`) compose refuses to start. */
function unsetIssues(variable: ServiceVariable, file: DeploymentFile, uses: VariableUse[], envFiles: DeploymentFile[]): DeploymentIssue[] {
  const out: DeploymentIssue[] = [];
  const files = envFiles.map((f) => `\`${f.label}\``).join(', ');
  for (const use of uses) {
    if (use.nested || use.value !== undefined || !(use.op === '' || use.failure !== undefined)) continue;
    const stops = use.failure !== undefined;
    out.push({
      code: 'env-unset',
      severity: stops ? 'error' : 'warning',
      uri: file.uri,
      span: useSpan(variable, use),
      message: stops
        ? `No env file of this deployment (${files}) sets \`${use.name}\`: compose refuses to start ("${use.failure}") unless the shell that runs it exports the variable.`
        : `No env file of this deployment (${files}) sets \`${use.name}\`: unless the shell that runs compose exports it, \`${variable.name}\` reaches the server as an empty string. Set it in ${files} or give a default (\`\${${use.name}:-…}\`).`,
      data: { name: use.name, variable: variable.name },
      related: envFiles.map((f) => ({ place: place(f, { start: 0, end: 0 }), message: `an env file of the deployment, without \`${use.name}\`` })),
    });
  }
  return out;
}

/**
 * The server's own rules on what the container gets: a compose file of those variables alone, checked as any compose
 * file is, and each finding moved to where its value is written.
 */
function effectiveIssues(
  input: ComposeDeploymentInput,
  server: ServerSide,
  variables: EffectiveVariable[],
  literalStarts: Map<string, number>,
  settings: ServiceSettings,
  neighbours: NeighbourText[],
  servicePlace: Place,
): DeploymentIssue[] {
  const lines = ['services:', `  ${JSON.stringify(server.service.name)}:`];
  if (server.service.image) lines.push(`    image: ${JSON.stringify(server.service.image)}`);
  lines.push('    environment:');
  const spans: { name: Span; value: Span; variable: EffectiveVariable }[] = [];
  let offset = lines.join('\n').length + 1;
  for (const v of variables) {
    const key = `      ${v.name}: `;
    const value = JSON.stringify(v.value);
    spans.push({
      name: { start: offset + 6, end: offset + 6 + v.name.length },
      value: { start: offset + key.length, end: offset + key.length + value.length },
      variable: v,
    });
    lines.push(key + value);
    offset += key.length + value.length + 1;
  }
  const text = lines.join('\n') + '\n';
  const checked = checkText({ uri: input.compose[0].uri, text, settings, neighbours });
  const { check } = checked;
  const out: DeploymentIssue[] = [];
  for (const d of checked.diagnostics) {
    const code = String(d.code) as Issue['code'];
    if (FILE_ONLY.has(code)) continue;
    const start = check.document.offsetAt(d.range.start);
    const end = check.document.offsetAt(d.range.end);
    const hit = spans.find((s) => start >= s.name.start && start <= s.value.end);
    let at: Place = servicePlace;
    const related: DeploymentIssue['related'] = [];
    if (hit) {
      const origin = hit.variable.origin;
      const inValue = start >= hit.value.start;
      if (!inValue) at = hit.variable.named;
      else {
        // A value written literally in the compose file maps character for character (past the JSON quote).
        const literal = literalStarts.get(hit.variable.name);
        const inner = start - hit.value.start - 1;
        const part = literal !== undefined && inner >= 0 && end < hit.value.end;
        at = part ? { ...origin, span: { start: literal + inner, end: literal + inner + (end - start) } } : origin;
      }
      if (hit.variable.passedBy && at.uri !== hit.variable.passedBy.uri)
        related.push({ place: hit.variable.passedBy, message: `passed to the \`${server.service.name}\` service here` });
      if (at.uri !== origin.uri || at.span.start !== origin.span.start) related.push({ place: origin, message: `\`${hit.variable.name}\` is set here` });
    }
    out.push({
      code,
      severity: severityOf(d.severity),
      uri: at.uri,
      span: at.span,
      message: d.message,
      data: { ...(d.data as Record<string, unknown> | undefined), deployment: input.name },
      related,
    });
  }
  return out;
}

function severityOf(severity: number | undefined): Issue['severity'] {
  return severity === 1 ? 'error' : severity === 2 ? 'warning' : severity === 3 ? 'information' : 'hint';
}

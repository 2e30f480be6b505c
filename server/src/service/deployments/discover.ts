// Which compose deployments a file belongs to: found without configuration where the layout is compose's own (a
// compose file, its `.override` file and the `.env` beside them), declared in the project settings otherwise (a
// deployment run with `--env-file`). The disk is reached only through the functions given: the server answers from
// its open documents first, the CLI from the files it walks.

/** A deployment as the project settings declare it; paths relative to the project root. */
export interface DeclaredDeployment {
  name: string;
  compose?: string[];
  envFiles?: string[];
  /** Helm values files in `-f` order. */
  values?: string[];
}

/** The files of a compose deployment, as absolute paths in the order compose reads them. */
export interface ComposeDeploymentSpec {
  name: string;
  compose: string[];
  envFiles: string[];
  declared: boolean;
}

export interface DeploymentDisk {
  /** The text of a regular file under its bound, or undefined. */
  read(path: string): string | undefined;
  /** The names in a folder (empty when it cannot be listed). */
  list(dir: string): string[];
}

const COMPOSE = /^(docker-)?compose([\w.-]*)\.ya?ml$/i;
const MAX_COMPOSE_PER_FOLDER = 8;

export const isComposeName = (name: string) => COMPOSE.test(name);

const ENV_NAME = /(^|[./_-])env($|[._-])|^\.env/i;
/** `values.yaml` and the `values-<env>.yaml` layered over it. */
const VALUES_NAME = /^values([-.][^/]+)?\.ya?ml$/i;

/** Whether a file of this name may take part in a deployment: the rest never pay for a look at their folder. */
export const mayBelongToDeployment = (name: string) => isComposeName(name) || ENV_NAME.test(name) || VALUES_NAME.test(name);

const dirOf = (path: string) => path.slice(0, Math.max(path.lastIndexOf('/'), 0)) || '/';
const baseOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const join = (dir: string, name: string) => (dir.endsWith('/') ? dir + name : `${dir}/${name}`);

/** A relative path resolved against a folder, `..` and `.` included; undefined when it leaves the root. */
export function resolveInside(root: string, dir: string, relative: string): string | undefined {
  const parts = (relative.startsWith('/') ? relative : `${dir}/${relative}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(p);
  }
  const path = '/' + out.join('/');
  const top = root.endsWith('/') ? root : `${root}/`;
  return path === root || path.startsWith(top) ? path : undefined;
}

/**
 * The conventional deployment of a compose file: it and the override compose merges by default (`docker-compose.yml`
 * with `docker-compose.override.yml`), interpolated with the `.env` beside the first.
 */
function conventional(composePath: string, names: string[]): ComposeDeploymentSpec {
  const dir = dirOf(composePath);
  const name = baseOf(composePath);
  const m = /^(.*)\.override(\.ya?ml)$/i.exec(name);
  let compose = [composePath];
  if (m) {
    const base = names.find(
      (n) => n.toLowerCase() === `${m[1]}${m[2]}`.toLowerCase() || n.toLowerCase() === `${m[1]}.yml` || n.toLowerCase() === `${m[1]}.yaml`,
    );
    if (base) compose = [join(dir, base), composePath];
  } else {
    const stem = name.replace(/\.ya?ml$/i, '');
    const override = names.find((n) => n.toLowerCase() === `${stem}.override.yml` || n.toLowerCase() === `${stem}.override.yaml`);
    if (override) compose.push(join(dir, override));
  }
  return { name: baseOf(compose[0]), compose, envFiles: names.includes('.env') ? [join(dir, '.env')] : [], declared: false };
}

/**
 * The compose deployments `path` takes part in: as a compose file, as the `.env` or a declared env file, or as an
 * `env_file:` of one of them (`envFilesOf` reads a compose project's service env files, resolved).
 */
export function composeDeploymentsOf(
  path: string,
  disk: DeploymentDisk,
  root: string | undefined,
  declared: DeclaredDeployment[],
  envFilesOf: (spec: ComposeDeploymentSpec) => string[],
): ComposeDeploymentSpec[] {
  const out: ComposeDeploymentSpec[] = [];
  const seen = new Set<string>();
  const add = (spec: ComposeDeploymentSpec) => {
    const key = [...spec.compose, '|', ...spec.envFiles].join('\n');
    if (!seen.has(key)) {
      seen.add(key);
      out.push(spec);
    }
  };
  const member = (spec: ComposeDeploymentSpec) => spec.compose.includes(path) || spec.envFiles.includes(path) || envFilesOf(spec).includes(path);
  if (root) {
    for (const d of declared) {
      const compose = (d.compose ?? []).map((c) => resolveInside(root, root, c)).filter((c): c is string => Boolean(c));
      const envFiles = (d.envFiles ?? []).map((c) => resolveInside(root, root, c)).filter((c): c is string => Boolean(c));
      const spec = { name: d.name, compose, envFiles, declared: true };
      if (compose.length && member(spec)) add(spec);
    }
  }
  const dir = dirOf(path);
  const names = disk.list(dir);
  if (isComposeName(baseOf(path))) add(conventional(path, names));
  else {
    for (const name of names.filter(isComposeName).sort().slice(0, MAX_COMPOSE_PER_FOLDER)) {
      if (/\.override\.ya?ml$/i.test(name) && names.some((n) => n !== name && isComposeName(n) && !/\.override\./i.test(n))) continue;
      const spec = conventional(join(dir, name), names);
      if (member(spec)) add(spec);
    }
  }
  return out;
}

/** A Helm release's values files, in `-f` order. */
export interface HelmDeploymentSpec {
  name: string;
  layers: string[];
  declared: boolean;
}

const OVERLAY = /^values[-.](.+)\.ya?ml$/i;
const BASE = /^values\.ya?ml$/i;

/**
 * The Helm releases `path` takes part in: declared ones, and by convention a `values.yaml` with each
 * `values-<env>.yaml` (or `values.<env>.yaml`) beside it layered over it.
 */
export function helmDeploymentsOf(path: string, disk: DeploymentDisk, root: string | undefined, declared: DeclaredDeployment[]): HelmDeploymentSpec[] {
  const out: HelmDeploymentSpec[] = [];
  if (root) {
    for (const d of declared) {
      const layers = (d.values ?? []).map((c) => resolveInside(root, root, c)).filter((c): c is string => Boolean(c));
      if (layers.length > 1 && layers.includes(path)) out.push({ name: d.name, layers, declared: true });
    }
  }
  const dir = dirOf(path);
  const name = baseOf(path);
  if (!OVERLAY.test(name) && !BASE.test(name)) return out;
  const names = disk.list(dir);
  const base = names.find((n) => BASE.test(n));
  if (!base) return out;
  const overlays = BASE.test(name)
    ? names
        .filter((n) => OVERLAY.test(n))
        .sort()
        .slice(0, MAX_COMPOSE_PER_FOLDER)
    : [name];
  for (const overlay of overlays) {
    const layers = [join(dir, base), join(dir, overlay)];
    if (!out.some((d) => d.layers.join('\n') === layers.join('\n'))) out.push({ name: `${base} + ${overlay}`, layers, declared: false });
  }
  return out;
}

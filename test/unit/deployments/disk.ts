// The deployments tests' disk: a folder tree in memory, and the deployments of one of its files.
import { deploymentsOf } from '../../../server/src/service/deployments/index';
import type { DeploymentDisk } from '../../../server/src/service/deployments/index';
import type { ServiceSettings } from '../../../server/src/service/model';

/** A folder tree in memory: the disk a deployment is read from. */
export function memoryDisk(files: Record<string, string>): DeploymentDisk {
  return {
    read: (path) => files[path],
    list: (dir) =>
      Object.keys(files)
        .filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/'))
        .map((p) => p.slice(dir.length + 1)),
  };
}

const uriOf = (path: string) => `file://${path}`;

export function deployment(files: Record<string, string>, path: string, settings: ServiceSettings = {}) {
  return deploymentsOf(path, memoryDisk(files), '/p', settings, uriOf);
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';

export interface MachineDetails {
  cpuModel: string;
  cpuCount: number;
  totalMemoryGiB: number;
  node: string;
  os: string;
  kernel: string;
  pglite: string;
  date: string;
  /** 1, 5 and 15 minute load averages (0 on Windows). */
  loadAverage: number[];
}

const require = createRequire(import.meta.url);

/** Version of an installed package, read from its package.json even when its `exports` hide it. */
export function installedVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    // The package's `exports` may not list package.json: walk up from its entry point.
    try {
      let path = require.resolve(name);
      for (let i = 0; i < 6; i++) {
        path = path.slice(0, path.lastIndexOf('/'));
        try {
          const pkg = JSON.parse(readFileSync(`${path}/package.json`, 'utf8')) as { name?: string; version: string };
          if (pkg.name === name) return pkg.version;
        } catch {
          // keep walking
        }
      }
    } catch {
      // not installed
    }
    return 'unknown';
  }
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release);
    if (pretty) return pretty[1]!;
  } catch {
    // not Linux, or no os-release
  }
  return `${os.type()} ${os.release()}`;
}

export function machineDetails(): MachineDetails {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: osName(),
    kernel: `${os.type()} ${os.release()} (${os.arch()})`,
    pglite: installedVersion('@electric-sql/pglite'),
    date: new Date().toISOString(),
    loadAverage: os.loadavg(),
  };
}

/** The load averages, for the report: other work on the machine skews every timing. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

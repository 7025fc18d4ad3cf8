import { spawnSync } from 'node:child_process';

/** The words a real shell (bash) makes of `text`, as a command's arguments would be. */
export function shellWords(text: string): string[] {
  const run = spawnSync('bash', ['-c', `printf '%s\\0' ${text}`], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`bash could not parse it: ${run.stderr}`);
  return run.stdout.split('\0').slice(0, -1);
}

/**
 * One record as Go's encoding/csv reads it (what docker uses for `--mount`): a field that starts
 * with `"` runs to the next lone `"` (`""` is a quote); a bare `"` elsewhere is an error.
 */
export function goCsvRecord(text: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (i >= text.length) throw new Error('extraneous or missing " in quoted-field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') field += '"', i++;
          else break;
        } else field += text[i];
      }
      i++;
      if (i < text.length && text[i] !== ',') throw new Error(`extraneous " in field at ${i}`);
    } else {
      const end = text.indexOf(',', i);
      field = text.slice(i, end === -1 ? text.length : end);
      if (field.includes('"')) throw new Error(`bare " in non-quoted-field: ${field}`);
      i = end === -1 ? text.length : end;
    }
    fields.push(field);
    if (i >= text.length) return fields;
    i++; // the comma
  }
}

export interface MountSpec {
  type: string;
  source?: string;
  target?: string;
  readonly: boolean;
}

/** A docker `--mount` value read as docker's opts/mount.go does. */
export function parseDockerMount(spec: string): MountSpec {
  const mount: MountSpec = { type: 'volume', readonly: false };
  for (const field of goCsvRecord(spec)) {
    const at = field.indexOf('=');
    const [key, value] = at === -1 ? [field, undefined] : [field.slice(0, at), field.slice(at + 1)];
    if (value === undefined && (key === 'readonly' || key === 'ro')) mount.readonly = true;
    else if (key === 'type') mount.type = value!;
    else if (key === 'src' || key === 'source') mount.source = value;
    else if (key === 'dst' || key === 'target' || key === 'destination') mount.target = value;
    else throw new Error(`unexpected field ${field}`);
  }
  return mount;
}

/** Whether a real docker client is here to check `--mount` values (it parses them before it needs a daemon). */
export const hasDockerClient = () => spawnSync('docker', ['--version']).status === 0;

/** Asks the docker client to parse `--mount` values; returns its complaint, or undefined when it accepted them. */
export function dockerClientRejects(specs: string[]): string | undefined {
  const run = spawnSync('docker', ['create', ...specs.flatMap((s) => ['--mount', s]), 'airlock-test-image'], {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/airlock-test.sock' },
  });
  return /Cannot connect to the Docker daemon/.test(run.stderr) ? undefined : run.stderr.trim();
}

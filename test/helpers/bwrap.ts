import { spawnSync } from 'node:child_process';
import { describe } from 'vitest';

const hasBwrap = spawnSync('bwrap', ['--version']).status === 0;

/** Skipped only on a developer machine without bubblewrap; in CI (which installs it) a missing bwrap fails. */
export const describeBwrap = hasBwrap || process.env.CI ? describe : describe.skip;

/** The minimal system a shell needs inside the sandbox; everything else comes from the plan. */
export const BWRAP_SYSTEM = '--ro-bind /usr /usr --ro-bind-try /bin /bin --ro-bind-try /sbin /sbin --ro-bind-try /lib /lib --ro-bind-try /lib64 /lib64 --proc /proc --dev /dev --tmpfs /tmp';

// Loaded with `node --import`: changes a file between the moment airlock lists it and the
// moment it opens or reads it, as another process could, so the tests can tell exactly what
// airlock does when a file is deleted, replaced, truncated or grows under it, or when the
// worker thread reading it dies. Files are chosen by name; everything else opens normally.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const { openSync, fstatSync } = fs;
const pathOf = new Map();

fs.openSync = function (path, ...rest) {
  const name = String(path);
  if (name.includes('vanish-before-open')) fs.unlinkSync(name);
  if (name.includes('link-before-open')) {
    fs.unlinkSync(name);
    fs.symlinkSync('/etc/hostname', name);
  }
  if (name.includes('fifo-before-open')) {
    fs.unlinkSync(name);
    execFileSync('mkfifo', [name]);
  }
  // In a worker thread, ends the thread on the spot, as a crash would.
  if (name.includes('crash-worker') && !isMainThread) process.exit(3);
  const fd = openSync.call(this, path, ...rest);
  pathOf.set(fd, name);
  return fd;
};

fs.fstatSync = function (fd, ...rest) {
  const stats = fstatSync.call(this, fd, ...rest);
  const name = pathOf.get(fd);
  if (name?.includes('truncate-after-stat')) fs.truncateSync(name, 16);
  if (name?.includes('grow-after-stat')) fs.appendFileSync(name, 'x'.repeat(8192));
  return stats;
};

syncBuiltinESMExports();

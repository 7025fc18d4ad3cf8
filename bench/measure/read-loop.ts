// The Node floor: list the tree and readFileSync every file, one thread. Prints files and bytes.
import { readFileSync } from 'node:fs';
import { listFiles } from '../lib/list-files.ts';

let files = 0;
let bytes = 0;
for (const root of process.argv.slice(2)) {
  for (const file of listFiles(root)) {
    bytes += readFileSync(file).length;
    files++;
  }
}
console.log(JSON.stringify({ files, bytes }));

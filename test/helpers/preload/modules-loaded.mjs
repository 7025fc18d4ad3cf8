// Loaded with `node --import`: prints, on exit, every package under node_modules the main
// thread loaded (by the folder after node_modules/), and every module of airlock's own (by its
// path under dist/), one line each.
import { registerHooks } from 'node:module';

const packages = new Set();
const modules = new Set();
registerHooks({
  load(url, context, nextLoad) {
    const own = url.lastIndexOf('/dist/');
    if (own !== -1 && !url.includes('/node_modules/')) modules.add(url.slice(own + '/dist/'.length));
    const at = url.lastIndexOf('/node_modules/');
    if (at !== -1) {
      const [scope, name] = url.slice(at + '/node_modules/'.length).split('/');
      packages.add(scope.startsWith('@') ? `${scope}/${name}` : scope);
    }
    return nextLoad(url, context);
  },
});
process.on('exit', () => {
  for (const name of packages) process.stderr.write(`airlock-test: package ${name}\n`);
  for (const name of modules) process.stderr.write(`airlock-test: module ${name}\n`);
});

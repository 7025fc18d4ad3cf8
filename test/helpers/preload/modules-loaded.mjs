// Loaded with `node --import`: prints, on exit, every package under node_modules the main
// thread loaded (by the folder after node_modules/), and every module of airlock's own (by its
// path under dist/; a chunk of the bundle by its name, without the hash: `bundle/json`), one line each.
import { registerHooks } from 'node:module';

const packages = new Set();
const modules = new Set();
registerHooks({
  load(url, context, nextLoad) {
    const own = url.lastIndexOf('/dist/');
    if (own !== -1 && !url.includes('/node_modules/')) modules.add(url.slice(own + '/dist/'.length).replace(/^(bundle\/[\w-]+?)(-[\w-]{8})?\.js$/, '$1'));
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

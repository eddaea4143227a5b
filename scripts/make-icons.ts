/**
 * `npm run icons`: renders build/icon.svg into build/icon.png, build/icon.icns and build/icon.ico.
 * Run it after editing the SVG and commit the results; electron-builder picks them up from build/.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeIcons } from './icons';

const buildDir = join(import.meta.dirname, '..', 'build');
const svg = await readFile(join(buildDir, 'icon.svg'), 'utf8');
const icons = await makeIcons(svg);
for (const [name, bytes] of [
  ['icon.png', icons.png],
  ['icon.icns', icons.icns],
  ['icon.ico', icons.ico],
] as const) {
  await writeFile(join(buildDir, name), bytes);
  console.log(`build/${name}  ${(bytes.length / 1024).toFixed(1)} KiB`);
}

// `npm run images:pin`: recomputes the DiffIDs of the built-in images' layers
// from their bytes and writes sandbox/images/pinned-digests.json. Run it after
// changing an image definition (builtin.test.ts fails until you do).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ImageStore } from '../sandbox/image/store.ts';
import { computePins } from '../sandbox/images/install.ts';
import { LayerStore } from '../sandbox/layer/store.ts';

const layers = new LayerStore();
const pins = await computePins(new ImageStore(layers), layers);
const file = fileURLToPath(new URL('../sandbox/images/pinned-digests.json', import.meta.url));
writeFileSync(file, JSON.stringify(pins, null, 2) + '\n');
console.log(`wrote ${file}`);
for (const [name, digests] of Object.entries(pins)) console.log(`${name}: ${digests.length} layer(s)`);

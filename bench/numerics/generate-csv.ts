import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Writes `rows` lines of "x,y" like data.csv (hours 20–80, score ≈ 1.32·x + 8 + noise), from a fixed-seed generator. */
export async function generateCsv(path: string, rows: number, seed = 1): Promise<void> {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const out = createWriteStream(path);
  for (let i = 0; i < rows; i++) {
    const x = 20 + 60 * random();
    const y = 1.32 * x + 8 + 20 * (random() + random() + random() - 1.5);
    if (!out.write(`${x},${y}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import type { ChunkSize } from './results';

/**
 * The scripts the first screen loads: index.html's module entry and its modulepreload links, as
 * paths relative to the renderer's root (`assets/index-abc.js`). Chunks only reached through a
 * dynamic import (other screens, dialogs) load later.
 */
export function firstScreenScripts(indexHtml: string): string[] {
  const found: string[] = [];
  for (const tag of indexHtml.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const html = tag[0];
    const isEntry = tag[1]?.toLowerCase() === 'script' && /\btype=["']module["']/i.test(html);
    const isPreload = tag[1]?.toLowerCase() === 'link' && /\brel=["']modulepreload["']/i.test(html);
    const url = /\b(?:src|href)=["']([^"']+)["']/i.exec(html)?.[1];
    if ((isEntry || isPreload) && url) found.push(posix.normalize(url.replace(/^\//, '')));
  }
  return [...new Set(found)];
}

/** Raw and gzip (level 9) size of every built JS chunk, marked when the first screen loads it. */
export async function chunkSizes(rendererDir: string): Promise<ChunkSize[]> {
  const firstScreen = new Set(firstScreenScripts(await readFile(join(rendererDir, 'index.html'), 'utf8')));
  const files = (await readdir(join(rendererDir, 'assets'))).filter((f) => f.endsWith('.js')).sort();
  const sizes = await Promise.all(
    files.map(async (file) => {
      const content = await readFile(join(rendererDir, 'assets', file));
      const path = `assets/${file}`;
      return {
        file: path,
        rawBytes: content.length,
        gzipBytes: gzipSync(content, { level: constants.Z_BEST_COMPRESSION }).length,
        firstScreen: firstScreen.has(path),
      };
    }),
  );
  return sizes.sort((a, b) => Number(b.firstScreen) - Number(a.firstScreen) || b.gzipBytes - a.gzipBytes);
}

export function firstScreenTotal(chunks: readonly ChunkSize[]): { rawBytes: number; gzipBytes: number } {
  const loaded = chunks.filter((c) => c.firstScreen);
  return { rawBytes: loaded.reduce((s, c) => s + c.rawBytes, 0), gzipBytes: loaded.reduce((s, c) => s + c.gzipBytes, 0) };
}

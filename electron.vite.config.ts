import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { tsImport } from 'tsx/esm/api';
import type { Plugin } from 'vite';

/** What renderer/prerender/connectors-shell.tsx exports (it is compiled with the renderer's settings). */
interface ConnectorsShell {
  SHELL_LOOK: string;
  renderConnectorsShell(): string;
}

/**
 * Puts the Connectors screen's first render into index.html as HTML (styles inline), so the window
 * paints it before any script has been parsed; main.tsx then hydrates it. Rendered with the
 * production builds of React and MUI, whose class names the client's hydration must match.
 */
function prerenderConnectorsShell(): Plugin {
  return {
    name: 'prerender-connectors-shell',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        if (process.env.NODE_ENV !== 'production')
          throw new Error('prerender-connectors-shell: expected NODE_ENV=production during a build');
        const shell = (await tsImport(pathToFileURL(resolve(import.meta.dirname, 'renderer/prerender/connectors-shell.tsx')).href, {
          parentURL: import.meta.url,
          tsconfig: resolve(import.meta.dirname, 'tsconfig.web.json'),
        })) as ConnectorsShell;
        const root = '<div id="root"></div>';
        if (!html.includes(root)) throw new Error('prerender-connectors-shell: index.html has no empty #root');
        return html.replace(root, `<div id="root" data-prerendered="${shell.SHELL_LOOK}">${shell.renderConnectorsShell()}</div>`);
      },
    },
  };
}

export default defineConfig({
  main: {
    // Main's bundle learns its mode (production for a build), so the contract checks stay out of releases (docs/architecture.md).
    plugins: [{ name: 'node-env', config: (_config, { mode }) => ({ define: { 'process.env.NODE_ENV': JSON.stringify(mode) } }) }],
    build: { rollupOptions: { input: { index: resolve(import.meta.dirname, 'main/index.ts') } } },
  },
  preload: {
    build: {
      // A sandboxed preload can require nothing but `electron`: bundle every other dependency in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'preload/index.ts') },
        // Sandboxed preloads cannot load ESM: one CommonJS file that requires only `electron`.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react(), prerenderConnectorsShell()],
    // electron-vite leaves bundles unminified by default; the first screen's size is a tracked budget.
    build: { minify: true, rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } } },
  },
});

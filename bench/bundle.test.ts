import { describe, expect, it } from 'vitest';
import { firstScreenScripts } from './bundle';

const indexHtml = `<!doctype html>
<html lang="en">
  <head>
    <title>Agent Connections</title>
    <script type="module" crossorigin src="./assets/index-Bq5xgOgE.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/rolldown-runtime-CO0Nlsmt.js">
    <link rel="modulepreload" crossorigin href="/assets/TextField-BNUcGFET.js">
    <link rel="stylesheet" href="./assets/index-abc.css">
    <script src="./legacy.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>`;

describe("the first screen's scripts", () => {
  it('are the module entry and its modulepreload links, relative to the renderer root', () => {
    expect(firstScreenScripts(indexHtml)).toEqual([
      'assets/index-Bq5xgOgE.js',
      'assets/rolldown-runtime-CO0Nlsmt.js',
      'assets/TextField-BNUcGFET.js',
    ]);
  });

  it('leave out stylesheets, classic scripts and duplicates', () => {
    const scripts = firstScreenScripts(`${indexHtml}<link rel="modulepreload" href="./assets/index-Bq5xgOgE.js">`);
    expect(scripts).not.toContain('assets/index-abc.css');
    expect(scripts).not.toContain('legacy.js');
    expect(scripts.filter((s) => s === 'assets/index-Bq5xgOgE.js')).toHaveLength(1);
  });
});

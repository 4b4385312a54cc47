// Accessibility test for a rendered site: node axe.mjs DIR
//
// Opens every *.html under DIR as file:// in headless Chromium at 320 and 1280 px
// wide and, on each page at each width:
//   - runs axe-core with the WCAG 2.0/2.1/2.2 A and AA rules;
//   - fails if the page scrolls sideways at 320 px (WCAG 1.4.10 reflow);
//   - checks that the first Tab press focuses the skip link, and that it points at
//     an element that exists.
// Prints each problem (page, width, rule, target, summary); exits 1 on any problem,
// 0 otherwise with one summary line. Needs /usr/bin/chromium (or $CHROMIUM).
import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_VERSION = require('axe-core/package.json').version;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [320, 1280];

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node axe.mjs DIR');
  process.exit(2);
}
const root = path.resolve(dir);

async function htmlFiles(d) {
  const out = [];
  for (const entry of await readdir(d, { withFileTypes: true })) {
    const p = path.join(d, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...(await htmlFiles(p)));
    } else if (entry.name.endsWith('.html')) {
      out.push(p);
    }
  }
  return out.sort();
}

try {
  if (!(await stat(root)).isDirectory()) throw new Error('not a folder');
} catch (e) {
  console.error(`axe.mjs: ${dir}: ${e.message}`);
  process.exit(2);
}
const files = await htmlFiles(root);
if (files.length === 0) {
  console.error(`axe.mjs: no .html files under ${dir}`);
  process.exit(2);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

const problems = [];
const report = (file, width, rule, target, summary) => {
  const rel = path.relative(root, file);
  problems.push({ rel, width, rule, target, summary });
  console.log(`${rel} @${width}px  ${rule}  ${target}\n    ${summary}`);
};

let checks = 0;
try {
  const page = await browser.newPage();
  for (const file of files) {
    for (const width of WIDTHS) {
      await page.setViewport({ width, height: 900, deviceScaleFactor: 1 });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      checks++;

      // 1. axe-core
      if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
        await page.evaluate(AXE_SOURCE);
      }
      const result = await page.evaluate(
        (tags) => window.axe.run(document, {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations'],
        }),
        TAGS,
      );
      for (const v of result.violations) {
        for (const node of v.nodes) {
          const summary = (node.failureSummary || v.help).replace(/\s+/g, ' ').trim();
          report(file, width, v.id, node.target.join(' '), `${v.help}: ${summary}`);
        }
      }

      // 2. no sideways scrolling of the page at 320 px
      if (width === 320) {
        const sw = await page.evaluate(() => document.documentElement.scrollWidth);
        if (sw > width + 1) {
          const wide = await page.evaluate((w) => {
            // the outermost elements that stick out, to say where to look
            const out = [];
            for (const el of document.querySelectorAll('body *')) {
              const r = el.getBoundingClientRect();
              if (r.right > w + 1 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > w + 1)) {
                out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''));
              }
            }
            return out.slice(0, 5).join(', ');
          }, width);
          report(file, width, 'reflow', wide || 'html', `page is ${sw}px wide at a ${width}px viewport: it scrolls sideways`);
        }
      }

      // 3. the first Tab press focuses the skip link, whose target exists
      await page.evaluate(() => { if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0); });
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const a = document.activeElement;
        if (!a || a === document.body) return { ok: false, what: 'nothing' };
        const href = a.getAttribute('href') || '';
        const isSkip = a.tagName === 'A' && href.startsWith('#') && /skip/i.test(a.className + ' ' + a.textContent);
        const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
        const r = a.getBoundingClientRect();
        return {
          ok: isSkip && !!target,
          visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight,
          what: `${a.tagName.toLowerCase()} "${a.textContent.trim().slice(0, 40)}" href="${href}"${isSkip && !target ? ' (target missing)' : ''}`,
        };
      });
      if (!focus.ok) {
        report(file, width, 'skip-link', 'first Tab', `first Tab press focused ${focus.what}, not a skip link to an existing target`);
      } else if (!focus.visible) {
        report(file, width, 'skip-link', 'first Tab', 'the skip link is focused but not visible on screen');
      }
    }
  }
} finally {
  await browser.close();
}

const pages = files.length;
if (problems.length) {
  console.log(`axe-core ${AXE_VERSION}: ${problems.length} problem(s) on ${new Set(problems.map((p) => p.rel)).size} of ${pages} page(s) (${checks} page loads at ${WIDTHS.join(' and ')} px)`);
  process.exit(1);
}
console.log(`axe-core ${AXE_VERSION}: 0 violations, no sideways scroll at 320 px, skip link first: ${pages} pages x ${WIDTHS.length} widths (${TAGS.join(', ')})`);

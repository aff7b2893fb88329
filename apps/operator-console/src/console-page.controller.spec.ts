import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentSecurityPolicy } from './console-page.controller';

describe('the console page’s Content-Security-Policy', () => {
  const page = readFileSync(join(__dirname, 'public', 'index.html'), 'utf8');
  const policy = contentSecurityPolicy(page);

  it('runs scripts from this origin only, and the page’s one stylesheet by its hash', () => {
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1];
    expect(policy).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('gives a page with inline script no way to run it', () => {
    expect(page).not.toMatch(/<script>(?!<\/script>)|\son[a-z]+=/);
  });

  it('builds the page’s tables from DOM nodes and text, never from HTML strings', () => {
    const script = readFileSync(join(__dirname, 'public', 'console.js'), 'utf8');
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});

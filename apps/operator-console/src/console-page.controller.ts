import { OpenEndpoint } from '@halfhour/observability';
import { Controller, Get, Header, Res } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PUBLIC = join(__dirname, 'public');

/**
 * The console's page and its script, open to anyone who reaches the port: they hold no data (the
 * page asks for the operator token and sends it with every call to `/api`). Chart.js is served
 * from the package the project depends on, so the page needs nothing from the internet.
 */
/** What every response of the page says to the browser: its type is what it says, never in a frame. */
const ALWAYS = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' } as const;

/**
 * The page's Content-Security-Policy: scripts from this origin only (no inline script, no eval),
 * its one inline stylesheet by hash, calls to this origin only, no frames, forms or base changes.
 * Whatever a report's text holds, the browser runs none of it.
 */
export function contentSecurityPolicy(page: string): string {
  const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
  const styleHash = createHash('sha256').update(style, 'utf8').digest('base64');
  return [
    "default-src 'none'", "script-src 'self'", `style-src 'sha256-${styleHash}'`, "img-src 'self' data:", "connect-src 'self'",
    "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
  ].join('; ');
}

interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

@Controller()
@OpenEndpoint()
export class ConsolePageController {
  private readonly page = readFileSync(join(PUBLIC, 'index.html'), 'utf8');
  private readonly policy = contentSecurityPolicy(this.page);
  private readonly script = readFileSync(join(PUBLIC, 'console.js'), 'utf8');
  // The package exports no path to its browser build; it sits beside the CommonJS one.
  private readonly chartJs = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  index(@Res({ passthrough: true }) response: HeaderSink): string {
    for (const [name, value] of Object.entries({ ...ALWAYS, 'content-security-policy': this.policy })) response.setHeader(name, value);
    return this.page;
  }

  @Get('console.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  consoleScript(@Res({ passthrough: true }) response: HeaderSink): string {
    for (const [name, value] of Object.entries(ALWAYS)) response.setHeader(name, value);
    return this.script;
  }

  @Get('vendor/chart.umd.min.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=86400')
  chart(@Res({ passthrough: true }) response: HeaderSink): string {
    for (const [name, value] of Object.entries(ALWAYS)) response.setHeader(name, value);
    return this.chartJs;
  }
}

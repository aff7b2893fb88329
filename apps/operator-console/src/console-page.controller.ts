import { OpenEndpoint } from '@halfhour/observability';
import { Controller, Get, Header } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PUBLIC = join(__dirname, 'public');

/**
 * The console's page and its script, open to anyone who reaches the port: they hold no data (the
 * page asks for the operator token and sends it with every call to `/api`). Chart.js is served
 * from the package the project depends on, so the page needs nothing from the internet.
 */
@Controller()
@OpenEndpoint()
export class ConsolePageController {
  private readonly page = readFileSync(join(PUBLIC, 'index.html'), 'utf8');
  private readonly script = readFileSync(join(PUBLIC, 'console.js'), 'utf8');
  // The package exports no path to its browser build; it sits beside the CommonJS one.
  private readonly chartJs = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  index(): string {
    return this.page;
  }

  @Get('console.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  consoleScript(): string {
    return this.script;
  }

  @Get('vendor/chart.umd.min.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=86400')
  chart(): string {
    return this.chartJs;
  }
}

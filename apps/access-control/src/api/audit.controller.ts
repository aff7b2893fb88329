import { BadRequestException, Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery } from '@nestjs/swagger';
import { ServerResponse } from 'node:http';
import { AccessRepository, DecisionRecord } from '../view/access-repository';
import { AuditFilterQueries } from './audit-filter-queries';
import { AUDIT_CONTENT_TYPES, AuditFormat, auditHeader, auditLines } from './audit-format';
import { AuditParameters, auditFiltersOf, auditPageOf, cursorAfter } from './audit-query';

/** Rows an export reads a time: its memory stays that of one page, whatever the day holds. */
const EXPORT_PAGE = 5000;

/**
 * The audit trail of access decisions (R-ACL-7), filtered by user, MPAN, settlement day (or
 * instants) and decision (`authorised`, `refused` or a response code):
 * - `GET /audit?…&limit=…&cursor=…`: a page, newest first, with `nextCursor` for the next one
 *   (null at the end);
 * - `GET /audit/export?day=YYYY-MM-DD&format=ndjson|csv&…`: every decision of the day, oldest
 *   first, streamed a page at a time.
 */
@Controller('audit')
export class AuditController {
  private readonly logger = new Logger(AuditController.name);

  constructor(private readonly repository: AccessRepository) {}

  @Get()
  @ApiOperation({ summary: 'A page of the audit, newest first; nextCursor for the next page (null after the last)' })
  @AuditFilterQueries()
  @ApiQuery({ name: 'limit', required: false, description: '1–1000, default 100' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the page before' })
  async page(@Query() parameters: AuditParameters): Promise<{ decisions: DecisionRecord[]; nextCursor: string | null }> {
    const query = auditPageOf(parameters);
    const rows = await this.repository.audit({ ...query, limit: query.limit + 1 });
    const decisions = rows.slice(0, query.limit);
    return { decisions, nextCursor: rows.length > query.limit ? cursorAfter(decisions.at(-1)!) : null };
  }

  @Get('export')
  @ApiOperation({ summary: 'Every decision of a settlement day, oldest first, streamed' })
  @ApiProduces('application/x-ndjson', 'text/csv')
  @AuditFilterQueries()
  @ApiQuery({ name: 'format', required: false, enum: ['ndjson', 'csv'] })
  async export(@Query() parameters: AuditParameters & { format?: string }, @Res() response: ServerResponse): Promise<void> {
    if (parameters.day === undefined) throw new BadRequestException({ reasonCode: 'DAY_REQUIRED', message: 'an export is of one settlement day: give day=YYYY-MM-DD' });
    const format = parameters.format ?? 'ndjson';
    if (format !== 'ndjson' && format !== 'csv') throw new BadRequestException({ reasonCode: 'INVALID_FORMAT', message: `format must be ndjson or csv, not "${format}"` });
    const filters = auditFiltersOf(parameters);
    response.setHeader('content-type', AUDIT_CONTENT_TYPES[format]);
    response.setHeader('content-disposition', `attachment; filename="audit-${parameters.day}.${format}"`);
    try {
      await write(response, auditHeader(format));
      let page = await this.next(filters, undefined);
      while (page.length > 0) {
        await write(response, auditLines(format as AuditFormat, page));
        page = page.length < EXPORT_PAGE ? [] : await this.next(filters, page.at(-1));
      }
      response.end();
    } catch (error) {
      // The status line has gone: all a client can be told is that the body stops short.
      this.logger.error(`audit export of ${parameters.day} broke off: ${String(error)}`);
      response.destroy(error as Error);
    }
  }

  private next(filters: ReturnType<typeof auditFiltersOf>, after: DecisionRecord | undefined): Promise<DecisionRecord[]> {
    return this.repository.audit({ ...filters, order: 'oldest', limit: EXPORT_PAGE, ...(after ? { after: { decidedAt: after.decidedAt, messageId: after.messageId } } : {}) });
  }
}

/** Writes a chunk, waiting for the client to take the last when its buffer is full (and giving up if it has gone). */
async function write(response: ServerResponse, chunk: string): Promise<void> {
  if (chunk.length === 0 || response.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const drained = () => {
      response.off('close', gone);
      resolve();
    };
    const gone = () => {
      response.off('drain', drained);
      reject(new Error('the client went away'));
    };
    response.once('drain', drained).once('close', gone);
  });
}

import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';

/** The audit's filters in the OpenAPI document, for the page and the export alike (read by audit-query.ts). */
export const AuditFilterQueries = () => applyDecorators(
  ApiQuery({ name: 'userId', required: false, description: 'EUI-64 user ID' }),
  ApiQuery({ name: 'mpan', required: false, description: 'MPAN core' }),
  ApiQuery({ name: 'day', required: false, description: 'settlement day YYYY-MM-DD (local midnight to midnight); not with since/until' }),
  ApiQuery({ name: 'since', required: false, description: 'ISO 8601 instant, inclusive' }),
  ApiQuery({ name: 'until', required: false, description: 'ISO 8601 instant, exclusive' }),
  ApiQuery({ name: 'decision', required: false, description: 'authorised, refused or a response code (e.g. E31)' }),
);

import { operatorActions } from '@halfhour/persistence';
import { Controller, Get } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Operator API: `GET /operator-actions`, the audit of the operator commands this service carried out, newest first. */
@Controller('operator-actions')
export class OperatorActionsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async list() {
    return operatorActions(this.dataSource);
  }
}

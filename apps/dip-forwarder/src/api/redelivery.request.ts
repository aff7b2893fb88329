import { IsIsoDate } from '@halfhour/contracts';
import { OperatorRequest } from '@halfhour/service-kit';
import { IsOptional } from 'class-validator';

/** POST /deliveries/redeliver: send a settlement day's MPAN-days to the DIP again. */
export class RedeliverDayRequest extends OperatorRequest {
  @IsIsoDate()
  settlementDate!: string;
}

/** POST /deliveries/resend-refused: send the MPAN-days the DIP refused again (of one settlement day, or all). */
export class ResendRefusedRequest extends OperatorRequest {
  @IsOptional()
  @IsIsoDate()
  settlementDate?: string;
}

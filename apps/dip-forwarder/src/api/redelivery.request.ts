import { IsOptional, IsString, Length } from 'class-validator';
import { IsIsoDate } from '@halfhour/contracts';

/** Who asks for a re-delivery and why, as the audit records them. */
export class OperatorRequest {
  @IsString() @Length(1, 120)
  requestedBy!: string;

  @IsString() @Length(1, 500)
  reason!: string;
}

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

import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsEui64, IsRequestId, IsUtcInstant } from '../../validators/domain-validators';
import { ReadValuesDto } from './read-values.dto';

/**
 * What a DCC user hears back about a request (R-DIP-3): `I0` with data, or a DUIS-style `E…` code
 * with its reason and a message for people. Keyed by user ID: a user reads its own key.
 */
export class ServiceResponse {
  @IsRequestId()
  requestId!: string;

  @IsEui64()
  userId!: string;

  @Matches(/^(I0|E\d{1,3})$/, { message: 'responseCode must be I0 or a DUIS-style E code' })
  responseCode!: string;

  /**
   * REFUSED by access control (or a schedule not found, no capacity); ACCEPTED (a schedule created,
   * read or deleted); DATA; PENDING (a scheduled read the plan could not place, E44: a later answer
   * says how it ended); FAILED (e.g. TRT missed).
   */
  @IsIn(['REFUSED', 'ACCEPTED', 'DATA', 'PENDING', 'FAILED'])
  outcome!: 'REFUSED' | 'ACCEPTED' | 'DATA' | 'PENDING' | 'FAILED';

  /** Where the data went: the DIP message's sender unique reference (outcome DATA). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  dataReference?: string;

  /** The data itself (outcome DATA), for a requester whose read is its own and not settlement's; settlement data goes to the DIP and the answer names its reference. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ReadValuesDto)
  values?: ReadValuesDto;

  /** The schedule a 5.1 created, or a 5.2 / 5.3 acted on. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  dspScheduleId?: string;

  /** The refusal or failure reason, as a stable identifier. */
  @IsOptional()
  @IsString()
  reason?: string;

  @IsString()
  @Length(0, 500)
  message!: string;

  @IsUtcInstant()
  respondedAt!: string;
}

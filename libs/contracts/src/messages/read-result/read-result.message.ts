import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNumber, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { READ_FAILURE_CODES, ReadFailureCode } from '@halfhour/domain';
import { IsUtcInstant } from '../../validators/domain-validators';
import { ReadAttemptDto } from '../read-command/read-command.message';

/** One half-hour of data (R-DEV-1): a value only where the meter gave one; missing stays missing. */
export class HalfHourValueDto {
  /** UTC start of the half hour. */
  @IsUtcInstant()
  start!: string;

  @IsIn(['ACTUAL', 'MISSING'])
  quality!: 'ACTUAL' | 'MISSING';

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  kwh?: number;
}

export class RegisterReadDto {
  @IsString()
  @Length(1, 40)
  register!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  kwh!: number;

  @IsUtcInstant()
  readAt!: string;
}

export const READ_OUTCOMES = ['COMPLETE', 'PARTIAL', 'FAILED'] as const;
export type ReadOutcome = (typeof READ_OUTCOMES)[number];

/** A device adapter's answer to one read command, in the one normalised shape for both generations. */
export class ReadResult extends ReadAttemptDto {
  @IsIn(READ_OUTCOMES)
  outcome!: ReadOutcome;

  /** Why the data is not complete (PARTIAL or FAILED), as a code to act on and count by. */
  @IsOptional()
  @IsIn(READ_FAILURE_CODES)
  failureCode?: ReadFailureCode;

  /** The same, for people: `CODE: detail`. */
  @IsOptional()
  @IsString()
  @Length(1, 300)
  failureReason?: string;

  /** METER: read from the device now; CACHE: served by the SMETS1 cache (R-DEV-2). */
  @IsIn(['METER', 'CACHE'])
  source!: 'METER' | 'CACHE';

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => HalfHourValueDto)
  periods!: HalfHourValueDto[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RegisterReadDto)
  registers!: RegisterReadDto[];

  @IsUtcInstant()
  completedAt!: string;
}

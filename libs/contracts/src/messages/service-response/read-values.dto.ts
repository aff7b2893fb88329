import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, Matches, ValidateNested } from 'class-validator';
import { IsIsoDate, IsMpanCore } from '../../validators/domain-validators';
import { HalfHourValueDto, RegisterReadDto } from '../read-result/read-result.message';

/** The most half hours a settlement day has (the autumn clock change): one answer carries one MPAN-day. */
export const MAX_PERIODS_PER_ANSWER = 50;

/**
 * The values of one MPAN-day of one SRV, in a DATA answer to a requester whose data is its own
 * (not settlement: routeData). A longer period is several answers, one per day, so none grows.
 */
export class ReadValuesDto {
  @IsMpanCore()
  mpan!: string;

  @Matches(/^\d+(\.\d+)*$/, { message: 'srv must look like 4.8.1' })
  srv!: string;

  @IsIsoDate()
  dataDay!: string;

  /** PARTIAL: some half hours are missing (quality MISSING), as the meter gave them. */
  @IsIn(['COMPLETE', 'PARTIAL'])
  outcome!: 'COMPLETE' | 'PARTIAL';

  @IsArray()
  @ArrayMaxSize(MAX_PERIODS_PER_ANSWER)
  @ValidateNested({ each: true })
  @Type(() => HalfHourValueDto)
  periods!: HalfHourValueDto[];

  @IsArray()
  @ArrayMaxSize(MAX_PERIODS_PER_ANSWER)
  @ValidateNested({ each: true })
  @Type(() => RegisterReadDto)
  registers!: RegisterReadDto[];
}

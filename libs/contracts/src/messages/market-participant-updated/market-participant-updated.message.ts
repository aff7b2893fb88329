import { MARKET_ROLES, MarketRole } from '@halfhour/domain';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsIsoDate, IsMpid } from '../../validators/domain-validators';

/**
 * Industry standing data for one market participant: the market roles it holds from a date.
 * An MDR appointment is accepted only for an MPID that holds the MDR role (R-REG-4).
 */
export class MarketParticipantUpdated {
  @IsMpid()
  mpid!: string;

  @IsString()
  @Length(1, 120)
  name!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(MARKET_ROLES, { each: true })
  roles!: MarketRole[];

  @IsIsoDate()
  effectiveFrom!: string;

  @IsOptional()
  @IsIsoDate()
  effectiveTo?: string;
}

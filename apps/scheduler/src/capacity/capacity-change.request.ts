import { Type } from 'class-transformer';
import { IsArray, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';

export class CapacityPeriodDto {
  /** Local minute of the day the period starts at (inclusive). */
  @IsInt() @Min(0) @Max(1439)
  fromMinute!: number;

  /** Local minute of the day the period ends at (exclusive). */
  @IsInt() @Min(1) @Max(1440)
  toMinute!: number;

  @IsInt() @Min(0)
  readsPerSlot!: number;
}

/** PUT /capacity/:provider: the provider's new capacity and why (who changes it is the caller's token's name). */
export class CapacityChangeRequest {
  @IsInt() @Min(0)
  readsPerSlot!: number;

  @IsNumber() @Min(0) @Max(1)
  reservedShare!: number;

  @IsOptional() @IsNumber() @Min(0) @Max(1)
  onDemandShare?: number;

  @IsOptional() @IsNumber() @Min(0) @Max(1)
  nightOnDemandShare?: number;

  @IsOptional() @IsNumber() @Min(0) @Max(1)
  bauShare?: number;

  @IsOptional() @IsNumber() @Min(0) @Max(1)
  nightBauShare?: number;

  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => CapacityPeriodDto)
  periods?: CapacityPeriodDto[];

  @IsString() @Length(1, 500)
  reason!: string;
}

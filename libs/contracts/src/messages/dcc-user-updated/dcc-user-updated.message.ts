import { MARKET_ROLES, MarketRole } from '@halfhour/domain';
import { Type } from 'class-transformer';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsEui64, IsMpid, IsP256PublicKey, IsUtcInstant } from '../../validators/domain-validators';

export class UserKeyDto {
  @IsString()
  @Length(1, 64)
  keyId!: string;

  @IsIn(MARKET_ROLES)
  role!: MarketRole;

  /** SPKI PEM of an ECDSA P-256 public key, as `openssl ec -pubout` writes it; no other key type or curve. */
  @Matches(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n?$/, { message: 'publicKeyPem must be an SPKI PEM public key' })
  @IsP256PublicKey()
  publicKeyPem!: string;

  @IsUtcInstant()
  validFrom!: string;

  @IsOptional()
  @IsUtcInstant()
  validTo?: string;

  /** From this instant the key verifies nothing, whatever its validity. */
  @IsOptional()
  @IsUtcInstant()
  revokedAt?: string;
}

/**
 * A DCC user as the DCC's user registry holds it: EUI-64 user ID, the organisation (MPID), the
 * roles it acts in, and its signing keys per role. The whole record every time, on a compacted
 * topic: the latest message per user ID is the truth.
 */
export class DccUserUpdated {
  @IsEui64()
  userId!: string;

  @IsMpid()
  mpid!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(MARKET_ROLES, { each: true })
  roles!: MarketRole[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => UserKeyDto)
  keys!: UserKeyDto[];

  @IsUtcInstant()
  updatedAt!: string;
}

import { IsString, Length } from 'class-validator';

/**
 * Why an operator command is asked for, as the audit (`operator_actions`) records it. Who asks is
 * the caller's token's name (`@Operator()`), never a field of the body.
 */
export class OperatorRequest {
  @IsString() @Length(1, 500)
  reason!: string;
}

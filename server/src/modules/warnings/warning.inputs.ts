import { ArrayMaxSize, IsOptional, IsUUID, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AppError } from '../../common/app-error.js';

/** Sensor condition ids: short, printable, safe in URLs and log lines. */
export const WARNING_CODE = /^[A-Za-z0-9_.:-]{1,64}$/;
export const WARNING_MESSAGE_MAX = 500;

@InputType()
export class RaiseWarningInput {
  @Field(() => ID)
  @IsUUID('all')
  machineId!: string;

  @Field(() => String, { description: `1 to ${WARNING_MESSAGE_MAX} characters, trimmed` })
  message!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Sensor condition id (letters, digits, `_ . : -`, up to 64). While a warning with this code is active on the machine, raising it again only counts a repeat.',
  })
  @IsOptional()
  @Matches(WARNING_CODE, {
    message: 'code must be 1-64 letters, digits, underscore, dot, colon or dash',
  })
  code?: string | null;
}

@InputType()
export class WarningFilter {
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  machineIds?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only active; false: only cleared; omitted: both',
  })
  active?: boolean | null;
}

/** A message as stored: trimmed, not blank, within the limit; `field` names it in errors. */
export function normalizeMessage(value: string, field = 'message'): string {
  const message = value.trim();
  if (message.length === 0) throw AppError.badInput(`${field} must not be blank`, { field });
  if (message.length > WARNING_MESSAGE_MAX) {
    throw AppError.badInput(`${field} must be at most ${WARNING_MESSAGE_MAX} characters`, {
      field,
    });
  }
  return message;
}

/** A sensor condition id, checked; null stays null. */
export function normalizeCode(value: string | null | undefined, field = 'code'): string | null {
  if (value == null) return null;
  if (!WARNING_CODE.test(value))
    throw AppError.badInput(`${field} has an invalid format`, { field });
  return value;
}

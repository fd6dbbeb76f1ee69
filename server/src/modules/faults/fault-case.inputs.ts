import {
  ArrayMaxSize,
  IsInt,
  IsOptional,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { FaultStatus, Severity } from './fault-case.enums.js';
import { DESCRIPTION_MAX } from './fault-case.service.js';

@InputType()
export class OpenFaultCaseInput {
  @Field(() => ID)
  @IsUUID()
  machineId!: string;

  @Field(() => String, { description: `1 to ${DESCRIPTION_MAX} characters` })
  @MinLength(1)
  @MaxLength(DESCRIPTION_MAX)
  description!: string;

  @Field(() => Severity)
  severity!: Severity;
}

@InputType()
export class UpdateFaultCaseInput {
  @Field(() => String, { nullable: true, description: `1 to ${DESCRIPTION_MAX} characters` })
  @IsOptional()
  @MinLength(1)
  @MaxLength(DESCRIPTION_MAX)
  description?: string | null;

  @Field(() => Severity, { nullable: true })
  @IsOptional()
  severity?: Severity | null;

  @Field(() => Int, {
    description: 'The `version` you edited; a newer one on the server is a CONFLICT',
  })
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}

@InputType()
export class FaultCaseFilter {
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  machineIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  buildingIds?: string[] | null;

  @Field(() => [FaultStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  statuses?: FaultStatus[] | null;

  @Field(() => [Severity], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  severities?: Severity[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Only cases nobody is assigned to (the dispatcher's queue); not with assigneeId",
  })
  @IsOptional()
  unassigned?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Cases assigned to or reported by me (repair staff always see only their own)',
  })
  @IsOptional()
  onlyMine?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'Opened at or after this time' })
  @IsOptional()
  openedFrom?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Opened before this time; must be later than openedFrom',
  })
  @IsOptional()
  openedTo?: Date | null;
}

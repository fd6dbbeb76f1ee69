import {
  ArrayMaxSize,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { MachineStatus } from './machine.status.js';

const ASSET_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

@InputType()
export class MachineFilter {
  @Field(() => [ID], {
    nullable: true,
    description: 'Only these machines (at most 100), e.g. a selection to print labels for',
  })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  ids?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  buildingIds?: string[] | null;

  @Field(() => [MachineStatus], { nullable: true })
  @IsOptional()
  statuses?: MachineStatus[] | null;

  @Field(() => ID, { nullable: true, description: 'Machines this technician is assigned to' })
  @IsOptional()
  @IsUUID()
  assignedTechnicianId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Technicians see their assigned machines unless this is false',
  })
  onlyAssignedToMe?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Matches name, asset code or location' })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;

  @Field(() => Boolean, { defaultValue: false })
  includeArchived: boolean = false;
}

@ArgsType()
export class WholeBoardArgs {
  @Field(() => [ID], { nullable: true, description: 'Only these buildings (at most 100)' })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  buildingIds?: string[] | null;
}

@InputType()
export class CreateMachineInput {
  @Field(() => String)
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The building; or give buildingName' })
  @IsOptional()
  @IsUUID()
  buildingId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The building by name (case-insensitive), created when none has it; or give buildingId',
  })
  @IsOptional()
  @MinLength(1)
  @MaxLength(120)
  buildingName?: string | null;

  @Field(() => String, { nullable: true, description: 'Line, cell or bay' })
  @IsOptional()
  @MaxLength(120)
  location?: string | null;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(5)
  importance!: number;

  @Field(() => String, { nullable: true, description: 'Generated when omitted' })
  @IsOptional()
  @Matches(ASSET_CODE, {
    message: 'assetCode must be 1-40 letters, digits, dot, dash or underscore',
  })
  assetCode?: string | null;
}

@InputType()
export class UpdateMachineInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(120)
  name?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  buildingId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(120)
  location?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  importance?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(ASSET_CODE, {
    message: 'assetCode must be 1-40 letters, digits, dot, dash or underscore',
  })
  assetCode?: string | null;
}

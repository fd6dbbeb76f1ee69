import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { MachineEventType } from './machine-event.type.js';

@InputType()
export class MachineEventFilter {
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

  @Field(() => [ID], {
    nullable: true,
    description: 'Who made the change: user ids and API client ids',
  })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  actorIds?: string[] | null;

  @Field(() => [MachineEventType], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  types?: MachineEventType[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  faultCaseId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Events at or after this time' })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events before this time' })
  @IsOptional()
  to?: Date | null;
}

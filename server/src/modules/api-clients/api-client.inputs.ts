import {
  ArrayMaxSize,
  ArrayMinSize,
  IsOptional,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ApiScope } from './api-client.scope.js';

@InputType()
export class CreateApiClientInput {
  @Field(() => String, { description: 'What the system is, e.g. "Line 3 vibration gateway"' })
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @Field(() => [ApiScope], { description: 'At least one' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  scopes!: ApiScope[];

  @Field(() => [ID], {
    nullable: true,
    description: 'Buildings the token may act on; omitted or empty: all',
  })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  buildingIds?: string[] | null;
}

@InputType()
export class ApiClientFilter {
  @Field(() => Boolean, {
    defaultValue: true,
    description: 'Revoked clients stay listed for the record',
  })
  includeRevoked: boolean = true;
}

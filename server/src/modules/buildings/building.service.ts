import { AppError } from '../../common/app-error.js';
import type { ServiceContext } from '../../graphql/context.js';
import { Building } from './building.entity.js';

export class BuildingService {
  constructor(private readonly ctx: ServiceContext) {}

  list(): Promise<Building[]> {
    return this.ctx.em.find(Building, {}, { orderBy: { name: 'asc' } });
  }

  async create(input: { name: string }): Promise<Building> {
    const name = input.name.trim();
    if (name.length === 0) throw AppError.badInput('Building name must not be blank');
    const em = this.ctx.em.fork();
    if (await em.findOne(Building, { name })) {
      throw AppError.conflict('A building with this name already exists', { name });
    }
    const building = em.create(Building, { name });
    await em.flush();
    return building;
  }

  /** Finds a building by exact name, creating it when missing (for the REST `location`). */
  async findOrCreateByName(name: string): Promise<Building> {
    const trimmed = name.trim();
    const existing = await this.ctx.em.findOne(Building, { name: trimmed });
    if (existing) return existing;
    await this.ctx.em
      .getConnection()
      .execute(
        'insert into buildings (id, name) values (gen_random_uuid(), ?) on conflict (name) do nothing',
        [trimmed],
      );
    return this.ctx.em.findOneOrFail(Building, { name: trimmed });
  }
}

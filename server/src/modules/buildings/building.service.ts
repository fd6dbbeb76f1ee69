import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../common/actor.js';
import { AppError } from '../../common/app-error.js';
import type { ServiceContext } from '../../graphql/context.js';
import { Building } from './building.entity.js';

export class BuildingService {
  constructor(private readonly ctx: ServiceContext) {}

  list(actor: Actor, first: number): Promise<Building[]> {
    const limited = actor.kind === 'apiClient' && actor.buildingIds.length > 0;
    return this.ctx.em.find(Building, limited ? { id: { $in: actor.buildingIds } } : {}, {
      orderBy: { name: 'asc' },
      limit: first,
    });
  }

  async create(input: { name: string }): Promise<Building> {
    const name = input.name.trim();
    if (name.length === 0) throw AppError.badInput('Building name must not be blank');
    const em = this.ctx.em.fork();
    const taken = await findByName(em, name);
    if (taken) {
      throw AppError.conflict('A building with this name already exists', {
        name,
        existing: taken.name,
      });
    }
    const building = em.create(Building, { name });
    await em.flush();
    return building;
  }

  /**
   * The building of this name (ignoring case, as names are unique), created when there is
   * none. Works inside the caller's transaction when `em` is one.
   */
  async findOrCreateByName(name: string): Promise<Building> {
    const wanted = name.trim();
    const existing = await findByName(this.ctx.em, wanted);
    if (existing) return existing;
    // A concurrent request may create it first: the unique name keeps it to one building.
    await this.ctx.em.execute(
      'insert into buildings (id, name) values (gen_random_uuid(), ?) on conflict do nothing',
      [wanted],
      'run',
    );
    return (await findByName(this.ctx.em, wanted))!;
  }
}

/** The building of this name ignoring case (the unique index's own terms), or null. */
function findByName(em: EntityManager, name: string): Promise<Building | null> {
  return em.findOne(Building, { [raw('lower(name)')]: name.toLowerCase() });
}

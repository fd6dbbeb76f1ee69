import { UniqueConstraintViolationException, raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../common/actor.js';
import { AppError } from '../../common/app-error.js';
import { assertUuid } from '../../common/ids.js';
import { inTransaction } from '../../db/transaction.js';
import type { ServiceContext } from '../../graphql/context.js';
import { Building } from './building.entity.js';

const NAME_MAX = 120;

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
    const name = requireName(input.name);
    const em = this.ctx.em.fork();
    const taken = await findByName(em, name);
    if (taken) throw nameTaken(name, taken.name);
    const building = em.create(Building, { name });
    try {
      await em.flush();
    } catch (error) {
      // A race past the check above still ends in CONFLICT, through the unique index.
      if (error instanceof UniqueConstraintViolationException) throw nameTaken(name);
      throw error;
    }
    return building;
  }

  /**
   * A new name for the same place. Machines point at the building by id, so boards, display
   * links and API clients limited to it follow without any change of theirs. Changing only
   * the case of its own name is allowed; another building's name (ignoring case) is not.
   */
  async rename(actor: Actor, id: string, input: { name: string }): Promise<Building> {
    const buildingId = assertUuid(id);
    const name = requireName(input.name);
    const building = await inTransaction(this.ctx.em, async (tx) => {
      const building = await tx.findOne(Building, { id: buildingId });
      if (!building) throw AppError.notFound('Building', buildingId);
      const taken = await findByName(tx, name);
      if (taken && taken.id !== building.id) throw nameTaken(name, taken.name);
      building.name = name;
      try {
        await tx.flush();
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) throw nameTaken(name);
        throw error;
      }
      return building;
    });
    // Boards show the name; no machine event says so.
    await this.ctx.bus.publishInvalidation(this.ctx.em, { kind: 'building', buildingId });
    this.ctx.logger.info({ actorId: actor.id, buildingId, name }, 'building renamed');
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

function requireName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0 || name.length > NAME_MAX) {
    throw AppError.badInput(`name must be 1 to ${NAME_MAX} characters`, { field: 'name' });
  }
  return name;
}

/** `field` lets a form show the answer at the name it was given. */
function nameTaken(name: string, existing?: string): AppError {
  return AppError.conflict('A building with this name already exists', {
    field: 'name',
    name,
    ...(existing ? { existing } : {}),
  });
}

/** The building of this name ignoring case (the unique index's own terms), or null. */
function findByName(em: EntityManager, name: string): Promise<Building | null> {
  return em.findOne(Building, { [raw('lower(name)')]: name.toLowerCase() });
}

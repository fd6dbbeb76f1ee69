import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

type Row = Record<string, unknown>;
type Assign = (row: Row, view: Row) => void;

/** One compiled mapper per entity (metadata is per ORM instance, hence the WeakMap). */
const mappers = new WeakMap<EntityMetadata, (row: Row) => object>();

/**
 * Maps a row of `entity` — keyed by column, as `jsonRowSql` or a plain `select` gives it — to
 * a READ VIEW: an object with the entity's property names and types (dates as Date,
 * numbers as numbers) whose to-one references are `{ id }` stubs, exactly what field
 * resolvers and read rules use (`machine.building.id`, `fc.assignee?.id`).
 *
 * For answers that are only read (the board, a live tile): a view skips what an entity costs
 * — the identity map, change-set snapshots, reference wrappers, cascading merges — which was
 * the largest share of a board page's CPU. A view is not managed: never hand it to
 * `em.persist`, `em.assign` or `wrap`, and never read a reference beyond its `id`.
 */
export function readViewMapper<T extends object>(
  em: EntityManager,
  entity: new () => T,
): (row: Row) => T {
  const meta = em.getMetadata().get(entity);
  let mapper = mappers.get(meta);
  if (!mapper) {
    const props = (meta.props as EntityProperty[]).filter((prop) => assignOf(prop));
    const assigns = props.map((prop) => assignOf(prop)!);
    const View = viewClassOf(entity, props);
    mapper = (row: Row) => {
      const view = new View();
      for (const assign of assigns) assign(row, view);
      return view;
    };
    mappers.set(meta, mapper);
  }
  return mapper as (row: Row) => T;
}

/**
 * Views are instances of the entity class (type-graphql hands a field resolver's root through
 * as is only then; otherwise it copies it into `new Entity()` on every call), built without
 * its constructor. The entity's prototype has ORM setters for its properties; a data property
 * of the same name on the view's own prototype shadows each, so assigning one is a plain write.
 */
function viewClassOf(entity: new () => object, props: readonly EntityProperty[]): new () => Row {
  const prototype = Object.create(entity.prototype) as object;
  for (const prop of props) {
    Object.defineProperty(prototype, prop.name, {
      value: undefined,
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }
  const View = function View() {} as unknown as new () => Row;
  View.prototype = prototype as Row;
  return View;
}

/** How one property is read from its column; undefined for what a row does not carry. */
function assignOf(prop: EntityProperty): Assign | undefined {
  if (prop.lazy || prop.persist === false || prop.fieldNames?.length !== 1) return undefined;
  const key = prop.name;
  const column = prop.fieldNames[0]!;
  if (prop.kind === ReferenceKind.MANY_TO_ONE) {
    const idKey = prop.targetMeta?.primaryKeys[0] ?? 'id';
    return (row, view) => {
      const id = row[column];
      view[key] = id == null ? null : Object.freeze({ [idKey]: String(id) });
    };
  }
  if (prop.kind !== ReferenceKind.SCALAR) return undefined;
  switch (prop.runtimeType) {
    case 'Date':
      return (row, view) => {
        const value = row[column];
        view[key] = value == null ? null : new Date(value as string);
      };
    case 'number':
      return (row, view) => {
        const value = row[column];
        view[key] = value == null ? null : Number(value);
      };
    default:
      return (row, view) => {
        const value = row[column];
        view[key] = value === undefined ? null : value;
      };
  }
}

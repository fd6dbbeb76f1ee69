import { graphql } from '#lib/graphql/generated/index.ts';

/**
 * What the screen's link says about itself: its name, buildings and whether it chimes. A
 * revoked link gets UNAUTHENTICATED with `extensions.details.reason = 'REVOKED'`.
 */
export const CurrentDisplayDocument = graphql(`
  query CurrentDisplay {
    currentDisplay {
      id
      name
      chime
      buildings {
        id
        name
      }
    }
  }
`);

import { graphql } from '#lib/graphql/generated/index.ts';

// Display links for managers: list, create (the token comes back this once), revoke.

export const DisplayLinkFields = graphql(`
  fragment DisplayLinkRow on DisplayLink {
    id
    name
    tokenPrefix
    chime
    createdAt
    lastUsedAt
    revokedAt
    buildings {
      id
      name
    }
  }
`);

export const DisplayLinksDocument = graphql(`
  query DisplayLinks {
    displayLinks {
      ...DisplayLinkRow
    }
    buildings {
      id
      name
    }
  }
`);

export const CreateDisplayLinkDocument = graphql(`
  mutation CreateDisplayLink($input: CreateDisplayLinkInput!) {
    createDisplayLink(input: $input) {
      displayLink {
        ...DisplayLinkRow
      }
      token
    }
  }
`);

export const RevokeDisplayLinkDocument = graphql(`
  mutation RevokeDisplayLink($id: ID!) {
    revokeDisplayLink(id: $id) {
      ...DisplayLinkRow
    }
  }
`);

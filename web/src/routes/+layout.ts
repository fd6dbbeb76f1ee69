// A single-page app: the access token lives in memory and the refresh cookie is scoped to
// /graphql, so the server could not render a signed-in page anyway.
export const ssr = false;
export const prerender = false;

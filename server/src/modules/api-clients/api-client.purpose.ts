/**
 * What a token is for. A DISPLAY token is a wall screen's link: it reads the board of its
 * buildings and nothing else, is managed through the display-link operations and never
 * appears among the API clients.
 */
export type ApiClientPurpose = 'API' | 'DISPLAY';

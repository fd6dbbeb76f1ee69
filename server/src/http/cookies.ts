import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';
import type { CookieJar } from '../graphql/context.js';

/**
 * HttpOnly, SameSite=Strict and path-limited; Secure when the request came over HTTPS,
 * directly or through a trusted proxy (`X-Forwarded-Proto` from an address `trust proxy`
 * accepts, e.g. the web server on loopback). A browser drops a Secure cookie set over plain
 * HTTP, so an intranet host without TLS (http://shopfloor.plant:3000) keeps a plain one and
 * its sessions still refresh; HTTPS is recommended all the same.
 */
export function expressCookieJar(req: Request, res: Response): CookieJar {
  const jar = parse(req.headers.cookie ?? '');
  const secure = req.secure;
  return {
    read: (name) => jar[name],
    set(name, value, { maxAgeSeconds, path }) {
      res.append(
        'Set-Cookie',
        serialize(name, value, {
          httpOnly: true,
          sameSite: 'strict',
          secure,
          path,
          maxAge: maxAgeSeconds,
        }),
      );
    },
    clear(name, path) {
      res.append(
        'Set-Cookie',
        serialize(name, '', { httpOnly: true, sameSite: 'strict', secure, path, maxAge: 0 }),
      );
    },
  };
}

import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';
import type { CookieJar } from '../graphql/context.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * HttpOnly, SameSite=Strict and path-limited; Secure everywhere but on localhost, where
 * browsers refuse Secure cookies over plain HTTP.
 */
export function expressCookieJar(req: Request, res: Response): CookieJar {
  const jar = parse(req.headers.cookie ?? '');
  const secure = req.secure || !LOCAL_HOSTS.has(req.hostname);
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

import Taro from '@tarojs/taro';
import { ROUTES, withQuery } from './routes';

/** Query keys Taro adds on its own; they are not part of where the person was. */
const INTERNAL_PARAMS = new Set(['$taroTimestamp', 'stamp', '__key_']);

/** The page the person is on, with its query, so sign-in can bring them back to it. */
export function currentPageUrl(): string | null {
  const router = Taro.getCurrentInstance().router;
  if (!router?.path) return null;
  const path = router.path.split('?')[0];
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(router.params ?? {})) {
    if (!INTERNAL_PARAMS.has(k) && typeof v === 'string') query[k] = v;
  }
  return withQuery(path.startsWith('/') ? path : `/${path}`, query);
}

let leaving = false;

/**
 * H5 only: open the demo sign-in and come back here afterwards. Several calls failing at once
 * (a page loads two things) lead to one navigation.
 */
export function goToSignIn(): void {
  if (process.env.TARO_ENV !== 'h5' || leaving) return;
  const here = currentPageUrl();
  if (here?.startsWith(ROUTES.signIn)) return;
  leaving = true;
  setTimeout(() => {
    leaving = false;
  }, 1500);
  void Taro.reLaunch({ url: withQuery(ROUTES.signIn, { redirect: here ?? undefined }) });
}

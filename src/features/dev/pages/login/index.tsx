import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { SearchBar } from '@nutui/nutui-react-taro';
import { ROLE_LABELS, ROLES, type Role } from '@core/people/role';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import { cloud } from '../../../../lib/cloud';
import { messageOf } from '../../../../lib/cloud/call-error';
import { setToken } from '../../../../lib/cloud/session';
import { safeRedirect, TAB_ROUTES } from '../../../../lib/routes';
import { devApi, type DevPerson, type PeoplePage } from '../../api';
import './index.scss';

const PAGE = 30;

/** H5 only: the demo sign-in. Pick anyone from the seeded street and use the app as them. */
export default function LoginPage() {
  const { params } = useRouter();
  const [role, setRole] = useState<Role>('resident');
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [extra, setExtra] = useState<DevPerson[]>([]);
  const [more, setMore] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null });
  const [signingIn, setSigningIn] = useState<string | null>(null);
  const [signInError, setSignInError] = useState<string | null>(null);

  // Typing settles for a moment before searching, so each keystroke does not send a request.
  useEffect(() => {
    const t = setTimeout(() => setSearch(typed.trim()), 300);
    return () => clearTimeout(t);
  }, [typed]);

  const key = `${role}|${search}`;
  // Each page remembers the search it answers, so a list still showing an older search is known as such.
  const q = useQuery<PeoplePage & { key: string }>(key, async () => ({ ...(await devApi.people({ role, q: search || undefined, limit: PAGE, offset: 0 })), key }));
  const current = q.data?.key === `${role}|${typed.trim()}`;
  useEffect(() => setExtra([]), [key]);
  const people = [...(q.data?.people ?? []), ...extra];
  const total = q.data?.total ?? 0;

  async function loadMore() {
    setMore({ loading: true, error: null });
    try {
      const page = await devApi.people({ role, q: search || undefined, limit: PAGE, offset: people.length });
      setExtra((e) => [...e, ...page.people]);
      setMore({ loading: false, error: null });
    } catch (e) {
      setMore({ loading: false, error: messageOf(e) });
    }
  }

  async function signIn(person: DevPerson | null) {
    setSigningIn(person?.id ?? 'new');
    setSignInError(null);
    try {
      const session = person ? await devApi.signIn(person.id) : await devApi.signInAsNewUser();
      setToken(session.token);
      cloud.reset();
      const target = safeRedirect(params.redirect);
      const path = target.split('?')[0];
      // A tab page cannot take a query; reLaunch also clears pages that belonged to the previous identity.
      void Taro.reLaunch({ url: TAB_ROUTES.includes(path) ? path : target });
    } catch (e) {
      setSignInError(messageOf(e));
      setSigningIn(null);
    }
  }

  return (
    <PageShell className="login">
      <View className="login-banner e2e-dev-banner">
        <Text className="login-banner__title">演示环境：选择任意人员身份登录</Text>
        <Text className="login-banner__sub">正式小程序中，身份由微信自动识别，无需登录。</Text>
      </View>
      <View className="login-new">
        <ActionButton block type="primary" className="e2e-new-wechat-user" loading={signingIn === 'new'} onClick={() => void signIn(null)}>
          以新微信用户身份登录
        </ActionButton>
        <Text className="login-banner__sub">没有任何身份的新用户：可绑定住址，或在「我的 → 我有邀请码」接受工作人员邀请。</Text>
      </View>
      <View className="login-roles e2e-role-tabs">
        {ROLES.map((r) => (
          <Text key={r} className={`login-roles__item e2e-role-${r} ${role === r ? 'login-roles__item--on' : ''}`} onClick={() => setRole(r)}>
            {ROLE_LABELS[r]}
          </Text>
        ))}
      </View>
      <SearchBar className="login-search e2e-people-search" value={typed} placeholder="搜索姓名或所在社区、网格" onChange={(v: string) => setTyped(v)} onClear={() => setTyped('')} />
      {signInError && <Text className="field-error login-error">{signInError}</Text>}
      {q.loading ? (
        <View className="login-state">正在加载人员…</View>
      ) : q.error ? (
        <View className="login-state">
          <Text className="field-error">{messageOf(q.error)}</Text>
          <ActionButton type="primary" className="e2e-retry" onClick={() => void q.reload()}>
            重试
          </ActionButton>
        </View>
      ) : people.length === 0 ? (
        <View className="login-state e2e-people-empty">
          {search ? '没有找到符合条件的人员' : '还没有人员。新街道请先用 npm run wgt -- street init 创建，再以新微信用户身份登录并输入邀请码。'}
        </View>
      ) : (
        <>
          <Text className="login-count">
            共 {total} 位{ROLE_LABELS[role]}
          </Text>
          <View className={`list e2e-people ${current ? 'e2e-people-current' : ''}`}>
            {people.map((p) => (
              <View key={p.id} className="list__item e2e-person" id={`person-${p.id}`} hoverClass="list__item--pressed" onClick={() => void signIn(p)}>
                <View className="login-avatar">
                  <Text>{Array.from(p.name)[0]}</Text>
                </View>
                <View className="list__main">
                  <Text className="list__title e2e-person-name">{p.name}</Text>
                  <Text className="list__sub">
                    {p.roleLabel} · {p.where}
                  </Text>
                </View>
                <Text className="list__arrow">{signingIn === p.id ? '登录中…' : '›'}</Text>
              </View>
            ))}
          </View>
          {people.length < total && (
            <ActionButton block loading={more.loading} className="e2e-people-more" onClick={() => void loadMore()}>
              加载更多
            </ActionButton>
          )}
          {more.error && <Text className="field-error">{more.error}</Text>}
        </>
      )}
    </PageShell>
  );
}

import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { GridReach, UnreachedHousehold } from '@core/api/notice.contract';
import { can } from '@core/people/permission';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useNow } from '../../../../hooks/use-now';
import { useQuery } from '../../../../hooks/use-query';
import { messageOf } from '../../../../lib/cloud/call-error';
import { accountApi } from '../../../account/api';
import { actorOf } from '../../../account/me-view';
import { noticeApi } from '../../api';
import CoverageBar from '../../components/CoverageBar';
import NoteSheet from '../../components/NoteSheet';
import { timeText } from '../../notice-view';
import '../../components/notices.scss';

/** Long lists are shown a page at a time: a grid has about 300 households. */
const STEP = 30;
const METHOD_TEXT = { visit: '上门告知', phone: '电话告知' } as const;
type Method = keyof typeof METHOD_TEXT;

async function load(id: string, gridId: string) {
  const [reach, me] = await Promise.all([noticeApi.gridReach(id, gridId), accountApi.me()]);
  // Who may record a visit or a call is the permission's; the server checks the grid again.
  return { reach, mayReach: can(actorOf(me), 'notice.reach') };
}

function Household({ h, mayReach, onReach }: { h: UnreachedHousehold; mayReach: boolean; onReach: (m: Method) => void }) {
  return (
    <View id={`household-${h.householdId}`} className={`nt-hh e2e-unreached ${h.keyGroups.length ? 'nt-hh--key e2e-unreached-key' : ''}`}>
      <View className="nt-hh__head">
        <Text className="nt-hh__address e2e-unreached-address">{h.address}</Text>
        {h.keyGroups.map((g) => (
          <Text key={g} className="tag tag--danger nt-hh__key">
            {g}
          </Text>
        ))}
      </View>
      <Text className="nt-hh__who">{h.residents.length ? `居民：${h.residents.join('、')}` : '还没有居民绑定这户'}</Text>
      {mayReach && (
        <View className="nt-hh__actions">
          <ActionButton type="primary" className="e2e-reach-visit" onClick={() => onReach('visit')}>
            上门告知
          </ActionButton>
          <ActionButton type="ghost" className="e2e-reach-phone" onClick={() => onReach('phone')}>
            电话告知
          </ActionButton>
        </View>
      )}
    </View>
  );
}

/**
 * One grid's households for one notice: the coverage, each building, the households not yet reached (key
 * groups such as elderly living alone first, names masked), and those reached with how. The grid worker
 * records a visit or a call, which counts towards coverage.
 */
export default function NoticeGridPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const gridId = params.gridId ?? '';
  const q = useQuery(`notice-grid-${id}-${gridId}`, () => load(id, gridId), { enabled: Boolean(id && gridId), pullToRefresh: true, reloadOnShow: true });
  const now = useNow();
  const [tab, setTab] = useState<'todo' | 'done'>('todo');
  const [shown, setShown] = useState(STEP);
  // The list of households is the work; the buildings are there when asked for.
  const [buildingsOpen, setBuildingsOpen] = useState(false);
  const [reaching, setReaching] = useState<{ h: UnreachedHousehold; method: Method } | null>(null);
  const r = q.data?.reach;

  async function markReached(note: string): Promise<string | null> {
    if (!reaching || !r) return null;
    try {
      const next: GridReach = await noticeApi.markReached({ id: r.noticeId, householdId: reaching.h.householdId, method: reaching.method, ...(note ? { note } : {}) });
      q.setData({ reach: next, mayReach: q.data?.mayReach ?? true });
      setReaching(null);
      void Taro.showToast({ title: '已登记', icon: 'success' });
      return null;
    } catch (e) {
      return messageOf(e);
    }
  }

  return (
    <PageShell
      className="nt-grid"
      loading={q.loading}
      skeleton="list"
      error={q.error}
      hasContent={Boolean(r)}
      onRetry={() => void q.reload()}
      empty={!(id && gridId) && { title: '没有找到这个网格', description: '链接不完整，请从「到户情况」重新打开。' }}
    >
      {r && q.data && (
        <>
          <View className="section">
            <Text className="nt-cov-title e2e-grid-title">{r.gridName}</Text>
            <Text className="section__hint">{r.title}</Text>
            <CoverageBar row={r.total} showName={false} className="nt-cov--big e2e-grid-total" />
          </View>

          {r.buildings.length > 1 && (
            <View className="section nt-fold">
              <View className="nt-fold__head e2e-toggle-buildings" onClick={() => setBuildingsOpen((o) => !o)}>
                <Text className="nt-fold__title">各楼栋到户情况（{r.buildings.length}栋）</Text>
                <Text className="nt-fold__action">{buildingsOpen ? '收起' : '展开'}</Text>
              </View>
              {buildingsOpen && r.buildings.map((b) => <CoverageBar key={b.id} row={b} facts="reach" className="nt-cov--small e2e-grid-building" />)}
            </View>
          )}

          <View className="nt-tabs">
            <Text className={`nt-tab e2e-tab-unreached ${tab === 'todo' ? 'nt-tab--on e2e-on' : ''}`} onClick={() => setTab('todo')}>
              未到户 {r.notReached.length}户
            </Text>
            <Text className={`nt-tab e2e-tab-reached ${tab === 'done' ? 'nt-tab--on e2e-on' : ''}`} onClick={() => setTab('done')}>
              已到户 {r.reached.length}户
            </Text>
          </View>

          {tab === 'todo' && (
            <View className="e2e-unreached-list">
              {r.notReached.length === 0 ? (
                <Text className="nt-none e2e-all-reached">本网格范围内的住户都已到户。</Text>
              ) : (
                <Text className="section__hint nt-list-hint">重点人群住户排在前面。上门或电话告知后请登记，计入到户率。</Text>
              )}
              {r.notReached.slice(0, shown).map((h) => (
                <Household key={h.householdId} h={h} mayReach={q.data!.mayReach} onReach={(method) => setReaching({ h, method })} />
              ))}
              {r.notReached.length > shown && (
                <Text className="nt-more e2e-show-more" onClick={() => setShown((n) => n + STEP)}>
                  再显示{Math.min(STEP, r.notReached.length - shown)}户（还有{r.notReached.length - shown}户）
                </Text>
              )}
            </View>
          )}

          {tab === 'done' && (
            <View className="e2e-reached-list">
              {r.reached.length === 0 && <Text className="nt-none">还没有住户到户。</Text>}
              {r.reached.map((h) => (
                <View key={h.householdId} id={`reached-${h.householdId}`} className="nt-hh e2e-reached">
                  <View className="nt-hh__head">
                    <Text className="nt-hh__address">{h.address}</Text>
                    <Text className={`tag ${h.method === 'read' ? 'tag--success' : 'tag--primary'} e2e-reached-method`}>{h.methodLabel}</Text>
                  </View>
                  <Text className="nt-hh__who">{timeText(h.at, now)}</Text>
                  {h.note ? <Text className="nt-hh__note">备注：{h.note}</Text> : null}
                </View>
              ))}
            </View>
          )}

          {reaching && (
            <NoteSheet
              title={`登记${METHOD_TEXT[reaching.method]}`}
              className="e2e-dialog-reach"
              hint={`${reaching.h.address}${reaching.h.keyGroups.length ? `（${reaching.h.keyGroups.join('、')}）` : ''}`}
              label="备注"
              placeholder={reaching.method === 'visit' ? '例如：已当面告知老人，并留下纸质通知' : '例如：已电话告知户主'}
              min={0}
              max={100}
              confirmText="确认已告知"
              onClose={() => setReaching(null)}
              onSubmit={markReached}
            />
          )}
        </>
      )}
    </PageShell>
  );
}

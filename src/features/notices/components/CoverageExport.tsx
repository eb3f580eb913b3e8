import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ScopeInput } from '@core/api/assessment.contract';
import { can } from '@core/people/permission';
import ActionButton from '../../../components/ActionButton';
import { useQuery } from '../../../hooks/use-query';
import { messageOf } from '../../../lib/cloud/call-error';
import { accountApi } from '../../account/api';
import { grantOf } from '../../account/me-view';
import { exportAssessmentFile } from '../../assessment/export-file';
import { beijingDate } from '../../work/overview-filter';

/** The export covers what the person looks after: the street for street staff, their community for its staff. */
async function exportScope(): Promise<ScopeInput | null> {
  const me = await accountApi.me();
  const actor = { userId: me.userId, name: me.name, grants: me.grants };
  const street = grantOf(me, 'street_staff');
  if (street && can(actor, 'assessment.export', { streetId: street.streetId })) return { kind: 'street', id: street.streetId };
  const community = grantOf(me, 'community_staff');
  if (community && can(actor, 'assessment.export', { streetId: community.streetId, communityId: community.communityId })) {
    return { kind: 'community', id: community.communityId };
  }
  return null;
}

/**
 * 导出到户情况 (community and street staff): the coverage per grid and the not-reached door list of this
 * notice as Excel or CSV, from the same export the 考核评价 page uses (audited, phone numbers never in it).
 */
export default function CoverageExport({ noticeId }: { noticeId: string }) {
  const scope = useQuery('coverage-export-scope', exportScope);
  const [busy, setBusy] = useState<'xlsx' | 'csv' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!scope.data) return null;
  const today = beijingDate(Date.now());

  async function run(format: 'xlsx' | 'csv') {
    setBusy(format);
    setError(null);
    setDone(null);
    try {
      // The period does not narrow a notice's coverage (it is the notice's, whenever it was published).
      const file = await exportAssessmentFile({ kind: 'coverage', format, scope: scope.data!, period: { from: today, to: today }, noticeId });
      setDone(`已导出 ${file.fileName}，24 小时内有效`);
      void Taro.showToast({ title: '已导出', icon: 'success' });
    } catch (e) {
      setError(`导出失败：${messageOf(e)}`);
    } finally {
      setBusy(null);
    }
  }

  return (
    <View className="section e2e-coverage-export">
      <Text className="section__title">导出到户情况</Text>
      <Text className="section__hint">各网格到户率和未到户的住户名单（姓名脱敏，不含电话）。</Text>
      <View className="nt-cov-export">
        <ActionButton type="primary" className="e2e-coverage-export-xlsx" loading={busy === 'xlsx'} disabled={busy !== null} onClick={() => void run('xlsx')}>
          导出 Excel
        </ActionButton>
        <ActionButton className="e2e-coverage-export-csv" loading={busy === 'csv'} disabled={busy !== null} onClick={() => void run('csv')}>
          导出 CSV
        </ActionButton>
      </View>
      {error && <Text className="field-error e2e-coverage-export-error">{error}</Text>}
      {done && <Text className="section__hint e2e-coverage-export-done">{done}</Text>}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import type { ScopeInput } from '@core/api/assessment.contract';
import { can } from '@core/people/permission';
import ActionButton from '../../../components/ActionButton';
import { useQuery } from '../../../hooks/use-query';
import { accountApi } from '../../account/api';
import { grantOf } from '../../account/me-view';
import { useExport, type ExportFormat } from '../../assessment/use-export';
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
  const { busy, error, done, run: exportAs } = useExport((file) => `已导出 ${file.fileName}，24 小时内有效`);
  if (!scope.data) return null;
  const today = beijingDate(Date.now());
  // The period does not narrow a notice's coverage (it is the notice's, whenever it was published).
  const run = (format: ExportFormat) => exportAs({ kind: 'coverage', format, scope: scope.data!, period: { from: today, to: today }, noticeId });

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

import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { EXPORT_KIND_LABELS, type ExportKind, type PeriodInput, type ScopeInput } from '@core/api/assessment.contract';
import ActionButton from '../../../components/ActionButton';
import Chips from '../../work/components/Chips';
import { useExport, type ExportFormat } from '../use-export';

// 通知到户情况 is exported per notice, from the notice's coverage page; here: what a period and scope report.
const KINDS: ExportKind[] = ['assessment', 'ranking', 'requests'];

/** 导出: the chosen table of the scope and period as Excel (XLSX) or CSV. */
export default function ExportBar({ scope, period }: { scope: ScopeInput; period: PeriodInput }) {
  const [kind, setKind] = useState<ExportKind>('assessment');
  const { busy, error, done, run: exportAs } = useExport((file) => `已导出 ${file.fileName}（${file.rows} 行），24 小时内有效`);
  const run = (format: ExportFormat) => exportAs({ kind, format, scope, period });

  return (
    <View className="section asm-export e2e-export">
      <Text className="section__title">导出报表</Text>
      <Chips<ExportKind> className="e2e-export-kind" value={kind} options={KINDS.map((k) => ({ value: k, label: EXPORT_KIND_LABELS[k] }))} onChange={(k) => k && setKind(k)} />
      <View className="asm-export__buttons">
        <ActionButton type="primary" className="e2e-export-xlsx" loading={busy === 'xlsx'} disabled={busy !== null} onClick={() => void run('xlsx')}>
          导出 Excel
        </ActionButton>
        <ActionButton type="ghost" className="e2e-export-csv" loading={busy === 'csv'} disabled={busy !== null} onClick={() => void run('csv')}>
          导出 CSV
        </ActionButton>
      </View>
      {error && <Text className="field-error e2e-export-error">{error}</Text>}
      {done && <Text className="section__hint e2e-export-done">{done}</Text>}
    </View>
  );
}

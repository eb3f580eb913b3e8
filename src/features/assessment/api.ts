import Taro from '@tarojs/taro';
import type { ActionInput } from '@core/api/contract';
import type { DashboardView, ExportView, FigureRequestsView, MyAssessmentView, PeriodInput, ScopeInput } from '@core/api/assessment.contract';
import type { IndicatorId } from '@core/assessment/indicators';
import { cloud } from '../../lib/cloud';

export type ExportInput = ActionInput<'assessment', 'export'>;

/** 考核评价: every call of the assessment subpackage (the scorecard on the contact card calls its own, in the main package). */
export const assessmentApi = {
  dashboard: (scope: ScopeInput, period: PeriodInput, rankBy?: 'community' | 'grid' | 'worker'): Promise<DashboardView> =>
    cloud.call('assessment', 'dashboard', rankBy ? { scope, period, rankBy } : { scope, period }),
  figureRequests: (scope: ScopeInput, period: PeriodInput, figure: IndicatorId, cursor?: string): Promise<FigureRequestsView> =>
    cloud.call('assessment', 'figureRequests', cursor ? { scope, period, figure, cursor } : { scope, period, figure }),
  mine: (period: PeriodInput): Promise<MyAssessmentView> => cloud.call('assessment', 'mine', { period }),
  export: (input: ExportInput): Promise<ExportView> => cloud.call('assessment', 'export', input),
};

/**
 * Opens an export the function wrote. H5: the browser downloads it from the URL (the gateway sends it as an
 * attachment). Weapp: the temporary URL of the cloud file is downloaded and opened with wx.openDocument, from
 * where the person can forward it to a chat.
 */
export async function openExport(file: ExportView): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a');
    a.href = file.url;
    a.download = file.fileName;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
    return;
  }
  const res = await Taro.downloadFile({ url: file.url });
  if (res.statusCode !== 200) throw new Error(`download ${res.statusCode}`);
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: file.fileName.endsWith('.csv') ? undefined : 'xlsx', showMenu: true } as Taro.openDocument.Option);
}

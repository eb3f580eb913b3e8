import type { AssessmentContract, ExportView } from '@core/api/assessment.contract';
import { cloud } from '../../lib/cloud';
import { deliverExport } from './deliver-export';

export type ExportRequest = AssessmentContract['assessment']['export']['input'];

/**
 * 导出 (staff of the scope): the function writes the file (XLSX or CSV, kept 24 h) and answers its link;
 * then H5 downloads it and weapp opens it in the document viewer (or shares a CSV to a chat). Resolves
 * with what was exported (file name, rows, until when the link works) for the page to confirm.
 */
export async function exportAssessmentFile(input: ExportRequest): Promise<ExportView> {
  const view = await cloud.call('assessment', 'export', input);
  await deliverExport(view, input.format);
  return view;
}
